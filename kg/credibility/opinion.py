"""Subjective-logic opinions (Jøsang 2016) and the Admiralty scales they map to.

An opinion ``(b, d, u)`` holds belief, disbelief and uncertainty, with
``b + d + u = 1``. credkg uses four operators:

* :func:`discount` — trust transitivity: what is left of an opinion after it
  passes through a relay that is only partly faithful. It only ever moves mass
  into uncertainty, so a relay can lose information and never add any.
* :func:`fuse` — cumulative fusion of *independent* opinions (two origins that
  do not share a source or an affiliation).
* :func:`average` — averaging fusion of *dependent* opinions (the same origin
  speaking twice).
* :func:`oppose` — cumulative fusion with the evidence of a contradicting claim:
  belief in the other claim becomes disbelief in this one.

The *score* of a claim is its belief ``b``: the share of the evidence that
supports it, uncertainty not counted (a lower bound on its probability). A
claim nobody can judge scores 0 and is graded 6, "cannot be judged".

Examples:
    >>> a = Opinion.from_grade("A")
    >>> round(fuse(a, a).b, 3) > a.b          # two independent reliable origins
    True
    >>> relayed = discount(a, 0.9)
    >>> relayed.b < a.b and relayed.u > a.u   # a relay only loses information
    True
    >>> Opinion.from_evidence(8, 2)
    Opinion(b=0.6667, d=0.1667, u=0.1667)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

__all__ = [
    "GRADE_OPINION",
    "VACUOUS",
    "Grade",
    "Opinion",
    "average",
    "discount",
    "fuse",
    "grade_of",
    "oppose",
]

Grade = Literal["A", "B", "C", "D", "E", "F"]
#: Evidence weight of the non-informative prior (Jøsang's W = 2).
PRIOR_WEIGHT = 2.0


class Opinion(NamedTuple):
    """A binomial opinion: belief, disbelief, uncertainty (summing to 1).

    A named tuple, immutable: the engine makes millions of them, and a tuple is made
    several times faster than a frozen dataclass.
    """

    b: float
    d: float
    u: float

    def __repr__(self) -> str:
        return f"Opinion(b={self.b:.4f}, d={self.d:.4f}, u={self.u:.4f})"

    @property
    def expectation(self) -> float:
        """Projected probability with base rate 1/2: ``b + u / 2``."""
        return self.b + self.u / 2

    @classmethod
    def from_grade(cls, grade: Grade) -> Opinion:
        """The trust opinion that an Admiralty reliability grade stands for."""
        return GRADE_OPINION[grade]

    @classmethod
    def from_evidence(cls, positive: float, negative: float) -> Opinion:
        """An opinion from counts of supporting and refuting evidence (beta mapping)."""
        total = positive + negative + PRIOR_WEIGHT
        return cls(positive / total, negative / total, PRIOR_WEIGHT / total)

    def scaled(self, factor: float) -> Opinion:
        """Keep ``factor`` of belief and disbelief; the rest becomes uncertainty."""
        b, d = self.b * factor, self.d * factor
        return Opinion(b, d, 1.0 - b - d)


#: What each reliability grade means as a trust opinion. F is vacuous: nothing is known.
GRADE_OPINION: dict[Grade, Opinion] = {
    "A": Opinion(0.90, 0.02, 0.08),
    "B": Opinion(0.75, 0.08, 0.17),
    "C": Opinion(0.55, 0.15, 0.30),
    "D": Opinion(0.35, 0.30, 0.35),
    "E": Opinion(0.15, 0.55, 0.30),
    "F": Opinion(0.0, 0.0, 1.0),
}
VACUOUS = GRADE_OPINION["F"]


def grade_of(op: Opinion) -> Grade:
    """The reliability grade of a trust opinion (the inverse of :data:`GRADE_OPINION`).

    Examples:
        >>> [grade_of(GRADE_OPINION[g]) for g in "ABCDEF"]
        ['A', 'B', 'C', 'D', 'E', 'F']
    """
    if op.u >= 0.9:
        return "F"
    p = op.expectation
    for grade, floor in (("A", 0.88), ("B", 0.77), ("C", 0.62), ("D", 0.45)):
        if p >= floor:
            return grade  # type: ignore[return-value]
    return "E"


def discount(op: Opinion, fidelity: float) -> Opinion:
    """Pass an opinion through a relay that transmits it faithfully with ``fidelity``."""
    return op.scaled(fidelity)


def fuse(*ops: Opinion) -> Opinion:
    """Cumulative fusion of independent opinions (associative and commutative)."""
    result = VACUOUS
    for op in ops:
        result = _fuse2(result, op)
    return result


def _fuse2(x: Opinion, y: Opinion) -> Opinion:
    if x.u == 0.0 and y.u == 0.0:  # two dogmatic opinions: average them
        return Opinion((x.b + y.b) / 2, (x.d + y.d) / 2, 0.0)
    k = x.u + y.u - x.u * y.u
    b = (x.b * y.u + y.b * x.u) / k
    d = (x.d * y.u + y.d * x.u) / k
    return Opinion(b, d, max(0.0, 1.0 - b - d))


def average(ops: Iterable[Opinion]) -> Opinion:
    """Averaging fusion of dependent opinions (the same origin, several statements)."""
    items = list(ops)
    if not items:
        return VACUOUS
    if any(op.u == 0.0 for op in items):
        dogmatic = [op for op in items if op.u == 0.0]
        n = len(dogmatic)
        return Opinion(sum(o.b for o in dogmatic) / n, sum(o.d for o in dogmatic) / n, 0.0)
    inv = [1.0 / op.u for op in items]
    total = sum(inv)
    b = sum(op.b * w for op, w in zip(items, inv, strict=True)) / total
    d = sum(op.d * w for op, w in zip(items, inv, strict=True)) / total
    return Opinion(b, d, max(0.0, 1.0 - b - d))


def oppose(op: Opinion, against: float) -> Opinion:
    """Weigh a claim's opinion against belief ``against`` in a contradicting claim.

    Contradiction means the two cannot both be true, so belief in the other claim
    is disbelief in this one; disbelief in the other claim is *not* support for
    this one (both may be false).

    Examples:
        >>> oppose(Opinion(0.6, 0.1, 0.3), 0.0)
        Opinion(b=0.6000, d=0.1000, u=0.3000)
        >>> oppose(Opinion(0.6, 0.1, 0.3), 0.8).b < 0.6
        True
    """
    return _fuse2(op, Opinion(0.0, against, 1.0 - against))
