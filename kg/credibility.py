"""The credibility engine: claim credibility 1-6 and source reliability A-F, with reasons.

Doctrine keeps two judgements apart: how reliable a *source* is
(:mod:`kg.reliability`) and how credible a piece of *information* is. A claim's
credibility is computed in subjective logic (:mod:`kg.opinion`) in five steps:

1. **Origins.** Every assertion of the claim that cites nobody is an origin.
   What it tells us is as much as we trust its source: belief equal to the
   source's trust belief, the rest uncertainty (Jøsang's discounting of an
   assertion; an unreliable source makes a claim uncertain, not false). It is
   kept at half weight when the
   assertion is hedged ("reportedly", "may have") and at half weight when the
   source is an *interested party* (its side is a party to what the claim is
   about, e.g. a belligerent's general on the adversary's army). Both are
   reported as factors, never folded in silently.
2. **Relays.** Each chain from a tip back to the origin passes through relays;
   each relay keeps only its fidelity of the opinion (A 0.99, B 0.97, C 0.93,
   D 0.85, E 0.70, F 0.90; half again if it hedges). When an origin reaches us
   through several chains, the most discounted one counts: relays can lose
   information but never add any, so more relaying never raises a claim.
3. **Independence.** Origins whose sources are the same or affiliated (a
   correspondent and his newspaper, a general and his general staff) are one
   independent origin: their opinions are averaged (dependent evidence).
   Independent origins are fused (cumulative fusion): only they corroborate.
   Verdicts on the claim (fact-checks, gold) are fused as independent evidence.
4. **Contradictions.** Stated contradictions and those detected from
   quantities (:mod:`kg.contradictions`): the strongest belief among the
   contradicting claims, computed in step 3, becomes disbelief in this claim.
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
    >>> sorted({f.kind for f in a.findings})  # doctest: +NORMALIZE_WHITESPACE
    ['detected_contradiction', 'false_confirmation', 'interested_party', 'single_origin',
     'unjudgeable_origin']
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import RDF, RDFS, XSD, Literal, URIRef

from kg.contradictions import DetectedContradiction, detect_contradictions
from kg.model import Assertion, Claim, Dataset, Source
from kg.namespace import CRED
from kg.opinion import GRADE_OPINION, VACUOUS, Opinion, average, fuse, oppose
from kg.provenance import Chain
from kg.rdf import Quad, iri
from kg.reliability import SourceAssessment, source_reliability
from kg.views import NodeInfo

__all__ = [
    "GRADE_MEANING",
    "Assessment",
    "ClaimAssessment",
    "Factor",
    "Finding",
    "Policy",
    "SourceAssessment",
    "assess",
    "assessment_graph",
    "assessment_quads",
    "node_info",
]

#: Admiralty information credibility, 1 to 6.
GRADE_MEANING = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful",
                 5: "improbable", 6: "cannot be judged"}
FINDING_TYPE = {
    "false_confirmation": CRED.FalseConfirmation,
    "circular_reporting": CRED.CircularReporting,
    "single_origin": CRED.SingleOrigin,
    "unjudgeable_origin": CRED.UnjudgeableOrigin,
    "interested_party": CRED.InterestedParty,
    "detected_contradiction": CRED.DetectedContradiction,
}


@dataclass(frozen=True)
class Policy:
    """The parameters of the model, documented in this module; change them knowingly."""

    #: Share of an opinion a relay of each grade passes on.
    fidelity: Mapping[str, float] = field(default_factory=lambda: {
        "A": 0.99, "B": 0.97, "C": 0.93, "D": 0.85, "E": 0.70, "F": 0.90})
    #: Weight kept by a hedged assertion ("reportedly", "may have").
    hedge: float = 0.5
    #: Weight kept by an interested party's word on its own conflict (1 to report only).
    interested_party: float = 0.5
    #: Use verdicts on a claim as evidence on that claim (switch off to evaluate them).
    use_verdicts: bool = True
    #: Belief in a contradicting claim from which it counts as credible.
    credible_contradiction: float = 0.3


@dataclass(frozen=True)
class Finding:
    """Something an analyst should see: what kind, about which claim or source, why."""

    kind: str
    subject: str
    concerns: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Factor:
    """One step of a claim's computation and its effect on the opinion."""

    name: str
    text: str
    before: Opinion | None
    after: Opinion


