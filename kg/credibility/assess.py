"""The credibility engine: claim credibility 1-6 and source reliability A-F, with reasons.

Doctrine keeps two judgements apart: how reliable a *source* is
(:mod:`kg.credibility.reliability`) and how credible a piece of *information* is. A claim's
credibility is computed in subjective logic (:mod:`kg.credibility.opinion`) in five steps:

1. **Origins.** Every assertion of the claim that cites nobody is an origin.
   What it tells us is as much as we trust its source: belief equal to the
   source's trust belief, the rest uncertainty (Jøsang's discounting of an
   assertion; an unreliable source makes a claim uncertain, not false). It is
   kept at half weight when the
   assertion is hedged ("reportedly", "may have") and at half weight when the
   source is an *interested party* (its side is a party to what the claim is
   about, e.g. a belligerent's general on the adversary's army), unless the
   assertion is marked ``against_interest`` (a party conceding what harms its
   own side), which is shown as a finding instead. Both are reported as
   factors, never folded in silently.
2. **Relays.** Each chain from a tip back to the origin passes through relays;
   each relay keeps only its fidelity of the opinion (A 0.99, B 0.97, C 0.93,
   D 0.85, E 0.70, F 0.90; half again if it hedges). When an origin reaches us
   through several chains, the most discounted one counts: relays can lose
   information but never add any, so more relaying never raises a claim. A
   relay that distorts what it relays (:mod:`kg.credibility.distortion`) keeps
   only ``Policy.distortion`` of its fidelity; a copy (``copies``, or detected
   from near-identical quotes) is a relay of what it copies.
3. **Independence.** Origins whose sources are the same or affiliated (a
   correspondent and his newspaper, a general and his general staff) are one
   independent origin: their opinions are averaged (dependent evidence).
   Independent origins are fused (cumulative fusion): only they corroborate.
   Verdicts on the claim (fact-checks, gold) are fused as independent evidence.
4. **Contradictions.** Stated contradictions and those detected from
   quantities (:mod:`kg.credibility.comparison`): the strongest belief among the
   contradicting claims, computed in step 3, becomes disbelief in this claim; a
   hedged contradiction (``hedged_contradicts``) weighs ``Policy.hedge`` of it.
   Forecast revisions and figures that could not be compared are findings,
   not contradictions.
5. **Grade.** The final opinion maps to the Admiralty scale:

   =====  =======================  ==================================================
   grade  meaning                  rule (b belief, d disbelief)
   =====  =======================  ==================================================
   6      cannot be judged         no origin can be judged (all anonymous or unnamed)
   5      improbable               d >= 0.5
   4      doubtful                 d > b, or b < 0.2
   1      confirmed                b >= 0.75, two or more independent origins graded
                                   A or B, and no contradicting claim with belief >= 0.3
   2      probably true            b >= 0.6
   3      possibly true            otherwise (0.2 <= b < 0.6, b >= d)
   =====  =======================  ==================================================

The score is the final belief ``b``.

Examples:
    >>> from kg.seed import seed_dataset
    >>> a = assess(seed_dataset())
    >>> a.claims["convicts-deserted"].grade, a.claims["convicts-deserted"].independent_origins
    (6, 1)
    >>> a.claims["ytd-desertions-180k"].score > a.claims["monthly-desertions-30k"].score
    True
    >>> sorted({f.kind for f in a.findings})  # the seed's relays are single chains
    ['detected_contradiction', 'interested_party', 'single_origin', 'unjudgeable_origin']
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from kg.credibility.comparison import PairNote, compare
from kg.credibility.distortion import Distortion, detect_copies, detect_distortions
from kg.credibility.marks import claim_notes
from kg.credibility.opinion import GRADE_OPINION, Opinion, average, fuse, oppose
from kg.credibility.provenance import Chain
from kg.credibility.reliability import DiscoveredTrust, SourceAssessment, source_reliability
from kg.credibility.results import (
    Assessment,
    ClaimAssessment,
    Factor,
    Finding,
    Policy,
)
from kg.model import Assertion, Claim, Dataset, Verdict

__all__ = ["assess"]


def _say(template: str, *args: object) -> str:
    """Fill a template, calling any argument that is itself a deferred text."""
    return template.format(*[a() if callable(a) else a for a in args])


def _names(name: Mapping[str, str], ids: tuple[str, ...]) -> str:
    return ", ".join(sorted({name[i] for i in ids}))


def _components(ds: Dataset) -> dict[str, str]:
    """Independence classes: sources connected by affiliation (either way) share one."""
    parent = {s.id: s.id for s in ds.sources}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s in ds.sources:
        for other in (*s.affiliated_with, *s.authors):
            a, b = find(s.id), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {s: find(s) for s in parent}


class _Context:
    """What every claim's computation looks up, indexed once."""

    def __init__(self, ds: Dataset, policy: Policy, distortions: tuple[Distortion, ...] = (),
                 discovered: Mapping[str, DiscoveredTrust] | None = None) -> None:
        self.ds = ds
        self.policy = policy
        blame: dict[str, float] = defaultdict(float)
        self.distorted: dict[str, float] = {}
        self.distortions: dict[str, list[Distortion]] = defaultdict(list)
        for d in distortions:
            blame[d.source] += policy.distortion_blame
            self.distorted[d.relay] = policy.distortion
            self.distortions[d.claim].append(d)
        self.sources = source_reliability(ds, blame, discovered)
        self.against = {a.id for a in ds.assertions if a.against_interest}
        #: Claims with an assertion that endorses or states against interest (their notes).
        self.marked = {a.claim for a in ds.assertions if a.endorses or a.against_interest}
        self.by_source = {s.id: s for s in ds.sources}
        self.name = {s.id: s.name for s in ds.sources}
        self.component = _components(ds)
        self.has_side = {s.id for s in ds.sources if s.side is not None}
        self.belief = {k: v.opinion.b for k, v in self.sources.items()}
        self.keep = {k: policy.fidelity[v.grade] for k, v in self.sources.items()}
        self.verdicts: dict[str, list[Verdict]] = defaultdict(list)
        if policy.use_verdicts:
            for v in ds.verdicts:
                self.verdicts[v.claim].append(v)

    def names(self, chain: Chain, by_id: Mapping[str, Assertion]) -> str:
        return " \u2192 ".join(self.name[by_id[x].source] for x in chain)


