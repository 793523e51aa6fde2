"""Many articles, one graph (issue #13): documents as scopes, cross-document matching,
independence across documents, and the dev corpus in one store."""

from __future__ import annotations

import glob
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.credibility import assess
from kg.formats.loading import load_dataset, load_datasets, load_document
from kg.formats.scoping import document_slug
from kg.formats.writing import dataset_yaml
from kg.model import Assertion, Claim, Dataset, Quantity, Source
from kg.names import fold
from kg.resolution.known import load_registry
from kg.resolution.log import MergeLog
from kg.resolution.merging import resolve
from kg.resolution.storing import add_resolved, read_merge_log, unmerge_in_store
from kg.seed import SEED_PATH
from kg.store import Store

from .conftest import IN_CI, SHARED, Result

REGISTRY = load_registry()

HAND_A = """
sources:
  - {id: publisher, kind: news_outlet, name: Fakti}
  - {id: ria, kind: news_outlet, name: RIA Novosti}
reports:
  - {id: article, title: Fakti on desertion, published_by: publisher}
claims:
  - {id: claim-01, text: Thousands deserted in October.}
assertions:
  - {id: a1, source: ria, claim: claim-01}
  - {id: a2, source: publisher, claim: claim-01, report: article, cites: [a1]}
"""
HAND_B = """
sources:
  - {id: publisher, kind: news_outlet, name: Pledge Times}
  - {id: ria, kind: person, name: Ria Smith}
reports:
  - {id: article, title: Pledge Times on recruitment, published_by: publisher}
claims:
  - {id: claim-01, text: Recruitment rose in November.}
assertions:
  - {id: a1, source: ria, claim: claim-01}
  - {id: a2, source: publisher, claim: claim-01, report: article, cites: [a1]}
"""
DRAFT_TEXTS = (
    "Kyiv, 12 November 2025. More than 250,000 soldiers have deserted since 2022, "
    "Ukrainska Pravda reported, citing the Prosecutor General's Office.",
    "Moscow, 12 November 2025. About 9,400 desertion cases were opened in October, "
    "Deutsche Welle reported, citing the Prosecutor General's Office.",
)


