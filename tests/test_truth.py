"""Truth discovery methods: known answers worked by hand, convergence, ties, invariants."""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.truth
from kg.truth import (
    DEFAULT_METHOD,
    METHODS,
    ClaimMatrix,
    Fit,
    NoClaimsError,
    NotConvergedWarning,
    ProblemTooLargeError,
    UnknownMethodError,
    discover,
)
from kg.truth.accu import _copy_probabilities, accu, accu_copy
from kg.truth.factfinders import average_log, investment, pooled_investment, sums
from kg.truth.similarity import similarity_matrix
from kg.truth.truthfinder import truthfinder
from kg.truth.vote import majority_vote

ITERATIVE = [m for m in METHODS if m != "majority_vote"]

# The running example: a states x=1 and y=1, b states x=1, c states x=2.
# Claims are sorted by object, then by first appearance of the value:
# claim 0 = (x, 1), claim 1 = (x, 2), claim 2 = (y, 1); sources a, b, c.
EXAMPLE = [("a", "x", "1"), ("a", "y", "1"), ("b", "x", "1"), ("c", "x", "2")]


@pytest.fixture
def example() -> ClaimMatrix:
    m = ClaimMatrix.from_rows(EXAMPLE)
    assert list(m.sources) == ["a", "b", "c"]
    assert [(m.objects[o], v) for o, v in zip(m.claim_object, m.claim_values, strict=True)] == [
        ("x", "1"),
        ("x", "2"),
        ("y", "1"),
    ]
    return m


def _until_converged(method: Callable[..., Fit]) -> dict[str, Any]:
    """``fixed=False`` for the methods that run a fixed count by default."""
    return {"fixed": False} if "fixed" in inspect.signature(method).parameters else {}


def one_iteration(method: Callable[..., Fit], m: ClaimMatrix, **params: Any) -> Fit:
    params = {**_until_converged(method), **params}
    with pytest.warns(NotConvergedWarning, match="cap of 1 iterations"):
        fit = method(m, max_iter=1, tol=0.0, **params)
    assert fit.iterations == 1
    assert not fit.converged
    return fit


# --- public API ---------------------------------------------------------------------------


def test_public_api_is_small_and_pinned() -> None:
    assert sorted(kg.truth.__all__) == sorted(
        [
            "DEFAULT_METHOD",
            "METHODS",
            "ClaimMatrix",
            "ClaimsFileError",
            "Discovery",
            "Fit",
            "NoClaimsError",
            "NotConvergedWarning",
            "ProblemTooLargeError",
            "UnknownMethodError",
            "author_key",
            "dataset_observations",
            "discover",
            "read_claims",
            "write_results",
        ]
    )
    assert set(METHODS) == {
        "majority_vote",
        "sums",
        "average_log",
        "investment",
        "pooled_investment",
        "truthfinder",
        "accu",
        "accu_copy",
    }
    assert DEFAULT_METHOD == "accu"


# --- encoding -----------------------------------------------------------------------------


def test_encoding_splits_a_sources_vote_over_its_values() -> None:
    m = ClaimMatrix.from_rows([("a", "x", 1), ("a", "x", 2), ("b", "x", 1), ("b", "x", 1)])
    assert m.sc.toarray().tolist() == [[0.5, 0.5], [1.0, 0.0]]
    assert m.n_rows == 3  # the repeated (b, x, 1) counts once
    assert m.source_votes.tolist() == [1.0, 1.0]


def test_encoding_folds_attribute_into_object() -> None:
    frame = pd.DataFrame(
        {
            "source": ["a", "b"],
            "object": ["paris", "paris"],
            "attribute": ["pop", "area"],
            "value": ["2M", "105"],
        }
    )
    m = ClaimMatrix.from_frame(frame)
    assert sorted(m.objects) == [("paris", "area"), ("paris", "pop")]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "no claims"),
        ([("a", "x")], "give \\(source, object, value\\) tuples"),
        ([("a", "x", None)], "no claims"),
    ],
)
def test_encoding_refuses_nothing_to_discover(rows: list[tuple[str, ...]], message: str) -> None:
    with pytest.raises(NoClaimsError, match=message):
        ClaimMatrix.from_rows(rows)


def test_frame_without_value_column_is_refused() -> None:
    with pytest.raises(NoClaimsError, match="missing column\\(s\\) value"):
        ClaimMatrix.from_frame(pd.DataFrame({"source": ["a"], "object": ["x"]}))


# --- majority vote -------------------------------------------------------------------------