def _worst_routes(own: list[Assertion], ctx: _Context) -> dict[str, tuple[float, Chain]]:
    """For each assertion of a claim: the most discounted route from a tip down to it.

    Returns assertion id -> (product of the relays' fidelities above it, that chain).
    """
    cited_by: dict[str, int] = {}
    by_id = {}
    for a in own:
        by_id[a.id] = a
        for c in a.cites:
            cited_by[c] = cited_by.get(c, 0) + 1
    best: dict[str, tuple[float, Chain]] = {}
    ready = []
    for a in own:
        if a.id not in cited_by:
            ready.append(a)
            best[a.id] = (1.0, (a.id,))
    hedge, keep, distorted = ctx.policy.hedge, ctx.keep, ctx.distorted
    while ready:
        a = ready.pop()
        if not a.cites:
            continue
        loss, chain = best[a.id]
        loss *= keep[a.source] * (hedge if a.hedged else 1.0)
        if distorted and a.id in distorted:
            loss *= distorted[a.id]
        for c in a.cites:
            known = best.get(c)
            if known is None or loss < known[0]:
                best[c] = (loss, (*chain, c))
            left = cited_by[c] - 1
            cited_by[c] = left
            if left == 0:
                ready.append(by_id[c])
    return best


def _origin_text(ctx: _Context, o: Assertion, hedged: bool, interested: bool,
                 route: tuple[float, Chain] | None, by_id: Mapping[str, Assertion],
                 op: Opinion) -> str:
    policy = ctx.policy
    notes = [f"{ctx.name[o.source]} ({ctx.sources[o.source].grade})"]
    if hedged:
        notes.append(f"hedged, weight {policy.hedge:g}")
    if interested:
        notes.append(f"interested party, weight {policy.interested_party:g}")
    if route is not None and route[0] < 1.0:
        notes.append(f"through {ctx.names(route[1][:-1], by_id)}, fidelity {route[0]:.2f}")
    return f"Origin {'; '.join(notes)}: belief {op.b:.2f}."


