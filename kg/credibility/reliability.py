"""Source reliability: Admiralty grades A-F with a score, and why.

The grade of a source comes from the first rule that applies:

1. **The analyst's grade** (``reliability:`` in the dataset) always wins.
2. **Kind**: an anonymous source is F, "cannot be judged", whoever relays it:
   nobody can check a person nobody can name.
3. **Affiliation**: a source without a grade of its own speaks for what it
   belongs to: a correspondent for his newspaper, a general for his general
   staff, a data set for the outlet that presents it. It takes the lowest
   grade among its judged affiliations.
4. **Default by kind**: a named outlet, person, government or military body,
   or organisation is C, "fairly reliable"; an unnamed document is F.
5. **Track record**: where verdicts exist on claims the source originated
   (fact-checks, gold labels), the evidence is fused with the grade from rules
   2-4 (subjective logic's beta mapping: each true verdict is one unit of
   support, each false one of refutation, mixed half of each; a hedged
   statement counts half). Relaying earns neither credit nor blame, so adding
   a relay never changes a grade, except that a relay that *distorts* what it
   relays (:mod:`kg.credibility.distortion`) earns one unit of refutation per
   distortion. Truth discovery's trust (``kg discover --store``), where a store
   has it, is evidence of the same kind: each figure of the source's that other
   sources' figures could check is one unit, ``trust`` of it supporting. The
   analyst's grade is not overridden, but the track record is still shown.

Studies, polls and data sets take the grade of their ``authors`` as they would
of an affiliation (rule 3), and otherwise start at C like any named source.

The score is the belief ``b`` of the source's trust opinion
(:data:`kg.credibility.opinion.GRADE_OPINION`): A 0.90, B 0.75, C 0.55, D 0.35, E 0.15, F 0.

Examples:
    >>> from kg.seed import seed_dataset
    >>> r = source_reliability(seed_dataset())
    >>> r["ua-security-sources"].grade, r["vanner"].grade, r["welt-data"].grade
    ('F', 'C', 'C')
    >>> print(r["vanner"].explanation)
    Christoph Vanner: reliability C (score 0.55). No grade of its own; it is affiliated with Die Welt (C) and takes that grade.
"""  # noqa: E501

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from kg.credibility.opinion import GRADE_OPINION, Grade, Opinion, fuse, grade_of
from kg.model import Dataset, Source, SourceKind

__all__ = ["KIND_DEFAULT", "DiscoveredTrust", "SourceAssessment", "source_reliability"]

#: The grade a source of each kind starts from when nothing else is known.
KIND_DEFAULT: dict[SourceKind, Grade] = {
    SourceKind.PERSON: "C",
    SourceKind.ORGANIZATION: "C",
    SourceKind.NEWS_OUTLET: "C",
    SourceKind.GOVERNMENT_BODY: "C",
    SourceKind.MILITARY_BODY: "C",
    SourceKind.ANONYMOUS_SOURCE: "F",
    SourceKind.UNNAMED_DOCUMENT: "F",
    SourceKind.STUDY: "C",
    SourceKind.POLL: "C",
    SourceKind.DATASET: "C",
}
_ORDER = "ABCDEF"
_RATING_EVIDENCE = {"true": (1.0, 0.0), "false": (0.0, 1.0), "mixed": (0.5, 0.5)}


@dataclass(frozen=True)
class DiscoveredTrust:
    """What truth discovery learnt of a source: its ``trust`` (0-1) over ``figures``."""

    trust: float
    figures: int


@dataclass(frozen=True)
class SourceAssessment:
    """A source's reliability grade, score and the reasons for them."""

    id: str
    grade: Grade
    score: float
    opinion: Opinion
    basis: str  # "analyst", "kind", "affiliation", "default", "track record"
    explanation: str
    track_record: tuple[float, float] = (0.0, 0.0)  # (supporting, refuting) evidence
    flags: tuple[str, ...] = field(default=())


def _analysts_grade(s: Source) -> str:
    """Where an analyst's grade comes from: who set it, when and why, as far as given.

    Examples:
        >>> import datetime as dt
        >>> _analysts_grade(Source(id="r", kind="news_outlet", name="R", reliability="D",
        ...                        reliability_set_by="J. Smith",
        ...                        reliability_set_at=dt.date(2024, 11, 10),
        ...                        reliability_why="state-owned"))
        "the analyst's grade, set by J. Smith on 2024-11-10 (state-owned)"
    """
    words = "the analyst's grade"
    if s.reliability_set_by is not None:
        words += f", set by {s.reliability_set_by}"
    if s.reliability_set_at is not None:
        words += (" on " if s.reliability_set_by is not None else ", set on ") \
            + s.reliability_set_at.isoformat()
    if s.reliability_why is not None:
        words += f" ({s.reliability_why})"
    return words


