"""credkg: a source-credibility knowledge graph.

Who says what, citing whom, back to which origin; how independent the
corroboration is, and what contradicts it.

Examples:
    >>> import kg
    >>> ds = kg.seed_dataset()
    >>> [kg.format_chain(ds, c) for c in kg.provenance_chains(ds, "monthly-desertions-30k")]
    ['Publisher of the article (unnamed) -> Valery Gerasimov']
"""

from kg.errors import CredkgError
from kg.graph import to_networkx
from kg.loading import load_dataset, load_datasets
from kg.model import Assertion, Claim, Dataset, Quantity, Report, Source
from kg.provenance import format_chain, provenance_chains
from kg.rdf import from_rdf, to_rdf
from kg.seed import seed_dataset

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