def _assess_claim(claim: Claim, own: list[Assertion], ctx: _Context,
                  detail: bool = False) -> _Base:
    """Steps 1-3 for one claim: its opinion before contradictions.

    With ``detail`` it also writes down each factor and finding; scoring a large
    graph leaves them out, and :class:`ClaimAssessment` asks for them when read.
    """
    policy = ctx.policy
    interested = False
    if claim.about and ctx.has_side:
        for x in claim.about:
            if x in ctx.has_side:
                interested = True
                break
    if len(own) == 1 and not own[0].cites and claim.id not in ctx.verdicts:
        return _lone_origin(claim, own[0], interested, ctx, detail)
    origins = []
    by_id = {}
    for a in own:
        by_id[a.id] = a
        if not a.cites:
            origins.append(a)
    routes = _worst_routes(own, ctx) if len(origins) < len(own) else {}
    factors: list[Factor] = []
    classes: dict[str, list[Opinion]] = {}
    reliable: set[str] = set()
    chains = []
    for o in origins:
        # the source asserts the claim; we learn as much as we trust the source
        # (Jøsang's discounting of a dogmatic assertion: belief t.b, no disbelief)
        b = ctx.belief[o.source]
        if o.hedged:
            b *= policy.hedge
        party = (interested and o.source in ctx.has_side and policy.interested_party != 1.0
                 and o.id not in ctx.against)
        if party:
            b *= policy.interested_party
        route = routes.get(o.id)
        if route is not None:
            chains.append(route[1])
            b *= route[0]
        else:
            chains.append((o.id,))
        op = Opinion(b, 0.0, 1.0 - b)
        if detail:
            factors.append(Factor("origin", ctx.sources[o.source].opinion, op, partial(
                _origin_text, ctx, o, o.hedged, party, route, by_id, op)))
        cls = ctx.component[o.source]
        if cls in classes:
            classes[cls].append(op)
        else:
            classes[cls] = [op]
        if ctx.sources[o.source].grade in ("A", "B"):
            reliable.add(cls)
    per_class = {}
    for cls, ops in classes.items():
        per_class[cls] = ops[0] if len(ops) == 1 else average(ops)
    for cls, ops in classes.items():
        if detail and len(ops) > 1:
            names = sorted({ctx.name[o.source] for o in origins if ctx.component[o.source] == cls})
            avg = per_class[cls]
            factors.append(Factor("dependent", None, avg, partial(
                _say, "{} are one origin (same or affiliated sources): averaged to belief {:.2f}.",
                ", ".join(names), avg.b)))
    opinion = fuse(*per_class.values()) if len(per_class) != 1 else next(iter(per_class.values()))
    if detail and len(per_class) > 1:
        fused, n = opinion, len(per_class)
        factors.append(Factor("independent", None, fused, lambda: (
            f"{n} independent origins fused: belief {fused.b:.2f}.")))
    verdicts = ctx.verdicts.get(claim.id, ())
    for v in verdicts:
        trust = ctx.belief[v.reviewer] if v.reviewer else GRADE_OPINION["C"].b
        if v.rating == "true":
            evidence = Opinion(trust, 0.0, 1.0 - trust)
        elif v.rating == "false":
            evidence = Opinion(0.0, trust, 1.0 - trust)
        else:  # "mixed" and "other" say nothing either way
            continue
        before, opinion = opinion, fuse(opinion, evidence)
        if not detail:
            continue
        by = ctx.name[v.reviewer] if v.reviewer else "an unnamed reviewer"
        factors.append(Factor("verdict", before, opinion, partial(
            _say, "Verdict \u201c{}\u201d ({}) by {}: belief {:.2f} \u2192 {:.2f}.",
            v.original_rating or v.rating, v.rating, by, before.b, opinion.b)))
    judgeable = False
    for op in per_class.values():
        if op.u < 0.999:
            judgeable = True
    for v in verdicts:
        if v.rating in ("true", "false"):
            judgeable = True
    findings: Sequence[Finding] = (
        _structure_findings(claim, own, origins, per_class, judgeable, interested, ctx)
        if detail else ())
    if len(chains) > 1:
        chains.sort()
    parties: tuple[str, ...] = ()
    if interested:
        parties = tuple(sorted({a.source for a in own
                                if a.source in ctx.has_side and a.id not in ctx.against}))
    return _Base(opinion, factors if detail else (), findings, tuple([o.id for o in origins]),
                 len(per_class), len(reliable), judgeable, tuple(chains), parties)


