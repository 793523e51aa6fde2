"""Removing a large document (issue #16, point 3): by pages of quads, or by copying
what remains into a fresh store that replaces the old one in one exchange."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.model import DEFAULT_BASE
from kg.store import Store
from kg.store import drop as drop_module
from kg.store.index import _INDEX, DOCUMENT_BASE
from kg.store.lock import hold, release
from kg.synthetic import write_synthetic
from tests.conftest import ROOT, Result

SEED = ROOT / "kg" / "data" / "seed.yaml"
PROV = "http://www.w3.org/ns/prov#"


def _build(folder: Path, corpus: Path) -> Store:
    store = Store.open(folder)
    store.add_file(SEED, "seed", assess=False)
    store.add_file(corpus, "corpus")
    return store


def _content(store: Store) -> dict[str, set[ox.Triple]]:
    """Every graph's triples but the index's (which holds load times), by graph (a
    document's graph by the document's id: its name holds a random part)."""
    names = {d.graph: d.id for d in store.documents()}
    out: dict[str, set[ox.Triple]] = {}
    for q in store.ox:
        if q.graph_name != _INDEX:
            name = names.get(getattr(q.graph_name, "value", ""), str(q.graph_name))
            out.setdefault(name, set()).add(q.triple)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("drop") / "corpus.nt"
    write_synthetic(path, 400)
    return path


def test_a_copy_removes_what_a_drop_removes(tmp_path: Path, corpus: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    dropped = _build(tmp_path / "dropped", corpus)
    monkeypatch.setattr(drop_module, "SMALL", 10**12)  # never copy
    dropped.remove("corpus")
    dropped.reassess()  # a full recompute of what remains, which the copy computes too
    copied = _build(tmp_path / "copied", corpus)
    monkeypatch.setattr(drop_module, "SMALL", 0)  # copy when the rest is smaller
    assert drop_module.copy_is_cheaper(copied, copied.document("corpus"),
                                       [copied.document("seed")])
    monkeypatch.setattr(drop_module, "COMPACT_AFTER", 0)  # the copy compacted: same data
    change = copied.remove("corpus")
    assert change.status == "removed" and change.assessed
    assert [d.id for d in copied.documents()] == ["seed"]
    assert [d.id for d in dropped.documents()] == ["seed"]
    assert copied.documents()[0].hash == dropped.documents()[0].hash
    # the assessment of what remains is the same quads either way (its provenance aside)
    def kept(triples: set[ox.Triple]) -> set[ox.Triple]:
        skip = (f"<{DEFAULT_BASE}assessment/", f"<{DOCUMENT_BASE}")
        return {t for t in triples if not t.predicate.value.startswith(PROV)
                and not str(t.subject).startswith(skip)
                and t.predicate.value != "urn:credkg:store#tracksValidFor"}  # graph IRIs

    a, b = _content(copied), _content(dropped)
    assert a.keys() == b.keys() == {"seed", f"<{DEFAULT_BASE}graph/assessment>",
                                    "<urn:credkg:store/measures>", "<urn:credkg:store/tracks>"}
    for graph in a:
        x, y = kept(a[graph]), kept(b[graph])
        assert x == y, (graph, sorted(map(str, x - y))[:4], sorted(map(str, y - x))[:4])
    assert len(kept(a[f"<{DEFAULT_BASE}graph/assessment>"])) > 100
    from kg.store.tracks import TRACKS_GRAPH, _digest  # the region's cache is current
    assert ox.Quad(TRACKS_GRAPH, ox.NamedNode("urn:credkg:store#tracksValidFor"),
                   _digest(d.graph for d in copied.documents()), TRACKS_GRAPH) in copied.ox
    assert len(copied.dataset().claims) == 15
    # no folder is left beside the store, and the store is still locked for writing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copied", "dropped"]
    with pytest.raises(StoreError, match="is writing to this store"):
        release(hold(tmp_path / "copied", shared=True))
    # the next change is assessed incrementally from the mark the copy kept
    copied.add_file(corpus, "corpus")
    assert len(copied.dataset().claims) == 415


def test_a_crash_before_the_exchange_leaves_the_old_store(
        tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _build(tmp_path / "store", corpus)
    before = _content(store)
    monkeypatch.setattr(drop_module, "SMALL", 0)

    def crash(a: Path, b: Path) -> bool:
        raise KeyboardInterrupt  # the process stops before the folders are exchanged

    monkeypatch.setattr(drop_module, "_exchange", crash)
    with pytest.raises(KeyboardInterrupt):
        store.remove("corpus")
    assert [d.id for d in store.documents()] == ["corpus", "seed"]
    assert _content(store) == before
    # a leftover of a crash (not cleaned up) is deleted by the next rebuild
    leftover = tmp_path / ".store.rebuild-dead"
    leftover.mkdir()
    monkeypatch.undo()
    monkeypatch.setattr(drop_module, "SMALL", 0)
    store.remove("corpus")
    assert [d.id for d in store.documents()] == ["seed"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_without_an_exchange_the_drop_goes_by_pages(
        tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _build(tmp_path / "store", corpus)
    monkeypatch.setattr(drop_module, "SMALL", 0)
    monkeypatch.setattr(drop_module, "_exchange", lambda a, b: False)
    store.remove("corpus")
    assert [d.id for d in store.documents()] == ["seed"]
    assert len(store.dataset().claims) == 15
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_drop_graph_pages_remove_every_quad(corpus: Path) -> None:
    store = ox.Store()
    graph = ox.NamedNode("http://e/g")
    store.load(path=str(corpus), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    other = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("1"))
    store.add(other)
    total = len(store) - 1
    assert drop_module.drop_graph(store, graph, page=997) == -(-total // 997)
    assert list(store) == [other] and not store.contains_named_graph(graph)


def test_kg_remove_says_the_space_is_free(tmp_path: Path, corpus: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          kg: Callable[..., Result]) -> None:
    store = _build(tmp_path / "store", corpus)
    del store
    monkeypatch.setattr(drop_module, "SMALL", 0)
    done = kg("remove", "corpus", "--store", tmp_path / "store")
    assert done.exit_code == 0, done.stderr
    assert "rebuilt without it" in done.stdout and "kg optimize" not in done.stdout
    assert [d.id for d in Store.open(tmp_path / "store", read_only=True).documents()] == ["seed"]
