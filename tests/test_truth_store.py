"""``kg discover --store``: trust from a store's figure claims, written back with provenance."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.credibility import assess
from kg.store import Store
from kg.store.queries import run_query
from kg.store.trust import read_trust, trust_graphs
from kg.trust import discover_store

from .conftest import Result

#: Five outlets give monthly desertion figures for six months. a, b and c agree on the
#: true figure every month; d is wrong every month (a different wrong figure each
#: time); e is right on months it shares with nobody else but for one; f relays a (not
#: an origin: it must not count). The measure is written in several ways
#: ("Desertions", "desertion"), which are one measure key.
MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
TRUE = [1000, 1200, 1500, 1100, 900, 1300]
SOURCES = ["a", "b", "c", "d", "e", "f"]


def _dataset_yaml() -> str:
    lines = ["sources:"]
    lines += [f"  - {{id: {s}, kind: news_outlet, name: Outlet {s.upper()}}}" for s in SOURCES]
    lines += ["claims:"]
    assertions: list[str] = []
    for i, (month, true) in enumerate(zip(MONTHS, TRUE, strict=True)):
        y, m = month.split("-")
        period = f"period_start: {y}-{m}-01, period_end: {y}-{m}-28"
        measure = "Desertions" if i % 2 else "desertion"
        wrong = true * 3 + i
        for cid, value in ((f"t{i}", true), (f"w{i}", wrong)):
            lines.append(f"  - id: {cid}")
            lines.append(f"    text: {value} desertions in {month}.")
            lines.append(f"    quantity: {{measure: {measure}, unit: soldiers, value: {value}, "
                         f"{period}}}")
        for s in ("a", "b", "c"):
            assertions.append(f"  - {{id: {s}{i}, source: {s}, claim: t{i}}}")
        assertions.append(f"  - {{id: d{i}, source: d, claim: w{i}}}")
        assertions.append(f"  - {{id: f{i}, source: f, claim: t{i}, cites: [a{i}]}}")
    lines.append("  - id: solo")
    lines.append("    text: 70 deserters were caught.")
    lines.append("    quantity: {measure: deserters caught, unit: soldiers, value: 70}")
    assertions.append("  - {id: e-solo, source: e, claim: solo}")
    return "\n".join([*lines, "assertions:", *assertions]) + "\n"


@pytest.fixture
def figures_file(tmp_path: Path) -> Path:
    path = tmp_path / "figures.yaml"
    path.write_text(_dataset_yaml(), encoding="utf-8")
    return path


@pytest.fixture
def store(figures_file: Path) -> Store:
    s = Store()
    s.add_file(figures_file, "figures")
    return s


def _id(iri: str) -> str:
    """A source IRI's local id, without the document scope (``.../source/figures.d`` -> d)."""
    return iri.rsplit("/", 1)[1].rsplit(".", 1)[-1]


def _truth_quads(store: Store) -> list[ox.Quad]:
    return [q for g in trust_graphs(store)
            for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(g))]


def test_trust_is_written_and_ranks_the_wrong_source_last(store: Store) -> None:
    found = discover_store(store)
    assert found.run is not None and found.run.method == "accu"
    assert found.contested == 6 and found.objects == 7  # six months; e's measure alone
    trust = {_id(iri): t for iri, t in read_trust(store).items()}
    assert set(trust) == {"a", "b", "c", "d"}  # e: nobody checks it; f: only relays
    assert min(trust, key=trust.__getitem__) == "d"
    assert trust["d"] < 0.5 < min(trust["a"], trust["b"], trust["c"])
    assert found.unchecked == 1 and found.reassessed
    # the trust stays in its own graph; the assessment holds the grades it helped make
    [assessment] = store.assessment_graphs()
    assert not list(store.ox.quads_for_pattern(
        None, ox.NamedNode("https://w3id.org/credkg/ns#discoveredTrust"), None, assessment))


def test_the_ready_made_query_lists_trust_beside_the_grade(store: Store) -> None:
    discover_store(store, "majority_vote")
    rows = list(run_query(store, "discovered-trust"))
    assert [_id(r["source"]) for r in rows][-1] == "d"
    assert {r["name"] for r in rows} == {"Outlet A", "Outlet B", "Outlet C", "Outlet D"}
    assert all(r["method"] == "majority_vote" and r["figures"] == 6 for r in rows)
    grades = {_id(r["source"]): r["grade"] for r in rows}
    # each outlet starts at C; d's six unconfirmed figures lower its grade, not the others'
    assert grades["d"] in ("D", "E") and all(grades[s] in "ABC" for s in "abc"), grades
    assert rows[0]["trust"] > rows[-1]["trust"]