@dataclass(frozen=True)
class ClaimAssessment:
    """A claim's credibility grade, score and everything behind them."""

    id: str
    grade: int
    score: float
    opinion: Opinion
    origins: tuple[str, ...]
    independent_origins: int
    chains: tuple[Chain, ...]
    contradicted_by: tuple[str, ...]
    factors: tuple[Factor, ...]
    findings: tuple[Finding, ...]
    summary: str

    @property
    def meaning(self) -> str:
        """The grade in words, e.g. "possibly true"."""
        return GRADE_MEANING[self.grade]

    @property
    def flags(self) -> tuple[str, ...]:
        """The kinds of finding about this claim."""
        return tuple(sorted({f.kind for f in self.findings}))

    @cached_property
    def explanation(self) -> str:
        """One paragraph: the grade, then each factor and finding in order."""
        parts = [self.summary, *(f.text for f in self.factors),
                 *(f.text for f in self.findings if f.kind != "detected_contradiction")]
        return " ".join(parts)


@dataclass(frozen=True)
class Assessment:
    """Every source's reliability and every claim's credibility, with the findings."""

    sources: Mapping[str, SourceAssessment]
    claims: Mapping[str, ClaimAssessment]
    findings: tuple[Finding, ...]
    detected: tuple[DetectedContradiction, ...]
    policy: Policy


def _interested(source: Source, claim: Claim, sides: Mapping[str, str | None]) -> bool:
    """A source with a side speaking about something that has a side is a party to it."""
    return source.side is not None and any(sides.get(a) is not None for a in claim.about)


def _components(ds: Dataset) -> dict[str, str]:
    """Independence classes: sources connected by affiliation (either way) share one."""
    parent = {s.id: s.id for s in ds.sources}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s in ds.sources:
        for other in s.affiliated_with:
            a, b = find(s.id), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {s: find(s) for s in parent}


@dataclass
class _Context:
    ds: Dataset
    policy: Policy
    sources: Mapping[str, SourceAssessment]
    by_source: Mapping[str, Source]
    component: Mapping[str, str]
    sides: Mapping[str, str | None]


def _worst_routes(own: list[Assertion], ctx: _Context) -> dict[str, tuple[float, Chain]]:
    """For each assertion of a claim: the most discounted route from a tip down to it.

    Returns assertion id -> (product of the relays' fidelities above it, that chain).
    """
    by_id = {a.id: a for a in own}
    cited_by: dict[str, list[str]] = defaultdict(list)
    for a in own:
        for c in a.cites:
            cited_by[c].append(a.id)
    best: dict[str, tuple[float, Chain]] = {}
    pending = {a.id: len(cited_by.get(a.id, ())) for a in own}
    ready = [a_id for a_id, n in pending.items() if n == 0]
    for a_id in ready:
        best[a_id] = (1.0, (a_id,))
    fidelity, hedge = ctx.policy.fidelity, ctx.policy.hedge
    while ready:
        a_id = ready.pop()
        a = by_id[a_id]
        loss, chain = best[a_id]
        if a.cites:
            keep = fidelity[ctx.sources[a.source].grade] * (hedge if a.hedged else 1.0)
            for c in a.cites:
                candidate = (loss * keep, (*chain, c))
                if c not in best or candidate[0] < best[c][0]:
                    best[c] = candidate
                pending[c] -= 1
                if pending[c] == 0:
                    ready.append(c)
    return best


