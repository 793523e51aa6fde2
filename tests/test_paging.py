"""Paged listings (issue #16, point 6): pages, their totals, the CLI and ``kg serve``."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.errors import InputError
from kg.model import DEFAULT_BASE
from kg.store import QUERIES, Store, run_query
from kg.store.paging import LISTINGS, count_answer
from kg.store.sparql_text import count_sparql, paged_sparql
from kg.store.streaming import stream_query
from kg.synthetic import write_synthetic, write_synthetic_assessment
from tests.conftest import Result

CLAIMS = 3000


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store on disk of a synthetic corpus with its assessment-like graph."""
    tmp = tmp_path_factory.mktemp("paging")
    write_synthetic(tmp / "corpus.nt", CLAIMS)
    write_synthetic_assessment(tmp / "assessment.nt", CLAIMS)
    store = Store.open(tmp / "store")
    store.add_file(tmp / "corpus.nt", "corpus", assess=False)
    store.ox.bulk_load(path=str(tmp / "assessment.nt"), format=ox.RdfFormat.N_TRIPLES,
                       to_graph=ox.NamedNode(f"{DEFAULT_BASE}graph/assessment"))
    store.flush()
    del store
    return tmp / "store"


@pytest.fixture(scope="module")
def store(folder: Path) -> Iterator[Store]:
    yield Store.open(folder, read_only=True)


def _rows(store: Store, name: str, **kw: int) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else v.value for v in row)
            for row in run_query(store, name, **kw).terms]  # type: ignore[arg-type]


def test_the_listings_are_ready_made_queries() -> None:
    assert set(LISTINGS) <= set(QUERIES)
    lookups = {n for n, q in QUERIES.items() if q.params}
    assert not lookups & set(LISTINGS)  # a query about one claim or source is no listing
    assert set(QUERIES) - lookups == set(LISTINGS)  # every corpus-wide query is one


# the synthetic assessment has no distortion findings (nor has the seed), and no
# truth discovery has run on it
PAGED = sorted(set(LISTINGS) - {"distortions", "discovered-trust"})


def test_the_synthetic_store_has_no_distortions_nor_discovered_trust(store: Store) -> None:
    assert _rows(store, "distortions") == [] == _rows(store, "discovered-trust")
    assert count_answer(store, "discovered-trust").total == 0


@pytest.mark.parametrize("name", PAGED)
def test_pages_join_up_to_the_whole_answer(store: Store, name: str) -> None:
    whole = _rows(store, name)
    assert len(whole) > 5, name  # enough rows for several pages
    size = len(whole) // 3 + 1
    pages = [_rows(store, name, limit=size, offset=k * size) for k in range(4)]
    assert [len(p) for p in pages[:3]] == [size, size, len(whole) - 2 * size]
    assert pages[3] == []
    joined = [r for p in pages for r in p]
    assert joined == whole  # the same rows in the same order: nothing lost or repeated


@pytest.mark.parametrize("name", PAGED)
def test_a_page_says_whether_more_rows_follow(store: Store, name: str) -> None:
    whole = len(run_query(store, name))
    assert run_query(store, name, limit=whole - 1).truncated
    assert not run_query(store, name, limit=whole).truncated
    assert not run_query(store, name, limit=5, offset=whole - 5).truncated


def test_listing_counts_count_what_the_listing_is_about(store: Store) -> None:
    """Each cheap count equals the number of distinct things in the listing's rows."""
    column = {"single-origin": "claim", "anonymous-origins": "claim",
              "contradictions": "claim", "sources-ranked": "source"}
    for name, var in column.items():
        results = run_query(store, name)
        things = {row[var] for row in results}
        count = count_answer(store, name)
        assert count.unit == LISTINGS[name].unit
        assert count.total == len(things), name
    # the findings: one row per finding and subject
    found = run_query(store, "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f "
                      "<https://w3id.org/credkg/ns#findingType> ?t }")
    assert sum(count_answer(store, n).total for n in
               ("circular-reporting", "interested-parties", "distortions")) \
        <= int(found.terms[0][0].value)  # type: ignore[union-attr]
    assert count_answer(store, "interested-parties").total > 0


def test_other_queries_count_their_rows(store: Store) -> None:
    claim = run_query(store, "single-origin", limit=1)[0]["claim"]
    for name, params in (("chains", {"claim": claim}), ("origins", {"claim": claim})):
        count = count_answer(store, name, params)
        assert count.unit == "rows"
        assert count.total == len(run_query(store, name, params)) > 0
    text = "SELECT ?s WHERE { ?s a <https://w3id.org/credkg/ns#Claim> } LIMIT 7"
    assert count_answer(store, text).total == 7
    assert len(run_query(store, text, limit=3, offset=5)) == 2


def test_paged_sparql_keeps_a_query_of_its_own_limits() -> None:
    text = "PREFIX a: <http://a/>\nSELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 5"
    paged = paged_sparql(text, 2, 1)
    assert paged.startswith("PREFIX a: <http://a/>\nSELECT * WHERE {")
    assert paged.endswith("LIMIT 2 OFFSET 1")
    assert "ORDER BY" not in count_sparql("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s")
    with pytest.raises(InputError, match="not a SELECT"):
        paged_sparql("ASK { ?s ?p ?o }", 1, 1)
    with pytest.raises(InputError, match="0 or more"):
        paged_sparql("SELECT * { ?s ?p ?o }", -1)