def test_majority_vote_known_answer(example: ClaimMatrix) -> None:
    fit = majority_vote(example)
    # x: two of three votes for 1, one for 2; y: its only vote for 1
    assert fit.belief == pytest.approx([2 / 3, 1 / 3, 1.0])
    # trust = mean vote share of the source's values
    assert fit.trust == pytest.approx([(2 / 3 + 1) / 2, 2 / 3, 1 / 3])
    assert fit.converged and fit.iterations == 1


def test_majority_vote_split_vote() -> None:
    m = ClaimMatrix.from_rows([("a", "x", 1), ("b", "x", 1), ("d", "x", 1), ("d", "x", 2)])
    assert majority_vote(m).belief == pytest.approx([2.5 / 3, 0.5 / 3])


# --- Pasternack & Roth fact-finders --------------------------------------------------------


def test_sums_one_iteration_by_hand(example: ClaimMatrix) -> None:
    fit = one_iteration(sums, example)
    # T = SC B0 with B0 = 0.5: a 1.0, b 0.5, c 0.5, then / max
    assert fit.trust == pytest.approx([1.0, 0.5, 0.5])
    # B = SC^T T: (x,1) a+b = 1.5, (x,2) c = 0.5, (y,1) a = 1.0, then / max
    assert fit.belief == pytest.approx([1.0, 1 / 3, 2 / 3])


def test_sums_converges_to_the_principal_eigenvector(example: ClaimMatrix) -> None:
    fit = sums(example, fixed=False)
    assert fit.converged
    a = example.sc.toarray()
    _, vectors = np.linalg.eigh(a @ a.T)
    principal = np.abs(vectors[:, -1])
    assert fit.trust == pytest.approx(principal / principal.max(), abs=1e-4)


def test_average_log_one_iteration_by_hand(example: ClaimMatrix) -> None:
    fit = one_iteration(average_log, example)
    # T = log|C(s)| * mean B: a log(2) * 0.5, b and c log(1) * 0.5 = 0
    assert fit.trust == pytest.approx([1.0, 0.0, 0.0])
    # B = SC^T T: (x,1) 1, (x,2) 0, (y,1) 1
    assert fit.belief == pytest.approx([1.0, 0.0, 1.0])


def test_average_log_reaches_its_fixed_point(example: ClaimMatrix) -> None:
    fit = average_log(example, fixed=False)
    assert fit.converged and fit.iterations == 2
    assert fit.belief == pytest.approx([1.0, 0.0, 1.0])


def test_investment_one_iteration_by_hand(example: ClaimMatrix) -> None:
    fit = one_iteration(investment, example)
    b0 = [2 / 3, 1 / 3, 1.0]  # each claim's share of its object's votes
    stake = {"a": 1 / 2, "b": 1.0, "c": 1.0}  # T0 = 1 spread over |C(s)| claims
    pooled = [stake["a"] + stake["b"], stake["c"], stake["a"]]  # invested per claim
    t = {
        "a": stake["a"] * (b0[0] / pooled[0] + b0[2] / pooled[2]),
        "b": stake["b"] * (b0[0] / pooled[0]),
        "c": stake["c"] * (b0[1] / pooled[1]),
    }
    returns = [t["a"] / 2 + t["b"], t["c"], t["a"] / 2]
    b = [r**1.2 for r in returns]
    assert fit.trust == pytest.approx([t[s] / t["a"] for s in "abc"])
    assert fit.belief == pytest.approx([x / max(b) for x in b])


def test_pooled_investment_one_iteration_by_hand(example: ClaimMatrix) -> None:
    fit = one_iteration(pooled_investment, example)
    b0 = [1 / 2, 1 / 2, 1.0]  # uniform over each object's values
    t = {
        "a": 0.5 * (b0[0] / 1.5 + b0[2] / 0.5),
        "b": 1.0 * (b0[0] / 1.5),
        "c": 1.0 * (b0[1] / 1.0),
    }
    h = [t["a"] / 2 + t["b"], t["c"], t["a"] / 2]
    g = [x**1.4 for x in h]
    b = [h[0] * g[0] / (g[0] + g[1]), h[1] * g[1] / (g[0] + g[1]), h[2] * g[2] / g[2]]
    assert fit.trust == pytest.approx([t[s] / t["a"] for s in "abc"])
    assert fit.belief == pytest.approx([x / max(b) for x in b])


# --- TruthFinder ---------------------------------------------------------------------------


