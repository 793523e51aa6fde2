"""Datasets written back as YAML read back equal, with the analyst's comments in place."""

from __future__ import annotations

from kg.formats.loading import load_dataset, parse_dataset
from kg.formats.writing import dataset_yaml
from kg.model import Dataset, Source
from kg.resolution import VARIANT_PATH
from kg.seed import seed_dataset


def test_round_trip_of_the_seed_and_the_variant() -> None:
    for ds in (seed_dataset(), load_dataset(VARIANT_PATH)):
        assert parse_dataset(dataset_yaml(ds), "x.yaml") == ds


def test_comments_and_base() -> None:
    ds = Dataset(base="https://example.org/", sources=[
        Source(id="a", kind="person", name="Ann: \"quoted\" # not a comment")])
    text = dataset_yaml(ds, header="line one\nline two", notes={"a": "CHECK: x\nsecond"})
    assert text.startswith("# line one\n# line two\nbase: https://example.org/\n")
    assert "  # CHECK: x\n  # second\n  - id: a\n" in text
    assert parse_dataset(text, "x.yaml") == ds