def test_discovered_trust_moves_the_grades_of_the_sources_it_checks(store: Store) -> None:
    """The trust is track-record evidence: the checked sources' grades follow it, the
    unchecked one's (e) and the relay's (f) do not, the explanation says why, and the
    store's own assessment holds the same grades."""
    from kg.store.trust import discovered_trust

    def grades() -> dict[str, str]:
        ds = store.dataset()
        result = assess(ds, discovered=discovered_trust(store.ox, ds.base) or None)
        return {s.id.rsplit(".", 1)[-1]: result.sources[s.id].grade for s in ds.sources}

    assert set(grades().values()) == {"C"}
    discover_store(store)
    after = grades()
    assert after["d"] in ("D", "E") and after["e"] == after["f"] == "C"
    assert all(after[s] in ("A", "B") for s in "abc")
    stored = {_id(r["source"]): r["grade"] for r in run_query(store, "discovered-trust")}
    assert stored == {s: after[s] for s in "abcd"}  # the store's assessment agrees
    ds = store.dataset()
    d = next(s.id for s in ds.sources if s.id.endswith(".d"))
    text = assess(ds, discovered=discovered_trust(store.ox, ds.base)).sources[d].explanation
    assert "6 figures checked by truth discovery" in text


def test_the_run_carries_its_provenance(store: Store) -> None:
    discover_store(store, "truthfinder", tolerance=0.01, max_iter=50)
    [doc] = store.documents()
    answer = store.ox.query("""
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX cred: <https://w3id.org/credkg/ns#>
        PREFIX schema: <https://schema.org/>
        SELECT ?method ?settings ?start ?end ?used ?doc ?version WHERE { GRAPH ?g {
          ?g prov:wasGeneratedBy ?run .
          ?run a prov:Activity, cred:TruthDiscovery ; cred:discoveryMethod ?method ;
               cred:discoverySettings ?settings ; prov:startedAtTime ?start ;
               prov:endedAtTime ?end ; prov:used ?used ; prov:wasAssociatedWith ?agent .
          ?used prov:specializationOf ?doc .
          ?agent a prov:SoftwareAgent ; schema:softwareVersion ?version } }""")
    [row] = list(answer)  # type: ignore[arg-type]
    assert row["method"].value == "truthfinder"
    assert json.loads(row["settings"].value) == {"tolerance": 0.01, "max_iter": 50}
    assert row["start"].value <= row["end"].value
    assert row["start"].datatype.value.endswith("#dateTime")
    assert row["used"].value == doc.graph  # the exact version of the document read
    assert row["doc"].value.endswith("/document/figures")
    assert row["version"].value


def test_a_second_run_replaces_the_first(store: Store) -> None:
    discover_store(store, "majority_vote")
    first = _truth_quads(store)
    discover_store(store, "accu")
    second = _truth_quads(store)
    runs = {q.object for q in second if q.predicate.value.endswith("wasGeneratedBy")}
    assert len(runs) == 1 and len(trust_graphs(store)) == 1
    assert len(second) == len(first)  # the same facts, one run's worth: replaced, not added
    trust_triples = [q for q in second if q.predicate.value.endswith("discoveredTrust")]
    assert len(trust_triples) == 4
    # recomputing the assessment (a document added or removed) leaves it alone
    assert store.reassess()
    assert len(_truth_quads(store)) == len(second)


def test_a_store_without_figures_says_so_in_one_line(
        kg: Callable[..., Result], tmp_path: Path, figures_file: Path) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_text("sources: [{id: s, kind: person, name: S}]\n"
                     "claims: [{id: c, text: It rained.}]\n"
                     "assertions: [{id: x, source: s, claim: c}]\n", encoding="utf-8")
    folder = tmp_path / "store"
    assert kg("build", str(plain), "--store", str(folder)).exit_code == 0
    result = kg("discover", "--store", str(folder))
    assert result.exit_code == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and "no figure claims" in lines[0] and "nothing written" in lines[0]


def test_the_command_writes_and_the_query_shows_it(
        kg: Callable[..., Result], tmp_path: Path, figures_file: Path) -> None:
    folder = tmp_path / "store"
    assert kg("build", str(figures_file), "--store", str(folder)).exit_code == 0
    result = kg("discover", "--store", str(folder))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "trust written for 4 sources" in " ".join(result.stdout.split())
    shown = kg("query", "discovered-trust", "--store", str(folder), "--format", "csv")
    assert shown.exit_code == 0, shown.stdout + shown.stderr
    lines = shown.stdout.strip().splitlines()
    assert lines[0].startswith("source,name,trust,figures,grade,score,method,when")
    assert len(lines) == 5 and "Outlet D" in lines[-1]
    stored_d = lines[-1].split(",")[4]
    assert stored_d in ("D", "E")
    assert "the assessment was recomputed with it" in " ".join(result.stdout.split())
    # kg score --store grades as the store's assessment does: with the trust
    explained = kg("score", "--store", str(folder), "--explain", "figures.d")
    assert explained.exit_code == 0, explained.stderr
    assert f"reliability {stored_d}" in explained.stdout
    assert "checked by truth discovery" in " ".join(explained.stdout.split())