def test_truthfinder_one_iteration_by_hand() -> None:
    m = ClaimMatrix.from_rows([("a", "x", "1"), ("b", "x", "2"), ("c", "x", "1")])
    fit = one_iteration(truthfinder, m)
    tau = -math.log(1 - 0.9)
    s1, s2 = 2 * tau, tau  # sigma: sum of the tau of each value's sources
    sig = lambda x: 1 / (1 + math.exp(-0.3 * x))  # noqa: E731
    c1, c2 = sig(s1), sig(s2)  # base_sim = 0: exclusivity alone makes rivals compete
    # exclusive confidence: the two rivals share at most one unit
    assert c1 + c2 > 1
    e1, e2 = c1 / (c1 + c2), c2 / (c1 + c2)
    assert fit.belief == pytest.approx([e1, e2])
    assert fit.trust == pytest.approx([e1, e2, e1])
    paper = one_iteration(truthfinder, m, exclusive=False, base_sim=0.5)
    p1, p2 = sig(s1 - 0.5 * 0.5 * s2), sig(s2 - 0.5 * 0.5 * s1)  # imp = 0 - base_sim
    assert paper.belief == pytest.approx([p1, p2])
    assert paper.trust == pytest.approx([p1, p2, p1])


def test_truthfinder_partial_list_supports_the_full_list() -> None:
    # one source gives the full list; two give only the first author
    rows = [
        ("a", "b1", "haag;perry"),
        ("b", "b1", "haag"),
        ("c", "b1", "haag"),
        ("d", "b1", "haag;perry"),
    ]
    m = ClaimMatrix.from_rows(rows)
    with_sim = truthfinder(m)
    exact = truthfinder(m, similarity="exact")
    # a tie without similarity; the containing list wins with it
    assert exact.belief[0] == pytest.approx(exact.belief[1])
    assert with_sim.ranking[0] > with_sim.ranking[1]


def test_truthfinder_ranks_by_log_odds_when_confidence_saturates() -> None:
    rows = [(f"s{i}", "x", "1") for i in range(60)] + [(f"t{i}", "x", "2") for i in range(59)]
    d = discover(rows, "truthfinder", exclusive=False)
    assert d.fit.belief[0] == d.fit.belief[1] == 1.0  # saturated in floating point
    assert d.truths() == {"x": ("1",)}
    assert discover(rows, "truthfinder").truths() == {"x": ("1",)}


def test_similarity_matrix_by_hand() -> None:
    m = ClaimMatrix.from_rows([("a", "b", "haag"), ("b", "b", "estevez;haag;perry")])
    s = similarity_matrix(m).toarray()
    # sim(f' -> f) = share of f' contained in f; S[f, f'] holds it
    assert s.tolist() == [[0.0, 1 / 3], [1.0, 0.0]]
    n = ClaimMatrix.from_rows([("a", "x", "100"), ("b", "x", "95"), ("c", "x", "50")])
    assert similarity_matrix(n, "numeric").toarray()[0, 1] == pytest.approx(1 - 5 / 10)
    assert similarity_matrix(n, "numeric").toarray()[0, 2] == 0.0
    assert similarity_matrix(n).nnz == 0  # auto never treats numbers as close


def test_similarity_refuses_too_many_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.truth.similarity.MAX_PAIRS", 5)
    m = ClaimMatrix.from_rows([(f"s{i}", "x", str(i)) for i in range(4)])
    with pytest.raises(ProblemTooLargeError, match="similarity='exact'"):
        similarity_matrix(m, "numeric")
    with pytest.raises(ValueError, match="unknown similarity kind"):
        similarity_matrix(m, "fuzzy")  # type: ignore[arg-type]


# --- ACCU / AccuCopy -----------------------------------------------------------------------


def test_accu_one_iteration_by_hand() -> None:
    m = ClaimMatrix.from_rows([("a", "x", "1"), ("b", "x", "1"), ("c", "x", "2")])
    fit = one_iteration(accu, m)
    # n = k - 1 = 1 false value; every vote ln(1 * 0.8 / 0.2) = ln 4
    vote = math.log(4)
    p1 = math.exp(2 * vote) / (math.exp(2 * vote) + math.exp(vote))
    assert fit.belief == pytest.approx([p1, 1 - p1])  # 16/20, 4/20
    # each source judged by 0.8 x (0.75 x the posterior of its value + 0.25 x that
    # posterior relative to the object's top) + 0.2 x the posterior without its own
    # vote (a: 1 vote against 1 -> 1/2; c: none against 2 -> 1/17)
    e_a = 0.8 * (0.75 * p1 + 0.25 * 1.0) + 0.2 * 0.5
    e_c = 0.8 * (0.75 * (1 - p1) + 0.25 * (1 - p1) / p1) + 0.2 / (1 + math.exp(2 * vote))
    mu = (e_a + e_a + e_c) / 3  # learned prior mean
    post = [(e + mu) / (1 + 1) for e in (e_a, e_a, e_c)]  # Beta prior worth one claim
    assert fit.trust == pytest.approx([(0.8 + p) / 2 for p in post])  # half a step from 0.8


