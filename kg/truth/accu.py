"""ACCU and AccuCopy (Dong, Berti-Equille & Srivastava 2009): accuracy with copy detection.

**ACCU** is a Bayesian vote. Each object has one true value among ``n + 1``
(``n`` false values, equally likely to be chosen by a source in error); a
source with accuracy ``A(s)`` states the true value with probability ``A(s)``.

- vote count of a value: ``C(v) = sum over its sources of ln(n A(s) / (1 - A(s)))``;
- probability: ``P(v) = exp(C(v)) / sum over the object's domain of exp(C(v'))``,
  where the ``n + 1 - k`` values nobody states count ``exp(0)``;
- accuracy ``A(s)``: how well ``s``'s values are supported (below).

credkg's estimation rules, each chosen on principle and fixed for all data:

1. ``n`` is read from the data, per object: ``n = max(k - 1, 1)`` for an object
   with ``k`` claimed values (the claimed values are the domain). The paper's
   fixed ``n = 100`` can be passed as ``n=100``.
2. A source is judged only on objects some other source also covers: a claim
   nobody else checks says nothing about its source, so a bot that alone fills
   thousands of objects does not grade its own work. The evidence on a checked
   claim blends two estimates of whether it is true: ``P(v)``, the posterior
   (the paper's rule, an EM step), with weight ``1 - judge_others``, and
   ``P(v)`` recomputed without the source's own vote, with weight
   ``judge_others = 0.2``. The posterior alone lets a heavy voter confirm
   itself: on Population a bot right on 81 % of the gold items it covers was
   rated .999 and won against careful editors. The leave-one-out estimate alone
   is biased low where the other voters are weak: lower accuracies flatten the
   votes, which lowers the estimates again, until accuracies fall below chance,
   votes turn negative and the answers invert (a synthetic weather-like set
   went from vote's .88 to .12, and AccuCopy fell to .615 on Population). One
   fifth of it curbs the first without the spiral (before the anchor below,
   any weight from 0.1 to 0.3 gave the same Population and Book results; with
   it Population gives .811, .821, .821 for 0.1, 0.2, 0.3).
   Of the posterior part, one quarter (``anchor = 0.25``) is instead the value's
   belief *relative to its object's top value* (1 for the top value): the
   posterior alone has a flat fixed point that every accuracy drifts to
   together when many objects have few, split votes (each source then looks
   no better than chance, votes fade, beliefs flatten further, and the answers
   invert). On generated sets of 3-8 sources ACCU fell up to .69 below vote
   (.11 below on average over 72 sets); with the anchor it is .06 above on
   average and never more than .01 below except with copy groups (AccuCopy's
   case). Book and Population are unchanged (.98 and .821), and so are the
   larger generated sets (``benchmarks/truth/robustness.py``).
3. Accuracy is the posterior mean under a Beta prior worth ``prior_weight = 1``
   claim, ``A(s) = (evidence + mu) / (checked claims + 1)``, where ``mu`` is
   learned per group of sources: the mean evidence rate of the group's sources
   (a group's mean counts the overall mean as one more member). By default
   (``groups="activity"``) sources are grouped by how much they say, the
   integer part of ``log2`` of their number of claims: a source seen once is
   judged by the record of the other occasional sources, not by that of the
   prolific ones. (Population: .794 with one group, .821 with activity groups.)
   ``groups`` may instead label sources (``source_group`` in the CSV, e.g.
   anonymous vs registered editors), or be ``None`` for one group. A source
   seen once is not taken as infallible, and ``ln(A / (1 - A))`` stays finite.
4. With ``similarity="auto"`` (:mod:`kg.truth.similarity`), list values support
   the lists that contain them (Dong et al.'s ACCUSIM:
   ``C*(v) = C(v) + rho * sum over v' of sim(v' -> v) C(v')``, ``rho = 0.5``);
   plain values are unaffected.

**AccuCopy** adds dependence between sources, so that copiers are not counted
as independent voters. For each pair of sources that state a common value,
over the objects both cover: ``kt`` shared values that are true (each counted
by its current probability ``P(v)``; the paper's hard decision by the top value
made pairs flip in and out of dependence and the iteration cycle), ``kf``
shared values that are false (``shared - kt``), ``kd`` objects
where they differ. Independent sources share a true value with probability
``Pt = A1 A2``, a false one with ``Pf = (1 - A1)(1 - A2) / n``, and differ with
``Pd = 1 - Pt - Pf``. If ``s1`` copies ``s2`` (each value with probability
``c``), they share a true value with ``A2 c + Pt (1 - c)``, a false one with
``(1 - A2) c + Pf (1 - c)``, and differ with ``Pd (1 - c)``. Bayes' rule with a
prior ``alpha`` of dependence (split evenly between the two directions) gives
``P(s1 -> s2)``. In the vote for a value, its sources are taken most accurate
first and each one's vote is multiplied by ``prod (1 - c P(s -> s'))`` over the
sources ``s'`` before it, so a copier of an earlier voter adds little. The
order is fixed once, by the ACCU accuracies AccuCopy starts from (an order
that moved with the accuracies made the iteration cycle); ``n`` in ``Pf`` is
the mean ``n`` of the objects. ``c = 0.8`` and ``alpha = 0.2`` are the paper's.

Convergence (both): each iteration moves every accuracy half-way to its new
estimate (the same fixed points, but two sources that only contradict each
other cannot flip-flop between low and high accuracy); stop when no source's
accuracy moved by more than ``tol`` in one iteration, or warn at ``max_iter``.
AccuCopy's ``iterations`` count its own rounds only; the ACCU run that orders
its voters is reported as ``warmup_iterations``. Its first dependence round
judges values by plain vote, as in the paper. Copy probabilities the data
cannot support are damped: shared false values are the evidence of copying,
so each pair's probability is multiplied by ``kf / (kf + 1)`` (``copy_support
= 1``): a pair sharing no value likely false is independent, whatever its
shared true values. Like the paper's
algorithm it can settle on a wrong fixed point when a copy group outnumbers the
independent sources' margin; it is not the default for that reason.

Scale: copy detection looks only at pairs of sources that share a value, held
as a sparse (pair x value) incidence. It refuses, with
:class:`~kg.truth.errors.ProblemTooLargeError`, when that incidence would
exceed ``max_pairs`` entries (a value stated by thousands of sources); use
``accu`` then, which has no pairwise step.

Reference: X. L. Dong, L. Berti-Equille and D. Srivastava, "Integrating
Conflicting Data: The Role of Source Dependence", PVLDB 2(1):550-561, 2009.

Examples:
    >>> from kg.truth._data import ClaimMatrix
    >>> rows = [("a", "x", 1), ("b", "x", 1), ("c", "x", 2)]
    >>> fit = accu(ClaimMatrix.from_rows(rows))
    >>> fit.belief.round(3).tolist()
    [0.971, 0.029]
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kg.truth._data import ClaimMatrix, Floats, Ints
from kg.truth._iterate import DEFAULT_MAX_ITER, DEFAULT_TOL, Fit, iterate
from kg.truth.errors import NotConvergedWarning, ProblemTooLargeError
from kg.truth.similarity import SimilarityKind, similarity_matrix

__all__ = ["MAX_COPY_PAIRS", "accu", "accu_copy"]

#: Most (source pair, shared value) entries AccuCopy holds (about 0.5 GB of work arrays).
MAX_COPY_PAIRS = 20_000_000
_CLIP = 1e-9


def _sum_by(index: Any, weights: Any = None, minlength: int = 0) -> Floats:
    """``np.bincount`` as floats."""
    return np.asarray(np.bincount(index, weights=weights, minlength=minlength), dtype=np.float64)


def _probabilities(m: ClaimMatrix, count: Floats, n: Floats) -> Floats:
    """``P(v)`` from vote counts, with the unseen values of each domain at count 0."""
    top = np.maximum(m.object_max(count), 0.0)
    shifted = np.exp(count - m.spread(top))
    unseen = np.maximum(n + 1 - m.claims_per_object, 0) * np.exp(-top)
    return shifted / m.spread(m.object_sum(shifted) + unseen)


def _group_codes(m: ClaimMatrix, groups: Mapping[Any, Any] | str | None) -> Ints:
    """Integer group of every source; sources not in ``groups`` form one group.

    ``"activity"`` groups sources by ``floor(log2(number of claims))``.
    """
    if isinstance(groups, str):
        if groups != "activity":
            raise ValueError(f"groups must be a mapping, 'activity' or None, got {groups!r}")
        counts = np.maximum(m.claim_counts, 1.0)
        return np.floor(np.log2(counts)).astype(np.int64)
    if not groups:
        return np.zeros(m.n_sources, dtype=np.int64)
    labels = pd.Series([groups.get(s) for s in m.sources], dtype=object)
    code, _ = pd.factorize(labels, use_na_sentinel=False)
    return code.astype(np.int64)


def _group_means(hits: Floats, checked: Floats, group: Ints, fallback: float) -> Floats:
    """Mean accuracy of the checkable sources of each group, per source.

    A group's mean counts the overall mean as one more member, so a group of
    one or two sources does not set its own prior.
    """
    known = checked > 0
    n_groups = int(group.max()) + 1
    rate = np.divide(hits, checked, out=np.zeros_like(hits), where=known)
    total = _sum_by(group[known], weights=rate[known], minlength=n_groups)
    size = _sum_by(group[known], minlength=n_groups)
    overall = float(rate[known].mean()) if known.any() else fallback
    means = (total + overall) / (size + 1)
    out: Floats = means[group]
    return out


def _probabilities_without(
    m: ClaimMatrix, count: Floats, n: Floats, edge_claim: Ints, own: Floats
) -> Floats:
    """For each (source, claim) edge, ``P(claim)`` once that source's vote is removed."""
    obj = m.claim_object[edge_claim]
    top = np.maximum(m.object_max(count), 0.0)
    z = m.object_sum(np.exp(count - m.spread(top))) + np.maximum(
        n + 1 - m.claims_per_object, 0
    ) * np.exp(-top)
    mine = np.exp(count[edge_claim] - top[obj])
    without = np.exp(count[edge_claim] - own - top[obj])
    out: Floats = without / np.maximum(z[obj] - mine + without, 1e-300)
    return out


