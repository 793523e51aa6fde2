"""Loading YAML, JSON, CSV and RDF into the same dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kg.errors import DatasetError
from kg.formats.csv import to_csv
from kg.formats.loading import load_dataset, load_datasets, parse_dataset
from kg.formats.rdf import to_rdf, write_rdf
from kg.seed import SEED_PATH, seed_dataset


def test_json_and_yaml_agree(tmp_path: Path) -> None:
    data = yaml.safe_load(SEED_PATH.read_text())
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(data, default=str, ensure_ascii=False, indent=1))
    assert load_dataset(path) == seed_dataset()


@pytest.mark.parametrize("suffix", [".ttl", ".jsonld", ".nt", ".trig", ".nq"])
def test_rdf_files_load(tmp_path: Path, suffix: str) -> None:
    path = write_rdf(to_rdf(seed_dataset()), tmp_path / f"g{suffix}")
    assert load_dataset(path) == seed_dataset()


def test_csv_round_trips_assertions(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(to_csv(seed_dataset()), encoding="utf-8")
    ds = load_dataset(path)
    assert ds.assertions == seed_dataset().assertions
    assert ds.claim("monthly-desertions-30k").quantity == seed_dataset().claim(
        "monthly-desertions-30k").quantity


def test_csv_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id;source;source_kind;claim;claim_text;hedged\n"
                    "a1;s1;person;c1;Text, with a comma;yes\n", encoding="utf-8")
    ds = load_dataset(path)
    assert ds.assertion("a1").hedged and ds.claim("c1").text == "Text, with a comma"


def test_error_names_line_of_nested_field() -> None:
    text = "claims:\n  - id: c1\n    text: ok\n    quantity:\n      measure: m\n      value: x\n"
    with pytest.raises(DatasetError) as info:
        parse_dataset(text, "n.yaml")
    assert info.value.line == 6
    assert info.value.field == "claims[0].quantity.value"


def test_load_datasets_merges_identical_records(tmp_path: Path) -> None:
    assert load_datasets([SEED_PATH, SEED_PATH]) == seed_dataset()
