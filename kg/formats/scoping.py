"""Documents as scopes: every file loaded is one document, and its local ids live under it.

Drafts and hand-written files reuse the same local ids (``article``,
``claim-01``). So that any number of them load together, in memory and in a
store, a document's records get *scoped ids*: ``{doc}.{id}``, where ``doc`` is
the document id (the file name without its extension, as in ``kg add``, or
``--doc``). Their IRIs are then ``{base}{kind}/{doc}.{id}``, e.g.
``https://w3id.org/credkg/id/claim/kyiv-independent.claim-01``: the document's
slug is the first part of the IRI's last path segment.

The rule depends on the document alone, never on what else is loaded, so it is
the same in any order, and loading the same file again gives the same IRIs
(idempotent). Two exceptions keep today's files as they are:

* **A lone document in memory** (``kg build one.yaml``, ``kg score --data
  one.yaml``) keeps its ids: scoping only matters when documents meet.
* **A document that names its IRIs** keeps them, in a store too: an RDF file
  (its IRIs are absolute already) or a YAML/JSON file with a top-level
  ``base:``. Naming a base is the promise that the ids under it are the
  author's own; the bundled seed does this, so its IRIs never change.

A file points at a record of *another* document, or at a known entity,
explicitly, in a source's ``same_as`` list:

==========================  ===============================================================
``same_as`` value           means
==========================  ===============================================================
``http://...``, ``urn:...``  an external identifier (e.g. a Wikidata entity), as before
``known:reuters``           the entity ``reuters`` of the known-entity registry
                            (:mod:`kg.resolution.known`), IRI ``https://w3id.org/credkg/known/reuters``
``other-doc:ria``           source ``ria`` of document ``other-doc``, i.e. the IRI
                            ``{base}source/other-doc.ria``
==========================  ===============================================================

Entity resolution (:mod:`kg.resolution.merging`) merges sources that share a
``same_as`` value, or whose ``same_as`` names the other's IRI. Nothing else
crosses documents by itself: equal local ids in two documents are two records,
and a match by name or content is a logged, undoable merge.

Loading a file as a document is :func:`kg.formats.loading.load_document`; several
files, :func:`kg.formats.loading.load_datasets`.

Examples:
    >>> from kg.formats.loading import parse_dataset
    >>> ds = parse_dataset('''
    ... sources:
    ...   - {id: ria, kind: news_outlet, name: RIA Novosti,
    ...      same_as: ["known:ria-novosti", "seed:ria"]}
    ... claims: [{id: claim-01, text: x}]
    ... assertions: [{id: a1, source: ria, claim: claim-01}]
    ... ''')
    >>> scoped = scope_dataset(ds, "draft-a")
    >>> [r.id for r in scoped.records()]
    ['draft-a.ria', 'draft-a.claim-01', 'draft-a.a1']
    >>> scoped.assertion("draft-a.a1").source
    'draft-a.ria'
    >>> scoped.source("draft-a.ria").same_as  # doctest: +NORMALIZE_WHITESPACE
    ('https://w3id.org/credkg/id/source/seed.ria',
     'https://w3id.org/credkg/known/ria-novosti')
    >>> scope_dataset(scoped, "draft-a") == scope_dataset(ds, "draft-a")  # idempotent
    True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.errors import DatasetError
from kg.model import DEFAULT_BASE, RECORD_LISTS, Dataset

__all__ = [
    "KNOWN_BASE",
    "SEPARATOR",
    "declares_base",
    "document_slug",
    "expand_raw",
    "expand_same_as",
    "scope_dataset",
    "scoped_id",
]

#: Between the document id and the local id in a scoped id.
SEPARATOR = "."
#: Known entities (:mod:`kg.resolution.known`) have IRIs ``{KNOWN_BASE}{id}``.
KNOWN_BASE = "https://w3id.org/credkg/known/"
_MAX_ID = 200
_ID = r"[A-Za-z0-9][A-Za-z0-9._~-]*"
_QUALIFIED = re.compile(rf"^(?P<doc>{_ID}):(?P<id>{_ID})$")
#: Prefixes that make a ``same_as`` value an IRI, not a qualified reference.
_IRI_SCHEMES = frozenset({"http", "https", "urn", "mailto", "doi", "isbn", "tag", "ftp"})


def document_slug(path: str | Path) -> str:
    """The document id of a file: its name without extension, as a credkg id.

    The same rule as :func:`kg.store.store.document_id` (``kg add``).

    Examples:
        >>> document_slug("drafts/Kyiv Independent (2025).yaml")
        'Kyiv_Independent_2025'
    """
    name = Path(path).name
    stem = name.split(".")[0] if name else str(path)
    ident = re.sub(r"[^A-Za-z0-9._~-]+", "_", stem).strip("_.~-")
    return ident[:_MAX_ID] or "document"


def scoped_id(doc: str, id: str) -> str:
    """The id of record ``id`` of document ``doc``: ``{doc}.{id}`` (idempotent).

    Examples:
        >>> scoped_id("draft-a", "claim-01")
        'draft-a.claim-01'
        >>> scoped_id("draft-a", "draft-a.claim-01")
        'draft-a.claim-01'
    """
    prefix = doc + SEPARATOR
    if id.startswith(prefix):
        return id
    full = prefix + id
    if len(full) <= _MAX_ID:
        return full
    digest = hashlib.sha256(id.encode()).hexdigest()[:16]
    return (prefix + id)[: _MAX_ID - 17] + "-" + digest


def expand_same_as(value: str, doc: str | None, base: str) -> str:
    """A ``same_as`` value as an IRI: ``known:X`` and ``doc:id`` expanded, IRIs kept.

    Examples:
        >>> expand_same_as("known:reuters", "a", "https://w3id.org/credkg/id/")
        'https://w3id.org/credkg/known/reuters'
        >>> expand_same_as("b:ria", "a", "https://w3id.org/credkg/id/")
        'https://w3id.org/credkg/id/source/b.ria'
        >>> expand_same_as("http://www.wikidata.org/entity/Q130879", "a", "x:")
        'http://www.wikidata.org/entity/Q130879'
    """
    match = _QUALIFIED.match(value)
    if match is None or match["doc"].lower() in _IRI_SCHEMES:
        return value
    if match["doc"] == "known":
        return KNOWN_BASE + match["id"]
    return f"{base}source/{scoped_id(match['doc'], match['id'])}"


def expand_raw(data: Any) -> Any:
    """Parsed file data with every source's ``same_as`` expanded (:func:`expand_same_as`).

    Run before validation, so that the model sees only IRIs: ``known:X`` and
    ``doc:id`` are file syntax, not identifiers.
    """
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        return data
    given = data.get("base")
    base: str = given if isinstance(given, str) else DEFAULT_BASE
    sources = []
    for s in data["sources"]:
        if isinstance(s, dict) and isinstance(s.get("same_as"), list):
            s = {**s, "same_as": [expand_same_as(v, None, base) if isinstance(v, str) else v
                                  for v in s["same_as"]]}
        sources.append(s)
    return {**data, "sources": sources}


def declares_base(ds: Dataset) -> bool:
    """Whether the file named its own IRIs (a top-level ``base:``, or RDF)."""
    return "base" in ds.model_fields_set


def scope_dataset(ds: Dataset, doc: str | None) -> Dataset:
    """The dataset with every id scoped to document ``doc`` (``None``: ids kept).

    ``same_as`` values are expanded (:func:`expand_same_as`) either way.
    """
    def sid(x: str) -> str:
        return x if doc is None else scoped_id(doc, x)

    def ids(xs: Iterable[str]) -> list[str]:
        return [sid(x) for x in xs]

    lists: dict[str, list[dict[str, Any]]] = {}
    for name in RECORD_LISTS:
        out = []
        for record in getattr(ds, name):
            data = record.model_dump()
            data["id"] = sid(data["id"])
            for key in ("source", "claim", "report", "published_by", "reviewer"):
                if data.get(key) is not None:
                    data[key] = sid(data[key])
            for key in ("about", "affiliated_with", "cites", "contradicts", "supports"):
                if key in data:
                    data[key] = ids(data[key])
            if "same_as" in data:
                data["same_as"] = [expand_same_as(v, doc, ds.base) for v in data["same_as"]]
            out.append(data)
        lists[name] = out
    payload: dict[str, Any] = dict(lists)
    if declares_base(ds) or ds.base != DEFAULT_BASE:
        payload["base"] = ds.base  # (kept as declared: it names the IRIs)
    return Dataset.model_validate(payload)


def document_ids(paths: Sequence[str | Path]) -> list[str]:
    """A document id for each file, distinct within the set and independent of its order.

    Files with the same name in different folders get their folder's name in front.

    Raises:
        DatasetError: two files would still get the same id.
    """
    stems = [document_slug(p) for p in paths]
    out = []
    for path, stem in zip(paths, stems, strict=True):
        if stems.count(stem) > 1:
            parent = document_slug(Path(path).resolve().parent.name or "root")
            stem = f"{parent}-{stem}"
        out.append(stem)
    for path, ident in zip(paths, out, strict=True):
        if out.count(ident) > 1:
            raise DatasetError(path, f"another file would also be document {ident!r}; "
                               "give the files different names")
    return out
