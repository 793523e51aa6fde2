"""Relays that change what they relay, and the marks of real reporting (issue #14).

Small fixtures shaped on real articles of the development corpus (TASS on Boiko's
170,000; a news-pravda subheading turning the FT's 60,000 cases into soldiers; an
aggregator copying another outlet; the EPRDF conceding Addis Ababa; the LSHTM study
endorsed by Awadalla; the POW swap "appearing to contradict"), written by hand.
"""

from __future__ import annotations

from kg.credibility import assess
from kg.credibility.distortion import detect_copies, detect_distortions
from kg.formats.loading import parse_dataset
from kg.model import Dataset


def load(text: str) -> Dataset:
    return parse_dataset(text, "fixture.yaml")


TASS = """
sources:
  - {id: boiko, kind: person, name: Vladimir Boiko}
  - {id: tass, kind: news_outlet, name: TASS}
reports:
  - {id: fb, published_by: boiko, date: 2024-10-07}
  - {id: tass-item, published_by: tass, date: 2024-10-08}
claims:
  - id: deserters-170k
    text: The total number of deserters now stands at 170,000.
    quantity: {measure: deserters from the Armed Forces of Ukraine, unit: person, value: 170000,
               period_start: 2022-01-01, period_end: 2024-10-08}
assertions:
  - {id: boiko-170k, source: boiko, claim: deserters-170k, report: fb,
     quote: "the total number of deserters now stands at 170,000"}
  - id: tass-170k
    source: tass
    claim: deserters-170k
    report: tass-item
    cites: [boiko-170k]
    quote: more than 170,000 people have deserted
    text: More than 170,000 people have deserted from the Ukrainian army.
    quantity: {measure: deserters from the Armed Forces of Ukraine, unit: person,
               min_value: 170000, period_start: 2022-01-01, period_end: 2024-10-08}
"""


def test_tass_more_than_170000_is_a_bound_distortion() -> None:
    found = detect_distortions(load(TASS))
    assert [(d.kind, d.relay, d.original, d.source) for d in found] == [
        ("bound_changed", "tass-170k", "boiko-170k", "tass")]
    assert "170,000 becomes over 170,000" in found[0].text


def test_a_distortion_lowers_the_relays_fidelity_and_track_record_and_is_explained() -> None:
    distorted = assess(load(TASS))
    faithful = assess(load(TASS.replace("min_value: 170000", "value: 170000")))
    assert faithful.distortions == ()
    assert distorted.claims["deserters-170k"].score < faithful.claims["deserters-170k"].score
    tass = distorted.sources["tass"]
    assert tass.track_record == (0.0, 1.0)
    assert tass.score < faithful.sources["tass"].score
    assert "1 distortion as a relay" in tass.explanation
    assert "Distortion (bound changed)" in distorted.claims["deserters-170k"].explanation


FT = """
sources:
  - {id: ft, kind: news_outlet, name: Financial Times}
  - {id: site, kind: news_outlet, name: nato.news-pravda.com}
reports:
  - {id: ft-report, published_by: ft, date: 2024-11-30}
  - {id: page, published_by: site, date: 2024-12-01}
claims:
  - id: cases-60k
    text: Prosecutors opened 60,000 cases against deserters from January to October.
    quantity: {measure: criminal cases opened against deserters in Ukraine, unit: case,
               value: 60000, period_start: 2024-01-01, period_end: 2024-10-31}
assertions:
  - {id: ft-60k, source: ft, claim: cases-60k, report: ft-report}
  - {id: site-60k, source: site, claim: cases-60k, report: page, cites: [ft-60k],
     quote: "60,000 cases"}
  - id: site-subheading
    source: site
    claim: cases-60k
    report: page
    headline: true
    hedged: true
    cites: [ft-60k]
    quote: Some 60,000 soldiers have reportedly been prosecuted for leaving their positions
      this year
    text: Some 60,000 soldiers have been prosecuted for leaving their positions this year.
    quantity: {measure: Ukrainian soldiers prosecuted for leaving their positions,
               unit: soldiers, value: 60000, approximate: true, period_start: 2024-01-01,
               period_end: 2024-12-01}
"""


def test_cases_to_soldiers_is_a_measure_switch_in_relay_and_headline() -> None:
    found = detect_distortions(load(FT))
    kinds = {(d.kind, d.relay, d.original) for d in found}
    assert ("measure_switched", "site-subheading", "ft-60k") in kinds  # against what it cites
    assert ("measure_switched", "site-subheading", "site-60k") in kinds  # against the body
    assert ("period_stretched", "site-subheading", "ft-60k") in kinds
    switch = next(d for d in found if d.kind == "measure_switched")
    assert "(case)" in switch.text and "(soldiers)" in switch.text
    headline = [d for d in found if d.original == "site-60k"]
    assert headline and all(d.text.startswith("Headline: ") for d in headline)


