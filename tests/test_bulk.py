"""Bulk loading of RDF files: the one-pass scan and the two parallel halves."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import DatasetError
from kg.store import Store
from kg.store import bulk as bulk_module
from kg.store.bulk import FileFacts, bulk_load, scan_file
from kg.synthetic import write_synthetic

G = ox.NamedNode("https://example.org/graph/g")


def quads(store: ox.Store) -> set[str]:
    return {str(q) for q in store}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.nt"
    write_synthetic(path, 300)
    return path


def test_scan_counts_statements_not_blank_or_comment_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.nt"
    path.write_bytes(b"# a comment\n<a:s> <a:p> <a:o> .\n\n   \n\t# indented\r\n"
                     b"<a:s> <a:p> \"2\" .\r\n<a:s> <a:p> \"3\" .")  # no final newline
    facts = scan_file(path, count_lines=True)
    assert facts.statements == 3 and not facts.blank_nodes
    assert facts.digest == __import__("hashlib").sha256(path.read_bytes()).hexdigest()
    assert scan_file(path, count_lines=False) == FileFacts(facts.digest, None, None)


def test_scan_counts_across_block_boundaries(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = len(corpus.read_bytes().splitlines())
    monkeypatch.setattr(bulk_module, "_BLOCK", 777)  # lines cut between blocks
    assert scan_file(corpus, count_lines=True).statements == lines


def test_halves_load_exactly_what_one_load_does(corpus: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    one = ox.Store()
    bulk_load(one, corpus, ox.RdfFormat.N_TRIPLES, G)
    monkeypatch.setattr(bulk_module, "SPLIT_BYTES", 1000)
    facts = scan_file(corpus, count_lines=True)
    assert len(bulk_module._halves(corpus, corpus.stat().st_size)) == 2
    two = ox.Store()
    bulk_load(two, corpus, ox.RdfFormat.N_TRIPLES, G, facts=facts)
    assert quads(two) == quads(one) and len(one) > 3000


def test_blank_nodes_keep_the_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # each parse names blank nodes afresh, so _:b in both halves would become two nodes
    path = tmp_path / "b.nt"
    path.write_text("".join(f"_:b <https://example.org/p> \"{i}\" .\n" for i in range(200)),
                    encoding="utf-8")
    monkeypatch.setattr(bulk_module, "SPLIT_BYTES", 100)
    facts = scan_file(path, count_lines=True)
    assert facts.blank_nodes
    store = ox.Store()
    bulk_load(store, path, ox.RdfFormat.N_TRIPLES, G, facts=facts)
    assert len({q.subject for q in store}) == 1 and len(store) == 200


def test_error_in_the_second_half_gives_its_line_in_the_file(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = len(corpus.read_bytes().splitlines())
    with corpus.open("a", encoding="utf-8") as f:
        f.write("<https://example.org/a> <https://example.org/b> not N-Triples .\n")
    monkeypatch.setattr(bulk_module, "SPLIT_BYTES", 1000)
    store = Store()
    with pytest.raises(DatasetError, match=rf"corpus\.nt: cannot parse as N-Triples: .*line "
                                           rf"{lines + 1}\b"):
        store.add_file(corpus, assess=False)
    assert len(store) == 0 and store.documents() == []  # the half-loaded graph is gone
