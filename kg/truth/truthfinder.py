"""TruthFinder (Yin, Han & Yu 2008), with value-similarity implication.

A source's trustworthiness ``t(w)`` is the mean confidence of the values it
states; a value's confidence comes from the trust of the sources stating it and
from similar values of the same object. In log form, with
``tau(w) = -ln(1 - t(w))``:

- ``sigma(f) = sum over sources w of f of tau(w)``;
- ``sigma*(f) = sigma(f) + rho * sum over other values f' of the object of
  sigma(f') * imp(f' -> f)``, where ``imp(f' -> f) = sim(f', f) - base_sim``
  (:mod:`kg.truth.similarity`), so unrelated values count against each other;
- ``s(f) = 1 / (1 + exp(-gamma * sigma*(f)))``, the dampened confidence;
- **exclusive confidence** (credkg, on by default): the values of one object
  are mutually exclusive, so their confidences may not sum to more than 1:
  ``s(f) <- s(f) / max(1, sum over the object's values of s(f'))``;
- ``t(w) = mean of s(f) over the values w states``.

Why the exclusive step. The sigmoid saturates: with a dozen sources at trust
0.9, both the true value and a value repeated by a group of copiers reach a
confidence of about 1, so the copiers lose nothing for being wrong, their trust
climbs to the top, and at the fixed point their values win. Run to convergence,
the paper's update fell far below majority vote on a flight-like set (38
sources, copy groups) and on :func:`kg.truth.synthetic.synthetic_claims` with
copy groups (.77 against vote's .94). The peer (``truthdiscovery``) hides this
by stopping after a couple of iterations (cosine change below 0.001). With the
exclusive step two saturated rivals share one unit of confidence, so a source
is paid for the values that beat their rivals; an object with one clear value
is unaffected (its rivals' confidences are near 0). ``exclusive=False`` gives
the paper's update.

Parameters are the paper's: ``rho = 0.5``, ``gamma = 0.3``, initial trust
``t0 = 0.9``, except ``base_sim = 0``: with exclusive confidences rivals already
compete, and the paper's ``base_sim = 0.5`` would count the competition twice
(Book .92 with it, .94 without; pass ``exclusive=False, base_sim=0.5`` for the
paper's update). Convergence: stop when no source's trust moved by
more than ``tol`` in one iteration, or warn at ``max_iter``; ``distance =
"cosine"`` with ``tol = 0.001`` is the paper's and the peer's rule. Trust is
kept below 1 (at ``1 - 1e-12``) so that ``tau`` stays finite. The peer's
settings: ``exclusive=False, similarity="exact", base_sim=0`` (it has no
implication between values unless given a function), ``distance="cosine",
tol=0.001``.

Reference: X. Yin, J. Han and P. S. Yu, "Truth Discovery with Multiple
Conflicting Information Providers on the Web", IEEE TKDE 20(6):796-808, 2008.

Examples:
    >>> from kg.truth._data import ClaimMatrix
    >>> m = ClaimMatrix.from_rows([("a", "x", "1"), ("b", "x", "1"), ("c", "x", "2")])
    >>> fit = truthfinder(m)
    >>> bool(fit.belief[0] > fit.belief[1]), fit.converged
    (True, True)
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import scipy.sparse as sp

from kg.truth._data import ClaimMatrix, Floats
from kg.truth._iterate import DEFAULT_MAX_ITER, DEFAULT_TOL, EarlyStop, Fit, iterate
from kg.truth.similarity import SimilarityKind, similarity_matrix

__all__ = ["truthfinder"]


def truthfinder(
    m: ClaimMatrix,
    *,
    similarity: SimilarityKind = "auto",
    rho: float = 0.5,
    gamma: float = 0.3,
    base_sim: float = 0.0,
    initial_trust: float = 0.9,
    exclusive: bool = True,
    max_iter: int = DEFAULT_MAX_ITER,
    tol: float = DEFAULT_TOL,
    fixed: bool = False,
    distance: str = "linf",
    rank_by: str = "log_odds",
    stop_at_one: bool = False,
) -> Fit:
    """TruthFinder.

    Args:
        m: Encoded claims.
        similarity: Kind of value similarity (see :func:`similarity_matrix`).
        rho: Weight of the influence between values of one object.
        gamma: Dampening factor of the confidence sigmoid.
        base_sim: Similarity below which one value counts against another.
        initial_trust: Trust of every source before the first iteration.
        exclusive: Cap the summed confidence of an object's values at 1.
        max_iter: Iteration cap.
        tol: Convergence tolerance on trust.
        fixed: Run exactly ``max_iter`` iterations.
        distance: ``"linf"`` or ``"cosine"`` change of trust (see :mod:`kg.truth._iterate`).
        rank_by: ``"log_odds"`` ranks an object's values by ``sigma*`` (no false
            tie where the sigmoid saturates at 1.0); ``"belief"`` by the
            confidence itself, as the peer does.
        stop_at_one: End the run, keeping the previous trust and confidence,
            once a source's trust reaches 1.0 (the peer's rule).

    Returns:
        Trust in [0, 1) per source and confidence in (0, 1) per claim.
    """
    if rank_by not in ("log_odds", "belief"):
        raise ValueError(f"rank_by must be log_odds or belief, got {rank_by!r}")
    sim = similarity_matrix(m, similarity)
    mean_of = sp.csr_matrix(m.sc.multiply(1.0 / m.source_votes[:, np.newaxis]))

    adjusted: Floats = np.zeros(m.n_claims)

    belief0: Floats = np.zeros(m.n_claims)

    def step(trust: Floats) -> tuple[Floats, Floats]:
        nonlocal adjusted, belief0
        if stop_at_one and np.any(trust >= 1.0):
            raise EarlyStop(belief0)
        tau = -np.log1p(-np.minimum(trust, 1.0 - 1e-12))
        sigma = m.sc_t @ tau
        others = m.spread(m.object_sum(sigma)) - sigma
        adjusted = sigma + rho * (sim @ sigma - base_sim * others)
        belief = 1.0 / (1.0 + np.exp(-gamma * adjusted))
        if exclusive:
            belief = belief / np.maximum(1.0, m.spread(m.object_sum(belief)))
        belief0 = belief
        return np.asarray(mean_of @ belief), belief

    fit = iterate(
        "truthfinder",
        step,
        np.full(m.n_sources, initial_trust),
        max_iter,
        tol,
        fixed=fixed,
        distance=distance,
    )
    if rank_by == "belief":
        return fit
    # The sigmoid saturates at 1.0; rank by the log-odds so that it breaks no tie falsely.
    return replace(fit, score=adjusted)
