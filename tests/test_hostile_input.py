"""Hostile and careless input files: refused in one line, fast, in bounded memory.

Bombs and huge inputs are generated here, never committed. Each command runs in a
subprocess with its data segment capped at 500 MB and a 5 s wall clock (plus the
interpreter's start), so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import csv
import io
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.formats.csv import parse_csv, to_csv
from kg.model import Assertion, Claim, Dataset, Source
from kg.store import Store

from .conftest import Result

LIMIT = 500 * 2**20
#: Seconds the refusal may take, on top of starting Python and importing kg.
BUDGET = 5.0


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_DATA, (LIMIT, LIMIT))


def run_kg(*args: str | Path, timeout: float = BUDGET + 10) -> subprocess.CompletedProcess[str]:
    """``kg ARGS`` in a subprocess with 500 MB of data and a time limit."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
        preexec_fn=_capped, timeout=timeout, env={**os.environ, "KG_DEBUG": ""},
    )


def _one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    for w in words:
        assert w in result.stderr


def yaml_alias_bomb(levels: int = 9) -> str:
    lines = ["claims:", "  - id: c1", "    text: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    prev = "a"
    for ch in "bcdefghijk"[: levels - 1]:
        lines.append(f"    x{ch}: &{ch} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = ch
    return "\n".join(lines) + "\n"


def xml_entity_bomb(levels: int = 10) -> str:
    entities = '<!ENTITY a "aaaaaaaaaa">'
    prev = "a"
    for ch in "bcdefghijk"[: levels - 1]:
        entities += f'<!ENTITY {ch} "{f"&{prev};" * 10}">'
        prev = ch
    return (f'<?xml version="1.0"?><!DOCTYPE r [{entities}]>'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:p="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
            f"<p:x>&{prev};</p:x></rdf:Description></rdf:RDF>")


@pytest.mark.parametrize("command", ["validate", "build", "add"])
def test_a_yaml_alias_bomb_is_refused_fast_in_bounded_memory(tmp_path: Path, command: str) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(yaml_alias_bomb(), encoding="utf-8")
    assert bomb.stat().st_size < 500
    extra = ["--store", tmp_path / "st"] if command == "add" else (
        ["--out", tmp_path / "out"] if command == "build" else [])
    _one_line_error(run_kg(command, bomb, *extra), "alias")


def test_a_deeper_yaml_alias_bomb_is_refused_too(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(yaml_alias_bomb(10), encoding="utf-8")
    _one_line_error(run_kg("validate", bomb), "alias")


def test_yaml_aliases_within_reason_still_load(kg: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("sources:\n  - &s {id: s1, kind: person, name: Ann}\n"
                    "claims:\n  - {id: c1, text: It rained.}\n"
                    "assertions:\n  - {id: a1, source: s1, claim: c1}\n", encoding="utf-8")
    assert kg("validate", path).exit_code == 0


@pytest.mark.parametrize("command", ["validate", "build", "add"])
def test_an_xml_entity_bomb_is_refused_fast(tmp_path: Path, command: str) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(xml_entity_bomb(), encoding="utf-8")
    assert bomb.stat().st_size < 1500
    extra = ["--store", tmp_path / "st"] if command == "add" else (
        ["--out", tmp_path / "out"] if command == "build" else [])
    _one_line_error(run_kg(command, bomb, *extra), "DOCTYPE")


@pytest.mark.parametrize(("name", "device"), [("z.yaml", "/dev/zero"), ("u.ttl", "/dev/urandom"),
                                              ("u.nt", "/dev/urandom")])
@pytest.mark.parametrize("command", ["validate", "add"])
def test_a_link_to_a_device_is_refused_without_reading_it(
    tmp_path: Path, name: str, device: str, command: str
) -> None:
    link = tmp_path / name
    link.symlink_to(device)
    extra = ["--store", tmp_path / "st"] if command == "add" else []
    _one_line_error(run_kg(command, link, *extra), "not a regular file")


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(26 * 2**20)  # sparse: nothing is written, the size says 26 MB
    _one_line_error(run_kg("validate", big), "limit", "CREDKG_MAX_TEXT_MB")


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("claims:\n  - {id: c1, text: " + "x" * 4000 + "}\n", encoding="utf-8")
    env = {**os.environ, "CREDKG_MAX_TEXT_MB": "0.001"}
    result = subprocess.run([sys.executable, "-m", "kg", "validate", str(path)],
                            capture_output=True, text=True, env=env, timeout=60)
    _one_line_error(result, "limit")


def _remote_context_listener() -> tuple[object, int, list[str]]:
    import http.server
    import threading

    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"@context": {"text": "https://schema.org/text"}}')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1], hits


@pytest.mark.parametrize("command", ["validate", "build", "add"])
def test_a_remote_jsonld_context_is_never_fetched(tmp_path: Path, command: str) -> None:
    server, port, hits = _remote_context_listener()
    try:
        doc = tmp_path / "c.jsonld"
        doc.write_text(
            f'{{"@context": "http://127.0.0.1:{port}/c.jsonld", "@id": '
            '"https://example.org/claim/c", "@type": "https://w3id.org/credkg/ns#Claim", '
            '"text": "x"}', encoding="utf-8")
        extra = ["--store", tmp_path / "st"] if command == "add" else (
            ["--out", tmp_path / "out"] if command == "build" else [])
        _one_line_error(run_kg(command, doc, *extra), "--jsonld-context")
        local = tmp_path / "ctx.jsonld"
        local.write_text('{"@context": {"text": "https://schema.org/text"}}', encoding="utf-8")
        file_context = tmp_path / "f.jsonld"
        file_context.write_text(doc.read_text().replace(f"http://127.0.0.1:{port}/c.jsonld",
                                                        local.as_uri()), encoding="utf-8")
        _one_line_error(run_kg("validate", file_context), "not fetched")
        mapped = run_kg("--jsonld-context", f"http://127.0.0.1:{port}/c.jsonld={local}",
                        "validate", doc)
        assert mapped.returncode == 0, mapped.stderr
    finally:
        server.shutdown()  # type: ignore[attr-defined]
        server.server_close()  # type: ignore[attr-defined]
    assert hits == []


BAD_IRIS = {
    "base.ttl": ("@base <file:///etc/> .\n@prefix cred: <https://w3id.org/credkg/ns#> .\n"
                 '<passwd> a cred:Claim ; <https://schema.org/text> "x" .\n', "file"),
    "js.ttl": ("@prefix cred: <https://w3id.org/credkg/ns#> .\n"
               '<javascript:alert(1)> a cred:Claim ; <https://schema.org/text> "x" .\n',
               "javascript"),
    "js.nt": ('<javascript:alert(1)> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
              "<https://w3id.org/credkg/ns#Claim> .\n", "javascript"),
}


@pytest.mark.parametrize("name", list(BAD_IRIS))
@pytest.mark.parametrize("command", ["validate", "build", "add"])
def test_iris_of_other_schemes_are_refused_everywhere(
    tmp_path: Path, kg: Callable[..., Result], name: str, command: str
) -> None:
    text, scheme = BAD_IRIS[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    store = tmp_path / "st"
    extra = ["--store", store] if command == "add" else (
        ["--out", tmp_path / "out"] if command == "build" else [])
    result = kg(command, path, *extra)
    assert result.exit_code == 2, result.stdout
    assert f"scheme '{scheme}'" in result.stderr and result.stderr.count("\n") == 1
    if command == "add":
        assert Store.open(store).documents() == []


def test_a_literal_that_looks_like_an_iri_is_no_iri(tmp_path: Path) -> None:
    path = tmp_path / "ok.nt"
    path.write_text('<https://example.org/claim/c> <https://schema.org/text> '
                    '"see <javascript:x> in the page" .\n'
                    "<https://example.org/claim/c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                    "type> <https://w3id.org/credkg/ns#Claim> .\n", encoding="utf-8")
    store = Store()
    assert store.add_file(path, "ok", assess=False).triples == 2


def test_an_unterminated_csv_quote_is_an_error_with_its_line(kg: Callable[..., Result],
                                                             tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text("id,source,source_kind,source_name,claim,claim_text\n"
                    'a1,s1,person,Ann,c1,"Hello\n'
                    "a2,s1,person,Ann,c2,Bye\n", encoding="utf-8")
    result = kg("validate", path)
    assert result.exit_code == 2
    assert f"{path}:2:" in result.stderr and "quote" in result.stderr


FORMULAS = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_csv_export_escapes_formulas_and_reads_them_back() -> None:
    ds = Dataset(
        sources=[Source(id=f"s{i}", kind="person", name=f) for i, f in enumerate(FORMULAS)],
        claims=[Claim(id="c1", text="=1+1")],
        assertions=[Assertion(id=f"a{i}", source=f"s{i}", claim="c1")
                    for i in range(len(FORMULAS))],
    )
    text = to_csv(ds)
    for row in csv.DictReader(io.StringIO(text, newline="")):
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    again = parse_csv(text, "x.csv")
    assert {s.name for s in again.sources} == {f.strip() for f in FORMULAS}  # cells are trimmed
    assert again.claim("c1").text == "=1+1"


def test_output_onto_an_input_or_a_file_is_refused(kg: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    from kg.seed import SEED_PATH

    data = tmp_path / "seed.yaml"
    data.write_bytes(SEED_PATH.read_bytes())
    before = data.read_bytes()
    for args in (("export", data, "-f", "yaml", "-o", data),
                 ("report", data, "-o", data), ("build", data, "-o", data)):
        result = kg(*args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, args
    assert data.read_bytes() == before


def test_a_negative_count_is_refused_but_a_change_may_be_negative(
    kg: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "neg.yaml"
    path.write_text("claims:\n  - id: c1\n    text: Minus five deserted.\n"
                    "    quantity: {measure: deserters, value: -5}\n", encoding="utf-8")
    result = kg("validate", path)
    assert result.exit_code == 2 and "negative" in result.stderr
    assert f"{path}:4" in result.stderr
    path.write_text("claims:\n  - id: c1\n    text: Growth fell by half a point.\n"
                    "    quantity: {measure: GDP growth, value: -0.5, unit: percent}\n",
                    encoding="utf-8")
    assert kg("validate", path).exit_code == 0


def test_error_text_is_printed_as_written(kg: Callable[..., Result], tmp_path: Path) -> None:
    """No markup, no emoji codes: 'rdfs:label' once came out as 'rdfs' and an emoji."""
    path = tmp_path / "two.ttl"
    path.write_text("@prefix cred: <https://w3id.org/credkg/ns#> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    '<https://example.org/source/s> a cred:Person ; rdfs:label "A", "[b]B" .\n',
                    encoding="utf-8")
    result = kg("build", path, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "rdfs:label" in result.stderr and "\U0001f3f7" not in result.stderr
