"""The one registry of formats: every entry is read or written by loading, `kg validate`,
the store and `kg export` through the same declaration."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.formats.loading import load_dataset
from kg.formats.registry import FORMATS, Format, by_suffix, dataset_suffixes, names
from kg.outputs import export_dataset
from kg.seed import seed_dataset
from kg.store import Store

from .conftest import Result

SEED = seed_dataset()
#: Formats a dataset file is loaded from (chosen by suffix).
DETECTED = [f for f in FORMATS.values() if f.detect]
#: Formats `kg export` writes.
WRITTEN = [f for f in FORMATS.values() if f.writes]


def _ids(f: Format) -> str:
    return f"format={f.name}"


def test_every_format_is_declared_once_with_its_facts() -> None:
    seen: set[str] = set()
    for f in FORMATS.values():
        assert f.reads or f.writes, f.name
        assert f.suffixes and all(s.startswith(".") and s == s.lower() for s in f.suffixes)
        assert re.fullmatch(r"[a-z]+/[a-z0-9.+-]+", f.media_type), f.media_type
        if f.detect:  # a suffix names at most one format a dataset is loaded from
            assert not seen & set(f.suffixes), f.name
            seen |= set(f.suffixes)
    assert set(dataset_suffixes()) == seen


@pytest.mark.parametrize("fmt", WRITTEN, ids=_ids)
def test_export_writes_every_writing_format(
    fmt: Format, tmp_path: Path, kg: Callable[..., Result]
) -> None:
    target = tmp_path / f"out{fmt.suffix}"
    result = kg("export", "--format", fmt.name, "--out", target)
    assert result.exit_code == 0, result.stderr
    assert target.stat().st_size > 100


def test_export_help_lists_the_registry(kg: Callable[..., Result]) -> None:
    text = " ".join(kg("export", "--help").stdout.split())
    for name in names(writes=True):
        assert name in text


@pytest.mark.parametrize("fmt", [f for f in DETECTED if f.writes], ids=_ids)
def test_load_validate_and_store_read_what_the_registry_writes(
    fmt: Format, tmp_path: Path, kg: Callable[..., Result]
) -> None:
    path = export_dataset(SEED, fmt.name, tmp_path / f"seed{fmt.suffix}")
    assert by_suffix(path) is fmt
    again = load_dataset(path)
    if fmt.name == "csv":  # a spreadsheet of assertions, not a full copy
        assert again.assertions == SEED.assertions
    else:
        assert again == SEED
    assert kg("validate", path).exit_code == 0
    store = Store()
    # the ids as written: a store scopes a file that does not name its base to its
    # document (issue #13, tests/test_documents.py); here the format is what is tested
    change = store.add_file(path, "seed", assess=False, scope=False)
    assert change.triples > 300
    assert {c.id for c in store.dataset().claims} == {c.id for c in SEED.claims}


def test_an_unknown_suffix_is_one_line_naming_the_registry(
    tmp_path: Path, kg: Callable[..., Result]
) -> None:
    bad = tmp_path / "x.docx"
    bad.write_text("hello", encoding="utf-8")
    result = kg("build", bad)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert ".yaml" in result.stderr and ".ttl" in result.stderr
