"""The credibility engine: source reliability A-F and claim credibility 1-6, with reasons.

It reads a :class:`kg.model.Dataset` and returns plain results; it imports no
views and writes no RDF (that is :mod:`kg.formats.assessment`). Its modules:

- :mod:`~kg.credibility.admiralty`: the Admiralty scales, in the doctrine's words;
- :mod:`~kg.credibility.opinion`: subjective-logic opinions (discount, fuse, oppose);
- :mod:`~kg.credibility.provenance`: provenance chains and origins;
- :mod:`~kg.credibility.reliability`: source reliability;
- :mod:`~kg.credibility.contradictions`: contradictions detected from quantities;
- :mod:`~kg.credibility.assess`: claim credibility and the whole :class:`Assessment`;
- :mod:`~kg.credibility.results`: the plain results it returns, and the :class:`Policy`;
- :mod:`~kg.credibility.tables`: the rows of the score tables.

Examples:
    >>> from kg.seed import seed_dataset
    >>> a = assess(seed_dataset())
    >>> a.claims["convicts-deserted"].grade
    6
"""

from kg.credibility.assess import assess
from kg.credibility.reliability import DiscoveredTrust, SourceAssessment
from kg.credibility.results import (
    GRADE_MEANING,
    Assessment,
    ClaimAssessment,
    Factor,
    Finding,
    Policy,
)

__all__ = [
    "GRADE_MEANING",
    "Assessment",
    "ClaimAssessment",
    "DiscoveredTrust",
    "Factor",
    "Finding",
    "Policy",
    "SourceAssessment",
    "assess",
]
