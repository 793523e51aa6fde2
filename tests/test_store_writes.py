"""All-or-nothing writes and document identity (issue #19, rows 10 and 11)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.store import Store, add_files
from tests.conftest import ROOT, Result

SEED = ROOT / "kg" / "data" / "seed.yaml"
VALID = ("sources: [{id: x, kind: news_outlet, name: Outlet X}]\n"
         "claims: [{id: cx, text: Something happened.}]\n"
         "assertions: [{id: ax, source: x, claim: cx}]\n")
OTHER = VALID.replace("cx", "cy").replace("ax", "ay").replace("happened", "else happened")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_multi_file_add_is_all_or_nothing(tmp_path: Path, kg: Callable[..., Result]) -> None:
    valid = write(tmp_path / "valid.yaml", VALID)
    invalid = write(tmp_path / "invalid.yaml", "claims: [{id: c1}]\n")
    broken_rdf = write(tmp_path / "broken.nt", "<https://example.org/a> <oops\n")
    store = tmp_path / "store"
    for bad in (invalid, broken_rdf):
        result = kg("add", valid, bad, "--store", store)
        assert result.exit_code == 2, result.stderr
        assert str(bad) in result.stderr and "nothing was added" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert Store.open(store, read_only=True).documents() == []
        assert len(Store.open(store, read_only=True)) == 0  # no stray graph either
    # the bad file first: the same
    result = kg("add", invalid, valid, "--store", store)
    assert result.exit_code == 2 and Store.open(store, read_only=True).documents() == []
    # all valid: all in
    result = kg("add", valid, SEED, "--store", store)
    assert result.exit_code == 0, result.stderr
    assert [d.id for d in Store.open(store, read_only=True).documents()] == ["seed", "valid"]


def test_a_failed_group_keeps_what_was_there(tmp_path: Path) -> None:
    store = Store()
    store.add_file(SEED)
    before = {(d.id, d.hash) for d in store.documents()}
    quads = len(store)
    valid = write(tmp_path / "valid.yaml", VALID)
    newer_seed = write(tmp_path / "x" / "seed.yaml", SEED.read_text(encoding="utf-8").replace(
        "Convicts", "Prisoners", 1))
    invalid = write(tmp_path / "invalid.yaml", "claims: [{id: c1}]\n")
    with pytest.raises(InputError, match=r"invalid\.yaml"):
        store.add_file_group([(valid, "valid"), (newer_seed, "seed"), (invalid, "invalid")],
                             replace=True)
    assert {(d.id, d.hash) for d in store.documents()} == before and len(store) == quads


def test_same_name_from_another_folder_does_not_replace(
    tmp_path: Path, kg: Callable[..., Result]
) -> None:
    first = write(tmp_path / "2023" / "report.yaml", VALID)
    second = write(tmp_path / "2024" / "report.yaml", OTHER)
    store = tmp_path / "store"
    assert kg("add", first, "--store", store).exit_code == 0
    result = kg("add", second, "--store", store)
    assert result.exit_code == 2, result.stderr
    assert "--replace" in result.stderr and "--doc" in result.stderr
    assert str(first) in result.stderr
    [doc] = Store.open(store, read_only=True).documents()
    assert doc.source == str(first)
    # beside it, under its own id; or replacing it, when asked
    assert kg("add", second, "--store", store, "--doc", "report-2024").exit_code == 0
    assert [d.id for d in Store.open(store, read_only=True).documents()] == [
        "report", "report-2024"]
    replaced = kg("add", second, "--store", store, "--replace")
    assert replaced.exit_code == 0 and "report: replaced" in replaced.stdout
    # the same content from anywhere changes nothing
    copy = write(tmp_path / "copy" / "report.yaml", OTHER)
    same = kg("add", copy, "--store", store)
    assert same.exit_code == 0 and "report: unchanged" in same.stdout


def test_doc_naming_an_existing_document_needs_replace(
    tmp_path: Path, kg: Callable[..., Result]
) -> None:
    store = tmp_path / "store"
    add_files(store, [SEED], progress=False)
    other = write(tmp_path / "other.yaml", VALID)
    result = kg("add", other, "--store", store, "--doc", "seed")
    assert result.exit_code == 2 and "already holds a document 'seed'" in result.stderr
    assert Store.open(store, read_only=True).document("seed").source == str(SEED)
    with pytest.raises(InputError, match="--replace"):
        add_files(store, [other], doc="seed", progress=False)
    [change] = add_files(store, [other], doc="seed", progress=False, replace=True)
    assert change.status == "replaced"


def test_kg_build_store_is_all_or_nothing_and_needs_replace(
    tmp_path: Path, kg: Callable[..., Result]
) -> None:
    valid = write(tmp_path / "valid.yaml", VALID)
    invalid = write(tmp_path / "invalid.yaml", "claims: [{id: c1}]\n")
    store = tmp_path / "store"
    failed = kg("build", valid, invalid, "--store", store)
    assert failed.exit_code == 2 and "nothing was added" in failed.stderr
    assert Store.open(store, read_only=True).documents() == []
    assert kg("build", valid, "--store", store).exit_code == 0
    write(valid, OTHER)
    refused = kg("build", valid, "--store", store)
    assert refused.exit_code == 2 and "--replace" in refused.stderr
    replaced = kg("build", valid, "--store", store, "--replace")
    assert replaced.exit_code == 0 and "valid: replaced" in replaced.stdout


def test_a_reader_during_a_live_write_is_told_so(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from kg.errors import StoreError
    from kg.store.index import DOCUMENT_BASE

    store = tmp_path / "store"
    add_files(store, [SEED], progress=False)
    writer = Store.open(store)  # a write in progress: its fresh graph is not committed yet
    graph = ox.NamedNode(f"{DOCUMENT_BASE}more/0123456789abcdef-00000000")
    writer.ox.add(ox.Quad(ox.NamedNode("https://example.org/a"),
                          ox.NamedNode("https://example.org/b"), ox.Literal("c"), graph))
    writer.flush()
    with pytest.raises(StoreError, match=r"kg writer pid \d+ is writing to this store"):
        Store.open(store, read_only=True)
    del writer  # the writer ended without finishing: now it is an interrupted write
    with pytest.raises(StoreError, match="interrupted"):
        Store.open(store, read_only=True)
