"""A persistent, embedded RDF store of credkg documents, on pyoxigraph.

Each loaded *document* (a file, or a dataset added from Python) lives in a named
graph of its own, so that it can be listed and removed exactly. The document id
is by default the file name without its extension (``seed.yaml`` -> ``seed``),
reduced to the characters of credkg ids; ``--doc`` / ``doc_id`` sets another.
Document ``D`` is described by the IRI ``https://w3id.org/credkg/id/document/D``
and its triples sit in the graph ``.../document/D/{hash}``, where ``hash`` begins
the SHA-256 of the content, so that a new version of a document is loaded beside
the old one and swapped in by one transaction.

Loads are transactional. The quads are written into the document's fresh graph;
only a final, small transaction (which registers the graph in the index graph
:data:`INDEX_GRAPH` in place of the previous version) makes them part of the
store. A failure before that removes the fresh graph; a crash leaves an
unregistered graph that the next :meth:`Store.open` removes. Loading the same
content under the same id again changes nothing.

After that commit, the previous version is dropped one small transaction per
quad and the assessment graph is updated by difference, new quads going through
the bulk loader (one transaction over millions of quads would hold them all in
memory: 9.5 GB to replace the assessment of 100k claims). The index marks the
assessment as pending until it is written; if the process dies in between, the
next writable open finishes the job (drops what is left, computes the
assessment again), and a read-only open refuses the store until then.

After each add or remove the credibility assessment (when :mod:`kg.credibility` is
installed) in the named graph ``{base}graph/assessment`` is brought up to date: only
the region the change can affect is re-assessed and rewritten (:mod:`kg.store.region`,
which also says when the whole store is recomputed instead); :meth:`Store.reassess`
always recomputes it all.

Queries see the union of all graphs as their default graph.

Examples:
    >>> from kg.seed import seed_dataset
    >>> store = Store()                       # in memory; Store.open(path) for disk
    >>> result = store.add_dataset(seed_dataset(), "seed")
    >>> result.status, result.triples > 300
    ('added', True)
    >>> store.add_dataset(seed_dataset(), "seed").status
    'unchanged'
    >>> [d.id for d in store.documents()]
    ['seed']
    >>> len(store.dataset().claims)
    15
    >>> store.remove("seed").status
    'removed'
    >>> store.documents()
    []
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import pyoxigraph as ox

from kg.errors import CredkgError, DatasetError, InputError
from kg.formats.guards import check_iri, check_xml_file, inline_contexts
from kg.formats.registry import by_suffix
from kg.formats.text import MAX_RDF_BYTES, check_regular_file, read_text
from kg.model import Dataset
from kg.store.base import StoreBase
from kg.store.bulk import bulk_load, read_file, scan_file
from kg.store.full_write import FullAssessment
from kg.store.index import (
    _PENDING,
    DOCUMENT_BASE,
    Change,
    Document,
    assessment_graph_iri,
    check_doc_id,
    delete_index,
    document_id,
    insert_index,
)
from kg.store.region import RegionUpdate, base_mark, region_update
from kg.store.terms import to_ox_quad
from kg.store.tracks import full_indexes

__all__ = ["Resolver", "Store", "add_files"]

#: A hook for entity resolution: (existing union, incoming) -> incoming with merged ids.
Resolver = Callable[[Dataset, Dataset], Dataset]



def _rdf_format(path: Path) -> ox.RdfFormat | None:
    """pyoxigraph's parser for an RDF file (by the registry's media type), or None.

    RDF files are loaded as they are, by pyoxigraph's parsers (no model check at load).
    """
    fmt = by_suffix(path)
    return ox.RdfFormat.from_media_type(fmt.media_type) if fmt.family == "rdf" else None


@dataclass(frozen=True)
class _Staged:
    """A file written into its fresh graph, waiting for the commit."""

    doc: str
    graph: ox.NamedNode
    digest: str
    source: str
    triples: int
    old: Document | None


def _naming(error: CredkgError, path: Path, files: int) -> CredkgError:
    """``error`` as raised for one of ``files`` files: naming the file, saying nothing went in."""
    if files == 1:
        return error
    message = str(error) if str(path) in str(error) else f"{path}: {error}"
    named = (InputError if isinstance(error, InputError) else CredkgError)(
        f"{message}; nothing was added: the {files} files go in together or not at all")
    named.exit_code = error.exit_code
    return named


class Store(StoreBase):
    """An embedded credkg store: documents in named graphs, queried with SPARQL.

    Args:
        path: A folder for an on-disk store (created if missing); ``None`` keeps
            the store in memory.
        read_only: Open an existing on-disk store read-only.

    Raises:
        StoreError: the folder cannot be opened as a store (e.g. another
            process holds it open for writing).
        StoreBusy: (writing) a ``kg serve`` holds the store (:mod:`kg.store.lock`).
    """

    #: Who asks for the assessments this store writes (``kg add --agent``), recorded in
    #: their provenance (:mod:`kg.store.provenance`); None: nobody is named.
    agent: str | None = None
    #: The content digest of each document graph written but not yet in the index.
    _fresh_digests: Mapping[str, str] = MappingProxyType({})

    def add_dataset(
        self,
        ds: Dataset,
        doc_id: str,
        *,
        source: str = "",
        resolver: Resolver | None = None,
        assess: bool = True,
    ) -> Change:
        """Add (or replace) a document holding a dataset, in one transaction.

        Args:
            ds: The dataset; its RDF form (:func:`kg.formats.rdf.quads`) is stored.
            doc_id: The document id; a document with the same id is replaced.
            source: Where the data came from, kept in the index.
            resolver: Optional entity resolution: called as ``resolver(union,
                ds)`` with the store's current union (without this document) and
                must return ``ds`` rewritten to merged ids.
            assess: Recompute the assessment graph afterwards.

        Returns:
            The change; "unchanged" when the same content is already stored under ``doc_id``.
        """
        from kg.formats.rdf import quads

        check_doc_id(doc_id)
        digest = hashlib.sha256(ds.model_dump_json().encode()).hexdigest()
        if self._unchanged(doc_id, digest):
            return Change(doc_id, "unchanged", self.document(doc_id).triples, False)
        if resolver is not None:
            others = [d.graph for d in self.documents() if d.id != doc_id]
            ds = resolver(self._dataset(others), ds)

        def write(graph: ox.NamedNode) -> int | None:
            stream = (to_ox_quad(s, p, o, graph) for s, p, o, _ in quads(ds))
            self._write(stream)
            return None

        return self._load(doc_id, digest, source, write, assess)

    def add_file(
        self,
        path: str | Path,
        doc_id: str | None = None,
        *,
        progress: bool = False,
        resolver: Resolver | None = None,
        assess: bool = True,
        replace: bool = False,
        scope: bool = True,
    ) -> Change:
        """Add a document from a file, in one transaction.

        YAML, JSON and CSV files are loaded and checked as datasets
        (:func:`kg.formats.loading.load_dataset`). RDF files (``.nt``, ``.nq``, ``.ttl``,
        ``.trig``, ``.jsonld``, ``.rdf``) are streamed into the store by
        pyoxigraph's parser as they are, with a progress bar when ``progress``
        is true and the file is large; the credkg model checks them when the
        assessment reads the store back.

        Args:
            path: The file.
            doc_id: The document id; default :func:`document_id` of the file name.
            progress: Show a progress bar (on stderr) for large files.
            resolver: See :meth:`add_dataset` (dataset files only).
            assess: Recompute the assessment graph afterwards.
            replace: Replace a document of the same id that holds other content
                (without it, that is an error: nothing is replaced by accident).
            scope: Scope a dataset file's ids to the document (``{doc}.{id}``), unless
                it names its base (:mod:`kg.formats.scoping`); off, the ids are kept.

        Raises:
            InputError: the id names a document with other content and
                ``replace`` is false, or the file is not valid.
        """
        path = Path(path)
        doc = doc_id if doc_id is not None else document_id(path)
        [change] = self.add_file_group([(path, doc)], progress=progress, resolver=resolver,
                                       assess=assess, replace=replace, scope=scope)
        return change

    def add_file_group(
        self,
        files: Iterable[tuple[str | Path, str]],
        *,
        progress: bool = False,
        resolver: Resolver | None = None,
        assess: bool = True,
        replace: bool = False,
        scope: bool = True,
    ) -> list[Change]:
        """Add several files, (path, document id) pairs, all in one commit: all or none.

        Each file is written into a fresh graph first; one small transaction then
        registers them all in the index. If any file fails (it does not parse, is
        not valid, or would replace a document without ``replace``), the fresh
        graphs are dropped, the store is as it was, and the error names the file.

        Args:
            files: (path, document id) pairs; the ids must differ.
            progress: Show a progress bar (on stderr) for large files.
            resolver: See :meth:`add_dataset` (dataset files only).
            assess: Recompute the assessment graph once, afterwards.
            replace: Let a file replace a document of its id that holds other content.
            scope: Scope dataset files' ids to their documents (see :meth:`add_file`).

        Returns:
            One :class:`Change` per file, in order.

        Examples:
            >>> import tempfile
            >>> from kg.model import Claim, Dataset
            >>> folder = Path(tempfile.mkdtemp())
            >>> good, bad = folder / "good.yaml", folder / "bad.yaml"
            >>> _ = good.write_text("claims: [{id: c1, text: Something.}]\\n")
            >>> _ = bad.write_text("claims: [{id: c1}]\\n")
            >>> store = Store()
            >>> store.add_file_group([(good, "good"), (bad, "bad")])  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            kg.errors.InputError: ...bad.yaml...; nothing was added: the 2 files go in ...
            >>> store.documents()
            []
        """
        pairs = [(Path(p), check_doc_id(d)) for p, d in files]
        staged: list[_Staged | Change] = []
        fresh: list[_Staged] = []
        try:
            for path, doc in pairs:
                try:
                    item = self._stage_file(path, doc, progress, resolver, replace, scope)
                except CredkgError as e:
                    raise _naming(e, path, len(pairs)) from None
                staged.append(item)
                if isinstance(item, _Staged):
                    fresh.append(item)
            assessment = None
            if fresh:
                ids = {f.doc for f in fresh}
                rest = [d.graph for d in self.documents() if d.id not in ids]
                if assess:
                    assessment = self._assessment_of_change(
                        [*rest, *(f.graph.value for f in fresh)],
                        new=[f.graph.value for f in fresh],
                        old=[f.old.graph for f in fresh if f.old is not None])
                self._commit(
                    " ;\n".join(
                        delete_index(f.doc) + " ;\n"
                        + insert_index(f.doc, f.graph.value, f.source, f.digest, f.triples)
                        for f in fresh),
                    pending=assessment is not None,
                )
        except BaseException:
            for f in fresh:
                self._drop_graph(f.graph)
            raise
        if fresh:
            self._finish([f.old.graph for f in fresh if f.old is not None], assessment)
        return [
            item if isinstance(item, Change) else Change(
                item.doc, "added" if item.old is None else "replaced", item.triples,
                assessment is not None)
            for item in staged
        ]

    def _stage_file(
        self, path: Path, doc: str, progress: bool, resolver: Resolver | None, replace: bool,
        scope: bool = True,
    ) -> _Staged | Change:
        """Write one file into a fresh graph (not yet in the index), or say it is unchanged."""
        fmt = _rdf_format(path)
        if fmt is None:
            from kg.formats.loading import load_document
            from kg.formats.rdf import quads

            ds = load_document(path, doc, scope=scope)  # the file's ids live under doc
            digest = hashlib.sha256(ds.model_dump_json().encode()).hexdigest()
            old = self._existing(doc, digest, path, replace)
            if isinstance(old, Change):
                return old
            if resolver is not None:
                ds = resolver(self._dataset([d.graph for d in self.documents() if d.id != doc]),
                              ds)
            graph = self._fresh_graph(doc, digest)
            try:
                self._write(to_ox_quad(s, p, o, graph) for s, p, o, _ in quads(ds))
                triples = self._count(graph)
            except BaseException:
                self._drop_graph(graph)
                raise
            return _Staged(doc, graph, digest, str(path), triples, old)
        check_regular_file(path)
        if fmt == ox.RdfFormat.RDF_XML:
            check_xml_file(path)
        facts = scan_file(path, count_lines=fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS))
        old = self._existing(doc, facts.digest, path, replace)
        if isinstance(old, Change):
            return old
        graph = self._fresh_graph(doc, facts.digest)
        try:
            if fmt == ox.RdfFormat.JSON_LD:  # contexts inline, never fetched
                text = inline_contexts(read_text(path, limit=MAX_RDF_BYTES), path)
                self._write(ox.Quad(q.subject, q.predicate, q.object, graph)
                            for q in ox.parse(text.encode("utf-8"), format=fmt))
            elif fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
                with read_file(path, progress=progress) as f:
                    self._write(
                        ox.Quad(q.subject, q.predicate, q.object, graph)
                        for q in ox.parse(f, format=fmt)
                    )
            else:
                bulk_load(self.ox, path, fmt, graph, progress=progress, facts=facts)
            if facts.odd_iris or fmt in (ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML):
                self._check_iris(graph, path)
            triples = facts.statements if facts.statements is not None else self._count(graph)
        except SyntaxError as e:
            self._drop_graph(graph)
            raise DatasetError(path, f"cannot parse as {fmt.name}: {e}") from None
        except BaseException:
            self._drop_graph(graph)
            raise
        return _Staged(doc, graph, facts.digest, str(path), triples, old)

    def _existing(
        self, doc: str, digest: str, path: Path, replace: bool
    ) -> Document | Change | None:
        """The document ``doc`` that a file would replace (None: none), or "unchanged"."""
        old = next((d for d in self.documents() if d.id == doc), None)
        if old is None:
            return None
        if old.hash == digest:
            return Change(doc, "unchanged", old.triples, False)
        if not replace:
            where = f"from {old.source}" if old.source else "added from Python"
            raise InputError(
                f"{path}: the store already holds a document {doc!r} ({where}) with other "
                "content; add --replace to replace it, or --doc NAME to add this file beside it"
            )
        return old

    def _fresh_graph(self, doc: str, digest: str) -> ox.NamedNode:
        graph = ox.NamedNode(f"{DOCUMENT_BASE}{doc}/{digest[:16]}-{uuid.uuid4().hex[:8]}")
        self._fresh_digests = {**self._fresh_digests, graph.value: digest}
        return graph

    def remove(self, doc_id: str, *, assess: bool = True) -> Change:
        """Remove one document, exactly its graph, and recompute the assessment.

        Raises:
            NotFoundError: there is no such document.
        """
        from kg.store.drop import copy_is_cheaper, rebuild_without

        old = self.document(doc_id)
        others = [d for d in self.documents() if d.id != doc_id]
        rest = [d.graph for d in others]
        if copy_is_cheaper(self, old, others):  # most of the store: copy the rest instead
            whole = self._assessment(rest, mark=True) if assess else None
            if rebuild_without(self, old, whole):
                return Change(doc_id, "removed", old.triples, whole is not None)
        assessment = self._assessment_of_change(rest, old=[old.graph]) if assess else None
        self._commit(delete_index(doc_id), pending=assessment is not None)
        self._finish([old.graph], assessment)
        return Change(doc_id, "removed", old.triples, assessment is not None)

    def reassess(self) -> bool:
        """Recompute the assessment graph over the whole store; False if no engine is installed."""
        assessment = self._full_assessment([d.graph for d in self.documents()], mark=True)
        if assessment is None:
            return False
        self._commit("", pending=True)
        self._finish([], assessment)
        return True

    def dataset_of(self, graphs: list[str]) -> Dataset:
        """The union of these document graphs as one dataset (``--as-of``: some documents).

        Raises:
            DatasetError: the documents together do not form a valid dataset.
        """
        return self._dataset(graphs)

    def assess_graphs(self, graphs: list[str]) -> list[ox.Quad]:
        """The assessment of just these document graphs, as quads, not written to the
        store: what it would hold with only those documents (``--as-of``); none
        without an engine."""
        found = self._assessment(graphs)
        return [] if found is None else found[1]

    def _load(
        self,
        doc_id: str,
        digest: str,
        source: str,
        write: Callable[[ox.NamedNode], int | None],
        assess: bool,
    ) -> Change:
        """Write a document's fresh graph with ``write`` (which may return its triple
        count, else the graph is counted), then commit it, or drop it on failure."""
        graph = self._fresh_graph(doc_id, digest)
        old = next((d for d in self.documents() if d.id == doc_id), None)
        try:
            counted = write(graph)
            triples = self._count(graph) if counted is None else counted
            rest = [d.graph for d in self.documents() if d.id != doc_id]
            assessment = (self._assessment_of_change(
                [*rest, graph.value], new=[graph.value], old=[] if old is None else [old.graph])
                          if assess else None)
            self._commit(
                delete_index(doc_id) + " ;\n"
                + insert_index(doc_id, graph.value, source, digest, triples),
                pending=assessment is not None,
            )
        except BaseException:
            self._drop_graph(graph)
            raise
        self._finish([] if old is None else [old.graph], assessment)
        status: Literal["added", "replaced"] = "added" if old is None else "replaced"
        return Change(doc_id, status, triples, assessment is not None)

    def _check_iris(self, graph: ox.NamedNode, path: Path) -> None:
        """Refuse a loaded graph holding an IRI of a scheme other than http(s) or urn."""
        found = self.ox.query(
            "SELECT ?x ?g WHERE { GRAPH ?g { { ?x ?p ?o } UNION { ?s ?x ?o } UNION { ?s ?p ?x } }"
            ' FILTER(isIRI(?x) && !REGEX(STR(?x), "^(https?|urn):", "i")) } LIMIT 1',
            substitutions={ox.Variable("g"): graph},
        )
        for row in found:  # type: ignore[union-attr]
            check_iri(row["x"].value, path)

    def _assessment_of_change(
        self, graphs: list[str], new: Iterable[str] = (), old: Iterable[str] = (),
    ) -> FullAssessment | tuple[str, list[ox.Quad]] | RegionUpdate | None:
        """The assessment after a change that adds the graphs ``new`` and removes ``old``:
        only the region it can affect, where :mod:`kg.store.region` allows (its provenance
        then replaces the previous one as a whole), else :meth:`_assessment` of it all."""
        from kg.store.provenance import now, region_provenance

        started = now()
        new, old = list(new), list(old)
        update = region_update(self.ox, graphs, new, old)
        if update is None:
            return self._full_assessment(graphs, mark=True)
        region_provenance(self, update, graphs, new, old, started)
        return update

    def _assessment(
        self, graphs: list[str], *, mark: bool = False,
    ) -> tuple[str, list[ox.Quad]] | None:
        """The assessment graph of the union of ``graphs``, with its provenance, as quads;
        None without an engine (see :meth:`_full_assessment`)."""
        full = self._full_assessment(graphs, mark=mark)
        if full is None or isinstance(full, tuple):
            return full
        return full.graph, full.all_quads()

    def _full_assessment(
        self, graphs: list[str], *, mark: bool = False,
    ) -> FullAssessment | tuple[str, list[ox.Quad]] | None:
        """The assessment graph of the union of ``graphs``, with its provenance, its
        triples as N-Triples lines made as they are written (:mod:`kg.store.full_write`);
        (graph, []) when there is nothing to assess; None without an engine. With
        ``mark``, also the index mark that lets the next change be assessed incrementally
        (:func:`kg.store.region.base_mark`), where it applies."""
        from collections import Counter

        from kg.credibility import assess
        from kg.formats.assessment import assessment_lines
        from kg.store.provenance import assessment_provenance, now
        from kg.store.reader import read_dataset
        from kg.store.trust import discovered_trust

        started = now()
        bases: Counter[str] = Counter()
        ds = read_dataset(self.ox, graphs, bases=bases)
        graph_iri = assessment_graph_iri(ds.base)
        if not ds.claims and not ds.sources:
            return graph_iri, []
        result = assess(ds, discovered=discovered_trust(self.ox, ds.base) or None)
        quads = assessment_provenance(self, ds, result, graphs, started)
        if mark and len(bases) == 1:
            quads.append(base_mark(ds.base))
            quads += full_indexes(self.ox, ds, graphs)
        return FullAssessment(graph_iri, assessment_lines(ds, result), quads)

    def _finish_interrupted(self) -> None:
        """Finish what a crash interrupted: drop orphan graphs, write a pending assessment,
        then compact, so that the dropped quads do not hold their space on disk."""
        orphans = self._orphans()
        pending = _PENDING in self.ox
        for g in orphans:
            self._drop_graph(g)
        if pending:
            assessment = self._full_assessment([d.graph for d in self.documents()], mark=True)
            # without the engine now, no graph is current: every assessment graph goes
            self._finish([], assessment if assessment is not None else ("", []))
        if (orphans or pending) and self.path is not None:
            self.optimize()


def add_files(
    store_path: str | Path,
    files: Iterable[str | Path],
    doc: str | None = None,
    progress: bool = True,
    *,
    assess: bool = True,
    replace: bool = False,
    agent: str | None = None,
) -> list[Change]:
    """Add files to the on-disk store at ``store_path``, one document each: all or none.

    This is what ``kg build FILE... --store PATH`` runs. The files go in by one
    commit (:meth:`Store.add_file_group`), which also replaces the assessment
    graph once; if one fails, none is added and the error names it.

    Args:
        store_path: The store's folder (created if missing).
        files: Dataset or RDF files.
        doc: A document id for a single file (default: from the file name).
        progress: Show a progress bar for large files.
        assess: Recompute the assessment graph after the load.
        replace: Let files replace documents of their ids that hold other content.
        agent: Who asks for the assessment, recorded in its provenance.

    Returns:
        One :class:`Change` per file.

    Raises:
        InputError: ``doc`` given with several files, two files map to the same id,
            a file would replace a document without ``replace``, or a file is bad.
    """
    paths = [Path(f) for f in files]
    if doc is not None and len(paths) != 1:
        raise InputError("--doc names one document; give exactly one file with it")
    ids = [doc if doc is not None else document_id(p) for p in paths]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InputError(
            f"several files would become document {dupes[0]!r}; load them one at a time "
            "with --doc to give each its own id"
        )
    store = Store.open(store_path)
    store.agent = agent
    changes = store.add_file_group(zip(paths, ids, strict=True), progress=progress,
                                   assess=assess, replace=replace)
    store.flush()
    return changes
