"""Entity resolution inside a store: merges logged as RDF, reversible across documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.formats.loading import load_dataset
from kg.names import name_key
from kg.resolution import VARIANT_PATH
from kg.resolution.storing import (
    add_resolved,
    document_dataset,
    merge_in_store,
    read_merge_log,
    unmerge_in_store,
)
from kg.seed import seed_dataset
from kg.store import Store


def _documents(store: Store) -> dict[str, set[tuple[object, object, object]]]:
    return {d.id: {(s, p, o) for s, p, o, _ in store.graph_quads(d.graph)}
            for d in store.documents()}


@pytest.fixture
def store() -> Store:
    s = Store()
    add_resolved(s, seed_dataset(), "seed", assess=False)
    add_resolved(s, load_dataset(VARIANT_PATH), "variant", assess=False,
                 when="2024-12-21T00:00:00+00:00")
    return s


def test_the_store_holds_one_ria_one_welt_one_correspondent(store: Store) -> None:
    ds = store.dataset()
    assert [s.id for s in ds.sources if "ria" in {name_key(n, outlet=True)
                                                  for n in (s.name, *s.aliases)}] == ["ria"]
    assert [s.id for s in ds.sources if s.kind == "person"
            and "die-welt" in s.affiliated_with] == ["vanner"]
    assert "welt-de" not in {s.id for s in ds.sources}
    # the variant document on its own is a valid dataset naming the seed's ids
    variant = document_dataset(store, "variant")
    assert variant.assertion("ria-recruited").source == "ria"


def test_the_log_is_rdf_in_the_store(store: Store, tmp_path: Path) -> None:
    log = read_merge_log(store)
    assert len(log.entries) >= 8 and all(e.via_add and "variant" in e.documents
                                         for e in log.entries)
    path = tmp_path / "store"
    disk = Store.open(path)
    add_resolved(disk, seed_dataset(), "seed", assess=False)
    add_resolved(disk, load_dataset(VARIANT_PATH), "variant", assess=False)
    n = len(read_merge_log(disk).entries)
    disk.flush()
    del disk
    assert len(read_merge_log(Store.open(path)).entries) == n


def test_merge_and_unmerge_across_documents_restore_the_store_exactly(store: Store) -> None:
    before_docs, before = _documents(store), store.dataset()
    entry = merge_in_store(store, "ua-security-sources", "sbu-sources", why="same unit",
                           who="tester", assess=False)
    assert set(entry.documents) == {"variant"}
    assert "sbu-sources" not in {s.id for s in store.dataset().sources}
    assert store.dataset().assertion("sbu-recruited").source == "ua-security-sources"
    unmerge_in_store(store, entry.id, assess=False)
    assert store.dataset() == before
    assert _documents(store) == before_docs
    assert read_merge_log(store).entry(entry.id).undone
    with pytest.raises(InputError, match="undone already"):
        unmerge_in_store(store, entry.id, assess=False)


def test_later_merges_must_be_undone_first(store: Store) -> None:
    first = merge_in_store(store, "ua-security-sources", "sbu-sources", assess=False)
    merge_in_store(store, "monitor", "ria", assess=False)  # changes the variant again
    with pytest.raises(InputError, match="unmerge it first"):
        unmerge_in_store(store, first.id, assess=False)


def test_undoing_a_sure_merge_made_at_add_time(store: Store) -> None:
    entry = next(e for e in read_merge_log(store).entries if e.drop == "ria-agency")
    unmerge_in_store(store, entry.id, assess=False)
    ds = store.dataset()
    assert {"ria", "ria-agency"} <= {s.id for s in ds.sources}
    assert ds.assertion("ria-recruited").source == "ria-agency"
    assert "welt-de" not in {s.id for s in ds.sources}  # the other merges stand
    others = [e for e in read_merge_log(store).entries if e.id != entry.id]
    assert others and not any(e.undone for e in others)


def test_matching_keys_follow_the_documents_as_they_change(tmp_path: Path) -> None:
    """A replaced document is matched by its new content, never by its old keys, and a
    removed one leaves neither keys nor recorded changes behind (``kg remove``)."""
    from kg.cli import main
    from kg.model import Claim, Dataset, Source, SourceKind
    from kg.resolution.storing import forget_documents, index_documents, store_candidates

    def doc(name: str) -> Dataset:
        sid = name.split()[-1].lower()
        return Dataset(sources=[Source(id=sid, kind=SourceKind.NEWS_OUTLET, name=name)],
                       claims=[Claim(id="c", text="Something happened.")])

    s = Store()
    s.add_dataset(doc("Daily Bugle"), "a", assess=False)
    assert index_documents(s) == 1 and index_documents(s) == 0
    assert store_candidates(s, doc("Daily Bugle")).sources
    s.add_dataset(doc("Morning Star"), "a", assess=False)  # a new version of "a"
    assert index_documents(s) == 1  # the keys of the version before are replaced
    assert not store_candidates(s, doc("Daily Bugle")).sources
    assert store_candidates(s, doc("Morning Star")).sources
    # kg remove drops the keys and the changes recorded when it came in
    folder = tmp_path / "store"
    disk = Store.open(folder)
    add_resolved(disk, seed_dataset(), "seed")
    del disk
    assert main(["remove", "seed", "--store", str(folder)]) == 0
    left = Store.open(folder, read_only=True)
    assert [g.value for g in left.ox.named_graphs() if "/graph/keys/" in g.value
            or "/graph/changes/" in g.value] == []
    assert forget_documents(s) == 0
