"""SHACL shapes: every exported graph conforms; broken graphs are reported clearly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from kg.formats.rdf import serialize, to_rdf
from kg.formats.registry import FORMATS
from kg.seed import seed_dataset
from kg.shapes import conforms

from .conftest import Result

PREFIX = """@prefix cred: <https://w3id.org/credkg/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://x/s> a cred:Source, cred:Person ; rdfs:label "S" .
<http://x/c> a cred:Claim ; schema:text "C" .
"""

#: The RDF syntaxes credkg writes, from the one registry.
RDF_WRITTEN = [f.name for f in FORMATS.values() if f.family == "rdf" and f.writes]


def test_seed_graph_conforms() -> None:
    assert conforms(to_rdf(seed_dataset())) == []


@pytest.mark.parametrize("fmt", RDF_WRITTEN)
def test_every_export_conforms(fmt: str, tmp_path: Path, kg: Callable[..., Result]) -> None:
    out = tmp_path / f"g{FORMATS[fmt].suffix}"
    assert kg("export", "--format", fmt, "--out", out).exit_code == 0
    result = kg("validate", out)
    assert result.exit_code == 0, result.stderr
    assert "conforms" in result.stdout


def test_demo_outputs_conform(tmp_path: Path, kg: Callable[..., Result]) -> None:
    assert kg("demo", "--out", tmp_path).exit_code == 0
    result = kg("validate", tmp_path / "graph.ttl", tmp_path / "graph.jsonld")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(("body", "expect"), [
    ("<http://x/a> a cred:Assertion ; cred:claim <http://x/c> .", "cred:assertedBy"),
    ("<http://x/a> a cred:Assertion ; cred:assertedBy <http://x/s>, <http://x/s2> ; "
     "cred:claim <http://x/c> . <http://x/s2> a cred:Source ; rdfs:label 'T' .", "cred:assertedBy"),
    ("<http://x/a> a cred:Assertion ; cred:assertedBy <http://x/s> .", "cred:claim"),
    ("<http://x/s> cred:reliability 'G' .", "cred:reliability"),
    ("<http://x/c> cred:credibility 7 .", "cred:credibility"),
    ("<http://x/c> cred:credibility 0 .", "cred:credibility"),
    ("<http://x/c> cred:score 1.5 .", "cred:score"),
    ("<http://x/s> cred:score -0.1 .", "cred:score"),
])
def test_violations_are_reported(body: str, expect: str, tmp_path: Path,
                                 kg: Callable[..., Result]) -> None:
    g = Graph()
    g.parse(data=PREFIX + body, format="turtle")
    violations = conforms(g)
    assert any(v.path == expect for v in violations), violations
    path = tmp_path / "bad.ttl"
    path.write_text(serialize(g, "turtle"))
    result = kg("validate", path)
    assert result.exit_code == 2
    assert expect in result.stderr and "bad.ttl" in result.stderr


def test_validate_reports_a_syntax_error_on_one_line(tmp_path: Path,
                                                     kg: Callable[..., Result]) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("@prefix cred: <https://w3id.org/credkg/ns#> .\n<a> cred:x ")
    result = kg("validate", path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.ttl" in lines[0] and "cannot parse as turtle" in lines[0]
