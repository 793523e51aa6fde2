"""Source reliability rules: analyst, kind, affiliation, default, track record."""

from __future__ import annotations

from kg.credibility.reliability import source_reliability
from kg.model import Assertion, Claim, Dataset, Source, Verdict


def src(id: str, kind: str = "person", **kw: object) -> Source:
    return Source.model_validate({"id": id, "kind": kind, "name": id.title(), **kw})


def test_analyst_grade_wins() -> None:
    r = source_reliability(Dataset(sources=[src("x", "anonymous_source", reliability="B")]))
    assert (r["x"].grade, r["x"].basis, r["x"].score) == ("B", "analyst", 0.75)


def test_defaults_by_kind() -> None:
    ds = Dataset(sources=[src("anon", "anonymous_source"), src("doc", "unnamed_document"),
                          src("paper", "news_outlet"), src("office", "government_body")])
    r = source_reliability(ds)
    assert [r[k].grade for k in ("anon", "doc", "paper", "office")] == ["F", "F", "C", "C"]


def test_affiliation_passes_the_lowest_judged_grade_but_never_to_the_anonymous() -> None:
    ds = Dataset(sources=[
        src("paper", "news_outlet", reliability="B"), src("tabloid", "news_outlet",
                                                          reliability="D"),
        src("writer", affiliated_with=["paper", "tabloid"]),
        src("data", "unnamed_document", affiliated_with=["paper"]),
        src("insider", "anonymous_source", affiliated_with=["paper"]),
        src("a", affiliated_with=["b"]), src("b", affiliated_with=["a"]),  # a cycle
    ])
    r = source_reliability(ds)
    assert r["writer"].grade == "D" and r["writer"].basis == "affiliation"
    assert r["data"].grade == "B"
    assert r["insider"].grade == "F"
    assert r["a"].grade == "C" and r["b"].grade == "C"


def track(ratings: list[str], **source: object) -> Dataset:
    return Dataset(
        sources=[src("s", "news_outlet", **source)],
        claims=[Claim(id=f"c{i}", text="t") for i in range(len(ratings))],
        assertions=[Assertion(id=f"a{i}", source="s", claim=f"c{i}") for i in range(len(ratings))],
        verdicts=[Verdict(id=f"v{i}", claim=f"c{i}", rating=r)  # type: ignore[arg-type]
                  for i, r in enumerate(ratings)],
    )


def test_track_record_moves_reliability_both_ways() -> None:
    good = source_reliability(track(["true"] * 8))["s"]
    bad = source_reliability(track(["false"] * 8))["s"]
    assert good.basis == bad.basis == "track record"
    assert good.track_record == (8.0, 0.0)
    assert good.score > 0.55 > bad.score
    assert good.grade in "AB" and bad.grade in "DE"


def test_track_record_does_not_override_the_analyst() -> None:
    s = source_reliability(track(["false"] * 8, reliability="A"))["s"]
    assert s.grade == "A" and "not applied" in s.explanation


def test_relaying_a_checked_claim_earns_no_track_record() -> None:
    ds = track(["true"] * 4)
    relayed = ds.model_copy(update={
        "sources": (*ds.sources, src("r", "news_outlet")),
        "assertions": (*ds.assertions, *(Assertion(id=f"r{i}", source="r", claim=f"c{i}",
                                                    cites=[f"a{i}"]) for i in range(4)))})
    relayed = type(ds).model_validate(relayed.model_dump())
    r = source_reliability(relayed)["r"]
    assert r.track_record == (0.0, 0.0) and r.basis == "default"


def test_discovered_trust_is_track_record_evidence() -> None:
    """kg discover --store's trust counts like verdicts: each figure checked is one unit,
    its trust share supporting; it moves a default grade, never the analyst's."""
    from kg.credibility.reliability import DiscoveredTrust, source_reliability
    from kg.model import Dataset, Source

    ds = Dataset(sources=[Source(id="low", name="Low", kind="news_outlet"),
                          Source(id="high", name="High", kind="news_outlet"),
                          Source(id="graded", name="Graded", kind="news_outlet",
                                 reliability="B")])
    found = {s: DiscoveredTrust(t, 10) for s, t in
             (("low", 0.1), ("high", 0.95), ("graded", 0.1))}
    before, after = source_reliability(ds), source_reliability(ds, discovered=found)
    assert before["low"].grade == before["high"].grade == "C"
    assert after["low"].grade in ("D", "E") and after["high"].grade in ("A", "B")
    assert after["low"].track_record == (1.0, 9.0)
    assert "10 figures checked by truth discovery (trust 0.1: 1 agreeing, 9 not)" in \
        after["low"].explanation
    assert after["graded"].grade == "B" and "analyst's grade wins" in after["graded"].explanation
