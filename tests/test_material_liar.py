"""LIAR: parsing, the dataset it becomes, leave-out histories, and the AUC."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from kg.credibility import Policy, assess
from kg.errors import DatasetError
from kg.formats.liar import (
    binarise,
    history_without,
    liar_dataset,
    load_liar,
    parse_liar,
    roc_auc,
)

from .conftest import SHARED

LIAR = SHARED / "datasets" / "liar" / "test.tsv"

ROWS = (
    "1.json\tfalse\tThe sky is green.\tweather\tjane-doe\tSenator\tTexas\trepublican"
    "\t1\t5\t0\t0\t2\tradio\n"
    "2.json\ttrue\tWater is wet.\tscience\tjohn-roe\tMayor\tOhio\tdemocrat\t0\t0\t1\t4\t0\ttv\n"
    "3.json\tmostly-true\tTaxes rose.\ttaxes\tjohn-roe\tMayor\tOhio\tdemocrat\t0\t0\t1\t4\t0\ttv\n"
)


def test_parse_rows() -> None:
    rows = parse_liar(ROWS)
    assert [r.label for r in rows] == ["false", "true", "mostly-true"]
    assert rows[0].history == Counter({"barely-true": 1, "false": 5, "half-true": 0,
                                       "mostly-true": 0, "pants-fire": 2})
    assert rows[0].party == "republican" and rows[0].id == "1"


@pytest.mark.parametrize(("text", "expect"), [
    ("1.json\tfalse\tx\n", "x.tsv:1: 3 columns, expected 14"),
    (ROWS.replace("\tfalse\t", "\tfibbing\t"), "x.tsv:1: label: unknown label 'fibbing'"),
    (ROWS.replace("\t1\t5\t", "\tone\t5\t"), "x.tsv:1: barely-true_count: 'one' is not a count"),
    (ROWS.replace("\t1\t5\t", "\t-1\t5\t"), "x.tsv:1: barely-true_count: '-1' is not a count"),
    (ROWS.replace("jane-doe", ""), "x.tsv:1: speaker: no speaker"),
    ("\n\n", "x.tsv: holds no statement"),
])
def test_bad_rows_name_file_line_and_field(text: str, expect: str) -> None:
    with pytest.raises(DatasetError) as e:
        parse_liar(text, "x.tsv")
    assert str(e.value).startswith(expect)
    assert "\n" not in str(e.value)


def test_history_without_subtracts_the_statements_own_labels() -> None:
    rows = parse_liar(ROWS)
    h = history_without(rows)
    assert h["jane-doe"]["false"] == 4  # 5 minus this statement
    assert h["john-roe"]["mostly-true"] == 3  # "true" has no history column
    assert rows[0].history["false"] == 5  # the rows are untouched


def test_dataset_carries_claims_verdicts_speakers_and_history() -> None:
    rows = parse_liar(ROWS)
    ds = liar_dataset(rows, history=history_without(rows))
    jane = ds.source("speaker-jane-doe")
    assert (jane.name, jane.kind, jane.side) == ("Jane Doe", "person", "republican")
    assert ds.verdicts_of("liar-1")[0].rating == "false"
    assert ds.verdicts_of("liar-1")[0].original_rating == "false"
    history = [v for v in ds.verdicts if v.claim.startswith("history-jane-doe")]
    assert len(history) == 1 + 4 + 2
    blind = liar_dataset(rows, verdicts=False)
    assert blind.verdicts == () and len(blind.claims) == 3


def test_the_engine_ranks_the_honest_speaker_higher() -> None:
    rows = parse_liar(ROWS)
    ds = liar_dataset(rows, verdicts=False, history=history_without(rows))
    a = assess(ds, Policy(use_verdicts=False))
    assert a.claims["liar-2"].score > a.claims["liar-1"].score
    assert a.sources["speaker-jane-doe"].basis == "track record"


def test_binarise() -> None:
    assert [binarise(x) for x in ("true", "mostly-true", "half-true", "barely-true", "false",
                                  "pants-fire")] == [True, True, True, False, False, False]
    assert binarise("half-true", half_true=None) is None


@pytest.mark.parametrize(("scores", "labels", "auc"), [
    ([0.1, 0.4, 0.35, 0.8], [False, False, True, True], 0.75),  # sklearn's doc example
    ([1, 2, 3, 4], [False, False, True, True], 1.0),
    ([4, 3, 2, 1], [False, False, True, True], 0.0),
    ([1, 1, 1, 1], [False, True, False, True], 0.5),  # ties count half
    ([0.5, 0.5, 0.9], [False, True, True], 0.75),
])
def test_roc_auc_known_answers(scores: list[float], labels: list[bool], auc: float) -> None:
    assert roc_auc(scores, labels) == pytest.approx(auc)


def test_roc_auc_equals_the_pairwise_definition() -> None:
    rng = random.Random(7)
    scores = [rng.choice([0.1, 0.2, 0.3, 0.5, 0.9]) for _ in range(60)]
    labels = [rng.random() < 0.4 for _ in range(60)]
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    pairs = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    assert roc_auc(scores, labels) == pytest.approx(pairs / (len(pos) * len(neg)))


def test_roc_auc_refuses_one_class() -> None:
    with pytest.raises(ValueError, match="both classes"):
        roc_auc([0.1, 0.2], [True, True])


@pytest.mark.skipif(not LIAR.is_file(), reason="../shared/datasets/liar/test.tsv absent")
def test_the_shared_test_split() -> None:
    rows = load_liar(LIAR)
    assert len(rows) == 1283 and len({r.speaker for r in rows}) == 645
    ds = liar_dataset(rows, verdicts=False, history=history_without(rows))
    a = assess(ds, Policy(use_verdicts=False))
    keep = [r for r in rows if binarise(r.label, half_true=None) is not None]
    auc = roc_auc([a.claims[f"liar-{r.id}"].score for r in keep],
                  [bool(binarise(r.label)) for r in keep])
    assert auc > 0.55  # better than the majority baseline's 0.5 (benchmarks/material)
