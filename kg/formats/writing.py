"""Writing datasets back out as YAML (the documented schema), with comments for the analyst.

Examples:
    >>> from kg.model import Dataset, Source
    >>> ds = Dataset(sources=[Source(id="ria", kind="news_outlet", name="RIA")])
    >>> print(dataset_yaml(ds, header="made by a test", notes={"ria": "check the kind"}))
    # made by a test
    sources:
      # check the kind
      - id: ria
        kind: news_outlet
        name: RIA
    <BLANKLINE>
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from kg.files import atomic_write_text
from kg.formats.registry import Format
from kg.model import DEFAULT_BASE, RECORD_LISTS, Dataset

__all__ = ["dataset_json", "dataset_yaml", "write_json", "write_yaml"]

#: libyaml's C emitter when PyYAML has it (the pure-Python one took three quarters of
#: ``kg extract``'s time); the same safe layout either way.
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dataset_yaml(ds: Dataset, *, header: str | None = None,
                 notes: Mapping[str, str] | None = None, declare_base: bool = False) -> str:
    """The dataset as YAML that :func:`~kg.formats.loading.load_dataset` reads back as is.

    Args:
        ds: The dataset.
        header: Comment lines for the top of the file.
        notes: Comment lines to put above records, by record id.
        declare_base: Write ``base:`` even when it is the default, so that the file
            keeps its ids when loaded beside others (:mod:`kg.formats.scoping`).
    """
    notes = notes or {}
    lines: list[str] = []
    if header:
        lines += [f"# {line}".rstrip() for line in header.splitlines()]
    if ds.base != DEFAULT_BASE or declare_base:
        lines.append(f"base: {ds.base}")
    for name in RECORD_LISTS:
        records = getattr(ds, name)
        if not records:
            continue
        lines.append(f"{name}:")
        for record in records:
            data: dict[str, Any] = record.model_dump(mode="json", exclude_defaults=True)
            for note in notes.get(record.id, "").splitlines():
                lines.append(f"  # {note}".rstrip())
            text = yaml.dump([data], Dumper=_DUMPER, allow_unicode=True, sort_keys=False,
                             width=96)
            lines += ["  " + line for line in text.rstrip("\n").splitlines()]
    return "\n".join(lines) + "\n"


def dataset_json(ds: Dataset) -> str:
    """The dataset as JSON in the same schema as the YAML (``kg schema``).

    Examples:
        >>> from kg.formats.loading import parse_dataset
        >>> from kg.seed import seed_dataset
        >>> parse_dataset(dataset_json(seed_dataset()), json_syntax=True) == seed_dataset()
        True
    """
    data: dict[str, Any] = {}
    if ds.base != DEFAULT_BASE:
        data["base"] = ds.base
    for name in RECORD_LISTS:
        records = getattr(ds, name)
        if records:
            data[name] = [r.model_dump(mode="json", exclude_defaults=True) for r in records]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_yaml(ds: Dataset, path: Path, fmt: Format | None = None,
               assessment: object = None) -> Path:
    """Write the dataset as YAML, atomically (the writer of the ``yaml`` format)."""
    return atomic_write_text(path, dataset_yaml(ds))


def write_json(ds: Dataset, path: Path, fmt: Format | None = None,
               assessment: object = None) -> Path:
    """Write the dataset as JSON, atomically (the writer of the ``json`` format)."""
    return atomic_write_text(path, dataset_json(ds))
