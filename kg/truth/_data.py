"""Claims encoded as sparse matrices: the common input of every method.

A *claim* here is one distinct ``(object, value)`` pair; several sources may
make it. :class:`ClaimMatrix` holds

- ``sc``: a sources x claims CSR matrix. Entry ``(s, c)`` is the share of its
  vote that source ``s`` gives claim ``c``: 1, or ``1/k`` when ``s`` states
  ``k`` different values for the same object, so no source votes twice on one
  object.
- ``claim_object``: the object of each claim. Claims are sorted by object, so
  the claims of one object are contiguous (``object_start`` marks the runs),
  which lets per-object sums and maxima run as ``np.add.reduceat``.

Examples:
    >>> m = ClaimMatrix.from_rows([("s1", "x", "1"), ("s2", "x", "2"), ("s2", "y", "a")])
    >>> m.n_sources, m.n_objects, m.n_claims
    (2, 2, 3)
    >>> m.sc.toarray().tolist()
    [[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]]
    >>> [(m.objects[o], v) for o, v in zip(m.claim_object, m.claim_values)]
    [('x', '1'), ('x', '2'), ('y', 'a')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from numpy.typing import NDArray

from kg.truth.errors import NoClaimsError

__all__ = ["ClaimMatrix", "Floats", "Ints"]

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class ClaimMatrix:
    """Sources, objects and claims as integer ids, with the source-claim matrix.

    Build one with :meth:`from_rows` or :meth:`from_frame`; the fields are read-only.
    """

    sources: Sequence[Any]
    objects: Sequence[Any]
    claim_object: Ints
    claim_values: Sequence[Any]
    sc: sp.csr_matrix
    n_rows: int

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]], *, multiple: str = "split") -> ClaimMatrix:
        """Encode ``(source, object, value)`` tuples.

        Args:
            rows: Tuples of three hashable items. Repeats of the same triple
                count once; ``None`` values are skipped.
            multiple: What a source stating several values for one object
                means: ``"split"`` (its vote is shared among them) or
                ``"first"`` (only its first value counts, as the peer
                ``truthdiscovery`` does with ``allow_multiple=True``).

        Returns:
            The encoded claims.

        Raises:
            NoClaimsError: If no row is left.
        """
        triples = [tuple(r) for r in rows]
        if any(len(t) != 3 for t in triples):
            bad = next(i for i, t in enumerate(triples) if len(t) != 3)
            raise NoClaimsError(
                f"row {bad} has {len(triples[bad])} items; give (source, object, value) tuples"
            )
        frame = pd.DataFrame(triples, columns=["source", "object", "value"], dtype=object)
        return cls.from_frame(frame, multiple=multiple)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, multiple: str = "split") -> ClaimMatrix:
        """Encode a frame with columns ``source``, ``object``, ``value``.

        Args:
            frame: One row per statement; an ``attribute`` column, if present,
                is folded into the object as ``(object, attribute)``.
            multiple: ``"split"`` or ``"first"``, as for :meth:`from_rows`.

        Returns:
            The encoded claims.

        Raises:
            NoClaimsError: If a column is missing or no row is left.
        """
        missing = [c for c in ("source", "object", "value") if c not in frame.columns]
        if missing:
            raise NoClaimsError(
                f"missing column(s) {', '.join(missing)}; give source, object and value"
            )
        frame = frame.dropna(subset=["source", "object", "value"])
        objects_in = frame["object"]
        if "attribute" in frame.columns:
            objects_in = pd.Series(
                list(zip(frame["object"], frame["attribute"], strict=True)),
                index=frame.index,
                dtype=object,
            )
        if len(frame) == 0:
            raise NoClaimsError("no claims: every row is empty or has a missing value")
        if multiple not in ("split", "first"):
            raise ValueError(f"multiple must be split or first, got {multiple!r}")
        if multiple == "first":
            keep = ~pd.DataFrame(
                {"s": frame["source"].to_numpy(), "o": objects_in.to_numpy()}
            ).duplicated(keep="first").to_numpy()
            frame, objects_in = frame[keep], objects_in[keep]
        s_code, sources = pd.factorize(frame["source"], sort=False)
        o_code, objects = pd.factorize(objects_in, sort=False)
        v_code, values = pd.factorize(frame["value"], sort=False)
        n_values = len(values)
        # A claim is an (object, value) pair; unique over pairs, sorted by object.
        pair = o_code.astype(np.int64) * n_values + v_code.astype(np.int64)
        claim_pair, c_code = np.unique(pair, return_inverse=True)
        claim_object = claim_pair // n_values
        claim_value = claim_pair % n_values
        # Drop repeated (source, claim) statements.
        n_claims = len(claim_pair)
        edge = np.unique(s_code.astype(np.int64) * n_claims + c_code)
        e_src, e_clm = edge // n_claims, edge % n_claims
        # Each source has one vote per object, split over the values it states.
        so = e_src * len(objects) + claim_object[e_clm]
        _, so_code, so_count = np.unique(so, return_inverse=True, return_counts=True)
        weight = 1.0 / so_count[so_code]
        sc = sp.csr_matrix(
            (weight, (e_src, e_clm)), shape=(len(sources), n_claims), dtype=np.float64
        )
        return cls(
            sources=list(sources),
            objects=list(objects),
            claim_object=claim_object.astype(np.int64),
            claim_values=list(values[claim_value]),
            sc=sc,
            n_rows=len(edge),
        )

    @property
    def n_sources(self) -> int:
        """Number of distinct sources."""
        return len(self.sources)

    @property
    def n_objects(self) -> int:
        """Number of distinct objects."""
        return len(self.objects)

    @property
    def n_claims(self) -> int:
        """Number of distinct ``(object, value)`` claims."""
        return len(self.claim_values)

    @cached_property
    def object_start(self) -> Ints:
        """Index of each object's first claim (claims are sorted by object)."""
        starts = np.flatnonzero(np.diff(self.claim_object, prepend=-1))
        return starts.astype(np.int64)

    @cached_property
    def claims_per_object(self) -> Ints:
        """How many distinct values each object has."""
        return np.diff(np.append(self.object_start, self.n_claims)).astype(np.int64)

    @cached_property
    def binary(self) -> sp.csr_matrix:
        """``sc`` with every stored entry set to 1."""
        b = self.sc.copy()
        b.data = np.ones_like(b.data)
        return b

    @cached_property
    def sc_t(self) -> sp.csr_matrix:
        """``sc`` transposed, stored as CSR for fast claim-side products."""
        return self.sc.T.tocsr()

    @cached_property
    def source_votes(self) -> Floats:
        """Number of objects each source speaks about (its row sum in ``sc``)."""
        return np.asarray(self.sc.sum(axis=1), dtype=np.float64).ravel()

    @cached_property
    def claim_counts(self) -> Floats:
        """Number of claims each source makes (its nonzeros in ``sc``)."""
        return np.diff(self.sc.indptr).astype(np.float64)

    def object_sum(self, per_claim: Floats) -> Floats:
        """Sum of a per-claim vector over each object's claims."""
        return np.add.reduceat(per_claim, self.object_start)

    def object_max(self, per_claim: Floats) -> Floats:
        """Maximum of a per-claim vector over each object's claims."""
        return np.maximum.reduceat(per_claim, self.object_start)

    def spread(self, per_object: Floats) -> Floats:
        """Repeat a per-object vector onto the object's claims."""
        return per_object[self.claim_object]
