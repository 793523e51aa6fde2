"""Findings from the marks of real reporting: distortions, vouching, statements against
interest, hedged contradictions, forecast revisions and pairs not comparable.

The engine (:mod:`kg.credibility.assess`) turns each note into a
:class:`~kg.credibility.assess.Finding` of the claim, so it shows in the claim's
explanation, in the views and in the report.

Examples:
    >>> from kg.model import Assertion, Claim, Dataset, Source
    >>> ds = Dataset(
    ...     sources=[Source(id="lshtm", kind="study", name="LSHTM study"),
    ...              Source(id="awadalla", kind="person", name="Awadalla")],
    ...     claims=[Claim(id="c", text="61,000 died.")],
    ...     assertions=[Assertion(id="a1", source="lshtm", claim="c"),
    ...                 Assertion(id="a2", source="awadalla", claim="c", cites=["a1"],
    ...                           endorses=True)])
    >>> [n.text for n in claim_notes(ds, ds.claim("c"), ds.assertions_of("c"))]
    ['Vouching: Awadalla endorses what LSHTM study says; this adds no origin.']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.credibility.comparison import PairNote
from kg.credibility.distortion import Distortion
from kg.model import Assertion, Claim, Dataset

__all__ = ["Note", "claim_notes"]


@dataclass(frozen=True)
class Note:
    """A finding to be: its kind, the records it concerns and its text."""

    kind: str
    concerns: tuple[str, ...]
    text: str


def claim_notes(ds: Dataset, claim: Claim, own: Iterable[Assertion],
                distortions: Iterable[Distortion] = (),
                pairs: Mapping[str, Iterable[tuple[str, PairNote]]] | None = None) -> list[Note]:
    """The notes about one claim, in a stable order.

    Args:
        ds: The dataset.
        claim: The claim.
        own: Its assertions.
        distortions: The distortions of its relays.
        pairs: Claim id -> (kind, note) of the revisions and pairs not comparable it is in.
    """
    name = {s.id: s.name for s in ds.sources} if len(ds.sources) < 64 else None

    def named(source_id: str) -> str:
        return name[source_id] if name is not None else ds.source(source_id).name

    notes: list[Note] = []
    for d in distortions:
        notes.append(Note("distortion", (d.relay, d.original, d.source),
                          f"Distortion ({d.kind.replace('_', ' ')}): {d.text}"))
    for a in own:
        if a.endorses:
            whom = ", ".join(sorted({named(ds.assertion(x).source) for x in a.cites}))
            notes.append(Note("endorsement", (a.id, a.source, *a.cites),
                              f"Vouching: {named(a.source)} endorses what {whom} says; this "
                              "adds no origin."))
        if a.against_interest:
            notes.append(Note("against_interest", (a.source, a.id),
                              f"Statement against interest: {named(a.source)} says what harms "
                              "its own side; it is not discounted as an interested party."))
    for other in claim.hedged_contradicts:
        notes.append(Note("hedged_contradiction", (claim.id, other),
                          f"Hedged contradiction: it is said, with a hedge, to contradict "
                          f"\u201c{other}\u201d; that contradiction counts at half weight."))
    for kind, note in (pairs or {}).get(claim.id, ()):
        if note.claims[0] == claim.id:
            notes.append(Note(kind, note.claims, f"{note.reason[0].upper()}{note.reason[1:]} "
                              f"(\u201c{note.claims[0]}\u201d, \u201c{note.claims[1]}\u201d)."))
    return notes
