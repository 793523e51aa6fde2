"""The persistent store: documents in named graphs, idempotent and transactional loads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings

from kg.errors import DatasetError, InputError, NotFoundError, StoreError
from kg.formats.rdf import quads, write_rdf
from kg.formats.scoping import scope_dataset
from kg.model import Assertion, Claim, Dataset, Source
from kg.seed import seed_dataset
from kg.store import Store, add_files
from kg.store import base as base_module
from kg.store import bulk as bulk_module
from kg.store.index import DOCUMENT_BASE, INDEX_GRAPH, document_id
from kg.store.provenance import provenance_nodes
from kg.store.tracks import INDEX_GRAPHS
from kg.synthetic import write_synthetic
from tests.conftest import ROOT, Result
from tests.strategies import datasets

SEED = ROOT / "kg" / "data" / "seed.yaml"
ASSESSMENT = "https://w3id.org/credkg/id/graph/assessment"


def snapshot(store: Store) -> set[tuple[str, str, str, str]]:
    """Every quad of the store as text, index and all."""
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in store.ox.quads_for_pattern(None, None, None, None)}


def small() -> Dataset:
    return Dataset(
        sources=[Source(id="x", kind="news_outlet", name="Outlet X")],
        claims=[Claim(id="cx", text="Something happened.")],
        assertions=[Assertion(id="ax", source="x", claim="cx")],
    )


@pytest.fixture
def seed_store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    add_files(path, [SEED], progress=False)
    return path


def test_persists_on_disk_and_reopens(seed_store: Path) -> None:
    store = Store.open(seed_store)
    [doc] = store.documents()
    assert doc.id == "seed" and doc.source == str(SEED)
    assert doc.graph.startswith(DOCUMENT_BASE + "seed/")
    assert store.dataset() == seed_dataset()
    assert doc.triples == sum(1 for _ in store.graph_quads(doc.graph))
    # the assessment graph was written beside the document
    assert sum(1 for _ in store.graph_quads(ASSESSMENT)) > 0


def test_each_document_has_its_own_named_graph(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(
        "sources: [{id: x, kind: news_outlet, name: Outlet X}]\n"
        "claims: [{id: cx, text: Something happened.}]\n"
        "assertions: [{id: ax, source: x, claim: cx}]\n", encoding="utf-8")
    store_path = tmp_path / "s"
    changes = add_files(store_path, [SEED, other], progress=False)
    assert [(c.doc, c.status) for c in changes] == [("seed", "added"), ("other", "added")]
    store = Store.open(store_path)
    assert [d.id for d in store.documents()] == ["other", "seed"]
    graphs = {d.id: d.graph for d in store.documents()}
    assert graphs["seed"] != graphs["other"]
    # each document is a scope (issue #13): other.yaml's ids live under "other."; the
    # seed names its base, so its ids stay its own
    assert store.dataset() == seed_dataset().merge(scope_dataset(small(), "other"))


def test_loading_the_same_file_twice_adds_nothing(seed_store: Path) -> None:
    before = snapshot(Store.open(seed_store))
    [change] = add_files(seed_store, [SEED], progress=False)
    assert change.status == "unchanged"
    assert snapshot(Store.open(seed_store)) == before


def test_same_content_under_a_new_name_adds_no_new_facts(seed_store: Path) -> None:
    store = Store.open(seed_store)
    facts = "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER (?p != <urn:credkg:store#added>) }"

    def union() -> set[tuple[str, ...]]:
        rows = store.ox.query(facts, use_default_graph_as_union=True)
        return {tuple(map(str, r)) for r in rows}  # type: ignore[union-attr]

    def facts_of(rows: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
        # each assessment records its own provenance (kg.store.provenance), and the store
        # keeps indexes of its own (urn:credkg:store...: kg.store.measures, kg.store.tracks)
        made = {str(n) for n in provenance_nodes(store)}
        return {r for r in rows if not r[0].startswith((f"<{DOCUMENT_BASE}", "<urn:credkg:store"))
                and r[0] not in made}

    before = facts_of(union())
    store.add_file(SEED, "seed-again")
    # stable IRIs: the union holds the same triples; only the index names a new document
    assert facts_of(union()) == before


def test_changed_file_replaces_its_document(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    write_yaml(path, small())
    store = Store()
    assert store.add_file(path).status == "added"
    bigger = small().merge(Dataset(claims=[Claim(id="cy", text="Another thing.")]))
    write_yaml(path, bigger)
    assert store.add_file(path, replace=True).status == "replaced"
    assert [d.id for d in store.documents()] == ["doc"]
    assert store.dataset() == scope_dataset(bigger, "doc")  # its ids live under "doc."
    data_graphs = {g.value for g in store.ox.named_graphs()
                   if isinstance(g, ox.NamedNode) and g.value.startswith(DOCUMENT_BASE)}
    assert data_graphs == {store.document("doc").graph}  # the old version is gone


def write_yaml(path: Path, ds: Dataset) -> None:
    import yaml

    data = ds.model_dump(mode="json", exclude_defaults=True)
    data.pop("base", None)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


def test_remove_takes_out_exactly_one_document(tmp_path: Path) -> None:
    store = Store()
    store.add_dataset(small(), "small")
    derived = {f"<{ASSESSMENT}>", *(f"<{g.value}>" for g in INDEX_GRAPHS)}
    only_small = snapshot(store) - {q for q in snapshot(store) if q[3] in derived}
    store.add_dataset(seed_dataset(), "seed")
    change = store.remove("seed")
    assert change.status == "removed" and change.assessed
    assert [d.id for d in store.documents()] == ["small"]
    assert store.dataset() == small()
    # everything but the assessment and its indexes (kept over what is left) is as before
    assert snapshot(store) - {q for q in snapshot(store) if q[3] in derived} == (
        only_small
    )
    assessed = {str(s) for s, _, _, _ in store.graph_quads(ASSESSMENT)}
    assert not any("convicts" in s for s in assessed)
    with pytest.raises(NotFoundError, match="no document 'seed'"):
        store.remove("seed")


def test_failed_load_halfway_leaves_the_store_unchanged(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s")
    store.add_dataset(small(), "small")
    before = snapshot(store)
    broken = tmp_path / "broken.nt"
    lines = write_synthetic(broken, 5000)  # ~74k triples: the loader writes many before failing
    with broken.open("a", encoding="utf-8") as f:
        f.write("<https://example.org/a> <https://example.org/b> this is not N-Triples .\n")
    with pytest.raises(DatasetError,
                       match=rf"broken\.nt: cannot parse as N-Triples: .*line {lines + 1}\b"):
        store.add_file(broken)
    assert snapshot(store) == before
    # a failing new version of an existing document keeps the old one
    broken_small = tmp_path / "small.nt"
    broken_small.write_text("<https://example.org/a> <https://example.org/b> <oops\n",
                            encoding="utf-8")
    with pytest.raises(DatasetError):
        store.add_file(broken_small, replace=True)
    assert snapshot(Store.open(tmp_path / "s2")) == set()
    assert snapshot(store) == before


def test_failure_while_writing_a_dataset_leaves_the_store_unchanged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = Store()
    store.add_dataset(small(), "small")
    before = snapshot(store)
    monkeypatch.setattr(base_module, "_BIG", 50)  # force several bulk batches

    def failing(ds: Dataset) -> Iterator[tuple[object, ...]]:
        for i, q in enumerate(quads(ds)):
            if i == 300:
                raise OSError("disk full")
            yield q

    import kg.formats.rdf

    monkeypatch.setattr(kg.formats.rdf, "quads", failing)
    with pytest.raises(OSError, match="disk full"):
        store.add_dataset(seed_dataset(), "seed")
    assert snapshot(store) == before


def test_data_the_model_rejects_is_not_committed(tmp_path: Path) -> None:
    store = Store()
    store.add_dataset(small(), "small")
    before = snapshot(store)
    bad = tmp_path / "bad.nt"
    # an assertion that names no claim: parses as RDF, fails the credkg model
    bad.write_text(
        "<https://w3id.org/credkg/id/assertion/a9> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/credkg/ns#Assertion> .\n", encoding="utf-8")
    with pytest.raises(DatasetError):
        store.add_file(bad)
    assert snapshot(store) == before


def test_a_crash_mid_load_is_cleaned_up_on_open(tmp_path: Path) -> None:
    path = tmp_path / "s"
    store = Store.open(path)
    store.add_dataset(small(), "small")
    before = snapshot(store)
    orphan = ox.NamedNode(DOCUMENT_BASE + "half/0123-dead")
    store.ox.add(ox.Quad(ox.NamedNode("https://example.org/x"), ox.NamedNode(
        "https://example.org/p"), ox.Literal("half-written"), orphan))
    store.flush()
    del store
    assert snapshot(Store.open(path)) == before


def test_recovery_compacts_what_it_dropped(tmp_path: Path) -> None:
    path = tmp_path / "s"
    store = Store.open(path)
    store.add_dataset(small(), "small")
    orphan = ox.NamedNode(DOCUMENT_BASE + "half/0123-dead")
    store.ox.extend(ox.Quad(ox.NamedNode(f"https://example.org/x{i}"), ox.NamedNode(
        "https://example.org/p"), ox.Literal("half-written " * 20), orphan) for i in range(60_000))
    store.flush()
    del store

    def size() -> int:
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())

    with_orphan = size()
    reopened = Store.open(path)
    reopened.flush()
    # the dropped graph's space is given back by the compaction recovery runs, without
    # waiting for kg optimize (without it the folder grows by the tombstones)
    assert size() < with_orphan / 2


def test_a_crash_after_the_commit_is_finished_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kg: Callable[..., Result]
) -> None:
    path = tmp_path / "s"
    store = Store.open(path)
    store.add_dataset(small(), "small")
    store.add_dataset(seed_dataset(), "seed")
    expected = Store()  # what the completed remove gives
    expected.add_dataset(small(), "small")
    write = Store._write

    def dying(self: Store, stream: Iterator[ox.Quad]) -> None:
        data = list(stream)
        write(self, data[: len(data) // 2])  # the assessment half written, then the end
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "_write", dying)
    with pytest.raises(KeyboardInterrupt):
        store.remove("seed")  # committed: the seed is out of the index
    monkeypatch.undo()
    store.flush()
    del store
    with pytest.raises(StoreError, match="interrupted"):
        Store.open(path, read_only=True)
    refused = kg("query", "sources-ranked", "--store", str(path))
    assert refused.exit_code == 1 and "interrupted" in refused.stderr
    assert "Traceback" not in refused.stderr
    store = Store.open(path)  # finishes the remove
    assert [d.id for d in store.documents()] == ["small"]
    assert store.dataset() == expected.dataset()
    assert assessment_of(store) == assessment_of(expected)
    graphs = {g.value for g in store.ox.named_graphs() if isinstance(g, ox.NamedNode)}
    assert graphs == {store.document("small").graph, INDEX_GRAPH, ASSESSMENT,
                      *(g.value for g in INDEX_GRAPHS)}
    del store
    assert Store.open(path, read_only=True).documents()[0].id == "small"


def test_the_assessment_kept_up_to_date_equals_a_fresh_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(base_module, "_BIG", 50)  # bulk batches for the assessment too
    store = Store()
    steps: list[Callable[[], object]] = [
        lambda: store.add_dataset(seed_dataset(), "seed"),
        lambda: store.add_dataset(small(), "small"),
        lambda: store.remove("seed"),
        lambda: store.add_dataset(seed_dataset(), "again"),
    ]
    for step in steps:
        step()
        fresh = Store()
        fresh.add_dataset(store.dataset(), "all")
        assert assessment_of(store) == assessment_of(fresh)
    assert len(assessment_of(store)) > 300
    assert not store._interrupted()


@pytest.mark.parametrize("on_disk", [False, True])
def test_removing_a_large_document_leaves_nothing(tmp_path: Path, on_disk: bool) -> None:
    corpus = tmp_path / "corpus.nt"
    write_synthetic(corpus, 300)  # quads removed while the store iterates over them
    store = Store.open(tmp_path / "s") if on_disk else Store()
    store.add_file(corpus)
    assert len(store) > 4000
    store.remove("corpus")
    assert len(store) == 0 and store.documents() == []


def assessment_of(store: Store) -> set[str]:
    """The assessment's statements, without its provenance (which names its own run)."""
    graph, made = ox.NamedNode(ASSESSMENT), provenance_nodes(store)
    return {str(q) for q in store.ox.quads_for_pattern(None, None, None, graph)
            if q.subject not in made}


