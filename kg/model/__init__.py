"""The data model: sources, reports, claims, assertions, and the dataset that holds them.

Every record is a frozen pydantic model with ``extra="forbid"`` and strict
types, so a misspelt YAML key or a number written as text is an error, not a
silent default. A :class:`Dataset` checks its references (every id it names
exists, no id is used twice, citations form no cycle) and puts itself in a
canonical form: a dataset is a set of facts, so records are sorted by id,
unordered lists are sorted, and ``contradicts`` is made symmetric. Two datasets
holding the same facts therefore compare equal, whatever order they were
written in.

Examples:
    >>> ds = Dataset(
    ...     sources=[Source(id="ria", kind="news_outlet", name="RIA Novosti"),
    ...              Source(id="anon", kind="anonymous_source", name="security sources")],
    ...     claims=[Claim(id="c1", text="Thousands deserted.")],
    ...     assertions=[Assertion(id="a2", source="ria", claim="c1", cites=["a1"]),
    ...                 Assertion(id="a1", source="anon", claim="c1")],
    ... )
    >>> [a.id for a in ds.assertions]
    ['a1', 'a2']
    >>> ds.source("ria").name
    'RIA Novosti'
"""

from kg.model.dataset import Dataset
from kg.model.fields import (
    DEFAULT_BASE,
    RECORD_LISTS,
    UNNAMED_KINDS,
    Rating,
    SourceKind,
)
from kg.model.records import (
    Assertion,
    Claim,
    Quantity,
    Report,
    Source,
    Verdict,
)
from kg.quantities import QuantityKind

__all__ = [
    "DEFAULT_BASE",
    "RECORD_LISTS",
    "UNNAMED_KINDS",
    "Assertion",
    "Claim",
    "Dataset",
    "Quantity",
    "QuantityKind",
    "Rating",
    "Report",
    "Source",
    "SourceKind",
    "Verdict",
]
