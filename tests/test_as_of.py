"""Grades as of a date (issue #16, point 4): ``--as-of DATE`` on ``kg score``, ``kg query``
and ``kg view``, and the two ready-made queries ``believed-on`` and ``changes-since``."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.credibility import assess
from kg.formats.as_of import document_date, files_as_of, parse_day
from kg.formats.loading import load_dataset, load_datasets
from kg.seed import SEED_PATH
from tests.conftest import IN_CI, SHARED, Result

DEV = SHARED / "articles" / "dev"
LAST = "kyivindependent-ru-recruitment-2025-12"  # the latest document, dated 2025-12-27
BEFORE_LAST = "2025-12-01"


@pytest.fixture(scope="module")
def files() -> list[Path]:
    """The seed and the dev corpus (skips without ../shared, except under CI)."""
    found = sorted(DEV.glob("*.yaml"))
    if not found:
        if IN_CI:
            raise AssertionError(f"{DEV} is missing under CI")
        pytest.skip("../shared/articles/dev is not here")
    return [SEED_PATH, *found]


@pytest.fixture(scope="module")
def without_last(files: list[Path]) -> list[Path]:
    return [f for f in files if f.stem != LAST]


def test_the_chosen_date_leaves_out_exactly_the_last_document(files: list[Path]) -> None:
    dates = {f.stem: document_date(load_dataset(f)) for f in files}
    assert max(d for d in dates.values() if d is not None) == dates[LAST]
    later = [k for k, d in dates.items() if d is None or d > parse_day(BEFORE_LAST)]
    assert later == [LAST]
    selection = files_as_of(files, parse_day(BEFORE_LAST))
    assert selection.later == [(str(DEV / f"{LAST}.yaml"), dates[LAST])]
    assert len(selection.kept) == len(files) - 1


def _grades(ds: object) -> tuple[dict[str, int], dict[str, str]]:
    a = assess(ds)  # type: ignore[arg-type]
    return ({k: v.grade for k, v in a.claims.items()},
            {k: str(v.grade) for k, v in a.sources.items()})


def test_score_as_of_equals_scoring_without_the_later_document(
    kg: Callable[..., Result], files: list[Path], without_last: list[Path]
) -> None:
    as_of = kg("score", *files, "--as-of", BEFORE_LAST)
    assert as_of.exit_code == 0, as_of.stderr
    assert f"as of {BEFORE_LAST}: {len(files) - 1} of {len(files)} documents " \
        "(1 published later)" in as_of.stderr
    without = kg("score", *without_last)
    whole = kg("score", *files)
    assert as_of.stdout == without.stdout  # what a person sees: the same tables
    assert as_of.stdout != whole.stdout and LAST in whole.stdout
    assert LAST not in as_of.stdout
    # and the engine's grades, not only the printed tables
    from kg.cli.common import documents_as_of

    then = documents_as_of(None, files, BEFORE_LAST).then
    assert _grades(then) == _grades(load_datasets(without_last))


@pytest.fixture(scope="module")
def stores(files: list[Path], without_last: list[Path],
           tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store of the seed and the dev corpus, and one without the last document."""
    from kg.store import add_files

    tmp = tmp_path_factory.mktemp("as-of")
    add_files(tmp / "all", files, progress=False)
    add_files(tmp / "without", without_last, progress=False)
    return tmp / "all", tmp / "without"


def test_store_as_of_equals_the_store_without_the_later_document(
    kg: Callable[..., Result], stores: tuple[Path, Path]
) -> None:
    full, without = stores
    as_of = kg("score", "--store", full, "--as-of", BEFORE_LAST)
    assert as_of.exit_code == 0, as_of.stderr
    assert as_of.stdout == kg("score", "--store", without).stdout
    assert LAST in kg("score", "--store", full).stdout
    for name in ("sources-ranked", "single-origin", "contradictions"):
        got = kg("query", name, "--store", full, "--as-of", BEFORE_LAST, "-f", "csv")
        assert got.exit_code == 0, got.stderr
        expected = kg("query", name, "--store", without, "-f", "csv").stdout
        assert sorted(got.stdout.splitlines()) == sorted(expected.splitlines()), name
        # a page of it, the same way
        page = kg("query", name, "--store", full, "--as-of", BEFORE_LAST, "--limit", "3",
                  "-f", "csv")
        assert page.stdout.splitlines()[1:] == got.stdout.splitlines()[1:4]


def test_changes_since(kg: Callable[..., Result], stores: tuple[Path, Path],
                       files: list[Path]) -> None:
    full, _ = stores
    r = kg("query", "changes-since", "--store", full, "--as-of", BEFORE_LAST, "-f", "csv")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    new_claims = {row["subject"] for row in rows if row["kind"] == "new claim"}
    last = load_dataset(DEV / f"{LAST}.yaml")
    assert len(new_claims) == len(last.claims) > 0
    assert all(LAST in c for c in new_claims)
    for row in rows:  # every moved grade really moved, and says from what to what
        if row["kind"].endswith("grade"):
            assert row["before"] and row["after"] and row["before"] != row["after"]
    believed = kg("query", "believed-on", "--store", full, "--as-of", BEFORE_LAST, "-f", "csv")
    subjects = {row["subject"] for row in csv.DictReader(io.StringIO(believed.stdout))}
    assert not subjects & new_claims and len(subjects) > 100
    # the same from the files
    data = [arg for f in files for arg in ("--data", str(f))]
    r2 = kg("query", "changes-since", *data, "--as-of", BEFORE_LAST, "-f", "csv")
    assert r2.exit_code == 0, r2.stderr
    assert len(list(csv.DictReader(io.StringIO(r2.stdout)))) == len(rows)


