"""The area's commands, and their bad input: one line naming file/line/field, exit 2, no
traceback, nothing half-written (the pattern of tests/test_bad_input.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.formats.loading import load_dataset
from kg.formats.writing import dataset_yaml
from kg.resolution import VARIANT_PATH
from kg.resolution.log import MergeLog
from kg.seed import SEED_PATH, seed_dataset

from .conftest import SHARED, Result

CR_HEADER = ("rating_alternateName,creativeWork_author_name,claimReview_author_name,"
             "claimReview_author_url,claimReview_url,claimReview_claimReviewed,"
             "claimReview_datePublished\n")
CR_ROW = "False,Ann,factcheck_afp,,https://x.example/1,Claim one,2021-07-01\n"
REVIEW = {"@type": "ClaimReview", "claimReviewed": "X.", "url": "https://x.example/r",
          "author": {"name": "Checker"}, "reviewRating": {"alternateName": "False"}}
DATA = dataset_yaml(seed_dataset())


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]  # {d} is the case's folder
    files: dict[str, str | bytes] = field(default_factory=dict)
    expect: tuple[str, ...] = ()
    out: str | None = None  # an output that must not appear


CASES = [
    # import-claimreview
    Case("cr-missing-column", ("import-claimreview", "{d}/r.csv", "-o", "{d}/o.yaml"),
         {"r.csv": "a,b\n1,2\n"}, ("r.csv:1", "claimReview_claimReviewed", "missing column"),
         "o.yaml"),
    Case("cr-csv-empty-claim", ("import-claimreview", "{d}/r.csv", "-o", "{d}/o.yaml"),
         {"r.csv": CR_HEADER + CR_ROW.replace("Claim one", "")},
         ("r.csv:2", "claimReviewed", "empty"), "o.yaml"),
    Case("cr-csv-bad-date", ("import-claimreview", "{d}/r.csv", "-o", "{d}/o.yaml"),
         {"r.csv": CR_HEADER + CR_ROW.replace("2021-07-01", "yesterday")},
         ("r.csv:2", "datePublished", "not a YYYY-MM-DD date"), "o.yaml"),
    Case("cr-csv-no-rating", ("import-claimreview", "{d}/r.csv", "-o", "{d}/o.yaml"),
         {"r.csv": CR_HEADER + CR_ROW.replace("False,", ",", 1)},
         ("r.csv:2", "rating", "no rating"), "o.yaml"),
    Case("cr-json-syntax", ("import-claimreview", "{d}/r.json", "-o", "{d}/o.yaml"),
         {"r.json": '{"@type": '}, ("r.json:1", "JSON syntax"), "o.yaml"),
    Case("cr-json-not-claimreview", ("import-claimreview", "{d}/r.jsonld", "-o", "{d}/o.yaml"),
         {"r.jsonld": '{"@type": "Article"}'}, ("r.jsonld:1", "@type", "ClaimReview"),
         "o.yaml"),
    Case("cr-json-no-claim", ("import-claimreview", "{d}/r.json", "-o", "{d}/o.yaml"),
         {"r.json": json.dumps([{**REVIEW, "claimReviewed": " "}], indent=1)},
         ("r.json:3", "[0].claimReviewed", "empty"), "o.yaml"),
    Case("cr-json-no-reviewer", ("import-claimreview", "{d}/r.json", "-o", "{d}/o.yaml"),
         {"r.json": json.dumps({**REVIEW, "author": {}})}, ("r.json:1", "[0].author"),
         "o.yaml"),
    Case("cr-empty-file", ("import-claimreview", "{d}/r.csv", "-o", "{d}/o.yaml"),
         {"r.csv": ""}, ("r.csv", "empty"), "o.yaml"),
    Case("cr-binary", ("import-claimreview", "{d}/r.csv", "-o", "{d}/o.yaml"),
         {"r.csv": b"\x89PNG\r\n\x1a\n\x00\x00"}, ("r.csv", "binary"), "o.yaml"),
    Case("cr-not-utf8", ("import-claimreview", "{d}/r.csv", "-o", "{d}/o.yaml"),
         {"r.csv": "caf\xe9".encode("latin-1")}, ("r.csv", "UTF-8"), "o.yaml"),
    Case("cr-unknown-type", ("import-claimreview", "{d}/r.xml", "-o", "{d}/o.yaml"),
         {"r.xml": "<x/>"}, ("r.xml", "unknown file type"), "o.yaml"),
    Case("cr-missing-file", ("import-claimreview", "{d}/nope.csv", "-o", "{d}/o.yaml"),
         {}, ("nope.csv", "no such file"), "o.yaml"),
    # extract
    Case("ex-missing-file", ("extract", "{d}/nope.txt", "-o", "{d}/o.yaml"), {},
         ("nope.txt", "no such file"), "o.yaml"),
    Case("ex-empty", ("extract", "{d}/a.txt", "-o", "{d}/o.yaml"), {"a.txt": ""},
         ("a.txt", "empty"), "o.yaml"),
    Case("ex-blank", ("extract", "{d}/a.txt", "-o", "{d}/o.yaml"), {"a.txt": "\n \n\t\n"},
         ("a.txt", "empty"), "o.yaml"),
    Case("ex-binary", ("extract", "{d}/a.txt", "-o", "{d}/o.yaml"),
         {"a.txt": b"%PDF-1.4\x00\x01\x02"}, ("a.txt", "binary"), "o.yaml"),
    Case("ex-not-utf8", ("extract", "{d}/a.txt", "-o", "{d}/o.yaml"),
         {"a.txt": "caf\xe9 au lait".encode("latin-1")}, ("a.txt", "UTF-8"), "o.yaml"),
    Case("ex-not-text", ("extract", "{d}/a.pdf", "-o", "{d}/o.yaml"), {"a.pdf": "x"},
         ("a.pdf", "plain-text"), "o.yaml"),
    # merge / unmerge / merges / resolve / matches
    Case("merge-unknown-id", ("merge", "ria", "nope", "--data", "{d}/d.yaml"),
         {"d.yaml": DATA}, ("no source or claim 'nope'",)),
    Case("merge-itself", ("merge", "ria", "ria", "--data", "{d}/d.yaml"), {"d.yaml": DATA},
         ("cannot merge 'ria' with itself",)),
    Case("merge-source-with-claim", ("merge", "ria", "convicts-deserted", "--data",
                                     "{d}/d.yaml"), {"d.yaml": DATA},
         ("not both sources or both claims",)),
    Case("merge-contradicting-claims", ("merge", "monthly-desertions-30k",
                                        "october-desertions-21600", "--data", "{d}/d.yaml"),
         {"d.yaml": DATA}, ("contradict each other",)),
    Case("merge-broken-data", ("merge", "a", "b", "--data", "{d}/d.yaml"),
         {"d.yaml": "sources:\n  - {id: a, kind: blogger, name: A}\n"},
         ("d.yaml:2", "sources[0].kind")),
    Case("merge-bad-log", ("merge", "ria", "die-welt", "--data", "{d}/d.yaml"),
         {"d.yaml": DATA, "d.merges.json": '{"entries": [{"id": 1}]}'},
         ("d.merges.json", "entries.0", "merge log")),
    Case("merge-log-not-json", ("merge", "ria", "die-welt", "--data", "{d}/d.yaml"),
         {"d.yaml": DATA, "d.merges.json": "not json"}, ("d.merges.json", "merge log")),
    Case("unmerge-no-log", ("unmerge", "m1", "--data", "{d}/d.yaml"), {"d.yaml": DATA},
         ("d.merges.json", "no merge log")),
    Case("unmerge-unknown", ("unmerge", "m7", "--data", "{d}/d.yaml"),
         {"d.yaml": DATA, "d.merges.json": MergeLog().to_json()}, ("no merge 'm7'",)),
    Case("resolve-bad-incoming", ("resolve", str(SEED_PATH), "{d}/i.yaml", "-o", "{d}/m.yaml"),
         {"i.yaml": "claims:\n  - {id: c1, txt: oops}\n"}, ("i.yaml:2", "claims[0].txt"),
         "m.yaml"),
    Case("matches-missing-file", ("matches", "{d}/nope.yaml"), {},
         ("nope.yaml", "no such file")),
    Case("merge-without-data", ("merge", "ria", "die-welt"), {}, ("--data FILE",)),
    Case("merges-without-data", ("merges",), {}, ("--data FILE",)),
    Case("resolve-one-file", ("resolve", str(SEED_PATH), "-o", "{d}/m.yaml"), {},
         ("give two dataset files",), "m.yaml"),
    Case("resolve-store-two-files", ("resolve", str(SEED_PATH), str(SEED_PATH), "--store",
                                     "{d}/st"), {}, ("with --store give one",), "st"),
    Case("store-is-a-file", ("merge", "ria", "die-welt", "--store", "{d}/st"), {"st": "x"},
         ("st: is a file",)),
    Case("store-not-a-store", ("merges", "--store", "{d}"), {"junk.txt": "x"},
         ("not a credkg store",)),
]


def _setup(tmp_path: Path, case: Case) -> tuple[list[str], dict[str, bytes]]:
    for name, content in case.files.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    args = [a.replace("{d}", str(tmp_path)) for a in case.args]
    return args, {p.name: p.read_bytes() for p in tmp_path.iterdir()}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, kg: Callable[..., Result]) -> None:
    args, before = _setup(tmp_path, case)
    result = kg(*args)
    assert result.exit_code == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kg: error: ")
    for fragment in case.expect:
        assert fragment in lines[0], (fragment, lines[0])
    assert "Traceback" not in result.stderr + result.stdout
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert after == before, "a file was changed or left behind"
    if case.out:
        assert not (tmp_path / case.out).exists()


def test_at_least_one_case_per_command() -> None:
    commands = {c.args[0] for c in CASES}
    assert {"import-claimreview", "extract", "merge", "unmerge", "resolve", "matches"} <= commands


def test_resolve_merge_unmerge_round_trip(tmp_path: Path, kg: Callable[..., Result]) -> None:
    out = tmp_path / "merged.yaml"
    result = kg("resolve", SEED_PATH, VARIANT_PATH, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert "merged m" in result.stdout and "source ria-agency -> ria" in result.stdout
    assert "likely source sbu-sources ~ ua-security-sources" in result.stdout
    log = tmp_path / "merged.merges.json"
    assert log.is_file()
    before = load_dataset(out)
    assert "source ua-security-sources ~ sbu-sources" in kg("matches", out).stdout
    merged = kg("merge", "ua-security-sources", "sbu-sources", "--data", out,
                "--why", "same unit", "--who", "tester")
    assert merged.exit_code == 0, merged.stderr
    assert "sbu-sources" not in {s.id for s in load_dataset(out).sources}
    entry_id = MergeLog.from_json(log.read_text()).entries[-1].id
    listed = kg("merges", out)
    assert f"{entry_id}: source sbu-sources -> ua-security-sources" in listed.stdout
    assert "by tester; same unit" in listed.stdout
    undone = kg("unmerge", entry_id, "--data", out)
    assert undone.exit_code == 0, undone.stderr
    assert load_dataset(out) == before
    assert "[undone]" in kg("merges", out).stdout


def test_matches_between_two_files(kg: Callable[..., Result]) -> None:
    result = kg("matches", SEED_PATH, "--with", VARIANT_PATH)
    assert result.exit_code == 0
    assert "source ria-agency ~ ria (same name: 'ria'; sure)" in result.stdout


@pytest.mark.skipif(not (SHARED / "datasets" / "claimreview").is_dir(),
                    reason="../shared/datasets/claimreview absent")
def test_import_claimreview_samples(tmp_path: Path, kg: Callable[..., Result]) -> None:
    files = sorted((SHARED / "datasets" / "claimreview").glob("*.csv"))
    out = tmp_path / "cr.yaml"
    result = kg("import-claimreview", *files, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("records:") == 7
    assert "rejected" in result.stdout and "claimReviewed: empty" in result.stdout
    ds = load_dataset(out)
    assert len(ds.verdicts) >= 200
    assert {v.rating for v in ds.verdicts} == {"true", "mixed", "false", "other"}


def test_store_commands(tmp_path: Path, kg: Callable[..., Result]) -> None:
    store = tmp_path / "store"
    assert kg("resolve", SEED_PATH, "--store", store).exit_code == 0
    added = kg("resolve", VARIANT_PATH, "--store", store, "--doc", "variant")
    assert added.exit_code == 0, added.stderr
    assert "source ria-agency -> ria" in added.stdout
    assert "likely source sbu-sources ~ ua-security-sources" in added.stdout
    merged = kg("merge", "ua-security-sources", "sbu-sources", "--store", store, "--why", "x")
    assert merged.exit_code == 0, merged.stderr
    entry = merged.stdout.split("merged ")[1].split(":")[0]
    listed = kg("merges", "--store", store)
    assert f"{entry}: source sbu-sources -> ua-security-sources" in listed.stdout
    undone = kg("unmerge", entry, "--store", store)
    assert undone.exit_code == 0, undone.stderr
    assert "[undone]" in kg("merges", "--store", store).stdout