def _lone_origin(claim: Claim, o: Assertion, interested: bool, ctx: _Context,
                 detail: bool) -> _Base:
    """The common case, computed directly: one assertion, which cites nobody."""
    policy = ctx.policy
    b = ctx.belief[o.source]
    if o.hedged:
        b *= policy.hedge
    party = interested and o.source in ctx.has_side and o.id not in ctx.against
    if party and policy.interested_party != 1.0:
        b *= policy.interested_party
    op = Opinion(b, 0.0, 1.0 - b)
    sa = ctx.sources[o.source]
    judgeable = op.u < 0.999
    parties = (o.source,) if party else ()
    if not detail:
        return _Base(op, (), (), (o.id,), 1, int(sa.grade in ("A", "B")), judgeable, ((o.id,),),
                     parties)
    factors = [Factor("origin", sa.opinion, op, partial(
        _origin_text, ctx, o, o.hedged, party and policy.interested_party != 1.0, None, {}, op))]
    findings = [Finding("single_origin", claim.id, (o.id,), partial(
        _say, "It rests on a single independent origin ({}).", ctx.name[o.source]))]
    if not judgeable:
        findings.append(Finding("unjudgeable_origin", claim.id, (o.source,), _UNJUDGEABLE))
    if party:
        findings.append(_interested_finding(claim, o.source, True, ctx))
    return _Base(op, factors, findings, (o.id,), 1, int(sa.grade in ("A", "B")), judgeable,
                 ((o.id,),), parties)


def _unjudgeable() -> str:
    return ("No origin can be judged (grade F: anonymous, unnamed or unknown), so neither can "
            "the claim.")


_UNJUDGEABLE = _unjudgeable


def _interested_finding(claim: Claim, source: str, states: bool, ctx: _Context) -> Finding:
    name = ctx.name
    return Finding("interested_party", claim.id, (source, *claim.about), partial(
        _say, "Interested party: {} (side {}) {} a claim about {}.", name[source],
        ctx.by_source[source].side, "states" if states else "relays",
        ", ".join(name[x] for x in claim.about if x in ctx.has_side)))


def _structure_findings(claim: Claim, own: list[Assertion], origins: list[Assertion],
                        per_class: Mapping[str, Opinion], judgeable: bool, interested: bool,
                        ctx: _Context) -> list[Finding]:
    findings: list[Finding] = []
    name = ctx.name
    if len(origins) == 1:
        origin_sources: tuple[str, ...] = (origins[0].source,)
    else:
        origin_sources = tuple(sorted({o.source for o in origins}))
    if len(per_class) == 1:
        origin_class = next(iter(per_class))
        relays = set()
        component = ctx.component
        cited = {c for a in own for c in a.cites}
        presented = set()  # independent-looking tips: relays nobody relays further
        for a in own:
            if a.cites and component[a.source] != origin_class:
                relays.add(a.source)
                if a.id not in cited:
                    presented.add(component[a.source])
        relay_sources = sorted(relays)
        # one origin presented as two or more corroborations (two relay tips of other
        # sources), never a single relay chain (A -> B -> origin)
        if len(presented) >= 2:
            findings.append(Finding(
                "false_confirmation", claim.id, (*relay_sources, *origin_sources), partial(
                    _say, "False confirmation: {} sources ({}) relay it, but all rest on one "
                    "origin ({}).", len(relay_sources), ", ".join(name[s] for s in relay_sources),
                    partial(_names, name, origin_sources))))
        findings.append(Finding(
            "single_origin", claim.id, tuple([o.id for o in origins]), partial(
                _say, "It rests on a single independent origin ({}).",
                partial(_names, name, origin_sources))))
    if origins and not judgeable:
        findings.append(Finding("unjudgeable_origin", claim.id, origin_sources, _UNJUDGEABLE))
    if interested:
        for source in sorted({a.source for a in own
                              if a.source in ctx.has_side and a.id not in ctx.against}):
            states = any(a.source == source and not a.cites for a in own)
            findings.append(_interested_finding(claim, source, states, ctx))
    if len(own) > 2:
        findings.extend(_circular(claim, own, ctx))
    return findings