def _base_grade(
    s: Source, by_id: dict[str, Source], memo: dict[str, tuple[Grade, str]], seen: frozenset[str]
) -> tuple[Grade, str]:
    """Rules 1-4: the grade and a sentence saying where it comes from."""
    if s.id in memo:
        return memo[s.id]
    if s.reliability is not None:
        result: tuple[Grade, str] = (s.reliability, _analysts_grade(s))
    elif s.kind is SourceKind.ANONYMOUS_SOURCE:
        result = ("F", "an anonymous source cannot be judged, whoever relays it")
    else:
        judged = []
        for other_id in (*s.affiliated_with, *s.authors):
            if other_id in seen:
                continue  # an affiliation cycle: ignore the way back
            other = by_id[other_id]
            grade, _ = _base_grade(other, by_id, memo, seen | {s.id})
            if grade != "F":
                judged.append((grade, other.name))
        if judged:
            grade, name = max(judged, key=lambda g: _ORDER.index(g[0]))
            result = (grade, f"No grade of its own; it is affiliated with {name} ({grade}) "
                             "and takes that grade")
        else:
            grade = KIND_DEFAULT[s.kind]
            kind = s.kind.value.replace("_", " ")
            why = ("cannot be judged" if grade == "F"
                   else "named and accountable, with no track record")
            result = (grade, f"The default for a {kind}: {why}")
    if not seen:
        memo[s.id] = result
    return result


def track_records(ds: Dataset) -> dict[str, tuple[float, float]]:
    """Supporting and refuting evidence per source, from verdicts on the claims it asserted.

    Only what a source states as an origin counts (a hedged statement half): relaying
    someone else's claim earns neither credit nor blame, so that adding a relay can
    never change a source's grade, nor through it any claim's credibility.
    """
    verdicts = defaultdict(list)
    for v in ds.verdicts:
        if v.rating in _RATING_EVIDENCE:
            verdicts[v.claim].append(v.rating)
    records: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    if not verdicts:
        return {}
    for a in ds.assertions:
        ratings = verdicts.get(a.claim)
        if not ratings or a.cites:
            continue
        weight = 0.5 if a.hedged else 1.0
        record = records[a.source]
        for rating in ratings:
            pos, neg = _RATING_EVIDENCE[rating]
            record[0] += weight * pos
            record[1] += weight * neg
    return {k: (v[0], v[1]) for k, v in records.items()}


def source_reliability(ds: Dataset, blame: Mapping[str, float] | None = None,
                       discovered: Mapping[str, DiscoveredTrust] | None = None,
                       ) -> dict[str, SourceAssessment]:
    """Grade every source of the dataset (see the module's rules).

    Args:
        ds: The dataset.
        blame: Refuting evidence per source from its distortions as a relay.
        discovered: Truth discovery's trust per source (``kg discover --store``): each
            of the ``figures`` compared is one unit of evidence, ``trust`` of it
            supporting and the rest refuting, fused like verdicts (rule 5).

    Returns:
        A :class:`SourceAssessment` per source id.

    Examples:
        >>> from kg.model import Source
        >>> ds = Dataset(sources=[Source(id="a", name="A", kind="news_outlet")])
        >>> r = source_reliability(ds, discovered={"a": DiscoveredTrust(0.1, 8)})["a"]
        >>> r.grade, r.basis, r.track_record
        ('E', 'track record', (0.8, 7.2))
    """
    by_id = {s.id: s for s in ds.sources}
    memo: dict[str, tuple[Grade, str]] = {}
    records = track_records(ds)
    out = {}
    for s in ds.sources:
        grade, why = _base_grade(s, by_id, memo, frozenset())
        opinion = GRADE_OPINION[grade]
        basis = ("analyst" if s.reliability is not None
                 else "kind" if s.kind is SourceKind.ANONYMOUS_SOURCE
                 else "affiliation" if why.startswith("No grade") else "default")
        pos, neg = records.get(s.id, (0.0, 0.0))
        distorted = blame.get(s.id, 0.0) if blame else 0.0
        found = discovered.get(s.id) if discovered else None
        if pos or neg or distorted or found:
            tally = f"track record: {pos:g} supporting and {neg:g} refuting verdicts"
            if distorted:
                tally += f" and {distorted:g} distortion{'' if distorted == 1 else 's'} as a relay"
                neg += distorted
            if found:
                agree = round(found.trust * found.figures, 4)
                tally += (f" and {found.figures} figure{'' if found.figures == 1 else 's'} "
                          f"checked by truth discovery (trust {found.trust:g}: {agree:g} "
                          f"agreeing, {found.figures - agree:g} not)")
                pos, neg = pos + agree, neg + found.figures - agree
            evidence = Opinion.from_evidence(pos, neg)
            if basis == "analyst":
                why += f"; {tally}, not applied because the analyst's grade wins"
            else:
                opinion = fuse(opinion, evidence)
                grade = grade_of(opinion)
                why += f"; fused with its {tally}, giving {grade}"
                basis = "track record"
        text = f"{s.name}: reliability {grade} (score {opinion.b:.2f}). {why[0].upper()}{why[1:]}."
        out[s.id] = SourceAssessment(s.id, grade, round(opinion.b, 4), opinion, basis, text,
                                     (pos, neg))
    return out