def test_hedge_dropped_and_figure_inflated() -> None:
    ds = load("""
sources:
  - {id: mp, kind: anonymous_source, name: an MP}
  - {id: ap, kind: news_outlet, name: AP}
  - {id: blog, kind: news_outlet, name: a blog}
claims:
  - {id: c, text: "As many as 200,000 may have deserted.", quantity: {measure: deserters,
     unit: person, max_value: 200000, period_start: 2022-01-01, period_end: 2024-11-30}}
assertions:
  - {id: mp-a, source: mp, claim: c, hedged: true}
  - {id: ap-a, source: ap, claim: c, cites: [mp-a], hedged: true}
  - id: blog-a
    source: blog
    claim: c
    cites: [ap-a]
    text: 300,000 soldiers deserted.
    quantity: {measure: deserters, unit: person, value: 300000, period_start: 2022-01-01,
               period_end: 2024-11-30}
""")
    kinds = {d.kind for d in detect_distortions(ds)}
    assert kinds == {"hedge_dropped", "inflated", "bound_changed"}


def test_unattributed_copying_given_by_the_analyst_counts_as_a_relay() -> None:
    text = """
sources:
  - {id: rt, kind: news_outlet, name: RT}
  - {id: aggregator, kind: news_outlet, name: news-pravda aggregator}
reports:
  - {id: rt-item, published_by: rt, date: 2024-11-30}
  - {id: copy, published_by: aggregator, date: 2024-12-01}
claims:
  - {id: c, text: Desertions skyrocket in the Ukrainian army.}
assertions:
  - {id: rt-a, source: rt, claim: c, report: rt-item,
     quote: "Ukrainian military desertions have skyrocketed, the Financial Times reported"}
  - {id: agg-a, source: aggregator, claim: c, report: copy, COPIES
     quote: "Ukrainian military desertions have skyrocketed, the Financial Times reported"}
"""
    given = assess(load(text.replace("COPIES", "copies: [rt-a],")))
    claim = given.claims["c"]
    assert claim.independent_origins == 1 and claim.origins == ("rt-a",)
    assert "distortion" in claim.flags
    assert "attribution dropped" in claim.explanation
    # the same, found from the near-identical text, with the analyst saying nothing
    ds = load(text.replace("COPIES", ""))
    assert detect_copies(ds) == {"agg-a": ("rt-a",)}
    detected = assess(ds)
    assert detected.claims["c"].independent_origins == 1
    assert "appears to copy" in detected.claims["c"].explanation


def test_vouching_adds_no_origin_and_is_shown() -> None:
    text = """
sources:
  - {id: lshtm, kind: organization, name: LSHTM Sudan Research Group}
  - {id: study, kind: study, name: Study of war deaths in Khartoum state, authors: [lshtm]}
  - {id: awadalla, kind: person, name: Maysoon Dahab Awadalla}
claims:
  - {id: c, text: "More than 61,000 people died in Khartoum state."}
assertions:
  - {id: study-a, source: study, claim: c}
  - {id: aw-a, source: awadalla, claim: c, cites: [study-a]ENDORSES}
"""
    plain = assess(load(text.replace("ENDORSES", "")))
    vouched = assess(load(text.replace("ENDORSES", ", endorses: true")))
    assert vouched.claims["c"].score == plain.claims["c"].score
    assert vouched.claims["c"].independent_origins == 1
    assert "endorsement" in vouched.claims["c"].flags
    assert "Vouching: Maysoon Dahab Awadalla endorses" in vouched.claims["c"].explanation


def test_studies_polls_and_data_sets_are_sources_with_authors() -> None:
    ds = load("""
sources:
  - {id: reuters, kind: news_outlet, name: Reuters, reliability: B}
  - {id: ipsos, kind: organization, name: Ipsos, reliability: B}
  - {id: poll, kind: poll, name: Reuters/Ipsos poll of April 2025, authors: [reuters, ipsos]}
  - {id: kiel, kind: dataset, name: Ukraine Support Tracker}
  - {id: lancet, kind: study, name: Lancet excess-mortality study}
claims:
  - {id: c, text: "42% approve."}
assertions:
  - {id: p, source: poll, claim: c}
  - {id: r, source: reuters, claim: c}
""")
    a = assess(ds)
    assert a.sources["poll"].grade == "B"  # from its authors
    assert a.sources["kiel"].grade == "C" and a.sources["lancet"].grade == "C"
    assert a.claims["c"].independent_origins == 1  # the poll and its author are one origin


POW = """
sources:
  - {id: mod, kind: government_body, name: Russian Defence Ministry, side: Russia}
  - {id: hq, kind: government_body, name: Coordination Headquarters, side: Ukraine}
  - {id: ru, kind: government_body, name: Russia, side: Russia}
claims:
  - {id: handed-195, text: "Russia handed over 195 Ukrainian prisoners.", about: [ru],
     HEDGED}
  - {id: released-207, text: "207 Ukrainian prisoners were released."}
assertions:
  - {id: m, source: mod, claim: handed-195}
  - {id: h, source: hq, claim: released-207}
"""


