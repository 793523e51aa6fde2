"""The store's index: which documents it holds, in which graphs, since when.

The index is the named graph :data:`INDEX_GRAPH`: per document its id, its graph,
its source, the SHA-256 of its content, its triple count and when it was added,
plus the mark that an assessment is being replaced. The store changes it by one
small transaction per write (the commit point of :mod:`kg.store.store`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from kg.errors import InputError
from kg.model import DEFAULT_BASE

__all__ = [
    "ASSESSMENT_GRAPH_NAME",
    "DOCUMENT_BASE",
    "INDEX_GRAPH",
    "Change",
    "Document",
    "assessment_graph_iri",
    "check_doc_id",
    "delete_index",
    "document_id",
    "insert_index",
]

#: Documents are described under this IRI prefix: ``{DOCUMENT_BASE}{doc}``.
DOCUMENT_BASE = f"{DEFAULT_BASE}document/"
#: The graph that lists the documents of the store (internal bookkeeping).
INDEX_GRAPH = "urn:credkg:store"
#: The assessment graph of a dataset with base ``base`` is ``{base}graph/`` + this.
ASSESSMENT_GRAPH_NAME = "assessment"

_S = "urn:credkg:store#"
_GRAPH = ox.NamedNode(_S + "graph")
_ID = ox.NamedNode(_S + "id")
_SOURCE = ox.NamedNode(_S + "source")
_HASH = ox.NamedNode(_S + "hash")
_TRIPLES = ox.NamedNode(_S + "triples")
_ADDED = ox.NamedNode(_S + "added")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INDEX = ox.NamedNode(INDEX_GRAPH)
#: In the index while the assessment is being replaced (see the module docstring).
_PENDING = ox.Quad(_INDEX, ox.NamedNode(_S + "assessmentPending"), ox.Literal("true"), _INDEX)


@dataclass(frozen=True)
class Document:
    """One document of the store.

    Attributes:
        id: The document id (``kg remove ID``).
        graph: The IRI of the named graph holding its triples.
        source: Where it came from (a file path), if known.
        hash: SHA-256 of its content (file bytes, or the canonical dataset JSON).
        triples: How many triples it holds (for an N-Triples or N-Quads file: how
            many statements the file has, a repeated statement counting each time).
        added: When it was loaded (UTC, ISO 8601).
    """

    id: str
    graph: str
    source: str
    hash: str
    triples: int
    added: str


@dataclass(frozen=True)
class Change:
    """What an add or remove did: ``status`` is "added", "replaced", "unchanged" or "removed"."""

    doc: str
    status: Literal["added", "replaced", "unchanged", "removed"]
    triples: int
    assessed: bool


def document_id(path: str | Path) -> str:
    """The default document id of a file: its name without extension, as a credkg id.

    Examples:
        >>> document_id("data/RIA report (2024).yaml")
        'RIA_report_2024'
        >>> document_id("seed.nt")
        'seed'
    """
    stem = Path(path).name.split(".")[0] if Path(path).name else str(path)
    ident = re.sub(r"[^A-Za-z0-9._~-]+", "_", stem).strip("_.~-")
    return ident[:200] or "document"


def check_doc_id(doc: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,199}", doc):
        raise InputError(
            f"document id {doc!r} is not valid; use letters, digits and . _ ~ - "
            "(starting with a letter or digit)"
        )
    return doc


def assessment_graph_iri(base: str) -> str:
    return f"{base}graph/{ASSESSMENT_GRAPH_NAME}"


def delete_index(doc_id: str) -> str:
    doc = ox.NamedNode(DOCUMENT_BASE + doc_id)
    return f"DELETE WHERE {{ GRAPH {_INDEX} {{ {doc} ?p ?o }} }}"


def insert_index(doc_id: str, graph: str, source: str, digest: str, triples: int) -> str:
    doc = ox.NamedNode(DOCUMENT_BASE + doc_id)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    facts = [
        (_ID, ox.Literal(doc_id)),
        (_GRAPH, ox.NamedNode(graph)),
        (_HASH, ox.Literal(digest)),
        (_TRIPLES, ox.Literal(str(triples), datatype=ox.NamedNode(_XSD + "integer"))),
        (_ADDED, ox.Literal(now, datatype=ox.NamedNode(_XSD + "dateTime"))),
    ]
    if source:
        facts.append((_SOURCE, ox.Literal(source)))
    body = " ".join(f"{doc} {p} {o} ." for p, o in facts)
    return f"INSERT DATA {{ GRAPH {_INDEX} {{ {body} }} }}"