def test_streamed_offset_skips_rows(store: Store) -> None:
    whole = _rows(store, "anonymous-origins")
    buffer = io.BytesIO()
    stream_query(store, "anonymous-origins", buffer, "csv", offset=10)
    lines = list(csv.reader(io.StringIO(buffer.getvalue().decode())))
    assert lines[0] == ["claim", "source", "name"]
    assert len(lines) - 1 == len(whole) - 10
    assert lines[1][0] == whole[10][0]


def test_cli_pages_say_the_total_on_stderr(kg: Callable[..., Result], folder: Path,
                                           store: Store) -> None:
    total = count_answer(store, "single-origin").total
    r = kg("query", "single-origin", "--store", folder, "--limit", "5", "--offset", "5",
           "-f", "csv")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["claim", "source", "name"] and len(rows) == 6
    assert [tuple(x) for x in rows[1:]] == _rows(store, "single-origin", limit=5, offset=5)
    assert f"rows 6-10; {total:,} claims in all" in r.stderr
    assert "rows" not in r.stdout.splitlines()[-1]
    whole = len(run_query(store, "sources-ranked"))
    r = kg("query", "sources-ranked", "--store", folder, "--offset", str(whole - 2),
           "--limit", "10", "-f", "tsv")
    assert r.exit_code == 0
    assert len(r.stdout.strip().splitlines()) == 3
    assert f"rows {whole - 1:,}-{whole:,} of {whole:,}" in r.stderr
    r = kg("query", "ASK { ?s ?p ?o }", "--store", folder, "--offset", "1")
    assert r.exit_code == 2 and "not a SELECT" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = kg("query", "single-origin", "--store", folder, "--offset", "-3")
    assert r.exit_code == 2 and "--offset" in r.stderr
    r = kg("query", "distortions", "--store", folder, "--limit", "5", "-f", "csv")
    assert r.exit_code == 0 and r.stderr.strip() == "0 row(s)"


def test_serve_pages_with_the_total_in_headers(store: Store) -> None:
    from kg.store.serve import ServeOptions, create_app

    app = create_app(store, ServeOptions(timeout=20, max_rows=50, workers=2))
    whole = _rows(store, "single-origin")
    claim = whole[0][0]

    async def ask() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://kg") as client:
            return [
                await client.get("/queries/single-origin",
                                 params={"limit": 20, "offset": 30, "format": "csv"}),
                await client.get("/queries/single-origin", params={"limit": 51}),
                await client.get("/queries/nonsense"),
                await client.get("/queries/origins", params={"claim": claim,
                                                             "format": "json"}),
                await client.get("/queries/origins"),
                await client.get("/queries/single-origin", params={"offset": "x"}),
            ]

    try:
        page, big, unknown, origins, missing, bad = asyncio.run(ask())
    finally:
        app.state.pool.close()
    assert page.status_code == 200, page.text
    rows = list(csv.reader(io.StringIO(page.text)))
    assert [tuple(x) for x in rows[1:]] == whole[30:50]
    assert page.headers["x-credkg-total"] == str(count_answer(store, "single-origin").total)
    assert page.headers["x-credkg-total-unit"] == "claims"
    assert (page.headers["x-credkg-offset"], page.headers["x-credkg-limit"]) == ("30", "20")
    assert big.status_code == 400 and "limit" in big.text
    assert unknown.status_code == 404
    assert origins.status_code == 200
    assert origins.headers["x-credkg-total-unit"] == "rows"
    n = len(origins.json()["results"]["bindings"])
    assert n > 0 and origins.headers["x-credkg-total"] == str(n)
    assert missing.status_code == 400 and "claim" in missing.text
    assert bad.status_code == 400


def test_serve_reads_a_kept_total_rather_than_counting(tmp_path: Path) -> None:
    """``/queries/NAME`` of a listing whose total the store keeps (kg.store.tallies)
    sends that total; the store in ``folder`` has none, and the test above counts."""
    from kg.seed import seed_dataset
    from kg.store.serve import ServeOptions, create_app
    from kg.store.tallies import read, tally_predicate

    writer = Store.open(tmp_path / "st")
    writer.add_dataset(seed_dataset(), "seed")
    assert read(writer.ox, "single-origin") == 15
    kept = next(iter(writer.ox.quads_for_pattern(None, tally_predicate("single-origin"), None)))
    writer.ox.remove(kept)  # a total no COUNT would give: it must come from the tally
    writer.ox.add(ox.Quad(kept.subject, kept.predicate, ox.Literal(
        "999", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        kept.graph_name))
    writer.flush()
    del writer
    store = Store.open(tmp_path / "st", read_only=True)
    app = create_app(store, ServeOptions(timeout=20, max_rows=50, workers=1))

    async def ask() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://kg") as client:
            return await client.get("/queries/single-origin", params={"limit": 5})

    try:
        page = asyncio.run(ask())
    finally:
        app.state.pool.close()
    assert page.status_code == 200, page.text
    assert page.headers["x-credkg-total"] == "999"
    assert page.headers["x-credkg-total-unit"] == "claims"
