"""The shared iteration rule: stop when trust stops moving, or warn at the cap.

Every iterative method updates a trust vector whose entries lie in [0, 1]. It
has converged when no entry moved by more than ``tol`` in the last iteration
(the L-infinity norm of the change). A method that reaches ``max_iter``
iterations first returns what it has and warns with
:class:`~kg.truth.errors.NotConvergedWarning`.

Two other rules exist to reproduce the peer (``truthdiscovery`` 1.0.4) and the
papers: ``fixed=True`` runs exactly ``max_iter`` iterations and reports them as
a completed run (the Pasternack & Roth fact-finders run 20, PooledInvestment
10); ``distance="cosine"`` measures the change as ``1 - cos(new, old)``
(TruthFinder's rule in Yin et al. 2008, with ``tol = 0.001``).

Examples:
    >>> import numpy as np
    >>> change(np.array([0.5, 1.0]), np.array([0.5, 0.9]))
    0.09999999999999998
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kg.truth._data import Floats
from kg.truth.errors import NotConvergedWarning

__all__ = [
    "DEFAULT_MAX_ITER",
    "DEFAULT_TOL",
    "EarlyStop",
    "Fit",
    "change",
    "check_iteration_args",
    "iterate",
    "warn_cap",
]

#: Largest change in any source's trust at which an iteration has converged.
DEFAULT_TOL = 1e-5
#: Iteration cap of every iterative method unless the caller gives another.
DEFAULT_MAX_ITER = 500


@dataclass(frozen=True, eq=False)
class Fit:
    """What a method returns: trust per source, belief per claim, and how it stopped.

    ``score`` ranks the values of an object when ``belief`` saturates (TruthFinder's
    sigmoid reaches 1.0 in floating point); it defaults to ``belief``.
    ``warmup_iterations`` counts iterations of another method run first (AccuCopy's
    ACCU warm-up); ``iterations`` never includes them. ``fixed`` marks a run of a
    fixed iteration count (``converged`` is then true by definition).
    """

    trust: Floats
    belief: Floats
    iterations: int
    converged: bool
    score: Floats | None = None
    warmup_iterations: int = 0
    fixed: bool = False

    @property
    def ranking(self) -> Floats:
        """What decides the top value of each object."""
        return self.belief if self.score is None else self.score


class EarlyStop(Exception):
    """Raised by a step to end the run with the previous trust and ``belief``.

    The peer stops this way when a quantity it divides by reaches 0.
    """

    def __init__(self, belief: Floats) -> None:
        super().__init__("early stop")
        self.belief = belief


def change(new: Floats, old: Floats, distance: str = "linf") -> float:
    """Change between two trust vectors: largest absolute change, or ``1 - cosine``.

    Examples:
        >>> round(change(np.array([1.0, 0.0]), np.array([1.0, 1.0]), "cosine"), 4)
        0.2929
    """
    if new.size == 0:
        return 0.0
    if distance == "cosine":
        norm = float(np.linalg.norm(new) * np.linalg.norm(old))
        return 0.0 if norm == 0 else 1.0 - float(new @ old) / norm
    return float(np.max(np.abs(new - old)))


def check_iteration_args(max_iter: int, tol: float) -> None:
    """Refuse a cap below 1 or a negative tolerance."""
    if max_iter < 1:
        raise ValueError(f"max_iter must be at least 1, got {max_iter}")
    if not tol >= 0:
        raise ValueError(f"tol must be zero or more, got {tol}")


def warn_cap(method: str, max_iter: int, last_change: float, tol: float) -> None:
    """Warn that ``method`` stopped at its cap without converging."""
    warnings.warn(
        f"{method} stopped at its cap of {max_iter} iterations before converging "
        f"(last trust change {last_change:.2g} > tol {tol:.2g}); raise max_iter or tol",
        NotConvergedWarning,
        stacklevel=3,
    )


def iterate(
    method: str,
    step: Callable[[Floats], tuple[Floats, Floats]],
    trust: Floats,
    max_iter: int,
    tol: float,
    *,
    fixed: bool = False,
    distance: str = "linf",
) -> Fit:
    """Apply ``step`` (trust -> new trust, belief) until trust converges or the cap.

    Args:
        method: Name used in the warning.
        step: One iteration of the method.
        trust: Initial trust per source.
        max_iter: Iteration cap (with ``fixed``, the exact count).
        tol: Convergence tolerance on the change of trust.
        fixed: Run exactly ``max_iter`` iterations, without a warning.
        distance: ``"linf"`` (largest change) or ``"cosine"`` (``1 - cos``).

    Returns:
        The final trust and belief, the iterations run and whether they converged.

    Examples:
        >>> import numpy as np
        >>> halve = lambda t: (t / 2, t)
        >>> fit = iterate("halving", halve, np.array([1.0]), max_iter=100, tol=1e-3)
        >>> fit.iterations, fit.converged
        (10, True)
    """
    check_iteration_args(max_iter, tol)
    belief: Floats = np.zeros(0)
    last = float("inf")
    if distance not in ("linf", "cosine"):
        raise ValueError(f"distance must be linf or cosine, got {distance!r}")
    for it in range(1, max_iter + 1):
        try:
            new, belief = step(trust)
        except EarlyStop as stop:
            return Fit(trust, stop.belief, it - 1, True, fixed=fixed)
        last = change(new, trust, distance)
        trust = new
        if not fixed and last <= tol:
            return Fit(trust, belief, it, True)
    if fixed:
        return Fit(trust, belief, max_iter, True, fixed=True)
    warn_cap(method, max_iter, last, tol)
    return Fit(trust, belief, max_iter, False)