def test_accu_paper_domain_size() -> None:
    m = ClaimMatrix.from_rows([("a", "x", "1"), ("b", "x", "1"), ("c", "x", "2")])
    fit = one_iteration(accu, m, n=100, prior_mean=0.8)
    vote = math.log(100 * 4)
    z = math.exp(2 * vote) + math.exp(vote) + 99  # 99 unseen values at count 0
    assert fit.belief == pytest.approx([math.exp(2 * vote) / z, math.exp(vote) / z])


def test_copy_probability_by_hand() -> None:
    # two sources of accuracy 0.8 sharing two values both decided false, n = 1
    pairs = SimpleNamespace(
        i=np.array([0]),
        j=np.array([1]),
        incidence=sp.csr_matrix(np.array([[1.0, 1.0]])),
        same=np.array([2.0]),
        differ=np.array([0.0]),
    )
    p_ij, p_ji = _copy_probabilities(
        pairs,  # type: ignore[arg-type]
        np.array([0.8, 0.8]),
        np.array([0.0, 0.0]),
        n=1.0,
        c=0.8,
        alpha=0.2,
    )
    independent = 0.8 * (0.2 * 0.2 / 1) ** 2
    copying = 0.1 * (0.2 * 0.8 + 0.04 * 0.2) ** 2
    support = 2 / (2 + 1)  # two shared false values, damped by kf / (kf + 1)
    assert p_ij[0] == pytest.approx(support * copying / (2 * copying + independent))
    assert p_ji[0] == pytest.approx(p_ij[0])