def _pairs_in_rows(rows: sp.csr_matrix) -> tuple[Ints, Ints, Ints, Ints, Ints]:
    """Every pair ``i < j`` of column indices within each row.

    Returns (row, i, j) per pair and where the two entries sit among the
    (sorted) stored entries of ``rows``.
    """
    rows = rows.tocsr()
    rows.sort_indices()
    per_row = np.diff(rows.indptr)
    pos = np.arange(rows.nnz) - np.repeat(rows.indptr[:-1], per_row)
    later = np.repeat(per_row, per_row) - 1 - pos
    first = np.repeat(np.arange(rows.nnz), later)
    second = first + 1 + np.arange(first.size) - np.repeat(np.cumsum(later) - later, later)
    row = np.repeat(np.repeat(np.arange(rows.shape[0]), per_row), later)
    cols = rows.indices.astype(np.int64)
    return row.astype(np.int64), cols[first], cols[second], first, second


def _n_pairs(rows: sp.csr_matrix) -> int:
    per_row = np.diff(rows.indptr).astype(np.int64)
    return int((per_row * (per_row - 1) // 2).sum())


class _Pairs:
    """Pairs of sources sharing at least one value, and what they share.

    ``pair``, ``edge_i`` and ``edge_j`` have one entry per (pair, shared value):
    the pair's index and where its two (source, value) edges sit among ``sc``'s
    stored entries; ``same`` and ``differ`` count, per pair, the values shared
    and the objects both cover with different values.
    """

    def __init__(self, m: ClaimMatrix, max_pairs: int) -> None:
        cover = sp.csr_matrix(
            (np.ones(m.n_claims), (m.claim_object, np.arange(m.n_claims))),
            shape=(m.n_objects, m.n_claims),
        )
        by_object = (cover @ m.binary.T).tocsr()  # objects x sources
        by_object.data = np.ones_like(by_object.data)
        size = _n_pairs(m.sc_t) + _n_pairs(by_object)
        if size > max_pairs:
            raise ProblemTooLargeError(
                f"copy detection needs {size:,} (source pair, shared item) entries "
                f"(limit {max_pairs:,}); use method 'accu', which has no pairwise step"
            )
        # claims x sources, each entry holding (1 + its position among sc's sorted entries)
        b = m.sc.tocsr()
        b.sort_indices()
        ids = sp.csr_matrix(
            (np.arange(1, b.nnz + 1, dtype=np.float64), b.indices, b.indptr), shape=b.shape
        ).T.tocsr()
        ids.sort_indices()
        claim, src_i, src_j, at_i, at_j = _pairs_in_rows(ids)
        keys, pair = np.unique(src_i * m.n_sources + src_j, return_inverse=True)
        self.i: Ints = keys // m.n_sources
        self.j: Ints = keys % m.n_sources
        self.pair: Ints = pair
        self.incidence = sp.csr_matrix(
            (np.ones(claim.size), (pair, claim)), shape=(keys.size, m.n_claims)
        )
        self.same: Floats = np.asarray(self.incidence.sum(axis=1), dtype=np.float64).ravel()
        _, obj_i, obj_j, _, _ = _pairs_in_rows(by_object)
        shared_keys, shared = np.unique(obj_i * m.n_sources + obj_j, return_counts=True)
        both = shared[np.searchsorted(shared_keys, keys)].astype(np.float64)
        self.differ: Floats = np.maximum(both - self.same, 0.0)
        self.edge_i: Ints = ids.data[at_i].astype(np.int64) - 1
        self.edge_j: Ints = ids.data[at_j].astype(np.int64) - 1


def _copy_probabilities(
    pairs: _Pairs,
    acc: Floats,
    p_true: Floats,
    n: float,
    c: float,
    alpha: float,
    copy_support: float = 1.0,
) -> tuple[Floats, Floats]:
    """``P(i -> j)`` and ``P(j -> i)`` for every pair (``->`` reads "copies from").

    Each is the posterior of that direction against independence and the other
    direction, from the log-likelihood ratio of the shared true, shared false and
    different values, times ``kf / (kf + copy_support)``: a pair that shares no
    value likely false is independent, and one that shares a few is
    damped.
    """
    kt: Floats = np.asarray(pairs.incidence @ p_true, dtype=np.float64)
    kf = pairs.same - kt
    # If i copies j, a shared true value has probability A_j c + Pt (1 - c) against
    # Pt = A_i A_j, a ratio 1 + c (1 - A_i) / A_i; a shared false one
    # (1 - A_j) c + Pf (1 - c) against Pf = (1 - A_i)(1 - A_j) / n, a ratio
    # c n / (1 - A_i) + 1 - c. Both depend on the copier's accuracy alone.
    log_true = np.log1p(c * (1 - acc) / acc)
    log_false = np.log(c * n / (1 - acc) + 1 - c)
    # P(differ) shrinks by (1 - c) under copying; the prior splits alpha over two directions
    base = pairs.differ * np.log(1 - c) + np.log(alpha / 2)
    li = base + kt * log_true[pairs.i] + kf * log_false[pairs.i]
    lj = base + kt * log_true[pairs.j] + kf * log_false[pairs.j]
    l0 = np.log(1 - alpha)
    top = np.maximum(np.maximum(li, lj), l0)
    ei, ej = np.exp(li - top), np.exp(lj - top)
    total = ei + ej + np.exp(l0 - top)
    # Only shared false values show copying; damp pairs that share few of them.
    support = kf / (kf + copy_support) if copy_support > 0 else np.ones_like(kf)
    return support * ei / total, support * ej / total


def _run(
    m: ClaimMatrix,
    name: str,
    *,
    n: float | None,
    initial_accuracy: float,
    prior_weight: float,
    prior_mean: float | None,
    groups: Mapping[Any, Any] | str | None,
    judge_others: float,
    anchor: float,
    pairs: _Pairs | None,
    warm: Fit | None,
    sim: sp.csr_matrix | None,
    rho: float,
    c: float,
    alpha: float,
    max_iter: int,
    tol: float,
    copy_support: float = 1.0,
) -> Fit:
    if n is not None and n <= 0:
        raise ValueError(f"n (number of false values) must be positive, got {n}")
    if not 0 <= judge_others <= 1:
        raise ValueError(f"judge_others must lie in [0, 1], got {judge_others}")
    if not 0 <= anchor <= 1:
        raise ValueError(f"anchor must lie in [0, 1], got {anchor}")
    b = m.sc.tocsr()
    b.sort_indices()
    edge_src = np.repeat(np.arange(m.n_sources), np.diff(b.indptr))
    edge_claim = b.indices.astype(np.int64)
    edge_w = b.data
    prob: Floats = np.full(m.n_claims, 0.5)
    if n is None:  # the claimed values are the domain: k - 1 false values
        n_obj = np.maximum(m.claims_per_object - 1, 1).astype(np.float64)
    else:
        n_obj = np.full(m.n_objects, float(n))
    log_n_edge = np.log(n_obj[m.claim_object[edge_claim]])
    n_pair = float(np.mean(n_obj))

    # Objects another source also covers: only there can a claim be checked.
    objects_sources = _sum_by(m.claim_object[edge_claim], weights=edge_w, minlength=m.n_objects)
    checkable = edge_w * (objects_sources[m.claim_object[edge_claim]] - edge_w > 1e-9)
    checked = _sum_by(edge_src, weights=checkable, minlength=m.n_sources)

    group = _group_codes(m, groups)
    start = np.full(m.n_sources, initial_accuracy)
    if pairs is not None:  # the first dependence round judges values by plain vote
        votes = m.sc_t @ np.ones(m.n_sources)
        prob = votes / m.spread(m.object_sum(votes))
    # Voters in a fixed order, most accurate first by ACCU (an order that moved with
    # the accuracies made the iteration cycle).
    order_by = start if warm is None else warm.trust
    rank = np.argsort(np.argsort(-order_by, kind="stable"), kind="stable")
    if pairs is not None:  # the later voter of each pair, and its edge per shared value
        i_later = rank[pairs.i] > rank[pairs.j]
        target = np.where(i_later[pairs.pair], pairs.edge_i, pairs.edge_j)

    def step(acc: Floats) -> tuple[Floats, Floats]:
        nonlocal prob
        vote = log_n_edge + np.log(acc / (1 - acc))[edge_src]
        discount = np.ones(b.nnz)
        if pairs is not None:
            # shared values count as true by their probability (a hard top-value
            # decision flipped pairs in and out of dependence and made the iteration cycle)
            p_ij, p_ji = _copy_probabilities(pairs, acc, prob, n_pair, c, alpha, copy_support)
            keep = np.log(np.maximum(1 - c * np.where(i_later, p_ij, p_ji), _CLIP))
            log_keep = _sum_by(target, weights=keep[pairs.pair], minlength=b.nnz)
            discount = np.exp(log_keep)
        count = _sum_by(edge_claim, weights=edge_w * discount * vote, minlength=m.n_claims)
        if sim is not None:
            count = count + rho * (sim @ count)
        prob = _probabilities(m, count, n_obj)
        # A source's expected hits where others can check them: mostly the posterior of
        # its values, partly that posterior without its own vote (rule 2).
        evidence = prob[edge_claim]
        if anchor > 0:  # partly the belief relative to the object's top (rule 2)
            relative = prob / m.spread(np.maximum(m.object_max(prob), 1e-300))
            evidence = (1 - anchor) * evidence + anchor * relative[edge_claim]
        if judge_others > 0:
            own = edge_w * discount * vote
            without = _probabilities_without(m, count, n_obj, edge_claim, own)
            evidence = (1 - judge_others) * evidence + judge_others * without
        hits = _sum_by(edge_src, weights=checkable * evidence, minlength=m.n_sources)
        mu = (
            _group_means(hits, checked, group, initial_accuracy)
            if prior_mean is None
            else prior_mean
        )
        acc_new = (hits + prior_weight * mu) / (checked + prior_weight)
        # Half a step: the same fixed points, but two sources that only contradict
        # each other cannot flip-flop between low and high accuracy.
        acc_new = (acc + acc_new) / 2
        return np.clip(acc_new, _CLIP, 1 - _CLIP), prob

    return iterate(name, step, start, max_iter, tol)


def _sim(m: ClaimMatrix, kind: SimilarityKind) -> sp.csr_matrix | None:
    return None if kind == "exact" else similarity_matrix(m, kind)


def accu(
    m: ClaimMatrix,
    *,
    n: float | None = None,
    similarity: SimilarityKind = "auto",
    rho: float = 0.5,
    initial_accuracy: float = 0.8,
    prior_weight: float = 1.0,
    prior_mean: float | None = None,
    groups: Mapping[Any, Any] | str | None = "activity",
    judge_others: float = 0.2,
    anchor: float = 0.25,
    max_iter: int = DEFAULT_MAX_ITER,
    tol: float = DEFAULT_TOL,
) -> Fit:
    """ACCU: Bayesian vote weighted by each source's estimated accuracy.

    Args:
        m: Encoded claims.
        n: Number of false values per object; ``None`` (default) reads it
            from the data as the number of claimed values less one.
        initial_accuracy: Accuracy of every source before the first iteration.
        prior_weight: Weight of the Beta prior on accuracy, in claims.
        prior_mean: Mean of that prior; ``None`` learns it from the data
            (per group).
        groups: ``"activity"`` (sources grouped by how many claims they make),
            a ``source -> group label`` mapping, or ``None`` (one group); each
            group learns its own prior mean.
        judge_others: Weight of the leave-one-out estimate in a source's
            evidence (rule 2); 0 is the paper's posterior alone.
        anchor: Weight of the belief relative to the object's top value in a
            source's evidence (rule 2); 0 is the paper's posterior alone.
        similarity: Value similarity (:func:`~kg.truth.similarity.similarity_matrix`).
        rho: Weight of similar values' counts.
        max_iter: Iteration cap.
        tol: Convergence tolerance on accuracy.

    Returns:
        Accuracy per source (the trust) and probability per claim (the belief).
    """
    return _run(
        m,
        "accu",
        n=n,
        initial_accuracy=initial_accuracy,
        prior_weight=prior_weight,
        prior_mean=prior_mean,
        groups=groups,
        judge_others=judge_others,
        anchor=anchor,
        pairs=None,
        warm=None,
        sim=_sim(m, similarity),
        rho=rho,
        c=0.0,
        alpha=0.0,
        max_iter=max_iter,
        tol=tol,
    )


def accu_copy(
    m: ClaimMatrix,
    *,
    n: float | None = None,
    similarity: SimilarityKind = "auto",
    rho: float = 0.5,
    c: float = 0.8,
    alpha: float = 0.2,
    initial_accuracy: float = 0.8,
    prior_weight: float = 1.0,
    prior_mean: float | None = None,
    groups: Mapping[Any, Any] | str | None = "activity",
    judge_others: float = 0.2,
    anchor: float = 0.25,
    max_iter: int = DEFAULT_MAX_ITER,
    tol: float = DEFAULT_TOL,
    max_pairs: int = MAX_COPY_PAIRS,
    copy_support: float = 1.0,
) -> Fit:
    """AccuCopy: ACCU whose votes are discounted for detected copying.

    Args:
        m: Encoded claims.
        n: Number of false values per object; ``None`` (default) reads it
            from the data as the number of claimed values less one.
        c: Probability that a copier copies any one value.
        alpha: Prior probability that two sources are dependent.
        initial_accuracy: Accuracy of every source before the first iteration.
        prior_weight: Weight of the Beta prior on accuracy, in claims.
        prior_mean: Mean of that prior; ``None`` learns it from the data
            (per group).
        groups: ``"activity"`` (sources grouped by how many claims they make),
            a ``source -> group label`` mapping, or ``None`` (one group); each
            group learns its own prior mean.
        judge_others: Weight of the leave-one-out estimate in a source's
            evidence (rule 2); 0 is the paper's posterior alone.
        anchor: Weight of the belief relative to the object's top value in a
            source's evidence (rule 2); 0 is the paper's posterior alone.
        similarity: Value similarity (:func:`~kg.truth.similarity.similarity_matrix`).
        rho: Weight of similar values' counts.
        max_iter: Iteration cap.
        tol: Convergence tolerance on accuracy.
        max_pairs: Most (source pair, shared value) entries to hold.
        copy_support: Shared false values at which a pair's copy probability is
            halved (0 turns the damping off).

    Returns:
        Accuracy per source (the trust) and probability per claim (the belief).

    Raises:
        ProblemTooLargeError: If copy detection would exceed ``max_pairs``.
    """
    if not 0 < c < 1 or not 0 < alpha < 1:
        raise ValueError(f"c and alpha must lie in (0, 1), got c={c}, alpha={alpha}")
    with warnings.catch_warnings():  # only its order of sources is used
        warnings.simplefilter("ignore", NotConvergedWarning)
        warm = accu(
            m,
            n=n,
            similarity=similarity,
            rho=rho,
            initial_accuracy=initial_accuracy,
            prior_weight=prior_weight,
            prior_mean=prior_mean,
            groups=groups,
            judge_others=judge_others,
        anchor=anchor,
            max_iter=max_iter,
            tol=tol,
        )
    fit = _run(
        m,
        "accu_copy",
        n=n,
        initial_accuracy=initial_accuracy,
        prior_weight=prior_weight,
        prior_mean=prior_mean,
        groups=groups,
        judge_others=judge_others,
        anchor=anchor,
        pairs=_Pairs(m, max_pairs),
        warm=warm,
        sim=_sim(m, similarity),
        rho=rho,
        c=c,
        alpha=alpha,
        max_iter=max_iter,
        tol=tol,
        copy_support=copy_support,
    )
    return replace(fit, warmup_iterations=warm.iterations)