def test_rdf_files_load_into_the_document_graph(tmp_path: Path) -> None:
    from kg.formats.rdf import to_rdf

    for fmt, suffix in (("nquads", ".nq"), ("turtle", ".ttl"), ("trig", ".trig")):
        path = write_rdf(to_rdf(seed_dataset()), tmp_path / f"seed{suffix}", fmt)
        store = Store()
        change = store.add_file(path)
        assert change.doc == "seed" and change.status == "added"
        assert store.dataset() == seed_dataset()
        graphs = {str(q.graph_name) for q in store.ox.quads_for_pattern(None, None, None, None)}
        assert graphs <= {f"<{store.document('seed').graph}>", f"<{INDEX_GRAPH}>",
                          f"<{ASSESSMENT}>", *(f"<{g.value}>" for g in INDEX_GRAPHS)}


def test_progress_bar_for_large_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    screen = io.StringIO()
    monkeypatch.setattr(bulk_module, "PROGRESS_BYTES", 1000)
    monkeypatch.setattr(bulk_module, "_progress_console",
                        lambda: Console(file=screen, force_terminal=True, width=100))
    path = tmp_path / "corpus.nt"
    write_synthetic(path, 200)
    small_file = tmp_path / "tiny.nt"
    small_file.write_text("<https://example.org/a> <https://example.org/b> \"c\" .\n",
                          encoding="utf-8")
    store = Store()
    store.add_file(small_file, progress=True, assess=False)
    assert screen.getvalue() == ""  # small files load without a bar
    change = store.add_file(path, progress=True, assess=False)
    assert change.triples > 2000
    assert "loading corpus.nt" in screen.getvalue()
    # N-Quads go through the parser, not the bulk loader; a split load shares one bar
    quads_file = tmp_path / "quads.nq"
    quads_file.write_bytes(path.read_bytes())
    store.add_file(quads_file, progress=True, assess=False)
    assert "loading quads.nq" in screen.getvalue()
    monkeypatch.setattr(bulk_module, "SPLIT_BYTES", 1000)
    halves = tmp_path / "halves.nt"
    halves.write_bytes(path.read_bytes())
    assert store.add_file(halves, progress=True, assess=False).triples == change.triples
    assert screen.getvalue().count("loading halves.nt") >= 1


