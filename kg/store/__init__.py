"""The persistent store, ready-made SPARQL queries, the SPARQL endpoint and push.

Examples:
    >>> from kg.store import Store, run_query
    >>> from kg.seed import seed_dataset
    >>> store = Store()
    >>> _ = store.add_dataset(seed_dataset(), "seed")
    >>> rows = run_query(store, "origins", {"claim": "convicts-deserted"})
    >>> [r["name"] for r in rows]
    ["Sources within Ukraine's security forces"]
"""

from kg.errors import StoreError
from kg.store.index import Change, Document
from kg.store.queries import QUERIES, NamedQuery, run_query
from kg.store.results import Results
from kg.store.store import Store, add_files

__all__ = [
    "QUERIES",
    "Change",
    "Document",
    "NamedQuery",
    "Results",
    "Store",
    "StoreError",
    "add_files",
    "run_query",
]
