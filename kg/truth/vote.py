"""Majority vote: the baseline every other method must beat.

Each source has one vote per object (split evenly if it states several
values). A value's belief is its share of the object's votes. Sources are
not weighted; the trust reported for a source is the mean vote share of the
values it states, i.e. how often it sides with the crowd. Not iterative.

Examples:
    >>> from kg.truth._data import ClaimMatrix
    >>> m = ClaimMatrix.from_rows([("a", "x", 1), ("b", "x", 1), ("c", "x", 2)])
    >>> fit = majority_vote(m)
    >>> fit.belief.round(3).tolist(), fit.trust.round(3).tolist()
    ([0.667, 0.333], [0.667, 0.667, 0.333])
"""

from __future__ import annotations

import numpy as np

from kg.truth._data import ClaimMatrix
from kg.truth._iterate import Fit

__all__ = ["majority_vote"]


def majority_vote(m: ClaimMatrix) -> Fit:
    """Belief = share of the object's sources that state the value.

    Args:
        m: Encoded claims.

    Returns:
        Beliefs in [0, 1] summing to 1 per object; trust = mean belief of a
        source's values; one iteration, converged.
    """
    votes = m.sc_t @ np.ones(m.n_sources)
    belief = votes / m.spread(m.object_sum(votes))
    trust = (m.sc @ belief) / m.source_votes
    return Fit(trust=trust, belief=belief, iterations=1, converged=True)
