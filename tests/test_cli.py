"""The `kg` command, run in-process."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from kg.seed import SEED_PATH

from .conftest import Result


def test_demo_writes_the_four_outputs(tmp_path: Path, kg: Callable[..., Result]) -> None:
    result = kg("demo", "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "12 sources, 4 reports, 15 claims, 33 assertions, 2 contradictions" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "graph.html", "graph.jsonld", "graph.ttl", "report.html"]
    g = Graph()
    g.parse(tmp_path / "graph.ttl", format="turtle")
    assert len(g) > 400
    assert not list(tmp_path.glob(".*.tmp")), "temporary files left behind"


def test_build_merges_files(tmp_path: Path, kg: Callable[..., Result]) -> None:
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "id,source,source_kind,source_name,claim,claim_text,cites\n"
        "kyiv-denial,ua-government,government_body,Government of Ukraine,"
        "convicts-deserted,Thousands of convicts who signed contracts with the Armed Forces of "
        "Ukraine have deserted.,\n", encoding="utf-8")
    result = kg("build", SEED_PATH, extra, "--out", tmp_path / "out")
    # the CSV reuses two of the seed's ids with other details: each file is a document
    # with its own scope (issue #13), so this is neither an error nor a silent merge;
    # both records are kept (the CSV's as extra.ua-government, extra.convicts-deserted)
    assert result.exit_code == 0, result.stderr
    assert "13 sources" in result.stdout and "16 claims" in result.stdout


def test_schema_is_json_schema(tmp_path: Path, kg: Callable[..., Result]) -> None:
    result = kg("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "credkg dataset"
    assert {"sources", "claims", "assertions", "reports"} <= set(schema["properties"])
    assert schema["$defs"]["Source"]["additionalProperties"] is False
    out = tmp_path / "credkg.schema.json"
    assert kg("schema", "--out", out).exit_code == 0
    assert json.loads(out.read_text()) == schema


def test_schema_accepts_the_seed_and_rejects_typos() -> None:
    import jsonschema
    import pytest
    import yaml

    from kg.formats.loading import json_schema

    schema = json_schema()
    data = yaml.safe_load(SEED_PATH.read_text())
    # JSON Schema sees YAML dates as strings, as an editor does
    jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)
    data["claims"][0]["txt"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)


def test_chain(kg: Callable[..., Result]) -> None:
    result = kg("chain", "convicts-deserted")
    assert result.exit_code == 0
    assert "RIA Novosti \u2192 Sources within Ukraine's security forces" in result.stdout
    missing = kg("chain", "no-such-claim")
    assert missing.exit_code == 2 and "no claim with id 'no-such-claim'" in missing.stderr


def test_export_formats(tmp_path: Path, kg: Callable[..., Result]) -> None:
    for fmt in ("graphml", "gexf", "csv"):
        out = tmp_path / f"g.{fmt}"
        assert kg("export", "--format", fmt, "--out", out).exit_code == 0
        assert out.stat().st_size > 1000
    import networkx as nx

    G = nx.read_graphml(tmp_path / "g.graphml")
    assert G.nodes["ria"]["kind"] == "news_outlet"
    bad = kg("export", "--format", "docx")
    assert bad.exit_code == 2 and "unknown format" in bad.stderr


def test_console_script_runs_as_a_program(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("kg")
    done = subprocess.run([exe, "build", tmp_path / "missing.yaml"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "no such file" in done.stderr


def test_discover(tmp_path: Path, kg: Callable[..., Result]) -> None:
    claims = tmp_path / "claims.csv"
    claims.write_text("source,object,value\n" + "".join(
        f"s{i},city,{'100' if i < 4 else '200'}\n" for i in range(6)) + "s0,town,5\ns5,town,6\n")
    out = tmp_path / "out"
    result = kg("discover", claims, "--method", "majority_vote", "--out", out)
    assert result.exit_code == 0, result.stderr
    beliefs = (out / "beliefs.csv").read_text().splitlines()
    assert beliefs[0] == "object,value,belief"
    assert any(line.startswith("city,100,") for line in beliefs)
    assert (out / "trust.csv").read_text().startswith("source,trust")
    truths = (out / "truths.csv").read_text()
    assert "town,5,True" in truths and "town,6,True" in truths  # a tie is reported as a tie
    bad = kg("discover", claims, "--method", "nope", "--out", out)
    assert bad.exit_code == 2 and "unknown method 'nope'" in bad.stderr


def test_export_claimreview(tmp_path: Path, kg: Callable[..., Result]) -> None:
    out = tmp_path / "reviews.jsonld"
    assert kg("export", "--format", "claimreview", "--out", out).exit_code == 0
    data = json.loads(out.read_text())
    reviews = data if isinstance(data, list) else data.get("@graph", [data])
    assert len(reviews) == 15
    assert all(r["@type"] == "ClaimReview" for r in reviews)


def test_build_into_a_store_and_score_it(tmp_path: Path, kg: Callable[..., Result]) -> None:
    store = tmp_path / "store"
    first = kg("build", SEED_PATH, "--store", store)
    assert first.exit_code == 0, first.stderr
    assert "seed: added" in first.stdout
    again = kg("build", SEED_PATH, "--store", store)
    assert "seed: unchanged" in again.stdout
    scored = kg("score", "--store", store, "--explain", "monthly-desertions-30k")
    assert scored.exit_code == 0 and "Graded 4 (doubtful)" in scored.stdout


def test_a_missing_extra_is_one_line_naming_what_to_install(
    kg: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec

    def without_starlette(name: str, *args: object) -> object:
        return None if name == "starlette" else real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", without_starlette)
    result = kg("serve")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "pip install 'credkg[serve]'" in result.stderr