def test_replace_graph_and_graph_quads() -> None:
    from rdflib import Literal, URIRef

    store = Store()
    g = "https://example.org/graph/g"
    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    assert store.replace_graph(g, [(s, p, Literal("one"), None)]) == 1
    assert store.replace_graph(g, [(s, p, Literal('two "quoted"\n'), None),
                                   (s, p, Literal(3), None)]) == 2
    assert {o for _, _, o, _ in store.graph_quads(g)} == {Literal('two "quoted"\n'), Literal(3)}


def test_resolver_hook_rewrites_incoming_data() -> None:
    store = Store()
    store.add_dataset(small(), "small")
    seen: list[int] = []

    def resolver(union: Dataset, incoming: Dataset) -> Dataset:
        seen.append(len(union.claims))
        return incoming.model_copy(update={"claims": tuple(
            c.model_copy(update={"note": "resolved"}) for c in incoming.claims)})

    store.add_dataset(seed_dataset(), "seed", resolver=resolver)
    assert seen == [1]
    assert all(c.note == "resolved" for c in store.dataset().claims if c.id != "cx")


def test_document_ids() -> None:
    assert document_id(Path("a/b/Report 2024.v2.yaml")) == "Report_2024"
    store = Store()
    with pytest.raises(InputError, match="document id"):
        store.add_dataset(small(), "no spaces please")
    with pytest.raises(InputError, match="exactly one file"):
        add_files(Path("/nonexistent"), [SEED, SEED], doc="x")


