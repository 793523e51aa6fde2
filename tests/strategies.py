"""Hypothesis strategies that generate valid credkg datasets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from kg.model import (
    Assertion,
    Claim,
    Dataset,
    Quantity,
    QuantityKind,
    Report,
    Source,
    SourceKind,
    Verdict,
)
from kg.model.fields import INVISIBLE

ids = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from("abcXYZ019"),
    st.text(st.sampled_from("abcxyz019._~-"), max_size=8),
)
texts = st.text(
    st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\t<>&\"'\u202e\u05d0"),
    min_size=1,
    max_size=40,
)
maybe_text = st.none() | texts
#: Names are stored without invisible controls (kg.model.fields.Name): draw them so.
names = texts.map(lambda t: INVISIBLE.sub("", t)).filter(lambda t: t.strip() != "")
numbers = st.floats(allow_nan=False, allow_infinity=False)
dates = st.dates()
bases = st.sampled_from(["https://w3id.org/credkg/id/", "https://example.org/kb#",
                         "http://example.com/data/"])


positive = st.floats(min_value=1e-6, max_value=1e12, allow_nan=False)


@st.composite
def quantities(draw: st.DrawFn, sources: list[str] | None = None) -> Quantity:
    value, lo, hi = draw(st.none() | numbers), draw(st.none() | numbers), draw(st.none() | numbers)
    word = draw(st.none() | texts)
    if value is None and lo is None and hi is None and word is None:
        value = draw(numbers)
    kind = draw(st.none() | st.sampled_from(list(QuantityKind)))
    if kind is QuantityKind.VAGUE and word is None:
        word = draw(texts)
    rate = draw(st.none() | positive)
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    start, end = draw(st.none() | dates), draw(st.none() | dates)
    if start is not None and end is not None and start > end:
        start, end = end, start
    change = draw(st.sampled_from([None, "ratio", "difference"]))
    if any(x is not None and x < 0 for x in (value, lo, hi)) and kind is not QuantityKind.CHANGE:
        change = "difference"  # only a change may be negative
    return Quantity(
        measure=draw(texts), unit=draw(maybe_text), value=value, min_value=lo, max_value=hi,
        approximate=draw(st.booleans()), per=draw(st.sampled_from([None, "day", "month", "year"])),
        period_start=start, period_end=end, exact=draw(st.booleans()), kind=kind,
        key=draw(maybe_text), as_of=draw(st.none() | dates), cumulative=draw(st.booleans()),
        of=draw(maybe_text), per_population=draw(st.none() | positive),
        reference=draw(maybe_text), change=change,
        currency=draw(texts) if rate is not None else draw(maybe_text), exchange_rate=rate,
        exchange_currency=draw(texts) if rate is not None else draw(maybe_text),
        forecaster=draw(st.none() | st.sampled_from(sources)) if sources else None,
        made_on=draw(st.none() | dates), word=word,
    )


#: When an analyst set a grade: a date, or a date-time with or without its offset.
moments = dates | st.datetimes(
    min_value=dt.datetime(1900, 1, 1),
    timezones=st.none() | st.builds(lambda m: dt.timezone(dt.timedelta(minutes=m)),
                                    st.integers(-720, 840)),
)


@st.composite
def graded(draw: st.DrawFn) -> dict[str, Any]:
    """A source's analyst grade, and who set it, when and why (each may be absent)."""
    grade = draw(st.sampled_from([None, "A", "B", "C", "D", "E", "F"]))
    if grade is None:
        return {"reliability": None}
    return {"reliability": grade, "reliability_set_by": draw(maybe_text),
            "reliability_set_at": draw(st.none() | moments),
            "reliability_why": draw(maybe_text)}


@st.composite
def datasets(draw: st.DrawFn, max_records: int = 6) -> Dataset:
    n_src = draw(st.integers(1, max_records))
    n_rep = draw(st.integers(0, max_records))
    n_claim = draw(st.integers(1, max_records))
    fixed = n_src + n_rep + n_claim
    all_ids = draw(st.lists(ids, min_size=fixed, max_size=fixed + 2 * max_records, unique=True))
    src_ids = all_ids[:n_src]
    rep_ids = all_ids[n_src:n_src + n_rep]
    claim_ids = all_ids[n_src + n_rep:fixed]
    ass_ids = all_ids[fixed:]

    def some(pool: list[str]) -> Any:
        return st.lists(st.sampled_from(pool), max_size=3, unique=True)

    sources = [
        Source(
            id=i, kind=draw(st.sampled_from(list(SourceKind))), name=draw(names),
            aliases=draw(st.lists(names, max_size=2)), affiliated_with=draw(some(src_ids)),
            country=draw(maybe_text), side=draw(maybe_text),
            **draw(graded()),
            same_as=draw(st.lists(st.sampled_from(["http://www.wikidata.org/entity/Q1",
                                                   "https://example.org/x"]), max_size=2)),
            authors=draw(some(src_ids)), note=draw(maybe_text),
        )
        for i in src_ids
    ]
    reports = [
        Report(id=i, title=draw(maybe_text), date=draw(st.none() | dates),
               url=draw(st.none() | st.sampled_from(["https://example.org/a?b=1&c=<2>",
                                                     "javascript:alert(1)"])),
               published_by=draw(st.none() | st.sampled_from(src_ids)))
        for i in rep_ids
    ]
    claims: list[Claim] = []
    for i in claim_ids:
        others = [c for c in claim_ids if c != i]
        # a pair is contradicted plainly or with a hedge, never both (once made symmetric)
        hedged_by = {c.id for c in claims if i in c.hedged_contradicts}
        plain_by = {c.id for c in claims if i in c.contradicts}
        against = [c for c in draw(some(others)) if c not in hedged_by] if others else []
        hedged_against = [c for c in draw(some(others)) if c not in against
                          and c not in plain_by] if others else []
        claims.append(Claim(
            id=i, text=draw(texts), about=draw(some(src_ids)), contradicts=against,
            hedged_contradicts=hedged_against, supports=draw(some(claim_ids)),
            quantity=draw(st.none() | quantities(src_ids)),
            quantities=draw(st.lists(quantities(src_ids), max_size=2)), note=draw(maybe_text)))
    assertions: list[Assertion] = []
    for i in ass_ids:
        claim = draw(st.sampled_from(claim_ids))
        earlier = [a.id for a in assertions if a.claim == claim]
        cites = draw(some(earlier)) if earlier else ()
        assertions.append(Assertion(
            id=i, source=draw(st.sampled_from(src_ids)), claim=claim,
            report=draw(st.none() | st.sampled_from(rep_ids)) if rep_ids else None,
            cites=cites, hedged=draw(st.booleans()), quote=draw(maybe_text),
            text=draw(maybe_text), quantity=draw(st.none() | quantities(src_ids)),
            headline=draw(st.booleans()), endorses=bool(cites) and draw(st.booleans()),
            copies=draw(some(earlier)) if earlier else (),
            against_interest=draw(st.booleans()),
        ))
    verdicts = [
        Verdict(id=f"v{n}", claim=draw(st.sampled_from(claim_ids)),
                rating=draw(st.sampled_from(["true", "mixed", "false", "other"])),
                reviewer=draw(st.none() | st.sampled_from(src_ids)),
                original_rating=draw(maybe_text), date=draw(st.none() | dates),
                url=draw(st.none() | st.just("https://factcheck.example/1")))
        for n in range(draw(st.integers(0, 2)))
        if f"v{n}" not in all_ids
    ]
    return Dataset(base=draw(bases), sources=sources, reports=reports, claims=claims,
                   assertions=assertions, verdicts=verdicts)