def copier_rows(seed: int = 1) -> list[tuple[str, str, str]]:
    """Six independent sources (75 % right, errors spread over 4 values) and a copy group.

    The group is an origin right half the time and three copiers that repeat all
    of its values: four votes that always agree.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(60):
        obj = f"o{k}"
        for g in range(6):
            right = rng.random() < 0.75
            rows.append((f"good{g}", obj, "t" if right else f"e{k}_{rng.integers(0, 4)}"))
        copied = "t" if rng.random() < 0.5 else f"c{k}"
        rows += [(name, obj, copied) for name in ("origin", "copy1", "copy2", "copy3")]
    return rows


def test_accu_copy_does_not_count_copiers_as_independent() -> None:
    rows = copier_rows()

    def right(method: str) -> int:
        return sum(v == ("t",) for v in discover(rows, method).truths().values())

    # the copy group's agreement misleads the vote; ACCU with the paper's posterior
    # alone learns that four sources always agreeing must be accurate, and follows it...
    assert right("majority_vote") == 49
    assert sum(v == ("t",) for v in discover(rows, "accu", anchor=0.0).truths().values()) == 30
    # ...while AccuCopy finds the dependence and counts the group about once (and
    # ACCU's anchor keeps it off that fixed point here too)
    assert right("accu_copy") == 60
    assert right("accu") == 60
    d = discover(rows, "accu_copy")
    assert min(d.trust[f"good{g}"] for g in range(6)) > max(
        d.trust[s] for s in ("origin", "copy1", "copy2", "copy3")
    )


def test_accu_copy_refuses_too_many_pairs() -> None:
    rows = [(f"s{i}", "x", "1") for i in range(10)]
    with pytest.raises(ProblemTooLargeError, match="use method 'accu'"):
        accu_copy(ClaimMatrix.from_rows(rows), max_pairs=10)
    with pytest.raises(ValueError, match="c and alpha"):
        accu_copy(ClaimMatrix.from_rows(rows), c=1.5)


def test_accu_groups_learn_their_own_prior() -> None:
    # anonymous sources err; registered ones are right; each object has one of each
    rows = []
    for k in range(20):
        rows += [(f"reg{k % 4}", f"o{k}", "t"), (f"anon{k}", f"o{k}", f"w{k}")]
        rows += [(f"reg{(k + 1) % 4}", f"o{k}", "t")] if k < 10 else []
    groups = {s: ("anon" if s.startswith("anon") else "reg") for s, _, _ in rows}
    d = discover(rows, "accu", groups=groups)
    assert all(v == ("t",) for v in d.truths().values())
    assert d.trust["anon15"] < d.trust["reg1"]


# --- convergence and its cap, for every iterative method -----------------------------------


@pytest.mark.parametrize("method", ITERATIVE)
def test_converges_without_warning(method: str, recwarn: pytest.WarningsRecorder) -> None:
    d = discover([*EXAMPLE, ("d", "y", "1"), ("d", "x", "1")], method)
    assert d.converged
    assert d.iterations < 500
    assert not [w for w in recwarn if issubclass(w.category, NotConvergedWarning)]


@pytest.mark.parametrize("method", ITERATIVE)
def test_stops_at_cap_with_warning(method: str) -> None:
    params = _until_converged(METHODS[method])
    with pytest.warns(NotConvergedWarning, match=f"{method} stopped at its cap of 1 "):
        d = discover(EXAMPLE, method, max_iter=1, tol=0.0, **params)
    assert not d.converged


@pytest.mark.parametrize("method", ITERATIVE)
def test_iteration_arguments_are_checked(method: str) -> None:
    with pytest.raises(ValueError, match="max_iter"):
        discover(EXAMPLE, method, max_iter=0)


# --- ties ----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", list(METHODS))
def test_symmetric_data_is_reported_as_a_tie(method: str) -> None:
    rows = [("a", "x", "1"), ("b", "x", "2"), ("a", "y", "3"), ("b", "y", "4"), ("c", "z", "5")]
    d = discover(rows, method)
    assert d.ties() == {"x": ("1", "2"), "y": ("3", "4")}
    assert d.truths()["z"] == ("5",)
    assert d.n_ties() == 2
    frame = d.belief_frame()
    assert frame["top"].tolist() == [True, True, True, True, True]


def test_unknown_method() -> None:
    with pytest.raises(UnknownMethodError, match="choose one of majority_vote"):
        discover(EXAMPLE, "pagerank")


# --- Python usage: tuples, DataFrame -------------------------------------------------------


def test_list_of_tuples_and_dataframe_agree() -> None:
    rows = copier_rows()
    frame = pd.DataFrame(rows, columns=["source", "object", "value"])
    a, b = discover(rows), discover(frame)
    assert a.truths() == b.truths()
    assert a.trust == pytest.approx(b.trust)
    assert list(a.trust_frame().columns) == ["source", "trust"]
    assert a.beliefs()[0][:2] == ("o0", "t")


# --- invariants ----------------------------------------------------------------------------

claims = st.lists(
    st.tuples(st.sampled_from("abcdef"), st.sampled_from("xyz"), st.sampled_from("1234")),
    min_size=1,
    max_size=25,
)


@settings(max_examples=25, deadline=None)
@given(rows=claims, method=st.sampled_from(list(METHODS)))
def test_scores_are_in_range_and_every_object_has_an_answer(
    rows: list[tuple[str, str, str]], method: str
) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotConvergedWarning)
        d = discover(rows, method)
    assert np.all(np.isfinite(d.fit.belief))
    assert np.all((d.fit.belief >= 0) & (d.fit.belief <= 1 + 1e-12))
    assert np.all((d.fit.trust >= 0) & (d.fit.trust <= 1 + 1e-12))
    assert set(d.truths()) == {o for _, o, _ in rows}


def test_one_rule_for_ties_in_every_output(tmp_path: Any) -> None:
    from kg.truth import write_results
    from kg.truth.discover import Discovery

    # beliefs that differ only in the last bits (sums taken in another order) are a tie
    m = ClaimMatrix.from_rows([("a", "x", "1"), ("b", "x", "2"), ("c", "y", "1"), ("d", "y", "2")])
    belief = np.array([0.1 + 0.2, 0.3, 0.6, 0.4])
    assert belief[0] != belief[1]
    fit = Fit(trust=np.ones(4), belief=belief, iterations=1, converged=True)
    d = Discovery("test", m, fit, 0.0)
    write_results(d, tmp_path)
    beliefs = pd.read_csv(tmp_path / "beliefs.csv", dtype={"value": str})
    truths = pd.read_csv(tmp_path / "truths.csv", dtype={"value": str})
    x = beliefs[beliefs["object"] == "x"]["belief"]
    assert x.nunique() == 1  # written as one belief, as truths.csv and ties() count them
    assert truths.groupby("object").size().to_dict() == {"x": 2, "y": 1}
    assert d.ties() == {"x": ("1", "2")} and d.n_ties() == 1
