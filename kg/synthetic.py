"""A synthetic corpus of claims, for trying credkg at scale (10k to 1M claims and more).

Each claim is asserted along one provenance chain of depth 1 to 5 (each
assertion citing the next, the last an origin); one claim in ten has a second,
independent origin. About 15% of origins are anonymous sources or unnamed
documents, one claim in fifty contradicts an earlier one, three in ten are about
a source. One claim in five holds a figure of one of the kinds of quantity
(:mod:`kg.quantities`: flows, rates, stocks, shares, forecasts, money, vague
amounts; one in twenty of them a second figure), a few measures each, so that
some pairs contradict, some forecasts are revised and some periods are unknown.
One claim with a figure in twenty-five has a tip relay that distorts it (an
inflated figure or a changed bound); one relay in a hundred endorses what it
cites and one origin in two hundred is a statement against interest. That is
about 16 triples per claim.

:func:`synthetic_dataset` gives a :class:`~kg.model.Dataset` (small sizes);
:func:`write_synthetic` streams the same data straight to N-Triples, without
building records, so that a million claims take a minute and little memory.
The two agree triple for triple with :func:`kg.formats.rdf.quads` (tested).
:func:`write_synthetic_assessment` writes assessment-like triples (grades,
scores, origins, a few findings) for benchmarks that must not wait for the
credibility engine at a million claims; they are random, not computed.

Examples:
    >>> ds = synthetic_dataset(100, seed=1)
    >>> len(ds.claims), len(ds.sources)
    (100, 20)
    >>> import io
    >>> out = io.StringIO()
    >>> n = write_synthetic(out, 100, seed=1)
    >>> n == len(out.getvalue().splitlines())
    True
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from kg.model import (
    DEFAULT_BASE,
    UNNAMED_KINDS,
    Assertion,
    Claim,
    Dataset,
    Quantity,
    Source,
    SourceKind,
)

__all__ = [
    "SyntheticClaim",
    "bound_changing_relay",
    "graph_dataset",
    "synthetic_claims",
    "synthetic_dataset",
    "synthetic_sources",
    "write_synthetic",
    "write_synthetic_assessment",
]

_KINDS = ("news_outlet", "person", "organization", "government_body", "military_body")
_CLASS = {
    "news_outlet": "NewsOutlet", "person": "Person", "organization": "Organization",
    "government_body": "GovernmentBody", "military_body": "MilitaryBody",
    "anonymous_source": "AnonymousSource", "unnamed_document": "UnnamedDocument",
}
_DEPTHS = (1, 2, 3, 4, 5)
_DEPTH_WEIGHTS = (0.4, 0.3, 0.15, 0.1, 0.05)
_GRADES = "ABCDEF"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_CRED = "https://w3id.org/credkg/ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass
class SyntheticClaim:
    """One generated claim: its chains as lists of source indices, tip first."""

    index: int
    chains: list[list[int]]
    hedged: bool
    about: int | None
    contradicts: int | None
    extra: list[int] = field(default_factory=list)
    #: The claim's figures (Quantity fields), the first on the claim.
    quantities: list[dict[str, Any]] = field(default_factory=list)
    #: The tip relay's own, distorted version of the first figure.
    relay_quantity: dict[str, Any] | None = None
    #: The tip relay vouches for what it cites.
    endorses: bool = False
    #: The first origin states what harms its own side.
    against_interest: bool = False


def _figure(rng: random.Random, claims: int, forecasters: range) -> dict[str, Any]:
    """One figure of a claim: its kind and fields, from a few measures per kind.

    Figures of one measure mostly agree (within 3%); one in thirty is three times
    too high, so that some pairs contradict.
    """
    measures = max(1, claims // 100)
    m = rng.randrange(measures)
    month = dt.date(2024, 1 + m % 12, 1)
    end = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    base = 1000.0 * (1 + m % 9) * (3 if rng.random() < 1 / 30 else 1)
    value = float(f"{base * rng.uniform(0.97, 1.03):.2g}")  # as rounded in reports
    kind = rng.choice(("flow", "flow", "rate", "stock", "share", "forecast", "money", "vague",
                       "open"))
    if kind == "flow":
        return {"measure": f"events of kind {m}", "unit": "person", "value": value,
                "period_start": month, "period_end": end}
    if kind == "rate":
        return {"measure": f"events of kind {m}", "unit": "person", "max_value": base * 1.2,
                "per": "month", "period_start": month, "period_end": end}
    if kind == "stock":
        return {"measure": f"stock of kind {m}", "unit": "person",
                "value": float(round(value * (1 + end.month))), "kind": "stock",
                "cumulative": True, "as_of": end}
    if kind == "share":
        return {"measure": f"share answering yes to question {m}", "unit": "percent",
                "value": float(30 + m % 40 + rng.randrange(2)), "period_start": month,
                "period_end": end}
    if kind == "forecast":
        return {"measure": f"growth forecast for region {m}", "unit": "percent",
                "value": rng.choice((1.5, 1.9, 2.3)), "kind": "forecast",
                "forecaster": f"s{forecasters[m % len(forecasters)]}",
                "made_on": dt.date(2024, rng.randrange(1, 13), 1),
                "period_start": dt.date(2025, 1, 1), "period_end": dt.date(2025, 12, 31)}
    if kind == "money":
        return {"measure": f"spending on programme {m}", "unit": "USD",
                "value": value * 1e6, "period_start": month, "period_end": end}
    if kind == "vague":
        return {"measure": f"events of kind {m}", "unit": "person",
                "word": "thousands" if base >= 2000 else "hundreds",
                "period_start": month, "period_end": end}
    return {"measure": f"events of kind {m}", "unit": "person", "value": value}  # no period


def _distorted(rng: random.Random, figure: dict[str, Any]) -> dict[str, Any]:
    """A relay's version of a figure: inflated, or a point turned into a lower bound."""
    out = dict(figure)
    if "value" in out and rng.random() < 0.5:
        out["min_value"] = out.pop("value")
    elif "value" in out:
        out["value"] = out["value"] * 1.5
    elif "max_value" in out:
        out["max_value"] = out["max_value"] * 2
    else:
        out["measure"] = "soldiers, not " + out["measure"]
    return out


