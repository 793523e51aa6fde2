"""Values as users write them: times, dates, numbers, units, lists, names, folding."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rich.console import Console

from kg.errors import InputError
from kg.truth.run import run_discovery
from kg.truth.values import detect_list_separator, merge_close_numbers, normalise_values


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("9:10 AM", "09:10"),
        ("09:10", "09:10"),
        ("9:10a", "09:10"),
        ("9:10 a.m.", "09:10"),
        ("12:05 AM", "00:05"),
        ("12:05pm", "12:05"),
        ("21:10:00", "21:10"),
        ("2012-12-01", "2012-12-01"),
        ("Dec 1, 2012", "2012-12-01"),
        ("1 December 2012", "2012-12-01"),
        ("1,234", "1234"),
        ("1234.50", "1234.5"),
        ("3.20 KM", "3.2 km"),
        ("  Paris\u00a0 FRANCE ", "paris france"),
    ],
)
def test_one_value(written: str, canonical: str) -> None:
    assert normalise_values([written]) == [canonical]


def test_ambiguous_and_impossible_values_stay_text() -> None:
    assert normalise_values(["03/04/2012"], list_sep="|") == ["03/04/2012"]
    assert normalise_values(["25:10", "13:10 pm"]) == ["25:10", "13:10 pm"]


def test_lists_detected_or_given() -> None:
    assert detect_list_separator(["a; b", "c"]) == ";"
    assert normalise_values(["Knuth|Graham", "graham | KNUTH"]) == ["graham;knuth"] * 2
    assert normalise_values(["b, a", "a,b"], list_sep=",") == ["a;b", "a;b"]
    # a comma is never guessed: "Last, First" and "1,234" use it too
    assert normalise_values(["Knuth, Donald"]) == ["knuth, donald"]


def test_names_kind_reads_person_lists() -> None:
    out = normalise_values(["Knuth, Donald E.", "Donald Knuth", "R. Graham and D. Knuth"], "names")
    assert out == ["knuth", "knuth", "graham;knuth"]
    assert normalise_values(["A"], "none") == ["A"]
    with pytest.raises(ValueError, match="unknown value kind"):
        normalise_values(["a"], "nope")


def test_close_numbers_merge_into_the_most_stated() -> None:
    rows = [("a", "x", "1000"), ("b", "x", "1004"), ("c", "x", "1004"), ("d", "x", "1100")]
    merged = merge_close_numbers(rows, 0.01)
    assert [v for _, _, v in merged] == ["1004", "1004", "1004", "1100"]
    assert merge_close_numbers(rows, 0.0) == rows
    # different units never merge
    assert [
        v for _, _, v in merge_close_numbers([("a", "x", "5 km"), ("b", "x", "5 mi")], 0.5)
    ] == [
        "5 km",
        "5 mi",
    ]


def _truths(folder: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with open(folder / "truths.csv", encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            out.setdefault(rec["object"], []).append(rec["value"])
    return out


def test_cli_compares_times_as_written(tmp_path: Path) -> None:
    rows = [
        ("a", "f1", "9:10 AM"),
        ("b", "f1", "09:10"),
        ("c", "f1", "9:10a"),
        ("d", "f1", "09:25"),
        ("e", "f1", "09:25"),
    ]
    path = tmp_path / "c.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("source", "object", "value"), *rows])
    quiet = Console(file=io.StringIO())
    run_discovery(path, "majority_vote", tmp_path / "o", console=quiet)
    assert _truths(tmp_path / "o") == {"f1": ["09:10"]}
    # as written, 9:25 has two votes against one each for the three spellings of 9:10
    run_discovery(path, "majority_vote", tmp_path / "n", values="none", console=quiet)
    assert _truths(tmp_path / "n") == {"f1": ["09:25"]}
    with pytest.raises(InputError, match="--values"):
        run_discovery(path, None, tmp_path / "x", values="bad", console=quiet)