def _assess_claim(
    claim: Claim, own: list[Assertion], ctx: _Context
) -> tuple[Opinion, list[Factor], list[Finding], dict[str, object]]:
    """Steps 1-3 for one claim: its opinion before contradictions."""
    policy, ds = ctx.policy, ctx.ds
    routes = _worst_routes(own, ctx)
    factors: list[Factor] = []
    findings: list[Finding] = []
    origins = [a for a in own if not a.cites]
    classes: dict[str, list[Opinion]] = defaultdict(list)
    class_names: dict[str, list[str]] = defaultdict(list)
    reliable_classes: set[str] = set()
    for o in origins:
        src = ctx.by_source[o.source]
        sa = ctx.sources[o.source]
        # the source asserts the claim; what we learn is as much as we trust the source
        # (Jøsang's discounting of a dogmatic assertion: belief t.b, no disbelief)
        op = Opinion(sa.opinion.b, 0.0, 1.0 - sa.opinion.b)
        notes = [f"{src.name} ({sa.grade})"]
        if o.hedged:
            op = op.scaled(policy.hedge)
            notes.append(f"hedged, weight {policy.hedge:g}")
        if _interested(src, claim, ctx.sides) and policy.interested_party != 1.0:
            op = op.scaled(policy.interested_party)
            notes.append(f"interested party, weight {policy.interested_party:g}")
        loss, chain = routes.get(o.id, (1.0, (o.id,)))
        if loss < 1.0:
            op = op.scaled(loss)
            relays = " \u2192 ".join(ctx.by_source[ds.assertion(x).source].name
                                    for x in chain[:-1])
            notes.append(f"through {relays}, fidelity {loss:.2f}")
        factors.append(Factor("origin", f"Origin {'; '.join(notes)}: belief {op.b:.2f}.",
                              sa.opinion, op))
        cls = ctx.component[o.source]
        classes[cls].append(op)
        class_names[cls].append(src.name)
        if sa.grade in ("A", "B"):
            reliable_classes.add(cls)
    per_class = {cls: average(ops) if len(ops) > 1 else ops[0] for cls, ops in classes.items()}
    for cls, ops in classes.items():
        if len(ops) > 1:
            names = sorted(set(class_names[cls]))
            factors.append(Factor(
                "dependent", f"{', '.join(names)} are one origin (same or affiliated sources): "
                f"averaged to belief {per_class[cls].b:.2f}.", None, per_class[cls]))
    opinion = fuse(*per_class.values()) if per_class else VACUOUS
    if len(per_class) > 1:
        factors.append(Factor("independent", f"{len(per_class)} independent origins fused: "
                              f"belief {opinion.b:.2f}.", None, opinion))
    verdicts = ds.verdicts_of(claim.id) if policy.use_verdicts else []
    for v in verdicts:
        trust = (ctx.sources[v.reviewer].opinion if v.reviewer else GRADE_OPINION["C"]).b
        if v.rating == "true":
            evidence = Opinion(trust, 0.0, 1.0 - trust)
        elif v.rating == "false":
            evidence = Opinion(0.0, trust, 1.0 - trust)
        else:  # "mixed" and "other" say nothing either way
            continue
        before, opinion = opinion, fuse(opinion, evidence)
        by = ctx.by_source[v.reviewer].name if v.reviewer else "an unnamed reviewer"
        factors.append(Factor("verdict", f"Verdict \u201c{v.original_rating or v.rating}\u201d "
                              f"({v.rating}) by {by}: belief {before.b:.2f} \u2192 "
                              f"{opinion.b:.2f}.", before, opinion))
    # findings about the structure of the evidence
    origin_names = sorted({ctx.by_source[o.source].name for o in origins})
    origin_classes = {ctx.component[o.source] for o in origins}
    relay_sources = sorted({a.source for a in own if a.cites
                            and ctx.component[a.source] not in origin_classes})
    if len(per_class) == 1 and len(relay_sources) >= 2:
        relays = ", ".join(ctx.by_source[s].name for s in relay_sources)
        findings.append(Finding(
            "false_confirmation", claim.id, (*relay_sources, *sorted({o.source for o in origins})),
            f"False confirmation: {len(relay_sources)} sources ({relays}) relay it, but all rest "
            f"on one origin ({', '.join(origin_names)})."))
    if len(per_class) == 1:
        findings.append(Finding("single_origin", claim.id, tuple(sorted({o.id for o in origins})),
                                f"It rests on a single independent origin "
                                f"({', '.join(origin_names)})."))
    judgeable = [cls for cls, op in per_class.items() if op.u < 0.999]
    if origins and not judgeable:
        findings.append(Finding(
            "unjudgeable_origin", claim.id, tuple(sorted({o.source for o in origins})),
            "No origin can be judged (grade F: anonymous, unnamed or unknown), so neither can "
            "the claim."))
    for a in own:
        src = ctx.by_source[a.source]
        if _interested(src, claim, ctx.sides):
            about = ", ".join(ctx.by_source[x].name for x in claim.about
                              if ctx.sides.get(x) is not None)
            findings.append(Finding(
                "interested_party", claim.id, (a.source, *claim.about),
                f"Interested party: {src.name} (side {src.side}) "
                f"{'states' if not a.cites else 'relays'} a claim about {about}."))
    findings.extend(_circular(claim, own, ctx))
    meta: dict[str, object] = {
        "origins": tuple(o.id for o in origins),
        "independent": len(per_class),
        "reliable": len(reliable_classes),
        "judgeable": bool(judgeable) or bool(verdicts),
        "chains": tuple(sorted({routes[o.id][1] for o in origins if o.id in routes})),
    }
    return opinion, factors, findings, meta