def test_open_refuses_what_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file"):
        Store.open(tmp_path / "file")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a credkg store"):
        Store.open(tmp_path / "folder")
    with pytest.raises(NotFoundError, match="no store here"):
        Store.open(tmp_path / "missing", read_only=True)


def test_a_second_writer_is_refused(seed_store: Path) -> None:
    readers = [Store.open(seed_store, read_only=True) for _ in range(2)]
    assert [[d.id for d in r.documents()] for r in readers] == [["seed"], ["seed"]]
    first = Store.open(seed_store)
    with pytest.raises(StoreError, match=r"kg writer pid \d+ is writing to this store"):
        Store.open(seed_store)
    del first


def test_cli_add(tmp_path: Path, kg: Callable[..., Result]) -> None:
    first = kg("add", SEED, "--store", tmp_path / "s")
    assert first.exit_code == 0, first.stderr
    assert "seed: added" in first.stdout and "assessment recomputed" in first.stdout
    again = kg("add", SEED, "--store", tmp_path / "s")
    assert "seed: unchanged" in again.stdout
    named = kg("add", SEED, "--store", tmp_path / "s", "--doc", "article", "--no-assess")
    assert "article: added" in named.stdout and "assessment" not in named.stdout
    bad = kg("add", tmp_path / "missing.yaml", "--store", tmp_path / "s")
    assert bad.exit_code == 2 and "missing.yaml" in bad.stderr
    assert [d.id for d in Store.open(tmp_path / "s").documents()] == ["article", "seed"]