@dataclass(slots=True)
class _Base:
    """A claim's opinion before contradictions; every claim's is kept while the results
    live (without detail, its factors and findings are one shared empty tuple)."""

    opinion: Opinion
    factors: Sequence[Factor]
    findings: Sequence[Finding]
    origins: tuple[str, ...]
    independent: int
    reliable: int
    judgeable: bool
    chains: tuple[Chain, ...]
    parties: tuple[str, ...]  # interested parties among the asserting sources


def _circular(claim: Claim, own: list[Assertion], ctx: _Context) -> list[Finding]:
    """Sources that relay each other in a cycle for this claim (A cites B cites ... A)."""
    by_id = {a.id: a for a in own}
    graph: dict[str, set[str]] = defaultdict(set)
    for a in own:
        for c in a.cites:
            if by_id[c].source != a.source:
                graph[a.source].add(by_id[c].source)
    if len(graph) < 2:
        return []
    relayed = set().union(*graph.values())
    if sum(1 for s in graph if s in relayed) < 2:
        return []  # a cycle passes through two sources or more that relay and are relayed
    found = []
    seen_cycles: set[frozenset[str]] = set()
    for start in sorted(graph):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    key = frozenset(path)
                    if key not in seen_cycles:
                        seen_cycles.add(key)
                        names = " \u2192 ".join(ctx.name[s] for s in [*path, start])
                        found.append(Finding(
                            "circular_reporting", claim.id, tuple(path), partial(
                                _say, "Circular reporting: {}; the claim comes back to a source "
                                "that already asserted it, which is no confirmation.", names)))
                elif nxt not in path and nxt > start:
                    stack.append((nxt, [*path, nxt]))
    return found


def _grade(op: Opinion, base: _Base, against: float, policy: Policy) -> int:
    if not base.judgeable:
        return 6
    if op.d >= 0.5:
        return 5
    if op.d > op.b or op.b < 0.2:
        return 4
    if op.b >= 0.75 and base.reliable >= 2 and against < policy.credible_contradiction:
        return 1
    if op.b >= 0.6:
        return 2
    return 3


def _contradiction_factor(claim_id: str, others: list[str], base: Mapping[str, _Base],
                          reasons: Mapping[tuple[str, str], str], before: Opinion,
                          after: Opinion) -> Factor:
    def render() -> str:
        if after == before:
            return (f"Contradicted by {', '.join(others)}, which cannot be judged and so weigh "
                    "nothing.")
        listed = ", ".join(
            f"\u201c{o}\u201d (belief {base[o].opinion.b:.2f}"
            f"{', detected' if (min(claim_id, o), max(claim_id, o)) in reasons else ''})"
            for o in others)
        return (f"Contradicted by {listed}; the strongest lowers belief {before.b:.2f} \u2192 "
                f"{after.b:.2f} and raises disbelief to {after.d:.2f}.")

    return Factor("contradiction", before, after, render)


def assess(ds: Dataset, policy: Policy | None = None, *,
           discovered: Mapping[str, DiscoveredTrust] | None = None) -> Assessment:
    """Assess every source and claim of a dataset.

    Args:
        ds: The dataset.
        policy: The model's parameters (defaults documented on :class:`Policy`).
        discovered: Truth discovery's trust per source id, fused into the sources'
            track records (:func:`kg.credibility.reliability.source_reliability`).

    Returns:
        The :class:`Assessment`: grades, scores, explanations and findings.
    """
    # The cyclic garbage collector is paused while scoring: scoring makes millions of
    # small objects and no reference cycles, and each of the collector's full passes
    # scans the whole corpus (100k synthetic claims: 6.2 s of CPU with it, 2.8 s without).
    paused = gc.isenabled()
    gc.disable()
    try:
        return _assess(ds, policy or Policy(), discovered)
    finally:
        if paused:
            gc.enable()


