"""Relays that change what they relay: distortions, found by comparing versions.

A relaying assertion may carry its own version of the claim: its ``quote`` and,
where they differ from the claim's, its own ``text``, ``quantity`` and hedge.
An assertion without a quantity of its own gives the claim's. The engine
compares each relay's version with each assertion it relays (``cites`` and
``copies``), and each headline with the body of its report (the same source's
other assertions of the claim in the same report), and reports:

====================  ==================================================================
distortion            when
====================  ==================================================================
inflated / deflated   the relay's figure lies wholly above / below the relayed one (each
                      read with its rounding, :mod:`kg.credibility.comparison`)
bound changed         a figure becomes a bound or the reverse: 170,000 -> "more than
                      170,000", "up to 30,000" -> 30,000
measure switched      the measure key or the unit's class differs: 60,000 *cases* ->
                      60,000 *soldiers*
hedge dropped         everything relayed is hedged ("reportedly"), the relay is not
period stretched      the relay's period starts earlier or ends later than the relayed
attribution dropped   the relay copies another's text without saying so (``copies``, or
                      detected: an origin whose quote is near-identical, at least 40
                      characters and 90% alike, to an earlier report's by another source)
====================  ==================================================================

Each distortion lowers the relay's fidelity in every chain through it (by
:attr:`kg.credibility.assess.Policy.distortion`) and counts as refuting evidence
in its source's track record (:mod:`kg.credibility.reliability`).

Examples:
    >>> from kg.model import Assertion, Claim, Dataset, Quantity, Source
    >>> ds = Dataset(
    ...     sources=[Source(id="boiko", kind="person", name="Boiko"),
    ...              Source(id="tass", kind="news_outlet", name="TASS")],
    ...     claims=[Claim(id="c", text="170,000 deserted.", quantity=Quantity(
    ...         measure="deserters", unit="person", value=170000))],
    ...     assertions=[
    ...         Assertion(id="a1", source="boiko", claim="c"),
    ...         Assertion(id="a2", source="tass", claim="c", cites=["a1"],
    ...                   quantity=Quantity(measure="deserters", unit="person",
    ...                                     min_value=170000))])
    >>> for d in detect_distortions(ds):
    ...     print(d.kind, "|", d.text)
    bound_changed | TASS changes the bound of what Boiko says: 170,000 becomes over 170,000.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.model import Assertion, Claim, Dataset, Quantity
from kg.quantities import measure_key, unit_class

__all__ = ["COPY_MIN_CHARS", "COPY_SIMILARITY", "Distortion", "detect_copies",
           "detect_distortions"]

#: A quote shorter than this is never taken as copied text.
COPY_MIN_CHARS = 40
#: Two quotes at least this alike (difflib ratio) are near-identical.
COPY_SIMILARITY = 0.9


@dataclass(frozen=True)
class Distortion:
    """One change a relay makes to what it relays, with the numbers."""

    kind: str  # inflated, deflated, bound_changed, measure_switched, hedge_dropped, ...
    claim: str
    relay: str  # the relaying (or headline) assertion
    original: str  # the assertion it relays (or the body)
    source: str  # the relay's source
    text: str


def _bound(q: Quantity) -> str:
    if q.value is not None:
        return "about" if q.approximate else "point"
    if q.min_value is not None and q.max_value is not None:
        return "range"
    if q.min_value is not None:
        return "lower"
    if q.max_value is not None:
        return "upper"
    return "word"


def _words(q: Quantity) -> str:
    from kg.credibility.comparison import _interval

    return _interval(q)[2].split(" (")[0].split(", read as")[0]


def _compare(claim: Claim, relay: Assertion, original: Assertion, names: dict[str, str],
             relayed: tuple[str, ...], hedged: set[str]) -> Iterator[tuple[str, str]]:
    from kg.credibility.comparison import reading

    who, whom = names[relay.source], names[original.source]
    qr = relay.quantity or claim.quantity
    qo = original.quantity or claim.quantity
    if qr is not None and qo is not None and qr is not qo and qr != qo:
        kr, ko = measure_key(qr.key or qr.measure), measure_key(qo.key or qo.measure)
        if kr != ko or unit_class(qr.unit) != unit_class(qo.unit):
            what = [f"\u201c{qo.measure}\u201d ({qo.unit or 'no unit'}) becomes "
                    f"\u201c{qr.measure}\u201d ({qr.unit or 'no unit'})"]
            yield "measure_switched", (f"{who} switches the measure of what {whom} says: "
                                       f"{what[0]}.")
        if _bound(qr) != _bound(qo) and "word" not in (_bound(qr), _bound(qo)):
            yield "bound_changed", (f"{who} changes the bound of what {whom} says: "
                                    f"{_words(qo)} becomes {_words(qr)}.")
        rr, ro = reading(qr), reading(qo)
        if rr.low > ro.high:
            yield "inflated", (f"{who} inflates the figure of {whom}: {_words(qo)} becomes "
                               f"{_words(qr)} (at least {rr.low:,.4g} against at most "
                               f"{ro.high:,.4g}).")
        elif rr.high < ro.low:
            yield "deflated", (f"{who} deflates the figure of {whom}: {_words(qo)} becomes "
                               f"{_words(qr)} (at most {rr.high:,.4g} against at least "
                               f"{ro.low:,.4g}).")
        stretched = []
        if qo.period_start is not None and (
                qr.period_start is None or qr.period_start < qo.period_start):
            stretched.append(f"from {qr.period_start or 'an open start'} instead of "
                             f"{qo.period_start}")
        if qo.period_end is not None and qr.period_end is not None and (
                qr.period_end > qo.period_end):
            stretched.append(f"to {qr.period_end} instead of {qo.period_end}")
        if stretched and (qr.period_start is not None or qr.period_end is not None):
            yield "period_stretched", (f"{who} stretches the period of what {whom} says: "
                                       f"{' and '.join(stretched)}.")
    if original.hedged and not relay.hedged and all(x in hedged for x in relayed):
        yield "hedge_dropped", (f"{who} drops the hedge of {whom}: the relayed statement "
                                "is hedged, the relay states it flatly.")


def detect_copies(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """Origins whose quote is near-identical to an earlier report's, by another source.

    Returns:
        Assertion id -> the ids of the assertions it appears to copy.
    """
    dates = {r.id: r.date for r in ds.reports}
    by_claim: dict[str, list[Assertion]] = defaultdict(list)
    for a in ds.assertions:
        if a.quote is not None and len(a.quote) >= COPY_MIN_CHARS and a.report is not None:
            by_claim[a.claim].append(a)
    found: dict[str, list[str]] = defaultdict(list)
    for members in by_claim.values():
        if len(members) < 2:
            continue
        for a in members:
            if a.relays:
                continue
            da = dates.get(a.report) if a.report else None
            for b in members:
                db = dates.get(b.report) if b.report else None
                if b.source == a.source or da is None or db is None or not db < da:
                    continue
                assert a.quote is not None and b.quote is not None
                if difflib.SequenceMatcher(None, a.quote.casefold(), b.quote.casefold(),
                                           autojunk=False).ratio() >= COPY_SIMILARITY:
                    found[a.id].append(b.id)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def detect_distortions(ds: Dataset, copies: dict[str, tuple[str, ...]] | None = None
                       ) -> list[Distortion]:
    """Every distortion of every relay and headline (see the module's table).

    Args:
        ds: The dataset.
        copies: Copies detected from near-identical text (:func:`detect_copies`), which
            are reported as attribution dropped besides the analyst's ``copies``.
    """
    copies = copies or {}
    versioned: set[str] = set()
    hedged: set[str] = set()
    heads = False
    for a in ds.assertions:
        if a.quantity is not None:
            versioned.add(a.id)
        if a.hedged:
            hedged.add(a.id)
        heads = heads or a.headline
    names: dict[str, str] = {}

    def name(source: str) -> str:
        if source not in names:
            names[source] = ds.source(source).name
        return names[source]

    found: list[Distortion] = []
    for a in ds.assertions:
        relayed = a.relays
        if a.id in copies:
            relayed = (*relayed, *(x for x in copies[a.id] if x not in relayed))
        if not relayed:
            continue
        # the common case, a faithful relay: no version of its own on either side, and
        # nothing to drop a hedge from
        if (a.quantity is None and not a.copies and a.id not in copies
                and not any(x in versioned for x in relayed)
                and (a.hedged or not all(x in hedged for x in relayed))):
            continue
        claim = ds.claim(a.claim)
        for x in relayed:
            original = ds.assertion(x)
            names.setdefault(a.source, name(a.source))
            names.setdefault(original.source, name(original.source))
            if x in a.copies or x in copies.get(a.id, ()):
                how = "copies" if x in a.copies else "appears to copy (near-identical quote)"
                found.append(Distortion(
                    "attribution_dropped", a.claim, a.id, x, a.source,
                    f"{names[a.source]} {how} {names[original.source]} and states it as its "
                    "own: attribution dropped."))
            for kind, text in _compare(claim, a, original, names, relayed, hedged):
                found.append(Distortion(kind, a.claim, a.id, x, a.source, text))
    if heads:
        found.extend(_headlines(ds, names, name, hedged))
    return found


def _headlines(ds: Dataset, names: dict[str, str], name: Callable[[str], str],
               hedged: set[str]) -> Iterator[Distortion]:
    """Each headline against the body of its report: the same source's other assertions."""
    headlines: dict[tuple[str, str, str], list[Assertion]] = defaultdict(list)
    bodies: dict[tuple[str, str, str], list[Assertion]] = defaultdict(list)
    for a in ds.assertions:
        if a.report is not None:
            key = (a.claim, a.report, a.source)
            (headlines if a.headline else bodies)[key].append(a)
    for key, heads in headlines.items():
        for h in heads:
            names.setdefault(h.source, name(h.source))
            for body in bodies.get(key, ()):
                for kind, text in _compare(ds.claim(h.claim), h, body, names, (body.id,),
                                           hedged):
                    yield Distortion(kind, h.claim, h.id, body.id, h.source, "Headline: " + text)
