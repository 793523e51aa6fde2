"""The fact-finders of Pasternack & Roth: Sums, Average·Log, Investment, PooledInvestment.

Each alternates two updates over the sources x claims graph: trust ``T(s)``
from the beliefs of the claims ``C(s)`` a source makes, then belief ``B(c)``
from the trust of the sources ``S(c)`` that make a claim. After each update
both vectors are divided by their maximum, so they stay in [0, 1] (the
scores are relative: only their order within an object decides the answer).
A source that states ``k`` values for one object gives each a weight ``1/k``,
and ``|C(s)|`` counts objects, so every source has one vote per object.

- **Sums** (Hubs and Authorities; Kleinberg 1999, as a fact-finder in
  Pasternack & Roth 2010): ``T(s) = sum B(c) over C(s)``,
  ``B(c) = sum T(s) over S(c)``. Prior belief 0.5.
- **Average·Log** (Pasternack & Roth 2010):
  ``T(s) = log|C(s)| * mean B(c) over C(s)``; belief as Sums. A source making
  one claim gets trust 0 (log 1), so its vote does not count.
- **Investment** (Pasternack & Roth 2010): each source invests its trust in
  its claims evenly and is paid back in proportion to its stake,
  ``T(s) = sum over C(s) of B(c) * (T(s)/|C(s)|) / sum over S(c) of (T(r)/|C(r)|)``;
  then ``B(c) = G(sum over S(c) of T(s)/|C(s)|)`` with ``G(x) = x**g``,
  ``g = 1.2``. Prior belief: the claim's share of its object's votes.
- **PooledInvestment** (Pasternack & Roth 2010): trust as Investment; belief
  pools the returns of an object's competing claims,
  ``B(c) = H(c) * G(H(c)) / sum over M(c) of G(H(d))`` with
  ``H(c) = sum over S(c) of T(s)/|C(s)|``, ``g = 1.4``. Prior belief ``1/|M(c)|``
  (uniform over the object's values).

Iterations (all four): by default exactly ``max_iter`` = 20 (10 for
PooledInvestment), as Pasternack & Roth and the peer run them. Run to
convergence instead (``fixed=False``: stop when no source's trust moved by more
than ``tol``, or warn at ``max_iter``; :mod:`kg.truth._iterate`), the growth
``G(x) = x**g`` keeps concentrating trust in a few sources: Investment fell from
.87 to .72 on Book and from .821 to .731 on Population, and PooledInvestment
did not converge in 500 iterations on Population. The exponents ``g`` are the
paper's.

Reference: J. Pasternack and D. Roth, "Knowing What to Believe (when you
already know something)", COLING 2010, pp. 877-885.

Examples:
    >>> from kg.truth._data import ClaimMatrix
    >>> m = ClaimMatrix.from_rows([("a", "x", 1), ("b", "x", 1), ("c", "x", 2)])
    >>> sums(m).belief.round(3).tolist()
    [1.0, 0.0]
"""

from __future__ import annotations

import numpy as np

from kg.truth._data import ClaimMatrix, Floats
from kg.truth._iterate import DEFAULT_TOL, EarlyStop, Fit, iterate

__all__ = [
    "PAPER_ITERATIONS",
    "POOLED_ITERATIONS",
    "average_log",
    "investment",
    "pooled_investment",
    "sums",
]

#: Iterations of Sums, Average·Log and Investment (Pasternack & Roth; the peer's default).
PAPER_ITERATIONS = 20
#: Iterations of PooledInvestment (the peer's default).
POOLED_ITERATIONS = 10


def _by_max(x: Floats) -> Floats:
    top = float(x.max()) if x.size else 0.0
    return x / top if top > 0 else x


def _safe_div(num: Floats, den: Floats) -> Floats:
    out = np.zeros_like(num)
    np.divide(num, den, out=out, where=den > 0)
    return out


def sums(
    m: ClaimMatrix,
    *,
    max_iter: int = PAPER_ITERATIONS,
    tol: float = DEFAULT_TOL,
    fixed: bool = True,
) -> Fit:
    """Sums (Hubs and Authorities).

    Args:
        m: Encoded claims.
        max_iter: Iterations (with ``fixed``) or iteration cap.
        tol: Convergence tolerance on trust (without ``fixed``).
        fixed: Run exactly ``max_iter`` iterations (the default, as the paper
            and the peer); ``False`` iterates until trust converges.

    Returns:
        Trust and belief, each scaled so the largest is 1.
    """
    belief: Floats = np.full(m.n_claims, 0.5)

    def step(_: Floats) -> tuple[Floats, Floats]:
        nonlocal belief
        trust = _by_max(m.sc @ belief)
        belief = _by_max(m.sc_t @ trust)
        return trust, belief

    return iterate("sums", step, np.zeros(m.n_sources), max_iter, tol, fixed=fixed)


