"""Table-driven bad input: one clear line naming file, line and field; exit 2; no traceback;
no output left behind. Inputs that are not errors come through intact and escaped."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.seed import SEED_PATH

from .conftest import Result

GOOD = """\
sources:
  - {id: s1, kind: news_outlet, name: Outlet}
claims:
  - {id: c1, text: A claim.}
assertions:
  - {id: a1, source: s1, claim: c1}
"""


@dataclass(frozen=True)
class Case:
    id: str
    name: str  # file name (its extension picks the reader)
    content: bytes | str | None  # None: the file does not exist
    expect: tuple[str, ...]  # fragments the one error line must contain


def yaml_with(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


CASES = [
    Case("malformed-yaml", "d.yaml", "sources:\n  - {id: s1, kind: [\n", ("d.yaml:", "YAML syntax")),
    Case("yaml-tab-indent", "d.yaml", "sources:\n\t- id: s1\n", ("d.yaml:2", "YAML syntax")),
    Case("malformed-json", "d.json", '{"sources": [}', ("d.json:1", "JSON syntax")),
    Case("json-duplicate-key", "d.json", '{"claims": [], "claims": []}', ("duplicate key",)),
    Case("yaml-duplicate-key", "d.yaml", GOOD + "claims: []\n", ("d.yaml:7", "duplicate key")),
    Case("top-level-list", "d.yaml", "- a\n- b\n", ("d.yaml:1", "top level must be a mapping")),
    Case("wrong-type-bool", "d.yaml", yaml_with("claim: c1}", "claim: c1, hedged: maybe}"),
         ("d.yaml:6", "assertions[0].hedged", "valid boolean")),
    Case("wrong-type-number", "d.yaml",
         yaml_with("text: A claim.}", "text: A claim., quantity: {measure: m, value: '11,000'}}"),
         ("d.yaml:4", "claims[0].quantity.value", "valid number")),
    Case("wrong-kind", "d.yaml", yaml_with("kind: news_outlet", "kind: blogger"),
         ("d.yaml:2", "sources[0].kind")),
    Case("bad-grade", "d.yaml", yaml_with("name: Outlet}", "name: Outlet, reliability: G}"),
         ("d.yaml:2", "sources[0].reliability")),
    Case("bad-grade-time", "d.yaml",
         yaml_with("name: Outlet}", "name: Outlet, reliability: B, reliability_set_at: soon}"),
         ("d.yaml:2", "sources[0].reliability_set_at", "give a date (YYYY-MM-DD)")),
    Case("grade-reason-without-grade", "d.yaml",
         yaml_with("name: Outlet}", "name: Outlet, reliability_why: gut feeling}"),
         ("d.yaml:2", "sources[0]", "give reliability too")),
    Case("unknown-key", "d.yaml", yaml_with("text: A claim.}", "text: A claim., txt: typo}"),
         ("d.yaml:4", "claims[0].txt", "unknown key")),
    Case("missing-field", "d.yaml", yaml_with("{id: c1, text: A claim.}", "{id: c1}"),
         ("d.yaml:4", "claims[0].text", "missing")),
    Case("dangling-claim", "d.yaml", yaml_with("claim: c1}", "claim: c9}"),
         ("d.yaml:6", "assertions[0].claim", "unknown claim 'c9'")),
    Case("dangling-cite", "d.yaml", yaml_with("claim: c1}", "claim: c1, cites: [a7]}"),
         ("d.yaml:6", "assertions[0].cites", "unknown assertion 'a7'")),
    Case("duplicate-id", "d.yaml", GOOD.replace("{id: c1,", "{id: s1,").replace("claim: c1", "claim: s1"),
         ("d.yaml:4", "claims[0].id", "duplicate id 's1'")),
    Case("cite-cycle", "d.yaml", GOOD + "  - {id: a2, source: s1, claim: c1, cites: [a3]}\n"
         "  - {id: a3, source: s1, claim: c1, cites: [a2]}\n",
         ("d.yaml:", "cites", "citation cycle")),
    Case("cite-other-claim", "d.yaml", GOOD.replace("claims:\n", "claims:\n  - {id: c2, text: Other.}\n")
         + "  - {id: a2, source: s1, claim: c2, cites: [a1]}\n",
         ("d.yaml:8", "assertions[1].cites", "same claim")),
    Case("bad-date", "d.yaml", "reports:\n  - {id: r1, date: 2024-13-45}\n",
         ("d.yaml:2", "'2024-13-45' is not a valid date")),
    Case("min-over-max", "d.yaml",
         yaml_with("text: A claim.}", "text: A claim., quantity: {measure: m, min_value: 5, max_value: 1}}"),
         ("d.yaml:4", "claims[0].quantity", "min_value is greater than max_value")),
    Case("bad-id", "d.yaml", yaml_with("{id: c1,", "{id: 'c 1',").replace("claim: c1", "claim: 'c 1'"),
         ("d.yaml:4", "claims[0].id")),
    Case("empty-file", "d.yaml", "", ("d.yaml", "empty")),
    Case("only-comments", "d.yaml", "# nothing here\n", ("d.yaml", "holds no data")),
    Case("binary-file", "d.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ("d.yaml", "binary")),
    Case("not-utf8", "d.yaml", "name: caf\xe9\n".encode("latin-1"), ("d.yaml:1", "UTF-8")),
    Case("missing-file", "nope.yaml", None, ("nope.yaml", "no such file")),
    Case("unknown-extension", "d.docx", "x", ("d.docx", "unknown file type")),
    Case("csv-missing-column", "d.csv", "id,source\na1,s1\n", ("d.csv:1", "missing column 'claim'")),
    Case("csv-bad-number", "d.csv",
         "id,source,source_kind,claim,claim_text,measure,value\na1,s1,person,c1,T,m,lots\n",
         ("d.csv:2", "value", "expected a number")),
    Case("csv-conflicting-rows", "d.csv",
         "id,source,source_kind,claim,claim_text\na1,s1,person,c1,T\na2,s1,news_outlet,c1,T\n",
         ("d.csv:3", "kind")),
    Case("csv-source-without-kind", "d.csv", "id,source,claim,claim_text\na1,s1,c1,T\n",
         ("d.csv:2", "source_kind")),
    Case("turtle-syntax", "d.ttl", "@prefix cred: <https://w3id.org/credkg/ns#> .\n<a> cred:x ",
         ("d.ttl", "cannot parse")),
    Case("rdf-not-credkg", "d.ttl", "<http://a> <http://b> <http://c> .\n",
         ("d.ttl", "no cred:Source")),
]


def write_case(tmp_path: Path, case: Case) -> Path:
    path = tmp_path / case.name
    if isinstance(case.content, bytes):
        path.write_bytes(case.content)
    elif case.content is not None:
        path.write_text(case.content, encoding="utf-8")
    return path


def assert_clean_failure(result: Result, out: Path, expect: tuple[str, ...]) -> None:
    assert result.exit_code == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kg: error: ")
    for fragment in expect:
        assert fragment in lines[0], (fragment, lines[0])
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists() or not any(out.iterdir()), "an output file was left behind"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_build(case: Case, tmp_path: Path, kg: Callable[..., Result]) -> None:
    path = write_case(tmp_path, case)
    out = tmp_path / "out"
    assert_clean_failure(kg("build", path, "--out", out), out, case.expect)


def test_at_least_twenty_cases() -> None:
    assert len(CASES) >= 20


def test_fifty_megabyte_file_is_refused_before_parsing(
    tmp_path: Path, kg: Callable[..., Result]
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w") as f:
        f.write("claims:\n")
        line = "  - {id: c%07d, text: padding padding padding padding padding padding}\n"
        i = 0
        while f.tell() < 50 * 2**20:
            f.write(line % i)
            i += 1
    out = tmp_path / "out"
    assert_clean_failure(kg("build", path, "--out", out), out, ("huge.yaml", "50 MB", "limit"))


def test_failed_build_keeps_earlier_outputs(tmp_path: Path, kg: Callable[..., Result]) -> None:
    out = tmp_path / "out"
    assert kg("build", SEED_PATH, "--out", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml_with("claim: c1}", "claim: c9}"))
    assert kg("build", bad, "--out", out).exit_code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_usage_error_exits_2(kg: Callable[..., Result]) -> None:
    result = kg("build", "--no-such-option")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


HOSTILE = {
    "name": "<script>alert('n')</script>\u202eعربي",
    "text": "<img src=x onerror=alert(1)> & \"quotes\" \u05e9\u05dc\u05d5\u05dd",
    "url": "javascript:alert(1)",
}


def test_unicode_rtl_and_html_come_through_intact_and_escaped(
    tmp_path: Path, kg: Callable[..., Result]
) -> None:
    data = {
        "sources": [{"id": "s1", "kind": "person", "name": HOSTILE["name"]}],
        "reports": [{"id": "r1", "title": "R", "url": HOSTILE["url"], "published_by": "s1"}],
        "claims": [{"id": "c1", "text": HOSTILE["text"]}],
        "assertions": [{"id": "a1", "source": "s1", "claim": "c1", "report": "r1"}],
    }
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    result = kg("build", path, "--out", out)
    assert result.exit_code == 0, result.stderr
    from kg.formats.loading import load_dataset
    from kg.formats.rdf import read_rdf

    for loaded in (load_dataset(path), read_rdf(out / "graph.ttl"), read_rdf(out / "graph.jsonld")):
        # names keep their right-to-left text, without the override that disguises them
        assert loaded.source("s1").name == HOSTILE["name"].replace("\u202e", "")
        assert loaded.claim("c1").text == HOSTILE["text"]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<img src=x" not in report and "<script>alert" not in report
    assert html.escape(HOSTILE["text"]) in report
    assert 'href="javascript' not in report
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<script>alert" not in page