def _assess(ds: Dataset, policy: Policy,
            discovered: Mapping[str, DiscoveredTrust] | None) -> Assessment:
    copies = detect_copies(ds)
    distortions = tuple(detect_distortions(ds, copies))
    ctx = _Context(ds, policy, distortions, discovered)
    own: dict[str, list[Assertion]] = defaultdict(list)
    for a in ds.assertions:
        if a.copies or a.id in copies:  # a copy counts as a relay of what it copies
            a = a.model_copy(update={"cites": tuple(sorted({*a.relays, *copies.get(a.id, ())}))})
        own[a.claim].append(a)
    base = {claim.id: _assess_claim(claim, own.get(claim.id, []), ctx) for claim in ds.claims}
    comparison = compare(ds)
    detected = comparison.contradictions
    against: dict[str, set[str]] = {c.id: set(c.contradicts) for c in ds.claims if c.contradicts}
    hedged_pairs: set[tuple[str, str]] = set()
    for c in ds.claims:
        for o in c.hedged_contradicts:
            against.setdefault(c.id, set()).add(o)
            hedged_pairs.add((c.id, o))
    pairs: dict[str, list[tuple[str, PairNote]]] = defaultdict(list)
    for kind, notes in (("forecast_revision", comparison.revisions),
                        ("not_comparable", comparison.not_comparable)):
        for note in notes:
            pairs[note.claims[0]].append((kind, note))
    reasons: dict[tuple[str, str], str] = {}
    for dc in detected:
        x, y = dc.claims
        against.setdefault(x, set()).add(y)
        against.setdefault(y, set()).add(x)
        reasons[dc.claims] = dc.reason
    claims = {}
    flagged: dict[str, set[str]] = defaultdict(set)
    for claim in ds.claims:
        b = base[claim.id]
        opinion = b.opinion
        others = sorted(against.get(claim.id, ()))
        strongest = 0.0
        if others:
            strongest = max(base[o].opinion.b * (
                policy.hedge if (claim.id, o) in hedged_pairs else 1.0) for o in others)
            if strongest > 0:
                opinion = oppose(opinion, strongest)
        for party in b.parties:
            flagged[party].add("interested_party")
        claims[claim.id] = ClaimAssessment(
            id=claim.id, grade=_grade(opinion, b, strongest, policy), score=round(opinion.b, 4),
            opinion=opinion, origins=b.origins, independent_origins=b.independent,
            chains=b.chains, contradicted_by=tuple(others),
            details=partial(_details, claim, own.get(claim.id, []), ctx, others, base, reasons,
                            opinion, pairs))
    sources = dict(ctx.sources)
    for k, kinds in flagged.items():
        v = sources[k]
        sources[k] = SourceAssessment(v.id, v.grade, v.score, v.opinion, v.basis, v.explanation,
                                      v.track_record, tuple(sorted(kinds)))
    return Assessment(sources, claims, tuple(detected), policy, distortions,
                      tuple(comparison.revisions), tuple(comparison.not_comparable))


def _details(claim: Claim, own: list[Assertion], ctx: _Context, others: list[str],
             base: Mapping[str, _Base], reasons: Mapping[tuple[str, str], str],
             final: Opinion, pairs: Mapping[str, list[tuple[str, PairNote]]] | None = None
             ) -> tuple[tuple[Factor, ...], tuple[Finding, ...]]:
    """The factors and findings of one claim, worked out again with ``detail``."""
    b = _assess_claim(claim, own, ctx, detail=True)
    factors, findings = list(b.factors), list(b.findings)
    distortions = ctx.distortions.get(claim.id, ())
    if (distortions or claim.id in ctx.marked or claim.hedged_contradicts
            or (pairs and claim.id in pairs)):  # else it has no notes: most claims
        for note in claim_notes(ctx.ds, claim, own, distortions, pairs):
            findings.append(Finding(note.kind, claim.id, note.concerns, partial(str, note.text)))
    if others:
        factors.append(_contradiction_factor(claim.id, others, base, reasons, b.opinion, final))
        for o in others:
            pair = (min(claim.id, o), max(claim.id, o))
            if pair in reasons and claim.id == pair[0]:
                findings.append(Finding(
                    "detected_contradiction", claim.id, pair, partial(
                        _say, "Contradiction detected from the figures: {}.", reasons[pair])))
    return tuple(factors), tuple(findings)
