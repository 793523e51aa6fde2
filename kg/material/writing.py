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

from collections.abc import Mapping
from typing import Any

import yaml

from kg.model import DEFAULT_BASE, RECORD_LISTS, Dataset

__all__ = ["dataset_yaml"]


def dataset_yaml(ds: Dataset, *, header: str | None = None,
                 notes: Mapping[str, str] | None = None) -> str:
    """The dataset as YAML that :func:`kg.loading.load_dataset` reads back to an equal dataset.

    Args:
        ds: The dataset.
        header: Comment lines for the top of the file.
        notes: Comment lines to put above records, by record id.
    """
    notes = notes or {}
    lines: list[str] = []
    if header:
        lines += [f"# {line}".rstrip() for line in header.splitlines()]
    if ds.base != DEFAULT_BASE:
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
            text = yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=96)
            lines += ["  " + line for line in text.rstrip("\n").splitlines()]
    return "\n".join(lines) + "\n"