def test_undated_documents_are_left_out_with_a_line(kg: Callable[..., Result],
                                                    tmp_path: Path) -> None:
    undated = tmp_path / "undated.yaml"
    undated.write_text(re.sub(r"(?m)^    date: .*\n", "", SEED_PATH.read_text("utf-8")),
                       encoding="utf-8")
    dated = tmp_path / "dated.yaml"
    dated.write_text(SEED_PATH.read_text("utf-8"), encoding="utf-8")
    r = kg("score", undated, dated, "--as-of", "2030-01-01")
    assert r.exit_code == 0, r.stderr
    lines = r.stderr.splitlines()
    assert "as of 2030-01-01: 1 of 2 documents (1 undated)" in lines
    assert f"left out: {undated} has no report with a date (kg cannot tell when it was " \
        "published)" in lines
    assert r.stdout == kg("score", dated).stdout


@pytest.mark.parametrize("command", [("score",), ("query", "single-origin"), ("view",)])
def test_bad_or_early_dates(kg: Callable[..., Result], command: tuple[str, ...],
                            tmp_path: Path) -> None:
    out = ("-o", str(tmp_path / "v.html")) if command == ("view",) else ()
    for bad in ("2024-13-01", "yesterday", "2024-1-5"):
        r = kg(*command, "--as-of", bad, *out)
        assert r.exit_code == 2
        assert r.stderr.strip().splitlines() == [
            f"kg: error: --as-of {bad!r}: give a date as YYYY-MM-DD (e.g. 2024-11-10)"]
    r = kg(*command, "--as-of", "2024-12-17", *out)  # the seed is dated 2024-12-18
    assert r.exit_code == 2 and "no document was published on or before" in r.stderr
    r = kg(*command, "--as-of", "2024-12-18", *out)
    assert r.exit_code == 0, r.stderr


def test_view_as_of(kg: Callable[..., Result], files: list[Path], tmp_path: Path) -> None:
    picked = [SEED_PATH, DEV / f"{LAST}.yaml"]
    r = kg("view", *picked, "--as-of", BEFORE_LAST, "-o", tmp_path / "then.html")
    assert r.exit_code == 0, r.stderr
    assert kg("view", *picked, "-o", tmp_path / "now.html").exit_code == 0
    assert LAST in (tmp_path / "now.html").read_text("utf-8")
    assert LAST not in (tmp_path / "then.html").read_text("utf-8")


def test_as_of_takes_discovered_trust_only_when_learned_by_then(
    kg: Callable[..., Result], stores: tuple[Path, Path], tmp_path: Path
) -> None:
    """Trust learned from a later document would carry its evidence back in time: as of
    an earlier date it is left out (with a line saying so); trust learned from the
    documents of the date alone is kept."""
    import shutil

    full, without = stores
    store = tmp_path / "full"
    shutil.copytree(full, store)
    assert kg("discover", "--store", store).exit_code == 0
    assert kg("score", "--store", store).stdout != kg("score", "--store", full).stdout
    as_of = kg("score", "--store", store, "--as-of", BEFORE_LAST)
    assert as_of.exit_code == 0, as_of.stderr
    assert "the discovered trust is left out" in as_of.stderr and LAST in as_of.stderr
    assert as_of.stdout == kg("score", "--store", without).stdout  # no trust at all
    believed = kg("query", "believed-on", "--store", store, "--as-of", BEFORE_LAST, "-f", "csv")
    plain = kg("query", "believed-on", "--store", without, "--as-of", BEFORE_LAST, "-f", "csv")
    assert believed.stdout == plain.stdout
    # learned from the earlier documents only: kept as of the date
    early = tmp_path / "early"
    shutil.copytree(without, early)
    assert kg("discover", "--store", early).exit_code == 0
    trusted = kg("score", "--store", early).stdout
    assert trusted != kg("score", "--store", without).stdout
    before = tmp_path / "early-before"
    shutil.copytree(early, before)
    assert kg("add", DEV / f"{LAST}.yaml", "--store", early).exit_code == 0
    kept = kg("score", "--store", early, "--as-of", BEFORE_LAST)
    assert "left out" not in kept.stderr and kept.stdout == trusted
    got = kg("query", "sources-ranked", "--store", early, "--as-of", BEFORE_LAST, "-f", "csv")
    assert "left out" not in got.stderr
    assert got.stdout == kg("query", "sources-ranked", "--store", before, "-f", "csv").stdout