def _circular(claim: Claim, own: list[Assertion], ctx: _Context) -> list[Finding]:
    """Sources that relay each other in a cycle for this claim (A cites B cites ... A)."""
    if sum(1 for a in own if a.cites) < 2:
        return []
    by_id = {a.id: a for a in own}
    graph: dict[str, set[str]] = defaultdict(set)
    for a in own:
        for c in a.cites:
            graph[a.source].add(by_id[c].source)
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
                        names = " \u2192 ".join(ctx.by_source[s].name for s in [*path, start])
                        found.append(Finding(
                            "circular_reporting", claim.id, tuple(path),
                            f"Circular reporting: {names}; the claim comes back to a source "
                            "that already asserted it, which is no confirmation."))
                elif nxt not in path and nxt > start:
                    stack.append((nxt, [*path, nxt]))
    return found


def _grade(op: Opinion, meta: Mapping[str, object], against: float, policy: Policy) -> int:
    if not meta["judgeable"]:
        return 6
    if op.d >= 0.5:
        return 5
    if op.d > op.b or op.b < 0.2:
        return 4
    reliable = meta["reliable"]
    if (op.b >= 0.75 and isinstance(reliable, int) and reliable >= 2
            and against < policy.credible_contradiction):
        return 1
    if op.b >= 0.6:
        return 2
    return 3


def assess(ds: Dataset, policy: Policy | None = None) -> Assessment:
    """Assess every source and claim of a dataset.

    Args:
        ds: The dataset.
        policy: The model's parameters (defaults documented on :class:`Policy`).

    Returns:
        The :class:`Assessment`: grades, scores, explanations and findings.
    """
    policy = policy or Policy()
    sources = source_reliability(ds)
    by_source = {s.id: s for s in ds.sources}
    ctx = _Context(ds, policy, sources, by_source, _components(ds),
                   {s.id: s.side for s in ds.sources})
    own: dict[str, list[Assertion]] = defaultdict(list)
    for a in ds.assertions:
        own[a.claim].append(a)
    base: dict[str, tuple[Opinion, list[Factor], list[Finding], dict[str, object]]] = {}
    for claim in ds.claims:
        base[claim.id] = _assess_claim(claim, own.get(claim.id, []), ctx)
    detected = detect_contradictions(ds)
    against: dict[str, set[str]] = {c.id: set(c.contradicts) for c in ds.claims}
    reasons: dict[tuple[str, str], str] = {}
    for dc in detected:
        x, y = dc.claims
        against[x].add(y)
        against[y].add(x)
        reasons[dc.claims] = dc.reason
    claims = {}
    findings: list[Finding] = []
    for claim in ds.claims:
        opinion, factors, claim_findings, meta = base[claim.id]
        others = sorted(against[claim.id])
        strongest = max((base[o][0].b for o in others), default=0.0)
        if others and strongest > 0:
            before = opinion
            opinion = oppose(opinion, strongest)
            listed = ", ".join(f"\u201c{o}\u201d (belief {base[o][0].b:.2f}"
                               f"{', detected' if tuple(sorted((claim.id, o))) in reasons else ''})"
                               for o in others)
            factors = [*factors, Factor(
                "contradiction", f"Contradicted by {listed}; the strongest lowers belief "
                f"{before.b:.2f} \u2192 {opinion.b:.2f} and raises disbelief to {opinion.d:.2f}.",
                before, opinion)]
        elif others:
            factors = [*factors, Factor(
                "contradiction", f"Contradicted by {', '.join(others)}, which cannot be judged "
                "and so weigh nothing.", opinion, opinion)]
        for o in others:
            pair = (min(claim.id, o), max(claim.id, o))
            if pair in reasons and claim.id == pair[0]:
                claim_findings = [*claim_findings, Finding(
                    "detected_contradiction", claim.id, pair,
                    f"Contradiction detected from the figures: {reasons[pair]}.")]
        grade = _grade(opinion, meta, strongest, policy)
        summary = (f"Graded {grade} ({GRADE_MEANING[grade]}), score {opinion.b:.2f}: "
                   f"{meta['independent']} independent origin"
                   f"{'' if meta['independent'] == 1 else 's'}.")
        chains = meta["chains"]
        origins = meta["origins"]
        independent = meta["independent"]
        assert isinstance(chains, tuple) and isinstance(origins, tuple)
        assert isinstance(independent, int)
        claims[claim.id] = ClaimAssessment(
            id=claim.id, grade=grade, score=round(opinion.b, 4), opinion=opinion,
            origins=origins, independent_origins=independent, chains=chains,
            contradicted_by=tuple(others), factors=tuple(factors),
            findings=tuple(claim_findings), summary=summary)
        findings.extend(claim_findings)
    flags: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        if f.kind == "interested_party":
            flags[f.concerns[0]].add("interested_party")
    sources = {k: (v if k not in flags else
                   SourceAssessment(v.id, v.grade, v.score, v.opinion, v.basis, v.explanation,
                                    v.track_record, tuple(sorted(flags[k]))))
               for k, v in sources.items()}
    return Assessment(sources, claims, tuple(findings), tuple(detected), policy)