@pytest.mark.parametrize(("args", "message"), [
    (["--store", "{folder}", "{csv}"], "not both"),
    (["--store", "{folder}", "--method", "nope"], "unknown method"),
    (["--store", "{folder}", "--method", "all"], "one method"),
    (["--store", "{folder}", "--values", "names"], "apply to a claims CSV"),
    (["--store", "{tmp}/missing"], "no store here"),
    ([], "give a claims CSV"),
])
def test_bad_use_is_one_line_and_exit_2(kg: Callable[..., Result], tmp_path: Path,
                                        figures_file: Path, args: list[str],
                                        message: str) -> None:
    folder = tmp_path / "store"
    assert kg("build", str(figures_file), "--store", str(folder)).exit_code == 0
    csv = tmp_path / "c.csv"
    csv.write_text("source,object,value\na,x,1\n", encoding="utf-8")
    filled = [a.format(folder=folder, csv=csv, tmp=tmp_path) for a in args]
    result = kg("discover", *filled)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr + result.stdout


def test_figures_no_two_sources_share_write_nothing_and_clear_a_stale_run(store: Store) -> None:
    from kg.seed import seed_dataset

    discover_store(store, "majority_vote")
    assert trust_graphs(store)
    store.remove("figures")
    store.add_dataset(seed_dataset(), "seed")  # six figures, each measure given by one source
    found = discover_store(store)
    assert found.run is None and found.figures == 6 and found.contested == 0
    assert found.cleared and trust_graphs(store) == [] and read_trust(store) == {}
    assert list(run_query(store, "discovered-trust")) == []


def test_kg_push_sends_the_discovered_trust(store: Store) -> None:
    """The trust ``kg discover --store`` wrote travels with the documents and grades."""
    import httpx

    from kg.store.push import graphs_to_push, push

    before = dict(graphs_to_push(store))
    discover_store(store)
    [truth] = trust_graphs(store)
    after = dict(graphs_to_push(store))
    assert truth not in before and after[truth] == [truth]
    sent: dict[str, int] = {}

    def target(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(404)
        graph = request.url.params["graph"]
        sent[graph] = sent.get(graph, 0) + request.content.decode().count(" .\n")
        return httpx.Response(201)

    original = httpx.Client

    class Mocked(original):  # type: ignore[misc, valid-type]
        def __init__(self, **kwargs: object) -> None:
            super().__init__(transport=httpx.MockTransport(target), **kwargs)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(httpx, "Client", Mocked)
        result = push(store, "http://store.example/gsp")
    assert result.graphs[truth] == len(_truth_quads(store)) > 0
    assert sent[truth] == result.graphs[truth]


def test_add_and_remove_say_when_the_trust_predates_the_documents(
    figures_file: Path, tmp_path: Path, kg: Callable[..., Result]
) -> None:
    """Grades take the discovered trust as evidence, but only ``kg discover --store``
    learns it: ``kg add``/``kg remove`` and ``kg reassess --check`` say when it is stale."""
    folder = tmp_path / "store"
    other = tmp_path / "other.yaml"
    other.write_text("sources:\n  - {id: z, kind: news_outlet, name: Outlet Z}\n"
                     "claims:\n  - {id: c, text: Something happened.}\n"
                     "assertions:\n  - {id: z1, source: z, claim: c}\n", encoding="utf-8")
    assert kg("add", figures_file, "--store", folder).exit_code == 0
    added = kg("add", other, "--store", folder)
    assert added.exit_code == 0 and "discovered trust" not in added.stderr  # none learned
    assert kg("discover", "--store", folder).exit_code == 0
    assert kg("reassess", "--check", "--store", folder).exit_code == 0
    removed = kg("remove", "other", "--store", folder)
    assert removed.exit_code == 0
    assert "the discovered trust predates 1 removed document(s) (other)" in removed.stderr
    assert f"kg discover --store {folder}" in removed.stderr
    check = kg("reassess", "--check", "--store", folder)
    assert check.exit_code != 0 and "predates 1 removed document(s) (other)" in check.stdout
    assert kg("discover", "--store", folder).exit_code == 0
    assert kg("reassess", "--check", "--store", folder).exit_code == 0
    again = kg("add", other, "--store", folder)
    assert "predates 1 added document(s) (other)" in again.stderr