def _source_count(claims: int) -> int:
    return max(20, claims // 50)


def synthetic_sources(claims: int, seed: int = 0) -> list[tuple[str, str, str | None]]:
    """The sources of a corpus: (kind, name, analyst grade or None), index = id number."""
    rng = random.Random(seed * 7919 + 1)
    n = _source_count(claims)
    out: list[tuple[str, str, str | None]] = []
    for j in range(n):
        if j < n // 10:
            kind = "anonymous_source"
        elif j < n * 3 // 20:
            kind = "unnamed_document"
        else:
            kind = _KINDS[j % len(_KINDS)]
        grade = rng.choice(_GRADES) if rng.random() < 0.3 else None
        out.append((kind, f"Source {j}", grade))
    return out


def synthetic_claims(claims: int, seed: int = 0) -> Iterator[SyntheticClaim]:
    """The claims of a corpus, generated lazily in order."""
    rng = random.Random(seed)
    more = random.Random(seed * 1_000_003 + 11)  # figures and marks: the rest is unchanged
    n = _source_count(claims)
    anonymous = n * 3 // 20  # the first 15% of sources are anonymous or unnamed
    for i in range(claims):
        depth = rng.choices(_DEPTHS, _DEPTH_WEIGHTS)[0]
        chain = rng.sample(range(anonymous, n), depth)
        if rng.random() < 0.15:
            chain[-1] = rng.randrange(anonymous)
        chains = [chain]
        if rng.random() < 0.1:
            other = rng.randrange(n)
            if other not in chain:
                chains.append([other])
        about = rng.randrange(n) if rng.random() < 0.3 else None
        contradicts = rng.randrange(i) if i > 0 and rng.random() < 0.02 else None
        c = SyntheticClaim(i, chains, rng.random() < 0.1, about, contradicts)
        if more.random() < 0.2:
            c.quantities.append(_figure(more, claims, range(anonymous, n)))
            if more.random() < 0.05:
                c.quantities.append(_figure(more, claims, range(anonymous, n)))
            if len(chain) > 1 and more.random() < 0.04:
                c.relay_quantity = _distorted(more, c.quantities[0])
        c.endorses = len(chain) > 1 and more.random() < 0.01
        c.against_interest = more.random() < 0.005
        yield c


def _assertions(c: SyntheticClaim) -> Iterator[tuple[str, int, str | None, bool]]:
    """(assertion id, source index, cited assertion id, hedged) of one claim."""
    for k, chain in enumerate(c.chains):
        for d, source in enumerate(chain):
            aid = f"a{c.index}-{k}-{d}"
            cited = f"a{c.index}-{k}-{d + 1}" if d + 1 < len(chain) else None
            yield aid, source, cited, c.hedged and d == 0


def synthetic_dataset(claims: int, seed: int = 0) -> Dataset:
    """A synthetic corpus as a Dataset (fine up to ~100k claims; use
    :func:`write_synthetic` beyond)."""
    sources = [
        Source(id=f"s{j}", kind=SourceKind(kind), name=name, reliability=grade)
        for j, (kind, name, grade) in enumerate(synthetic_sources(claims, seed))
    ]
    claim_list: list[Claim] = []
    assertions: list[Assertion] = []
    for c in synthetic_claims(claims, seed):
        claim_list.append(Claim(
            id=f"c{c.index}", text=f"Synthetic claim number {c.index}.",
            about=() if c.about is None else (f"s{c.about}",),
            contradicts=() if c.contradicts is None else (f"c{c.contradicts}",),
            quantities=tuple(Quantity.model_validate(q) for q in c.quantities),
        ))
        for aid, source, cited, hedged in _assertions(c):
            tip, origin = aid == f"a{c.index}-0-0", cited is None and aid.startswith(
                f"a{c.index}-0-")
            assertions.append(Assertion(
                id=aid, source=f"s{source}", claim=f"c{c.index}",
                cites=() if cited is None else (cited,), hedged=hedged,
                quantity=Quantity.model_validate(c.relay_quantity)
                if tip and c.relay_quantity else None,
                endorses=tip and c.endorses, against_interest=origin and c.against_interest,
            ))
    return Dataset(sources=sources, claims=claim_list, assertions=assertions)


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_Q_TEXT = {"measure": "measure", "unit": "unit", "per": "per", "kind": "quantityKind",
           "word": "vagueWord"}
_Q_NUMBER = {"value": "value", "min_value": "minValue", "max_value": "maxValue"}
_Q_DATE = {"period_start": "periodStart", "period_end": "periodEnd", "as_of": "asOf",
           "made_on": "madeOn"}


def _figure_lines(subject: str, figure: dict[str, Any], base: str) -> list[str]:
    """The N-Triples of a figure, as :func:`kg.formats.rdf.quads` writes them."""
    lines = []
    for key, value in figure.items():
        if key in _Q_TEXT:
            lines.append(f"{subject} <{_CRED}{_Q_TEXT[key]}> {_lit(value)} .")
        elif key in _Q_NUMBER:
            number = format(Decimal(repr(value)), "f")
            lines.append(f'{subject} <{_CRED}{_Q_NUMBER[key]}> "{number}"^^<{_XSD}decimal> .')
        elif key in _Q_DATE:
            lines.append(f'{subject} <{_CRED}{_Q_DATE[key]}> "{value.isoformat()}"^^<{_XSD}date> .')
        elif key == "cumulative":
            lines.append(f'{subject} <{_CRED}cumulative> "true"^^<{_XSD}boolean> .')
        elif key == "forecaster":
            lines.append(f"{subject} <{_CRED}forecaster> <{base}source/{value}> .")
    return lines


def write_synthetic(
    out: TextIO | str | Path, claims: int, seed: int = 0, *, base: str = DEFAULT_BASE
) -> int:
    """Write a synthetic corpus as N-Triples; returns the number of lines written.

    A ``cred:cites`` shortcut between two sources is written once per claim, so
    some lines repeat (the store keeps one triple of each).

    Args:
        out: A text stream or a file path.
        claims: How many claims.
        seed: The random seed (the same seed gives the same corpus).
        base: The base IRI of the ids.
    """
    if isinstance(out, str | Path):
        with Path(out).open("w", encoding="utf-8") as f:
            return write_synthetic(f, claims, seed, base=base)
    a_type, label = f"<{_RDF}type>", f"<{_RDFS}label>"
    source_class = f"<{_CRED}Source>"
    count = 0
    lines: list[str] = []
    write = out.write

    def src(j: int) -> str:
        return f"<{base}source/s{j}>"

    for j, (kind, name, grade) in enumerate(synthetic_sources(claims, seed)):
        s = src(j)
        lines += [f"{s} {a_type} {source_class} .", f"{s} {a_type} <{_CRED}{_CLASS[kind]}> .",
                  f"{s} {label} {_lit(name)} ."]
        if grade is not None:
            lines += [f"{s} <{_CRED}analystReliability> {_lit(grade)} .",
                      f"{s} <{_CRED}reliability> {_lit(grade)} ."]
    p_text, p_about, p_contra = "<https://schema.org/text>", f"<{_CRED}about>", \
        f"<{_CRED}contradicts>"
    p_by, p_claim, p_cites = f"<{_CRED}assertedBy>", f"<{_CRED}claim>", f"<{_CRED}citesAssertion>"
    p_hedged, p_asserts, p_scites = f"<{_CRED}hedged>", f"<{_CRED}asserts>", f"<{_CRED}cites>"
    c_claim, c_assertion = f"<{_CRED}Claim>", f"<{_CRED}Assertion>"
    true = f'"true"^^<{_XSD}boolean>'
    for c in synthetic_claims(claims, seed):
        claim = f"<{base}claim/c{c.index}>"
        lines += [f"{claim} {a_type} {c_claim} .",
                  f"{claim} {p_text} {_lit(f'Synthetic claim number {c.index}.')} ."]
        if c.about is not None:
            lines.append(f"{claim} {p_about} {src(c.about)} .")
        if c.contradicts is not None:
            other = f"<{base}claim/c{c.contradicts}>"
            lines += [f"{claim} {p_contra} {other} .", f"{other} {p_contra} {claim} ."]
        if c.quantities:
            lines += _figure_lines(claim, c.quantities[0], base)
            for position, figure in enumerate(c.quantities[1:], 1):
                node = f"<{base}claim/c{c.index}/quantity/{position}>"
                lines += [f"{claim} <{_CRED}quantity> {node} .",
                          f"{node} {a_type} <{_CRED}Quantity> ."]
                lines += _figure_lines(node, figure, base)
        shortcuts: set[str] = set()
        sources_of: dict[str, int] = {}
        for aid, source, _, _ in _assertions(c):
            sources_of[aid] = source
        for aid, source, cited, hedged in _assertions(c):
            a = f"<{base}assertion/{aid}>"
            lines += [f"{a} {a_type} {c_assertion} .", f"{a} {p_by} {src(source)} .",
                      f"{a} {p_claim} {claim} ."]
            if hedged:
                lines.append(f"{a} {p_hedged} {true} .")
            if aid == f"a{c.index}-0-0":
                if c.endorses:
                    lines.append(f"{a} <{_CRED}endorses> {true} .")
                if c.relay_quantity:
                    lines += _figure_lines(a, c.relay_quantity, base)
            if c.against_interest and cited is None and aid.startswith(f"a{c.index}-0-"):
                lines.append(f"{a} <{_CRED}againstInterest> {true} .")
            if cited is not None:
                lines.append(f"{a} {p_cites} <{base}assertion/{cited}> .")
                if sources_of[cited] != source:
                    shortcuts.add(f"{src(source)} {p_scites} {src(sources_of[cited])} .")
            shortcuts.add(f"{src(source)} {p_asserts} {claim} .")
        lines += sorted(shortcuts)
        if len(lines) > 50_000:
            count += len(lines)
            write("\n".join(lines) + "\n")
            lines = []
    count += len(lines)
    if lines:
        write("\n".join(lines) + "\n")
    return count


def write_synthetic_assessment(
    out: TextIO | str | Path, claims: int, seed: int = 0, *, base: str = DEFAULT_BASE
) -> int:
    """Write assessment-like triples for a synthetic corpus as N-Triples (for benchmarks).

    Sources get a grade (the analyst's, else F for anonymous/unnamed, else a
    random one), a score and their number of claims; claims a credibility 1-6, a
    score, their origins, number of independent origin sources and of origins by
    named sources; one claim in a hundred an interested-party finding and one in a
    hundred a false-confirmation finding.
    Load them into the graph ``{base}graph/assessment``. Returns the number of lines.
    """
    if isinstance(out, str | Path):
        with Path(out).open("w", encoding="utf-8") as f:
            return write_synthetic_assessment(f, claims, seed, base=base)
    rng = random.Random(seed + 17)
    dec, integer = f"<{_XSD}decimal>", f"<{_XSD}integer>"
    lines: list[str] = []
    count = 0
    sources = synthetic_sources(claims, seed)
    for j, (kind, _, grade) in enumerate(sources):
        if grade is None:
            grade = "F" if kind in UNNAMED_KINDS else rng.choice("BCDE")
        s = f"<{base}source/s{j}>"
        score = round(1 - _GRADES.index(grade) / 6 - rng.random() / 10, 3)
        lines += [f"{s} <{_CRED}reliability> {_lit(grade)} .",
                  f'{s} <{_CRED}score> "{score}"^^{dec} .',
                  f'{s} <{_CRED}reliabilityScore> "{score}"^^{dec} .']
    asserted = [0] * len(sources)
    unnamed = {j for j, (kind, _, _) in enumerate(sources) if kind in UNNAMED_KINDS}
    findings = 0
    for c in synthetic_claims(claims, seed):
        for j in {source for chain in c.chains for source in chain}:
            asserted[j] += 1
        claim = f"<{base}claim/c{c.index}>"
        origins = [f"a{c.index}-{k}-{len(chain) - 1}" for k, chain in enumerate(c.chains)]
        lines += [f'{claim} <{_CRED}credibility> "{rng.randint(1, 6)}"^^{integer} .',
                  f'{claim} <{_CRED}score> "{round(rng.random(), 3)}"^^{dec} .',
                  f'{claim} <{_CRED}independentOrigins> "{len(c.chains)}"^^{integer} .',
                  f'{claim} <{_CRED}namedOrigins> '
                  f'"{sum(chain[-1] not in unnamed for chain in c.chains)}"^^{integer} .']
        lines += [f"{claim} <{_CRED}origin> <{base}assertion/{o}> ." for o in origins]
        for kind in ("InterestedParty", "FalseConfirmation"):
            if rng.random() < 0.01:
                node = f"<{base}finding/f{findings}>"
                findings += 1
                tip = f"<{base}source/s{c.chains[0][0]}>"
                lines += [f"{claim} <{_CRED}finding> {node} .",
                          f"{node} <{_RDF}type> <{_CRED}Finding> .",
                          f"{node} <{_CRED}findingType> <{_CRED}{kind}> .",
                          f"{node} <{_CRED}concerns> {tip} .",
                          f"{node} <{_RDFS}comment> {_lit(f'synthetic {kind} finding')} ."]
                if kind == "InterestedParty":
                    lines += [f"{node} <{_CRED}interestedParty> {tip} .",
                              f"{tip} <{_CRED}finding> {node} ."]
        if len(lines) > 50_000:
            count += len(lines)
            out.write("\n".join(lines) + "\n")
            lines = []
    lines += [f'<{base}source/s{j}> <{_CRED}claimsAsserted> "{n}"^^{integer} .'
              for j, n in enumerate(asserted)]
    count += len(lines)
    if lines:
        out.write("\n".join(lines) + "\n")
    return count


def graph_dataset(n_nodes: int, seed: int = 7) -> Dataset:
    """About ``n_nodes`` sources and claims for the views' tests and benchmarks: a fifth
    sources, each claim relayed 0-2 times, a few contradictions.

    Examples:
        >>> ds = graph_dataset(50)
        >>> len(ds.sources) + len(ds.claims)
        50
    """
    rnd = random.Random(seed)
    n_sources = max(3, n_nodes // 5)
    kinds = ["news_outlet"] * 3 + ["person", "anonymous_source", "government_body",
                                   "unnamed_document"]
    sources = [Source(id=f"s{i}", kind=rnd.choice(kinds), name=f"Source {i}")
               for i in range(n_sources)]
    claims: list[Claim] = []
    assertions: list[Assertion] = []
    for j in range(n_nodes - n_sources):
        contradicts = [f"c{j - 1}"] if j and rnd.random() < 0.02 else []
        claims.append(Claim(id=f"c{j}", text=f"Claim number {j}", contradicts=contradicts))
        origin = f"a{j}-0"
        assertions.append(Assertion(id=origin, source=f"s{rnd.randrange(n_sources)}",
                                    claim=f"c{j}"))
        prev = origin
        for k in range(1, rnd.randint(1, 3)):
            aid = f"a{j}-{k}"
            assertions.append(Assertion(id=aid, source=f"s{rnd.randrange(n_sources)}",
                                        claim=f"c{j}", cites=[prev]))
            prev = aid
    return Dataset(sources=sources, claims=claims, assertions=assertions)


def bound_changing_relay(origin_name: str = "Boiko") -> Dataset:
    """A two-assertion example: TASS relays Boiko's 170,000 as "over 170,000".

    The smallest relay that distorts (:mod:`kg.credibility.distortion`: a bound
    changed), for the views' and the report's examples.

    Examples:
        >>> ds = bound_changing_relay()
        >>> [(a.id, a.source, a.cites) for a in ds.assertions]
        [('a1', 'boiko', ()), ('a2', 'tass', ('a1',))]
    """
    return Dataset(
        sources=[Source(id="boiko", kind="person", name=origin_name),
                 Source(id="tass", kind="news_outlet", name="TASS")],
        claims=[Claim(id="c", text="170,000 deserted.", quantity=Quantity(
            measure="deserters", unit="person", value=170000))],
        assertions=[
            Assertion(id="a1", source="boiko", claim="c"),
            Assertion(id="a2", source="tass", claim="c", cites=["a1"],
                      quantity=Quantity(measure="deserters", unit="person", min_value=170000))])
