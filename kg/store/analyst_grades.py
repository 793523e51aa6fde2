"""The analysts' grades of a store's sources, read by index, for an assessment's provenance.

Every assessment records, for each analyst's grade of a source, who set it, when and
why (:func:`kg.formats.assessment_provenance.grade_quads`). A full assessment reads
them with the whole dataset; an incremental one reads only its region, yet its
provenance replaces the previous one whole, so it needs every graded source of the
store: :func:`analyst_graded` finds them by one pattern lookup per document graph
(``cred:analystReliability``, which only an analyst's grade states) and reads just
those records.

Examples:
    >>> from kg.seed import seed_dataset
    >>> from kg.store import Store
    >>> store = Store()
    >>> _ = store.add_dataset(seed_dataset(), "seed")
    >>> graded = analyst_graded(store.ox, [d.graph for d in store.documents()])
    >>> sorted((s.id, s.reliability) for s in graded.sources)
    [('article-publisher', 'F')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from pydantic import TypeAdapter

from kg.model import Dataset, Source
from kg.model.fields import Moment
from kg.namespace import CRED, GRADING

__all__ = ["analyst_graded", "grades_untouched", "kept_collection"]

_ANALYST = ox.NamedNode(str(CRED.analystReliability))
_FIELDS = [(field, ox.NamedNode(str(prop))) for field, prop in GRADING]
_ID = re.compile(r"source/(?P<id>[^/#]+)$")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_COLLECTION = ox.NamedNode("http://www.w3.org/ns/prov#Collection")
_MOMENT: TypeAdapter[Any] = TypeAdapter(Moment)


def analyst_graded(store: ox.Store, graphs: Iterable[str]) -> Dataset:
    """The sources of the document ``graphs`` that carry an analyst's grade, with who set
    it, when and why: a dataset of those sources alone, holding just those fields (the
    rest of each record is not read). Four pattern lookups a graph, whatever its size."""
    found: dict[str, dict[str, Any]] = {}
    for g in (ox.NamedNode(g) for g in graphs):
        for q in store.quads_for_pattern(None, _ANALYST, None, g):
            match = _ID.search(q.subject.value) if isinstance(q.subject, ox.NamedNode) else None
            if match is not None and isinstance(q.object, ox.Literal):
                found.setdefault(match.string, {"id": match["id"]})["reliability"] = \
                    q.object.value
        for field, prop in _FIELDS:
            for q in store.quads_for_pattern(None, prop, None, g):
                fields = found.get(getattr(q.subject, "value", ""))
                if fields is not None and isinstance(q.object, ox.Literal):
                    value = q.object.value
                    fields[field] = (_MOMENT.validate_python(value)
                                     if field == "reliability_set_at" else value)
    sources = tuple(Source.model_construct(**fields) for _, fields in sorted(found.items()))
    return Dataset.model_construct(sources=sources)


def grades_untouched(store: ox.Store, after: Iterable[str], new: Iterable[str],
                     old: Iterable[str]) -> bool:
    """True if a change that adds the document graphs ``new`` and removes ``old``
    (``after``: the documents once it is made) leaves the store's analysts' grades as
    they were: each statement of a grade, or of who set it, when or why, that the
    change adds or removes is also made by a document on the other side of it (as when
    an article declares a graded source of the store as the store does). A lookup per
    such statement, four pattern lookups a changed graph.

    Examples:
        >>> from kg.seed import seed_dataset
        >>> from kg.store import Store
        >>> store = Store()
        >>> _ = store.add_dataset(seed_dataset(), "seed")
        >>> seed = store.document("seed").graph
        >>> grades_untouched(store.ox, [seed], [seed], [])  # a first grade
        False
        >>> graded = [s for s in seed_dataset().sources if s.reliability]
        >>> _ = store.add_dataset(Dataset(sources=graded), "again")
        >>> again = store.document("again").graph
        >>> grades_untouched(store.ox, [seed, again], [again], [])  # the same grades again
        True
    """
    after, new, old = set(after), set(new), set(old)
    rest = after - new
    for changed, other in ((new, rest | old), (old, rest | new)):
        for g in (ox.NamedNode(g) for g in changed):
            for prop in (_ANALYST, *(p for _, p in _FIELDS)):
                for q in store.quads_for_pattern(None, prop, None, g):
                    if not any(isinstance(x.graph_name, ox.NamedNode)
                               and x.graph_name.value in other
                               for x in store.quads_for_pattern(q.subject, prop, q.object)):
                        return False
    return True


def kept_collection(store: ox.Store, graph: str) -> str | None:
    """The IRI of the analysts' grades' collection in the assessment ``graph``
    (:func:`kg.formats.assessment_provenance.provenance_quads`); None if there is none,
    or more than one."""
    found = [q.subject for q in store.quads_for_pattern(None, _TYPE, _COLLECTION,
                                                        ox.NamedNode(graph))]
    if len(found) != 1 or not isinstance(found[0], ox.NamedNode):
        return None
    return found[0].value
