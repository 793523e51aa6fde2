"""Run a truth-discovery method on claims and read off beliefs, truths, ties and trust.

Examples:
    >>> rows = [("s1", "paris", "2.1M"), ("s2", "paris", "2.1M"), ("s3", "paris", "9M"),
    ...         ("s1", "rome", "2.8M"), ("s3", "rome", "4M")]
    >>> d = discover(rows, method="majority_vote")
    >>> d.truths()
    {'paris': ('2.1M',), 'rome': ('2.8M', '4M')}
    >>> d.ties()
    {'rome': ('2.8M', '4M')}
    >>> d = discover(rows, method="accu")
    >>> d.truths()["rome"], round(d.trust["s1"], 2) > round(d.trust["s3"], 2)
    (('2.8M',), True)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kg.truth._data import ClaimMatrix
from kg.truth._iterate import Fit
from kg.truth.accu import accu, accu_copy
from kg.truth.errors import UnknownMethodError
from kg.truth.factfinders import average_log, investment, pooled_investment, sums
from kg.truth.truthfinder import truthfinder
from kg.truth.vote import majority_vote

__all__ = ["DEFAULT_METHOD", "METHODS", "PEER_SETTINGS", "Discovery", "discover"]

Method = Callable[..., Fit]

#: Every method, by the name the CLI and :func:`discover` accept.
METHODS: dict[str, Method] = {
    "majority_vote": majority_vote,
    "sums": sums,
    "average_log": average_log,
    "investment": investment,
    "pooled_investment": pooled_investment,
    "truthfinder": truthfinder,
    "accu": accu,
    "accu_copy": accu_copy,
}

#: The settings of the peer, ``truthdiscovery`` 1.0.4, per method it has: with
#: ``discover(..., settings="peer")`` credkg reproduces its answers (the input is
#: then also encoded as the peer does: a source's first value per object only).
PEER_SETTINGS: dict[str, dict[str, Any]] = {
    "majority_vote": {},
    "sums": {"max_iter": 20, "fixed": True},
    "average_log": {"max_iter": 20, "fixed": True},
    "investment": {"max_iter": 20, "fixed": True, "stop_on_zero": True},
    "pooled_investment": {"max_iter": 10, "fixed": True, "stop_on_zero": True},
    "truthfinder": {
        "exclusive": False,
        "similarity": "exact",
        "base_sim": 0.0,
        "distance": "cosine",
        "tol": 0.001,
        "max_iter": 10_000,
        "rank_by": "belief",
        "stop_at_one": True,
    },
}

#: What credkg uses on data it knows nothing about; see ``docs/truth.md`` for why.
DEFAULT_METHOD = "accu"

# Relative tolerance within which two beliefs count as equal: sums taken in a
# different order may differ in the last bits, and that must not break a tie.
_TIE_RTOL = 1e-9


@dataclass(frozen=True, eq=False)
class Discovery:
    """The result of one method on one set of claims.

    Attributes:
        method: The method's name.
        claims: The encoded claims.
        fit: Trust per source, belief per claim, iterations, convergence.
        seconds: Wall time of the method (not of the encoding).
    """

    method: str
    claims: ClaimMatrix
    fit: Fit
    seconds: float

    @property
    def iterations(self) -> int:
        """Iterations the method ran."""
        return self.fit.iterations

    @property
    def converged(self) -> bool:
        """Whether it met its convergence rule before its cap."""
        return self.fit.converged

    @property
    def trust(self) -> dict[Any, float]:
        """Learned trust per source."""
        return dict(zip(self.claims.sources, self.fit.trust.tolist(), strict=True))

    def is_top(self) -> np.ndarray[Any, np.dtype[np.bool_]]:
        """For each claim, whether its belief is the highest of its object (ties included)."""
        m, score = self.claims, self.fit.ranking
        top = m.spread(m.object_max(score))
        return np.isclose(score, top, rtol=_TIE_RTOL, atol=1e-300)

    def beliefs(self) -> list[tuple[Any, Any, float]]:
        """``(object, value, belief)`` for every claim, grouped by object."""
        m = self.claims
        return [
            (m.objects[o], v, b)
            for o, v, b in zip(
                m.claim_object.tolist(), m.claim_values, self.fit.belief.tolist(), strict=True
            )
        ]

    def truths(self) -> dict[Any, tuple[Any, ...]]:
        """The top value(s) of every object: one value, or all tied values (never a pick)."""
        m = self.claims
        out: dict[Any, list[Any]] = {}
        for c in np.flatnonzero(self.is_top()).tolist():
            out.setdefault(m.objects[int(m.claim_object[c])], []).append(m.claim_values[c])
        return {k: tuple(v) for k, v in out.items()}

    def ties(self) -> dict[Any, tuple[Any, ...]]:
        """Only the objects whose top belief is shared by several values."""
        return {k: v for k, v in self.truths().items() if len(v) > 1}

    def n_ties(self) -> int:
        """How many objects end in a tie."""
        m = self.claims
        tops = np.add.reduceat(self.is_top().astype(np.int64), m.object_start)
        return int((tops > 1).sum())

    def belief_frame(self) -> pd.DataFrame:
        """Beliefs as a frame ``object, value, belief, top``; ``top`` marks the answer(s).

        One rule for ties everywhere: values tied by :meth:`is_top` (within a
        relative ``1e-9``) are written with exactly their object's top belief,
        so ``beliefs.csv``, ``truths.csv`` and :meth:`ties` count the same ties.
        """
        m = self.claims
        top = self.is_top()
        belief = self.fit.belief
        top_belief = m.object_max(np.where(top, belief, -np.inf))
        return pd.DataFrame(
            {
                "object": [m.objects[o] for o in m.claim_object.tolist()],
                "value": list(m.claim_values),
                "belief": np.where(top, m.spread(top_belief), belief),
                "top": top,
            }
        )

    def trust_frame(self) -> pd.DataFrame:
        """Trust as a frame ``source, trust``, most trusted first."""
        frame = pd.DataFrame({"source": list(self.claims.sources), "trust": self.fit.trust})
        return frame.sort_values("trust", ascending=False, kind="stable").reset_index(drop=True)


def _encode(
    data: ClaimMatrix | pd.DataFrame | Iterable[Sequence[Any]], multiple: str = "split"
) -> ClaimMatrix:
    if isinstance(data, ClaimMatrix):
        return data
    if isinstance(data, pd.DataFrame):
        return ClaimMatrix.from_frame(data, multiple=multiple)
    return ClaimMatrix.from_rows(data, multiple=multiple)


def discover(
    data: ClaimMatrix | pd.DataFrame | Iterable[Sequence[Any]],
    method: str | None = None,
    *,
    settings: str = "credkg",
    **params: Any,
) -> Discovery:
    """Learn a trust per source and a belief per value from who states what.

    Args:
        data: ``(source, object, value)`` tuples, a frame with those columns
            (and optionally ``attribute``, folded into the object), or claims
            already encoded.
        method: A name from :data:`METHODS`; ``None`` uses :data:`DEFAULT_METHOD`.
        settings: ``"credkg"`` (the default settings) or ``"peer"``
            (:data:`PEER_SETTINGS`, only for the methods the peer has).
        **params: Passed to the method (``max_iter``, ``tol``, its own
            parameters); they override ``settings``.

    Returns:
        The :class:`Discovery`.

    Raises:
        UnknownMethodError: If ``method`` is not in :data:`METHODS`.
        NoClaimsError: If there is nothing to discover.
    """
    name = DEFAULT_METHOD if method is None else method
    if name not in METHODS:
        raise UnknownMethodError(
            f"unknown method {name!r}; choose one of {', '.join(METHODS)} or 'all'"
        )
    if settings not in ("credkg", "peer"):
        raise UnknownMethodError(f"unknown settings {settings!r}; use credkg or peer")
    if settings == "peer":
        if name not in PEER_SETTINGS:
            raise UnknownMethodError(
                f"the peer has no method {name!r}; peer settings exist for "
                f"{', '.join(PEER_SETTINGS)}"
            )
        params = {**PEER_SETTINGS[name], **params}
    m = _encode(data, "first" if settings == "peer" else "split")
    start = time.perf_counter()
    fit = METHODS[name](m, **params)
    seconds = time.perf_counter() - start
    return Discovery(method=name, claims=m, fit=fit, seconds=seconds)
