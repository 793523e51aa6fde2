"""credkg: a source-credibility knowledge graph.

Who says what, citing whom, back to which origin; how independent the
corroboration is, and what contradicts it.

The names below are imported on first use, so that ``import kg`` (and every
``kg`` command) does not pay for rdflib and networkx until they are needed.

Examples:
    >>> import kg
    >>> ds = kg.seed_dataset()
    >>> [kg.format_chain(ds, c) for c in kg.provenance_chains(ds, "monthly-desertions-30k")]
    ['Publisher of the article (unnamed) -> Valery Gerasimov']
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.credibility.provenance import format_chain, provenance_chains
    from kg.errors import CredkgError
    from kg.formats.loading import load_dataset, load_datasets
    from kg.formats.rdf import from_rdf, to_rdf
    from kg.graph import to_networkx
    from kg.model import Assertion, Claim, Dataset, Quantity, Report, Source
    from kg.seed import seed_dataset

#: Public name -> the module that defines it.
_HOME = {
    "Assertion": "kg.model",
    "Claim": "kg.model",
    "CredkgError": "kg.errors",
    "Dataset": "kg.model",
    "Quantity": "kg.model",
    "Report": "kg.model",
    "Source": "kg.model",
    "format_chain": "kg.credibility.provenance",
    "from_rdf": "kg.formats.rdf",
    "load_dataset": "kg.formats.loading",
    "load_datasets": "kg.formats.loading",
    "provenance_chains": "kg.credibility.provenance",
    "seed_dataset": "kg.seed",
    "to_networkx": "kg.graph",
    "to_rdf": "kg.formats.rdf",
}

__all__ = [
    "Assertion",
    "Claim",
    "CredkgError",
    "Dataset",
    "Quantity",
    "Report",
    "Source",
    "format_chain",
    "from_rdf",
    "load_dataset",
    "load_datasets",
    "provenance_chains",
    "seed_dataset",
    "to_networkx",
    "to_rdf",
]


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(import_module(_HOME[name]), name)
        globals()[name] = value  # later lookups skip this hook
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
