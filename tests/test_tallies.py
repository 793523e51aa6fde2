"""The listings' totals kept beside the assessment (kg.store.tallies) equal their COUNT."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.model import DEFAULT_BASE
from kg.seed import seed_dataset
from kg.store import Store, tallies
from kg.store import drop as drop_module
from kg.store.paging import LISTINGS, count_answer
from kg.store.queries import run_sparql
from kg.synthetic import write_synthetic, write_synthetic_assessment
from tests.test_store_incremental import make_doc


def _counted(store: Store, name: str) -> int:
    term = run_sparql(store.ox, LISTINGS[name].count).terms[0][0]
    assert isinstance(term, ox.Literal)
    return int(term.value)


def _check(store: Store) -> None:
    for name in tallies.TALLIED:
        assert tallies.read(store.ox, name) == _counted(store, name), name
        assert count_answer(store, name).total == _counted(store, name)


def test_tallies_follow_adds_and_removes(monkeypatch: pytest.MonkeyPatch) -> None:
    moved: list[int] = []
    adjust = tallies.adjust

    def counting(*args: object) -> None:
        moved.append(1)
        adjust(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(tallies, "adjust", counting)
    rng = random.Random(7)
    store = Store()
    store.add_dataset(seed_dataset(), "seed")
    _check(store)
    assert tallies.read(store.ox, "single-origin") == 15
    present: list[str] = []
    for k in range(12):
        if present and rng.random() < 0.35:
            store.remove(present.pop(rng.randrange(len(present))))
        else:
            store.add_dataset(make_doc(k, rng.randrange(10**6)), f"d{k}")
            present.append(f"d{k}")
        _check(store)
    store.reassess()
    _check(store)
    assert moved  # some changes were assessed incrementally, the tallies moved by difference


def test_without_tallies_the_count_runs(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "c.nt", 300)
    write_synthetic_assessment(tmp_path / "a.nt", 300)
    store = Store()
    store.add_file(tmp_path / "c.nt", "corpus", assess=False)
    store.ox.load(path=str(tmp_path / "a.nt"), format=ox.RdfFormat.N_TRIPLES,
                  to_graph=ox.NamedNode(f"{DEFAULT_BASE}graph/assessment"))
    assert tallies.read(store.ox, "single-origin") is None  # loaded by hand: no tally
    assert count_answer(store, "single-origin").total == _counted(store, "single-origin") > 0
    tallies.recount(store.ox)
    _check(store)


def test_a_rebuilt_store_counts_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_synthetic(tmp_path / "c.nt", 300)
    store = Store.open(tmp_path / "store")
    store.add_dataset(seed_dataset(), "seed")
    store.add_file(tmp_path / "c.nt", "corpus")
    _check(store)
    monkeypatch.setattr(drop_module, "SMALL", 0)
    store.remove("corpus")  # by a copy of the seed into a fresh store
    _check(store)
    assert tallies.read(store.ox, "single-origin") == 15