def test_a_hedged_contradiction_counts_at_half_weight() -> None:
    hedged = assess(load(POW.replace("HEDGED", "hedged_contradicts: [released-207]")))
    plain = assess(load(POW.replace("HEDGED", "contradicts: [released-207]")))
    assert hedged.claims["handed-195"].contradicted_by == ("released-207",)
    assert plain.claims["handed-195"].opinion.d > hedged.claims["handed-195"].opinion.d > 0
    assert "hedged_contradiction" in hedged.claims["handed-195"].flags
    assert hedged.claims["released-207"].contradicted_by == ("handed-195",)  # symmetric


ETHIOPIA = """
sources:
  - {id: eprdf, kind: organization, name: EPRDF, side: EPRDF}
claims:
  - {id: lost-addis, text: The EPRDF lost all 23 seats of Addis Ababa., about: [eprdf]}
assertions:
  - {id: concede, source: eprdf, claim: lost-addis AGAINST}
"""


def test_a_statement_against_interest_is_not_discounted_and_is_marked() -> None:
    conceded = assess(load(ETHIOPIA.replace("AGAINST", ", against_interest: true")))
    plain = assess(load(ETHIOPIA.replace("AGAINST", "")))
    assert "interested_party" in plain.claims["lost-addis"].flags
    assert "interested_party" not in conceded.claims["lost-addis"].flags
    assert "against_interest" in conceded.claims["lost-addis"].flags
    assert conceded.claims["lost-addis"].score > plain.claims["lost-addis"].score


def test_headline_compared_with_its_body() -> None:
    ds = load("""
sources:
  - {id: up, kind: news_outlet, name: Ukrainska Pravda}
  - {id: syrskyi, kind: person, name: Oleksandr Syrskyi}
reports:
  - {id: article, published_by: up, date: 2025-04-09}
claims:
  - {id: c, text: "Russia increases its forces by 8-9,000 a month through contracts.",
     quantity: {measure: net increase of the Russian armed forces through contracts,
                unit: person, min_value: 8000, max_value: 9000, per: month,
                period_end: 2025-04-09}}
assertions:
  - {id: s, source: syrskyi, claim: c}
  - {id: body, source: up, claim: c, report: article, cites: [s]}
  - id: head
    source: up
    claim: c
    report: article
    headline: true
    cites: [s]
    text: Russia conscripts 8-9,000 people every month.
    quantity: {measure: people conscripted by Russia, unit: person, min_value: 8000,
               max_value: 9000, per: month, period_end: 2025-04-09}
""")
    found = {(d.kind, d.original) for d in detect_distortions(ds)}
    assert found == {("measure_switched", "s"), ("measure_switched", "body")}


def test_the_distortions_query_lists_them_per_source_and_claim() -> None:
    from kg.store import Store, run_query

    ds = load(FT)
    store = Store()
    store.add_dataset(ds, "ft")
    expected = {(f"{ds.base}source/{d.source}", "nato.news-pravda.com",
                 f"{ds.base}claim/{d.claim}") for d in detect_distortions(ds)}
    rows = run_query(store, "distortions").tuples()
    assert {r[:3] for r in rows} == expected
    texts = {r[3] for r in rows}
    assert len(texts) == len(detect_distortions(ds))
    assert any("switches the measure" in t for t in texts)


def test_the_report_shows_distortions_and_studies_draw_in_views() -> None:
    from kg.report import report_markdown
    from kg.views.style import KIND_STYLE

    ds = load(TASS)
    text = report_markdown(ds, assessment=assess(ds))
    assert "Relays that change what they relay (distortion)" in text
    assert "170,000 becomes over 170,000" in text
    assert {"study", "poll", "dataset"} <= set(KIND_STYLE)


def test_graphs_with_every_new_term_conform_to_the_shapes() -> None:
    from kg.formats.assessment import assessment_quads
    from kg.formats.rdf import to_rdf
    from kg.shapes import conforms

    from .test_quantities import LANCET

    ds = load(FT).merge(load(TASS)).merge(load(LANCET)).merge(
        load(ETHIOPIA.replace("AGAINST", ", against_interest: true"))).merge(
        load(POW.replace("HEDGED", "hedged_contradicts: [released-207]")))
    g = to_rdf(ds)
    for s, p, o, _ in assessment_quads(ds, assess(ds)):
        g.add((s, p, o))
    assert conforms(g) == []
    bad = to_rdf(load(TASS))
    from rdflib import Literal, URIRef

    bad.add((URIRef(f"{ds.base}claim/deserters-170k"),
             URIRef("https://w3id.org/credkg/ns#quantityKind"), Literal("sometimes")))
    assert any("quantityKind" in v.message for v in conforms(bad))
