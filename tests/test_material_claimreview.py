"""ClaimReview import (JSON-LD and the ClaimsKG CSV shape) and export."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from kg.credibility import assess
from kg.formats.claimreview import (
    RATINGS,
    claimant_kind,
    claimreview_jsonld,
    load_claimreview,
    normalise_rating,
    parse_claimreview_csv,
    parse_claimreview_jsonld,
)
from kg.model import Dataset
from kg.seed import seed_dataset

from .conftest import SHARED

CLAIMREVIEW = SHARED / "datasets" / "claimreview"

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://example.org/fact-check/1",
    "claimReviewed": "The moon is made of cheese.",
    "datePublished": "2024-05-01",
    "author": {"@type": "Organization", "name": "Example Checks", "url": "https://example.org"},
    "itemReviewed": {"@type": "Claim",
                     "author": {"@type": "Person", "name": "Jane Doe"}},
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                     "alternateName": "Pants on Fire"},
}


def test_jsonld_record_becomes_claim_claimant_reviewer_and_verdict() -> None:
    result = parse_claimreview_jsonld(json.dumps(REVIEW))
    ds = result.dataset
    assert (result.records, result.imported, result.rejected) == (1, 1, [])
    (claim,) = ds.claims
    assert claim.text == "The moon is made of cheese."
    (verdict,) = ds.verdicts
    assert verdict.rating == "false" and verdict.original_rating == "Pants on Fire"
    assert str(verdict.date) == "2024-05-01" and verdict.url == REVIEW["url"]
    assert ds.source(verdict.reviewer or "").name == "Example Checks"
    (assertion,) = ds.assertions
    claimant = ds.source(assertion.source)
    assert (claimant.name, claimant.kind) == ("Jane Doe", "person")
    assert assertion.claim == claim.id


def test_jsonld_graph_and_list_forms_and_organisation_claimant() -> None:
    org = {**REVIEW, "url": "https://example.org/2", "claimReviewed": "Taxes fell.",
           "itemReviewed": {"@type": "Claim", "author": {"@type": "Organization",
                                                         "name": "Acme"}},
           "reviewRating": {"@type": "Rating", "alternateName": "Mostly True"}}
    for doc in ({"@graph": [REVIEW, org]}, [REVIEW, org]):
        ds = parse_claimreview_jsonld(json.dumps(doc)).dataset
        assert {v.rating for v in ds.verdicts} == {"false", "true"}
        assert {s.kind for s in ds.sources} >= {"organization", "person", "news_outlet"}


def test_reimport_and_two_reviews_of_one_claim_add_no_duplicate_claim() -> None:
    other = {**REVIEW, "url": "https://other.example/9",
             "author": {"@type": "Organization", "name": "Other Checks"}}
    result = parse_claimreview_jsonld(json.dumps([REVIEW, REVIEW, other]))
    assert (result.imported, result.duplicates) == (2, 1)
    assert len(result.dataset.claims) == 1 and len(result.dataset.verdicts) == 2


def test_a_bad_record_is_rejected_with_a_reason_and_the_rest_imports() -> None:
    bad = {**REVIEW, "claimReviewed": "", "url": "https://example.org/bad"}
    late = {**REVIEW, "datePublished": "July 5th", "url": "https://example.org/late"}
    result = parse_claimreview_jsonld(json.dumps([REVIEW, bad, late], indent=1), "x.json")
    assert result.imported == 1 and len(result.rejected) == 2
    first, second = (str(r) for r in result.rejected)
    assert first.startswith("x.json:") and "[1].claimReviewed: empty" in first
    assert "[2].datePublished" in second and "not a YYYY-MM-DD date" in second


@pytest.mark.parametrize(("label", "rating"), [
    ("True", "true"), ("Mostly True", "true"), ("Correct Attribution", "true"),
    ("Mixture", "mixed"), ("Partlyfalse", "mixed"), ("Missing context", "mixed"),
    ("Decontextualized", "mixed"), ("Misleading", "mixed"),
    ("FALSE", "false"), ("Pants on Fire", "false"), ("Miscaptioned", "false"),
    ("Altered Image", "false"), ("Not True", "false"), ("Mostly False", "false"),
    ("Legend", "other"), ("Unproven", "other"), ("Originated as Satire", "other"),
    ("Something new", "other"),
])
def test_rating_table(label: str, rating: str) -> None:
    assert normalise_rating(label) == rating


def test_numeric_rating_without_label() -> None:
    assert [normalise_rating("", value=v, best="5", worst="1") for v in "12345"] == [
        "false", "false", "mixed", "true", "true"]
    assert set(RATINGS.values()) == {"true", "mixed", "false", "other"}


def test_claimant_kinds() -> None:
    assert claimant_kind("Viral image") == "anonymous_source"
    assert claimant_kind("Democratic Party of Texas") == "organization"
    assert claimant_kind("Bobby Scott") == "person"


CSV_HEADER = ("rating_ratingValue,rating_worstRating,rating_bestRating,rating_alternateName,"
              "creativeWork_author_name,creativeWork_datePublished,claimReview_author_name,"
              "claimReview_author_url,claimReview_url,claimReview_claimReviewed,"
              "claimReview_datePublished\n")


def test_csv_claimant_rules() -> None:
    text = CSV_HEADER + (
        ',,,False,Jane Writer,,politifact,https://www.politifact.com/staff/jane/,'
        'http://www.politifact.com/factchecks/2021/jul/22/bobby-scott/x/,"""Quote""",2021-07-22\n'
        '1,1,5,False,Joe Biden,,factcheck_afp,,https://factcheck.afp.com/1,"Claim A",2021-07-01\n'
        '1,1,5,False,Multiple sources,,factcheck_afp,,https://factcheck.afp.com/2,"Claim B",'
        '2021-07-01\n'
        ',,,True,Leo Writer,2021-07-15,fullfact,,https://fullfact.org/x,"Claim C",2021-07-15\n')
    result = parse_claimreview_csv(text, "t.csv")
    ds = result.dataset
    claimants = {ds.source(a.source).name for a in ds.assertions}
    assert claimants == {"Bobby Scott", "Joe Biden"}
    assert result.without_claimant == 2  # "Multiple sources" and Full Fact's writer


@pytest.mark.skipif(not CLAIMREVIEW.is_dir(), reason="../shared/datasets/claimreview absent")
def test_all_256_shared_records_are_accounted_for() -> None:
    results = load_claimreview(sorted(CLAIMREVIEW.glob("*.csv")))
    assert len(results) == 7
    assert sum(r.records for r in results) == 256
    for r in results:
        assert r.imported + r.duplicates + len(r.rejected) == r.records
        assert all(x.reason for x in r.rejected)
        assert r.dataset.verdicts and all(v.url for v in r.dataset.verdicts)
    assert sum(r.imported for r in results) >= 200


def test_verdicts_move_the_claimants_reliability() -> None:
    reviews = [{**REVIEW, "url": f"https://example.org/{i}", "claimReviewed": f"Claim {i}."}
               for i in range(4)]
    ds = parse_claimreview_jsonld(json.dumps(reviews)).dataset
    jane = next(s.id for s in ds.sources if s.name == "Jane Doe")
    graded = assess(ds).sources[jane]
    assert graded.basis == "track record"
    assert graded.score < assess(Dataset(sources=[ds.source(jane)])).sources[jane].score


def test_export_writes_schema_org_claimreview() -> None:
    ds = seed_dataset()
    doc = json.loads(claimreview_jsonld(ds, assess(ds)))
    assert len(doc) == len(ds.claims)
    by_text = {r["claimReviewed"]: r for r in doc}
    r = by_text[ds.claim("monthly-desertions-30k").text]
    assert r["@type"] == "ClaimReview" and r["@context"] == "https://schema.org"
    assert r["itemReviewed"]["author"] == [{"@type": "Person", "name": "Valery Gerasimov"}]
    assert r["reviewRating"]["alternateName"] and r["reviewBody"]
    assert r["url"].endswith("/claim/monthly-desertions-30k")
    # a fact-checker's file comes back in through the importer
    back = parse_claimreview_jsonld(json.dumps(doc))
    assert back.imported == len(ds.claims) - sum(
        1 for x in doc if "ratingValue" not in x["reviewRating"]
        and not x["reviewRating"]["alternateName"])


def test_export_handles_a_stand_in_assessment() -> None:
    ds = seed_dataset()
    stand_in = SimpleNamespace(claims={"ria-x": None})
    assert json.loads(claimreview_jsonld(ds, stand_in)) == []


def test_load_claimreview_reads_files(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonld"
    path.write_text(json.dumps(REVIEW), encoding="utf-8")
    (result,) = load_claimreview([path])
    assert result.imported == 1
