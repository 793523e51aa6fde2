"""The one registry of every format credkg reads or writes.

Each :class:`Format` says its name, file suffixes, media type, and whether it
reads, writes or both; its reader and writer are named as ``module:function``
and imported on first use, as rdflib's plugin registry does, so that looking a
format up costs nothing and the registry imports none of them. Loading
(:func:`kg.formats.loading.load_dataset`), ``kg validate``, the store and
``kg export`` all find their formats here.

A reader is called as ``reader(path, fmt)`` and returns a
:class:`~kg.model.Dataset`; a writer as ``writer(ds, path, fmt, assessment)``
and returns the path written. Writers that need the credibility assessment
(``needs_assessment``) are given one by the caller (:mod:`kg.outputs`), since
this layer sits below the engine.

Examples:
    >>> FORMATS["turtle"].suffixes, FORMATS["turtle"].media_type
    (('.ttl',), 'text/turtle')
    >>> by_suffix("report.YML").name
    'yaml'
    >>> [f.name for f in FORMATS.values() if f.family == "rdf"]
    ['turtle', 'json-ld', 'nt', 'trig', 'nquads', 'rdfxml']
    >>> by_name("graphml").reads, by_name("graphml").writes
    (False, True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, Literal

from kg.errors import DatasetError, InputError

__all__ = ["FORMATS", "Format", "by_name", "by_suffix", "dataset_suffixes", "names"]

Family = Literal["dataset", "rdf", "graph", "claimreview", "liar"]


@dataclass(frozen=True)
class Format:
    """One format credkg reads or writes.

    Attributes:
        name: The name used on the command line (``--format NAME``).
        suffixes: File suffixes, the usual one first (lower case, with the dot).
        media_type: The IANA media type.
        family: ``dataset`` (credkg's own YAML/JSON/CSV), ``rdf``, ``graph`` (graph
            tools' formats), ``claimreview`` or ``liar``.
        reader: ``module:function`` that reads a file into a dataset, or None.
        writer: ``module:function`` that writes a dataset to a file, or None.
        detect: Chosen by suffix when a file is loaded as a dataset.
        rdflib: rdflib's name of an RDF syntax.
        quads: The syntax holds named graphs.
        needs_assessment: The writer needs the credibility assessment.
        description: One line for ``--help``.
    """

    name: str
    suffixes: tuple[str, ...]
    media_type: str
    family: Family
    reader: str | None = None
    writer: str | None = None
    detect: bool = False
    rdflib: str | None = None
    quads: bool = False
    needs_assessment: bool = False
    description: str = ""

    @property
    def reads(self) -> bool:
        """True if credkg reads this format."""
        return self.reader is not None

    @property
    def writes(self) -> bool:
        """True if credkg writes this format."""
        return self.writer is not None

    @property
    def suffix(self) -> str:
        """The usual file suffix."""
        return self.suffixes[0]

    def read(self, path: str | Path) -> Any:
        """Read ``path`` with this format's reader.

        Raises:
            InputError: the format is write-only.
        """
        if self.reader is None:
            raise InputError(f"credkg does not read {self.name}; read one of "
                             + ", ".join(names(reads=True)))
        fn: Callable[[Path, Format], Any] = _load(self.reader)
        return fn(Path(path), self)

    def write(self, ds: Any, path: str | Path, assessment: Any = None) -> Path:
        """Write ``ds`` to ``path`` atomically with this format's writer.

        Raises:
            InputError: the format is read-only.
        """
        if self.writer is None:
            raise InputError(f"credkg does not write {self.name}; write one of "
                             + ", ".join(names(writes=True)))
        fn: Callable[[Any, Path, Format, Any], Path] = _load(self.writer)
        return fn(ds, Path(path), self, assessment)


def _load(spec: str) -> Any:
    module, _, name = spec.partition(":")
    return getattr(import_module(module), name)


_RDF = "kg.formats.rdf"
_RDF_READ, _RDF_WRITE = f"{_RDF}:read_rdf", f"{_RDF}:write_dataset"

#: Every format, by name, in the order ``--help`` lists them.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("yaml", (".yaml", ".yml"), "application/yaml", "dataset",
           "kg.formats.loading:read_yaml", "kg.formats.writing:write_yaml", detect=True,
           description="credkg's dataset file (the documented schema, `kg schema`)"),
    Format("json", (".json",), "application/json", "dataset",
           "kg.formats.loading:read_json", "kg.formats.writing:write_json", detect=True,
           description="the same dataset as JSON"),
    Format("csv", (".csv",), "text/csv", "dataset",
           "kg.formats.csv:read_csv", "kg.formats.csv:write_csv", detect=True,
           description="one assertion per row (a spreadsheet, not a full copy)"),
    Format("turtle", (".ttl",), "text/turtle", "rdf", _RDF_READ, _RDF_WRITE, detect=True,
           rdflib="turtle", description="RDF Turtle, cred: vocabulary"),
    Format("json-ld", (".jsonld",), "application/ld+json", "rdf", _RDF_READ, _RDF_WRITE,
           detect=True, rdflib="json-ld", description="JSON-LD with credkg's own @context"),
    Format("nt", (".nt",), "application/n-triples", "rdf", _RDF_READ, _RDF_WRITE,
           detect=True, rdflib="nt", description="N-Triples (best for big files)"),
    Format("trig", (".trig",), "application/trig", "rdf", _RDF_READ, _RDF_WRITE,
           detect=True, rdflib="trig", quads=True, description="TriG, with named graphs"),
    Format("nquads", (".nq",), "application/n-quads", "rdf", _RDF_READ, _RDF_WRITE,
           detect=True, rdflib="nquads", quads=True, description="N-Quads, with named graphs"),
    Format("rdfxml", (".rdf", ".owl"), "application/rdf+xml", "rdf", _RDF_READ, None,
           detect=True, rdflib="xml", description="RDF/XML (read only)"),
    Format("graphml", (".graphml",), "application/graphml+xml", "graph",
           None, "kg.formats.graphs:write_graph",
           description="GraphML for graph tools (yEd, Gephi, Cytoscape)"),
    Format("gexf", (".gexf",), "application/gexf+xml", "graph",
           None, "kg.formats.graphs:write_graph", description="GEXF for Gephi"),
    Format("claimreview", (".claimreview.jsonld", ".jsonld", ".json", ".csv"),
           "application/ld+json", "claimreview",
           "kg.formats.claimreview:read_claimreview", "kg.formats.claimreview:write_claimreview",
           needs_assessment=True,
           description="schema.org ClaimReview: fact-check verdicts in, credkg's grades out"),
    Format("liar", (".tsv",), "text/tab-separated-values", "liar",
           "kg.formats.liar:read_liar", None,
           description="the LIAR data set's statements (speaker track records), read only"),
)}


def names(*, reads: bool | None = None, writes: bool | None = None) -> list[str]:
    """The names of the formats that read (or write), in registry order.

    Examples:
        >>> names(writes=True)[:3]
        ['yaml', 'json', 'csv']
    """
    return [f.name for f in FORMATS.values()
            if (reads is None or f.reads == reads) and (writes is None or f.writes == writes)]


def by_name(name: str) -> Format:
    """The format called ``name``.

    Raises:
        InputError: no such format; the message lists them.
    """
    try:
        return FORMATS[name]
    except KeyError:
        raise InputError(f"unknown format {name!r}; use one of " + ", ".join(FORMATS)) from None


def dataset_suffixes() -> tuple[str, ...]:
    """Every suffix a dataset file may have (``kg build``, ``kg add``, ``kg validate``)."""
    return tuple(s for f in FORMATS.values() if f.detect for s in f.suffixes)


def by_suffix(path: str | Path) -> Format:
    """The dataset format a file's suffix names.

    Raises:
        DatasetError: the suffix names no dataset format; the message lists them.
    """
    suffix = Path(path).suffix.lower()
    for f in FORMATS.values():
        if f.detect and suffix in f.suffixes:
            return f
    raise DatasetError(path, f"unknown file type {suffix or '(none)'!r}; use one of "
                       + ", ".join(dataset_suffixes()))
