"""The lines of a full assessment (issue #16, point 2): every explanation written word for
word, and the fast path (:func:`kg.formats.assessment.assessment_lines`, which works each
claim's details out once and keeps nothing) equal to the quads made from the explanations
and findings as the engine's API reads and caches them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from kg.credibility import assess
from kg.formats.assessment import (
    FINDING_TYPE,
    assessment_graph,
    assessment_lines,
    assessment_ox_quads,
    nt_literal,
)
from kg.model import Assertion, Claim, Dataset, Source, Verdict
from kg.seed import seed_dataset
from kg.synthetic import synthetic_dataset

from .strategies import datasets


def _src(id: str, kind: str = "news_outlet", **kw: object) -> Source:
    return Source.model_validate({"id": id, "kind": kind, "name": id.title(), **kw})


#: Every factor (origins through relays, hedged, interested; dependent, fused, verdict,
#: contradiction) and most findings, in seven claims.
STEPS = Dataset(
    sources=[_src("wire", reliability="B"), _src("paper", reliability="A"),
             _src("writer", "person", reliability="C", affiliated_with=["paper"]),
             _src("blog", reliability="D"), _src("anon", "anonymous_source"),
             _src("army", "military_body", reliability="C", side="east"),
             _src("checker", "organization", reliability="A")],
    claims=[Claim(id="relayed", text="One origin, two tips."),
            Claim(id="dependent", text="A paper and its writer."),
            Claim(id="fused", text="Two independent origins.", hedged_contradicts=["lone"]),
            Claim(id="circle", text="Round and round."),
            Claim(id="party", text="About the army.", about=["army"]),
            Claim(id="checked", text="Checked.", contradicts=["fused"]),
            Claim(id="lone", text="Said once, by nobody.")],
    assertions=[
        Assertion(id="r0", source="wire", claim="relayed"),
        Assertion(id="r1", source="paper", claim="relayed", cites=["r0"]),
        Assertion(id="r2", source="blog", claim="relayed", cites=["r0"], hedged=True),
        Assertion(id="d0", source="paper", claim="dependent"),
        Assertion(id="d1", source="writer", claim="dependent"),
        Assertion(id="f0", source="wire", claim="fused"),
        Assertion(id="f1", source="paper", claim="fused"),
        Assertion(id="f2", source="blog", claim="fused", cites=["f1"], endorses=True),
        Assertion(id="c0", source="wire", claim="circle"),
        Assertion(id="c1", source="blog", claim="circle", cites=["c0"]),
        Assertion(id="c2", source="wire", claim="circle", cites=["c1"]),
        Assertion(id="p0", source="army", claim="party"),
        Assertion(id="p1", source="blog", claim="party", cites=["p0"]),
        Assertion(id="k0", source="blog", claim="checked"),
        Assertion(id="l0", source="anon", claim="lone")],
    verdicts=[Verdict(id="v0", claim="checked", rating="false", reviewer="checker",
                      original_rating="Pants on fire")])

#: What the engine wrote before the lines were made faster (main at 171cc75), word for word.
EXPLANATIONS = {
    "checked": (
        "Graded 5 (improbable), score 0.03: 1 independent origin. Origin Blog "
        "(D): belief 0.35. Verdict “Pants on fire” (false) by Checker: belief "
        "0.35 → 0.05. Contradicted by “fused” (belief 0.86); the strongest "
        "lowers belief 0.05 → 0.03 and raises disbelief to 0.91. It rests on a "
        "single independent origin (Blog)."),
    "circle": (
        "Graded 2 (probably true), score 0.62: 1 independent origin. Origin "
        "Wire (B); through Wire → Blog, fidelity 0.82: belief 0.62. It rests on "
        "a single independent origin (Wire). Circular reporting: Blog → Wire → "
        "Blog; the claim comes back to a source that already asserted it, which "
        "is no confirmation."),
    "dependent": (
        "Graded 2 (probably true), score 0.84: 1 independent origin. Origin "
        "Paper (A): belief 0.90. Origin Writer (C): belief 0.55. Paper, Writer "
        "are one origin (same or affiliated sources): averaged to belief 0.84. "
        "It rests on a single independent origin (Paper, Writer)."),
    "fused": (
        "Graded 1 (confirmed by other sources), score 0.86: 2 independent "
        "origins. Origin Wire (B): belief 0.75. Origin Paper (A); through Blog, "
        "fidelity 0.85: belief 0.77. 2 independent origins fused: belief 0.86. "
        "Contradicted by “checked” (belief 0.05), “lone” (belief 0.00); the "
        "strongest lowers belief 0.86 → 0.86 and raises disbelief to 0.01. "
        "Vouching: Blog endorses what Paper says; this adds no origin. Hedged "
        "contradiction: it is said, with a hedge, to contradict “lone”; that "
        "contradiction counts at half weight."),
    "lone": (
        "Graded 6 (truth cannot be judged), score 0.00: 1 independent origin. "
        "Origin Anon (F): belief 0.00. Contradicted by “fused” (belief 0.86); "
        "the strongest lowers belief 0.00 → 0.00 and raises disbelief to 0.43. "
        "It rests on a single independent origin (Anon). No origin can be "
        "judged (grade F: anonymous, unnamed or unknown), so neither can the "
        "claim. Hedged contradiction: it is said, with a hedge, to contradict "
        "“fused”; that contradiction counts at half weight."),
    "party": (
        "Graded 3 (possibly true), score 0.23: 1 independent origin. Origin "
        "Army (C); interested party, weight 0.5; through Blog, fidelity 0.85: "
        "belief 0.23. It rests on a single independent origin (Army). "
        "Interested party: Army (side east) states a claim about Army."),
    "relayed": (
        "Graded 3 (possibly true), score 0.32: 1 independent origin. Origin "
        "Wire (B); through Blog, fidelity 0.42: belief 0.32. False "
        "confirmation: 2 sources (Blog, Paper) relay it, but all rest on one "
        "origin (Wire). It rests on a single independent origin (Wire)."),
}


def test_every_explanation_is_written_word_for_word() -> None:
    a = assess(STEPS)
    assert {cid: ca.explanation for cid, ca in a.claims.items()} == EXPLANATIONS
    lines = list(assessment_lines(STEPS, assess(STEPS)))
    for cid, text in EXPLANATIONS.items():
        line = (f"<{STEPS.base}claim/{cid}> <https://w3id.org/credkg/ns#explanation> "
                f"{nt_literal(text)} .")
        assert line in lines


def _cached_lines(ds: Dataset) -> list[str]:
    """The lines made from the quads of an assessment whose explanations and findings
    were read through the engine's API first (and so cached on each claim)."""
    a = assess(ds)
    for ca in a.claims.values():
        assert ca.explanation.startswith("Graded ")
        assert all(f.text for f in ca.findings)
    return [f"{q.subject} {q.predicate} {q.object} ."
            for q in assessment_ox_quads(ds, a, str(assessment_graph(ds.base)))]