@pytest.fixture(scope="module")
def four_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two drafts (kg extract) and two hand-written files, all reusing local ids."""
    from kg.drafting.extract import draft_dataset

    folder = tmp_path_factory.mktemp("docs")
    paths = []
    drafts = [draft_dataset(text)[0] for text in DRAFT_TEXTS]  # kg extract's default ids
    for i, draft in enumerate(drafts):
        path = folder / f"draft-{i}.yaml"
        path.write_text(dataset_yaml(draft), encoding="utf-8")
        paths.append(path)
    # the hand-written files reuse the drafts' ids for their report and claim
    report, claim = drafts[0].reports[0].id, drafts[0].claims[0].id
    for name, text in (("hand-a", HAND_A), ("hand-b", HAND_B)):
        path = folder / f"{name}.yaml"
        path.write_text(text.replace("{id: article,", f"{{id: {report},"
                                     ).replace("report: article", f"report: {report}"
                                     ).replace("claim-01", claim), encoding="utf-8")
        paths.append(path)
    shared = set.intersection(*({r.id for r in load_dataset(p).records()} for p in paths))
    assert {report, claim} <= shared  # the point of the test: ids reused by all four
    return paths


def _check_nothing_overwritten(ds: Dataset, paths: list[Path]) -> None:
    for path in paths:
        doc = document_slug(path)
        own = load_dataset(path)
        for c in own.claims:
            assert ds.claim(f"{doc}.{c.id}").text == c.text
        for s in own.sources:
            assert ds.source(f"{doc}.{s.id}").name == s.name
        for a in own.assertions:
            assert ds.assertion(f"{doc}.{a.id}").source == f"{doc}.{a.source}"
    total = sum(len(list(load_dataset(p).records())) for p in paths)
    assert len(list(ds.records())) == total


def test_same_local_ids_load_together_in_memory_in_either_order(
        four_files: list[Path]) -> None:
    forward = load_datasets(four_files)
    backward = load_datasets(list(reversed(four_files)))
    assert forward == backward
    _check_nothing_overwritten(forward, four_files)
    # a lone document keeps its ids, as before
    assert load_datasets(four_files[2:3]) == load_dataset(four_files[2])


def test_same_local_ids_in_a_store_in_either_order_and_readding_is_idempotent(
        four_files: list[Path]) -> None:
    unions = []
    for order in (four_files, list(reversed(four_files))):
        store = Store()
        for path in order:
            assert store.add_file(path, assess=False).status == "added"
        unions.append(store.dataset())
        for path in order:
            assert store.add_file(path, assess=False).status == "unchanged"
        assert store.dataset() == unions[-1]
    assert unions[0] == unions[1] == load_datasets(four_files)
    _check_nothing_overwritten(unions[0], four_files)


def test_resolving_documents_with_reused_ids_merges_by_content_not_by_id(
        four_files: list[Path]) -> None:
    for order in (four_files, list(reversed(four_files))):
        store = Store()
        for path in order:
            add_resolved(store, load_document(path), document_slug(path), assess=False,
                         registry=REGISTRY)
        log = read_merge_log(store)
        # equal ids never merge anything: the hand-written claim-01s say different things
        assert not any(e.reason == "same id" for e in log.entries)
        ds = store.dataset()
        claim = load_dataset(four_files[2]).claims[0].id
        assert ds.claim(f"hand-a.{claim}").text != ds.claim(f"hand-b.{claim}").text
        # the drafts' unnamed publishers stay two
        unnamed = [s for s in ds.sources if "unnamed" in s.name]
        assert len(unnamed) == 2
        # RIA Novosti (outlet) and Ria Smith (person) stay apart
        assert ds.source("hand-a.ria").kind != ds.source("hand-b.ria").kind
        # the two drafts' Prosecutor General's Office are one (same name)
        pgo = [s for s in ds.sources if "prosecutor" in fold(s.name)]
        assert len(pgo) == 1
        before = store.dataset()
        for path in order:  # re-adding is idempotent
            add_resolved(store, load_document(path), document_slug(path), assess=False,
                         registry=REGISTRY)
        assert store.dataset() == before


def test_build_two_drafts_from_the_command_line(four_files: list[Path], tmp_path: Path,
                                                kg: Callable[..., Result]) -> None:
    result = kg("build", *four_files, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert "8 claims" in result.stdout or "claims" in result.stdout


def test_the_seed_keeps_its_iris_beside_other_documents(four_files: list[Path]) -> None:
    ds = load_datasets([SEED_PATH, *four_files])
    assert ds.claim("convicts-deserted").text  # the seed names its base: unscoped
    assert ds.claim(f"hand-a.{load_dataset(four_files[2]).claims[0].id}").text


def test_same_as_points_at_another_documents_record(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    a.write_text("sources: [{id: x, kind: person, name: Oleh Ivanenko}]\n", encoding="utf-8")
    b = tmp_path / "b.yaml"
    b.write_text("sources: [{id: y, kind: person, name: O. I.,\n"
                 "            same_as: ['a:x', 'known:reuters']}]\n", encoding="utf-8")
    store = Store()
    add_resolved(store, load_document(a), "a", assess=False)
    result = add_resolved(store, load_document(b), "b", assess=False)
    assert [(e.drop, e.keep) for e in result.merged] == [("b.y", "a.x")]
    assert "https://w3id.org/credkg/known/reuters" in store.dataset().source("a.x").same_as


# --- independence across documents -------------------------------------------------


def _relay_doc(doc: str, outlet: str, dw: str, pgo: str, text: str, measure: str) -> Dataset:
    q = Quantity(measure=measure, unit="case", value=9400, period_start="2025-10-01",
                 period_end="2025-10-31")
    return load_dataset_from(Dataset(
        sources=[Source(id="outlet", kind="news_outlet", name=outlet),
                 Source(id="dw", kind="news_outlet", name=dw),
                 Source(id="pgo", kind="government_body", name=pgo, country="Ukraine")],
        claims=[Claim(id="claim-01", text=text, quantity=q)],
        assertions=[Assertion(id="a-pgo", source="pgo", claim="claim-01"),
                    Assertion(id="a-dw", source="dw", claim="claim-01", cites=["a-pgo"]),
                    Assertion(id="a-out", source="outlet", claim="claim-01", cites=["a-dw"])]),
        doc)


def load_dataset_from(ds: Dataset, doc: str) -> Dataset:
    from kg.formats.scoping import scope_dataset

    return scope_dataset(ds, doc)


FAKTI = ("fakti", "Fakti", "DW", "Office of the Prosecutor General of Ukraine",
         "In October, 9,400 cases of desertion were opened.", "desertion cases opened")
PLEDGE = ("pledge", "Pledge Times", "Deutsche Welle", "PGO",
          "About 9,400 criminal cases over desertion were opened in October.",
          "criminal cases over desertion")


@pytest.mark.parametrize("in_store", [False, True])
def test_one_origin_relayed_through_two_outlets_is_one_origin_and_false_confirmation(
        in_store: bool) -> None:
    docs = [_relay_doc(*FAKTI), _relay_doc(*PLEDGE)]
    if in_store:
        store = Store()
        for d, name in zip(docs, ("fakti", "pledge"), strict=True):
            add_resolved(store, d, name, assess=False, registry=REGISTRY)
        ds = store.dataset()
    else:
        ds = resolve(docs[0], docs[1], MergeLog(), registry=REGISTRY).dataset
    assert len(ds.claims) == 1 and len(ds.sources) == 4  # one DW, one PGO, two outlets
    (claim,) = ds.claims
    a = assess(ds).claims[claim.id]
    assert len(a.origins) == 2  # the PGO's assertion in each document
    assert a.independent_origins == 1
    assert "false_confirmation" in a.flags


def test_a_single_relay_chain_is_not_false_confirmation() -> None:
    ds = _relay_doc(*FAKTI)
    a = assess(ds).claims["fakti.claim-01"]
    assert a.independent_origins == 1 and "false_confirmation" not in a.flags


def test_two_independent_origins_in_two_documents_corroborate() -> None:
    def doc(name: str, origin: str, wikidata: str) -> Dataset:
        return load_dataset_from(Dataset(
            sources=[Source(id="o", kind="organization", name=origin, same_as=[wikidata],
                            reliability="B")],
            claims=[Claim(id="claim-01", text=f"{origin}: 6 million died of COVID-19.",
                          quantity=Quantity(measure="deaths from COVID-19", unit="person",
                                            value=6_000_000, period_end="2022-03-10"))],
            assertions=[Assertion(id="a", source="o", claim="claim-01")]), name)

    a = doc("one", "World Health Organization", "http://www.wikidata.org/entity/Q7817")
    b = doc("two", "Institute for Health Metrics and Evaluation",
            "http://www.wikidata.org/entity/Q6039070")
    store = Store()
    add_resolved(store, a, "one", registry=REGISTRY)
    add_resolved(store, b, "two", registry=REGISTRY)
    ds = store.dataset()
    (claim,) = ds.claims
    got = assess(ds).claims[claim.id]
    assert got.independent_origins == 2
    assert "false_confirmation" not in got.flags and "single_origin" not in got.flags
    from kg.store.queries import run_query

    changes = {(r["kind"], r["claim"].rsplit("/", 1)[-1])
               for r in run_query(store, "document-changes", {"doc": "two"})}
    assert ("corroboration", claim.id) in changes


def test_claim_merges_are_logged_and_undone_exactly() -> None:
    store = Store()
    add_resolved(store, _relay_doc(*FAKTI), "fakti", assess=False, registry=REGISTRY)
    before = store.dataset()
    result = add_resolved(store, _relay_doc(*PLEDGE), "pledge", assess=False,
                          registry=REGISTRY)
    claim_merge = next(e for e in result.merged if e.kind == "claim")
    assert "same figure 9400" in claim_merge.reason and claim_merge.sure
    unmerge_in_store(store, claim_merge.id, assess=False)
    ds = store.dataset()
    assert len(ds.claims) == 2
    assert {c.id for c in before.claims} <= {c.id for c in ds.claims}


# --- the registry ------------------------------------------------------------------


def _known(name: str, kind: str = "news_outlet", country: str | None = None) -> str | None:
    e = REGISTRY.recognise(Source(id="x", kind=kind, name=name, country=country))
    return None if e is None else e.id


@pytest.mark.parametrize(("names", "entity", "kind", "country"), [
    (("DW", "DV", "Deutsche Welle", "Дойче Велле", "Deutsche Welle (DW)"), "deutsche-welle",
     "news_outlet", None),
    (("UP", "Ukrainska Pravda", "Ukrainian Truth", "Українська правда"), "ukrainska-pravda",
     "news_outlet", None),
    (("RIA", "RIA Novosti", "РИА Новости"), "ria-novosti", "news_outlet", None),
    (("PGO", "Prosecutor General's Office", "Office of the Prosecutor General of Ukraine",
      "Ukrainian Prosecutor General\u2019s Office", "Офіс Генерального прокурора",
      "Office of the Prosecutor General"), "ua-prosecutor-general", "government_body",
     "Ukraine"),
    (("AP", "Associated Press", "AFP", "NV", "Novoye Vremya"), None, "news_outlet", None),
])
def test_registry_recognises_names_acronyms_translations_and_scripts(
        names: tuple[str, ...], entity: str | None, kind: str, country: str | None) -> None:
    for name in names:
        got = _known(name, kind, country)
        if entity is None:
            assert got is not None, name
        else:
            assert got == entity, name


def test_registry_never_matches_a_generic_head_or_an_unnamed_source() -> None:
    for head in ("Office", "the agency", "Ministry", "the Ministry", "Government"):
        assert _known(head, "government_body", "Ukraine") is None
        assert _known(head, "news_outlet") is None
    assert _known("Publisher of the article (unnamed)") is None
    assert _known("Reuters", "anonymous_source") is None
    assert REGISTRY.entity("tass").side == "Russia"
    assert REGISTRY.entity("rt").affiliation == "state_media"
    # "Office" never matches "Office of the President of Ukraine" on its own
    office = Dataset(sources=[Source(id="o", kind="government_body", name="Office",
                                     country="Ukraine")])
    president = Dataset(sources=[Source(id="p", kind="government_body", country="Ukraine",
                                        name="Office of the President of Ukraine")])
    assert resolve(president, office, MergeLog(), registry=REGISTRY).merged == []
    assert resolve(president, office, MergeLog()).likely == []


def test_users_extend_the_registry(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("entities:\n  - {id: fakti, name: Fakti, kind: news_outlet, "
                    "country: Ukraine, aliases: [Факти, Fakty ICTV]}\n", encoding="utf-8")
    reg = load_registry([mine])
    assert reg.recognise(Source(id="x", kind="news_outlet", name="Факти")) is not None
    assert reg.entity("reuters").name == "Reuters"  # the bundled ones stay


# --- the dev corpus in one store ---------------------------------------------------

DEV = SHARED / "articles" / "dev"


@pytest.fixture(scope="module")
def dev_store() -> tuple[Store, int]:
    files = sorted(glob.glob(str(DEV / "*.yaml")))
    if not files:
        if IN_CI:
            raise AssertionError("../shared/articles/dev is missing in CI")
        pytest.skip("../shared/articles/dev is not here")
    store = Store()
    before = 0
    for path in [SEED_PATH, *files]:
        doc = document_slug(path)
        ds = load_document(path, doc)
        before += len(ds.sources)
        add_resolved(store, ds, doc, assess=False, registry=REGISTRY)
    store.reassess()
    return store, before


def _named(ds: Dataset, name: str) -> list[str]:
    key = fold(name)
    return [s.id for s in ds.sources if key in {fold(n) for n in (s.name, *s.aliases)}]


@pytest.mark.parametrize("name", [
    "Reuters", "TASS", "Ukrainska Pravda", "Office of the Prosecutor General of Ukraine",
    "World Health Organization", "International Monetary Fund", "United Nations",
    "Associated Press", "NATO", "Armed Forces of Ukraine", "Government of Ukraine",
    "Armed Forces of the Russian Federation", "Ministry of Defence of the Russian Federation",
    "RIA Novosti", "Volodymyr Zelensky",
])
def test_dev_corpus_resolves_each_entity_once(dev_store: tuple[Store, int],
                                              name: str) -> None:
    assert len(_named(dev_store[0].dataset(), name)) == 1, name


def test_dev_corpus_never_merges_unnamed_or_anonymous_sources(
        dev_store: tuple[Store, int]) -> None:
    store, before = dev_store
    ds = store.dataset()
    log = read_merge_log(store)
    nameless = {s.id for s in ds.sources if s.kind in ("anonymous_source", "unnamed_document")
                or "unnamed" in s.name.lower()}
    assert nameless
    for e in log.entries:
        assert e.keep not in nameless and e.drop not in nameless, e.summary()
    assert len(ds.sources) == before - sum(e.kind == "source" for e in log.entries)


def test_dev_corpus_origins_are_counted_across_documents(
        dev_store: tuple[Store, int]) -> None:
    store, _ = dev_store
    ds = store.dataset()
    a = assess(ds)
    by_id = {x.id: x for x in ds.assertions}
    docs_of_sources: dict[str, set[str]] = {}
    for x in ds.assertions:
        docs_of_sources.setdefault(x.source, set()).add(x.id.split(".")[0])
    # sources merged across documents carry the assertions of several documents
    assert any(len(d) > 1 for d in docs_of_sources.values())
    for c in a.claims.values():
        origin_sources = {by_id[o].source for o in c.origins}
        assert c.independent_origins <= len(origin_sources)


def test_dev_corpus_flags_no_single_chain_as_circular_or_false_confirmation(
        dev_store: tuple[Store, int]) -> None:
    store, _ = dev_store
    ds = store.dataset()
    a = assess(ds)
    for f in a.findings:
        if f.kind not in ("false_confirmation", "circular_reporting"):
            continue
        own = ds.assertions_of(f.subject)
        cited = {c for x in own for c in x.cites}
        tips = {x.source for x in own if x.cites and x.id not in cited}
        assert len(tips) >= 2, f.text
    from kg.store.queries import run_query

    ranked = [r["source"] for r in run_query(store, "sources-ranked")]
    assert len(ranked) == len(set(ranked))  # each resolved entity once
    parties = {r["party"].rsplit("/", 1)[-1] for r in run_query(store, "interested-parties")}
    assert "tass-ua-desertion-2024-10.tass-ua-desertion-2024-10-tass" in parties


def test_resolve_uses_the_users_registry_and_rejects_a_bad_one(
        tmp_path: Path, kg: Callable[..., Result]) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("entities:\n  - {id: fakti, name: Fakti, kind: news_outlet, "
                    "aliases: [Факти]}\n", encoding="utf-8")
    doc = tmp_path / "doc.yaml"
    doc.write_text("sources: [{id: p, kind: news_outlet, name: Факти}]\n", encoding="utf-8")
    done = kg("resolve", doc, "--store", tmp_path / "s", "--known", mine)
    assert done.exit_code == 0, done.stderr
    assert "known source doc.p is known:fakti" in done.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - {id: Bad Id, name: X, kind: outlet}\n", encoding="utf-8")
    refused = kg("resolve", doc, "--store", tmp_path / "s2", "--known", bad)
    assert refused.exit_code == 2 and "bad.yaml" in refused.stderr
    assert "Traceback" not in refused.stderr