def assessment_graph(base: str) -> URIRef:
    """The named graph that holds a dataset's assessment."""
    return URIRef(f"{base}graph/assessment")


def _finding_iri(base: str, f: Finding) -> URIRef:
    digest = hashlib.sha1("|".join((f.kind, f.subject, *f.concerns)).encode()).hexdigest()[:12]
    return URIRef(f"{base}finding/{f.kind.replace('_', '-')}/{f.subject}/{digest}")


def _decimal(x: float) -> Literal:
    return Literal(f"{x:.4f}", datatype=XSD.decimal)


def assessment_quads(ds: Dataset, a: Assessment) -> Iterator[Quad]:
    """The assessment as quads in :func:`assessment_graph`: grades, scores, findings."""
    g = assessment_graph(ds.base)
    base = ds.base
    for sid, sa in a.sources.items():
        n = iri(base, "source", sid)
        yield n, CRED.reliability, Literal(sa.grade), g
        yield n, CRED.score, _decimal(sa.score), g
        yield n, CRED.explanation, Literal(sa.explanation), g
    for cid, ca in a.claims.items():
        n = iri(base, "claim", cid)
        yield n, CRED.credibility, Literal(ca.grade, datatype=XSD.integer), g
        yield n, CRED.score, _decimal(ca.score), g
        yield n, CRED.explanation, Literal(ca.explanation), g
        yield n, CRED.independentOrigins, Literal(ca.independent_origins, datatype=XSD.integer), g
        for o in ca.origins:
            yield n, CRED.origin, iri(base, "assertion", o), g
    for dc in a.detected:
        x, y = (iri(base, "claim", c) for c in dc.claims)
        yield x, CRED.contradicts, y, g
        yield y, CRED.contradicts, x, g
    segment = {"interested_party": "source"}
    for f in a.findings:
        n = _finding_iri(base, f)
        yield n, RDF.type, CRED.Finding, g
        yield n, CRED.findingType, FINDING_TYPE[f.kind], g
        yield n, RDFS.comment, Literal(f.text), g
        yield iri(base, "claim", f.subject), CRED.finding, n, g
        for i, c in enumerate(f.concerns):
            kind = _kind_of(ds, c) if not (i == 0 and f.kind in segment) else segment[f.kind]
            yield n, CRED.concerns, iri(base, kind, c), g
            if kind == "source" and f.kind == "interested_party" and i == 0:
                yield iri(base, "source", c), CRED.finding, n, g


def _kind_of(ds: Dataset, record_id: str) -> str:
    record = ds._index.get(record_id)
    return type(record).__name__.lower() if record is not None else "source"


def node_info(a: Assessment) -> dict[str, NodeInfo]:
    """Grades, scores, explanations and flags per node id, for the views and reports."""
    info: dict[str, NodeInfo] = {}
    for sid, sa in a.sources.items():
        info[sid] = NodeInfo(grade=sa.grade, score=sa.score, explanation=sa.explanation,
                             flags=sa.flags)
    for cid, ca in a.claims.items():
        info[cid] = NodeInfo(grade=str(ca.grade), score=ca.score, explanation=ca.explanation,
                             flags=ca.flags)
    return info