def test_cli_list_and_remove(seed_store: Path, kg: Callable[..., Result]) -> None:
    listed = kg("list", "--store", seed_store)
    assert listed.exit_code == 0, listed.stderr
    assert "seed" in listed.stdout and "1 document(s)" in listed.stdout
    missing = kg("remove", "nope", "--store", seed_store)
    assert missing.exit_code == 2 and "no document 'nope'" in missing.stderr
    removed = kg("remove", "seed", "--store", seed_store)
    assert removed.exit_code == 0, removed.stderr
    assert "removed seed" in removed.stdout
    assert Store.open(seed_store).documents() == []
    assert kg("list", "--store", seed_store / "nowhere").exit_code == 2


def test_cli_optimize_keeps_the_data(seed_store: Path, kg: Callable[..., Result]) -> None:
    before = snapshot(Store.open(seed_store))
    done = kg("optimize", "--store", seed_store)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith(f"compacted {seed_store} in ")
    assert snapshot(Store.open(seed_store)) == before
    missing = kg("optimize", "--store", seed_store / "nowhere")
    assert missing.exit_code == 2 and "no store here" in missing.stderr
    assert not (seed_store / "nowhere").exists()


def test_fast_reader_matches_from_rdf() -> None:
    from kg.store.reader import read_dataset
    from kg.store.terms import to_ox_quad
    from kg.synthetic import synthetic_dataset

    for ds in (seed_dataset(), synthetic_dataset(300, seed=5), small()):
        store = ox.Store()
        g = ox.NamedNode("https://example.org/doc")
        store.extend([to_ox_quad(s, p, o, g) for s, p, o, _ in quads(ds)])
        assert read_dataset(store, [g.value]) == ds
    # irregular data goes through from_rdf, whose error names the problem
    store = ox.Store()
    g = ox.NamedNode("https://example.org/doc")
    store.add(ox.Quad(ox.NamedNode(DOCUMENT_BASE + "x"), ox.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(
        "https://w3id.org/credkg/ns#Claim"), g))
    with pytest.raises(DatasetError, match="has no schema:text"):
        read_dataset(store, [g.value])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets())
def test_fast_reader_agrees_with_the_rdf_mapping_on_generated_datasets(ds: Dataset) -> None:
    # the store's fast reader repeats kg.formats.rdf.from_rdf's mapping for speed: every field of
    # every record kind must come back the same, so that the two cannot drift apart
    from kg.store.reader import read_dataset
    from kg.store.terms import to_ox_quad

    store = ox.Store()
    g = ox.NamedNode("https://example.org/doc")
    store.extend([to_ox_quad(s, p, o, g) for s, p, o, _ in quads(ds)])
    assert read_dataset(store, [g.value]) == ds
