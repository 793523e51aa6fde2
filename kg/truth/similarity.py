"""How much one value of an object supports another: the sparse similarity matrix.

TruthFinder lets competing values of an object influence each other through an
implication ``imp(f' -> f) = sim(f', f) - base_sim``. This module builds the
``sim`` part as a sparse claims x claims matrix ``S`` with
``S[f, f'] = sim(f' -> f)`` for two different values of the same object, and
nothing elsewhere (the ``- base_sim`` part is a per-object sum the method adds
itself, so it needs no matrix).

Kinds of similarity:

- **numeric** (only when asked for; values that are not numbers get none):
  ``sim(a, b) = max(0, 1 - |a - b| / (width * max(|a|, |b|)))``, so values
  within ``width`` (default 10 %) of each other lend partial support, falling
  linearly to none.
- **set** (what ``"auto"`` uses): a value is the set of its ``;``-separated items (a
  single item for plain text), and ``sim(f' -> f) = |f' & f| / |f'|`` is the
  share of the supporting value's items that the supported value contains.
  A source listing only "Haag" thus fully supports "Estevez;Haag;Perry",
  while the full list supports the partial one by 1/3 (Yin et al. 2008 use
  an implication between author lists in the same spirit). Distinct plain
  values share no item and get no entry.
- **exact**: no similarity; values are equal or unrelated.

``"auto"`` is **set** for every value, never numeric: a census figure of
741,329 is not partly confirmed by a claim of 742,884, and on the Population
benchmark numeric similarity lowered TruthFinder's and ACCU's accuracy. Ask for
``"numeric"`` when values are measurements that agree within a tolerance.

Examples:
    >>> from kg.truth._data import ClaimMatrix
    >>> m = ClaimMatrix.from_rows([("a", "x", "100"), ("b", "x", "104"), ("c", "x", "300")])
    >>> similarity_matrix(m, "numeric").toarray().round(2).tolist()
    [[0.0, 0.62, 0.0], [0.62, 0.0, 0.0], [0.0, 0.0, 0.0]]
    >>> m = ClaimMatrix.from_rows([("a", "b1", "haag"), ("b", "b1", "haag;perry")])
    >>> similarity_matrix(m).toarray().tolist()
    [[0.0, 0.5], [1.0, 0.0]]
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kg.truth._data import ClaimMatrix, Floats, Ints
from kg.truth.errors import ProblemTooLargeError

__all__ = ["MAX_PAIRS", "SimilarityKind", "similarity_matrix"]

SimilarityKind = Literal["auto", "numeric", "set", "exact"]
#: Most same-object value pairs a numeric similarity matrix may hold (about 0.5 GB).
MAX_PAIRS = 30_000_000


def _numeric_values(m: ClaimMatrix) -> Floats:
    parsed = pd.to_numeric(pd.Series(m.claim_values, dtype=object), errors="coerce")
    return np.asarray(parsed, dtype=np.float64)


def _same_object_pairs(m: ClaimMatrix, claims: Ints) -> tuple[Ints, Ints]:
    """All ordered pairs (i, j), i != j, of the given claims that share an object."""
    obj = m.claim_object[claims]
    starts = np.flatnonzero(np.diff(obj, prepend=-1))
    counts = np.diff(np.append(starts, claims.size))
    k = np.repeat(counts, counts)
    n_pairs = int((k * (k - 1)).sum())
    if n_pairs > MAX_PAIRS:
        raise ProblemTooLargeError(
            f"numeric similarity needs {n_pairs:,} value pairs (limit {MAX_PAIRS:,}); "
            "some objects have too many distinct values: use similarity='exact' or another method"
        )
    first = np.repeat(starts, counts)
    rows = np.repeat(np.arange(claims.size), k)
    offset = np.arange(rows.size) - np.repeat(np.cumsum(k) - k, k)
    cols = first[rows] + offset
    keep = rows != cols
    return claims[rows[keep]], claims[cols[keep]]


def _numeric(m: ClaimMatrix, values: Floats, claims: Ints, width: float) -> sp.coo_matrix:
    i, j = _same_object_pairs(m, claims)
    a, b = values[i], values[j]
    scale = width * np.maximum(np.abs(a), np.abs(b))
    sim = np.zeros(a.size)
    np.divide(np.abs(a - b), scale, out=sim, where=scale > 0)
    sim = np.clip(1.0 - sim, 0.0, 1.0)
    sim[scale == 0] = 0.0  # both zero would be the same value, hence the same claim
    keep = sim > 0
    return sp.coo_matrix((sim[keep], (i[keep], j[keep])), shape=(m.n_claims, m.n_claims))


def _sets(m: ClaimMatrix, claims: Ints) -> sp.csr_matrix:
    items = [
        [t.strip() for t in str(m.claim_values[c]).split(";") if t.strip()] or [""] for c in claims
    ]
    sizes = np.fromiter((len(x) for x in items), dtype=np.int64, count=len(items))
    owner = np.repeat(claims, sizes)
    flat = [t for x in items for t in x]
    keys = pd.MultiIndex.from_arrays([m.claim_object[owner], flat])
    code, uniques = pd.factorize(keys)
    incidence = sp.csr_matrix(
        (np.ones(owner.size), (owner, code)), shape=(m.n_claims, len(uniques))
    )
    overlap = (incidence @ incidence.T).tocsr()
    overlap.setdiag(0)
    overlap.eliminate_zeros()
    size = np.ones(m.n_claims)
    size[claims] = sizes
    # overlap[f, f'] / |f'| = share of f' contained in f = sim(f' -> f)
    return sp.csr_matrix(overlap.multiply(1.0 / size[np.newaxis, :]))


def similarity_matrix(
    m: ClaimMatrix, kind: SimilarityKind = "auto", *, width: float = 0.1
) -> sp.csr_matrix:
    """The sparse matrix ``S[f, f'] = sim(f' -> f)`` over same-object value pairs.

    Args:
        m: Encoded claims.
        kind: ``"auto"`` (= ``"set"``), ``"numeric"``, ``"set"`` or ``"exact"``.
        width: Relative distance at which numeric similarity reaches 0.

    Returns:
        A CSR matrix with a zero diagonal and entries in (0, 1].

    Raises:
        ProblemTooLargeError: If numeric similarity would need too many pairs.
        ValueError: For an unknown ``kind``.
    """
    if kind not in ("auto", "numeric", "set", "exact"):
        raise ValueError(f"unknown similarity kind {kind!r}; use auto, numeric, set or exact")
    total = sp.csr_matrix((m.n_claims, m.n_claims))
    if kind == "exact":
        return total
    if kind == "numeric":  # values that are not numbers get no similarity
        values = _numeric_values(m)
        num = np.flatnonzero(np.isfinite(values))
        if num.size:
            total = total + _numeric(m, values, num, width).tocsr()
        return sp.csr_matrix(total)
    rest = np.arange(m.n_claims)
    if rest.size:
        # Only objects with a list value can hold overlapping values.
        text = pd.Series([str(m.claim_values[c]) for c in rest.tolist()], dtype=object)
        listed = np.asarray(text.str.contains(";", regex=False), dtype=bool)
        objects = np.unique(m.claim_object[rest[listed]])
        rest = rest[np.isin(m.claim_object[rest], objects)]
        if rest.size:
            total = total + _sets(m, rest)
    return sp.csr_matrix(total)