def average_log(
    m: ClaimMatrix,
    *,
    max_iter: int = PAPER_ITERATIONS,
    tol: float = DEFAULT_TOL,
    fixed: bool = True,
) -> Fit:
    """Average·Log.

    Args:
        m: Encoded claims.
        max_iter: Iterations (with ``fixed``) or iteration cap.
        tol: Convergence tolerance on trust (without ``fixed``).
        fixed: Run exactly ``max_iter`` iterations (the default, as the paper
            and the peer); ``False`` iterates until trust converges.

    Returns:
        Trust and belief, each scaled so the largest is 1.
    """
    weight = np.log(m.claim_counts) / m.source_votes
    belief: Floats = np.full(m.n_claims, 0.5)

    def step(_: Floats) -> tuple[Floats, Floats]:
        nonlocal belief
        trust = _by_max(weight * (m.sc @ belief))
        belief = _by_max(m.sc_t @ trust)
        return trust, belief

    return iterate("average_log", step, np.zeros(m.n_sources), max_iter, tol, fixed=fixed)


def _invest(m: ClaimMatrix, trust: Floats, belief: Floats, stop_on_zero: bool) -> Floats:
    """Investment's trust update: each source's share of the beliefs it invested in.

    With ``stop_on_zero`` (the peer's rule) the run ends, keeping the previous
    trust and belief, once some claim receives no investment at all.
    """
    stake = trust / m.source_votes
    pooled = m.sc_t @ stake
    if stop_on_zero and np.any(pooled == 0):
        raise EarlyStop(belief)
    out: Floats = stake * (m.sc @ _safe_div(belief, pooled))
    return out


def _voted_prior(m: ClaimMatrix) -> Floats:
    votes = m.sc_t @ np.ones(m.n_sources)
    return votes / m.spread(m.object_sum(votes))


def investment(
    m: ClaimMatrix,
    *,
    g: float = 1.2,
    max_iter: int = PAPER_ITERATIONS,
    tol: float = DEFAULT_TOL,
    fixed: bool = True,
    stop_on_zero: bool = False,
) -> Fit:
    """Investment.

    Args:
        m: Encoded claims.
        g: Exponent of the belief growth function ``G(x) = x**g``.
        max_iter: Iterations (with ``fixed``) or iteration cap.
        tol: Convergence tolerance on trust (without ``fixed``).
        fixed: Run exactly ``max_iter`` iterations (the default, as the paper
            and the peer); ``False`` iterates until trust converges.
        stop_on_zero: End the run, keeping the previous trust and belief, once a
            claim receives no investment (the peer's rule).

    Returns:
        Trust and belief, each scaled so the largest is 1.
    """
    belief = _voted_prior(m)

    def step(trust: Floats) -> tuple[Floats, Floats]:
        nonlocal belief
        new = _invest(m, trust, belief, stop_on_zero)
        belief = _by_max((m.sc_t @ (new / m.source_votes)) ** g)
        return _by_max(new), belief

    return iterate("investment", step, np.ones(m.n_sources), max_iter, tol, fixed=fixed)


def pooled_investment(
    m: ClaimMatrix,
    *,
    g: float = 1.4,
    max_iter: int = POOLED_ITERATIONS,
    tol: float = DEFAULT_TOL,
    fixed: bool = True,
    stop_on_zero: bool = False,
) -> Fit:
    """PooledInvestment.

    Args:
        m: Encoded claims.
        g: Exponent of the growth function ``G(x) = x**g``.
        max_iter: Iterations (with ``fixed``) or iteration cap.
        tol: Convergence tolerance on trust (without ``fixed``).
        fixed: Run exactly ``max_iter`` iterations (the default, as the paper
            and the peer); ``False`` iterates until trust converges.
        stop_on_zero: End the run, keeping the previous trust and belief, once a
            claim receives no investment (the peer's rule).

    Returns:
        Trust and belief, each scaled so the largest is 1.
    """
    belief = 1.0 / m.spread(m.claims_per_object.astype(np.float64))

    def step(trust: Floats) -> tuple[Floats, Floats]:
        nonlocal belief
        new = _invest(m, trust, belief, stop_on_zero)
        returns = m.sc_t @ (new / m.source_votes)
        grown = returns**g
        belief = _by_max(returns * _safe_div(grown, m.spread(m.object_sum(grown))))
        return _by_max(new), belief

    return iterate("pooled_investment", step, np.ones(m.n_sources), max_iter, tol, fixed=fixed)