def _check(ds: Dataset) -> set[str]:
    a = assess(ds)
    for ca in a.claims.values():  # worked out afresh, and as the API reads it
        text, findings = ca.written()
        assert "_worked" not in vars(ca) and "explanation" not in vars(ca)
        assert (text, [(f.kind, f.subject, f.concerns, f.text) for f in findings]) == (
            ca.explanation, [(f.kind, f.subject, f.concerns, f.text) for f in ca.findings])
        assert ca.written()[0] == text  # from the cache now
    assert list(assessment_lines(ds, assess(ds))) == _cached_lines(ds)
    return {f.kind for f in a.findings}


def test_the_lines_are_the_quads_of_the_explanations_as_read() -> None:
    kinds = _check(STEPS) | _check(seed_dataset()) | _check(synthetic_dataset(2000, seed=3))
    assert kinds == set(FINDING_TYPE)  # every kind of finding is written


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets())
def test_the_lines_of_any_dataset_are_the_quads_of_its_explanations(ds: Dataset) -> None:
    _check(ds)


@pytest.mark.parametrize("n", [0, 1])
def test_a_claim_read_before_is_written_from_its_cache(n: int) -> None:
    a = assess(STEPS)
    ca = a.claims["relayed"]
    if n:
        ca.explanation  # noqa: B018 (read, so cached)
    assert ca.written() == (EXPLANATIONS["relayed"], ca.findings)
    assert ("explanation" in vars(ca)) == bool(n)
