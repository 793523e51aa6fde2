"""`kg extract` on the 16 real articles of ../shared/articles/dev, scored as issue #15 says.

Pins the micro-averages (see benchmarks/README.md) a little below what the extractor
reaches, so that they cannot fall silently; raise them when the extractor improves, never
lower them. Skips when the shared folder is absent, except in CI.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kg.drafting.extract import draft_dataset
from kg.drafting.scoring import ArticleScore, score_article, total
from kg.formats.loading import load_dataset

from .conftest import IN_CI, SHARED

DEV = SHARED / "articles" / "dev"

#: Reached on 2026-12-03 (benchmarks/README.md: .856/.865/.775/.859/.621/.511; figures .806
#: after the figure-exactness round), minus 0.02 and rounded down.
PINNED = {
    "source_recall": 0.95,  # .978 after the attribution round (branch xattr)
    "source_precision": 0.89,  # .917 after the attribution round (branch xattr)
    "assertion_recall": 0.84,  # .864 after the attribution round (branch xattr)
    "assertion_precision": 0.86,  # .880 after the attribution round (branch xattr)
    "chain_recall": 0.77,  # .790 after the attribution round (branch xattr)
    "figure_exactness": 0.78,  # .806 after the figure-exactness round (branch xfig)
}


def _options(index: Path) -> dict[str, tuple[str | None, dt.date | None]]:
    """Per slug, the URL and date a user would give (from INDEX.md)."""
    out: dict[str, tuple[str | None, dt.date | None]] = {}
    for line in index.read_text(encoding="utf-8").splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4:
            m = re.search(r"\d{4}-\d{2}-\d{2}", cells[2])
            out[cells[0]] = (cells[3], dt.date.fromisoformat(m.group(0)) if m else None)
    return out


@pytest.fixture(scope="module")
def dev_total() -> ArticleScore:
    if not DEV.is_dir():
        if IN_CI:
            pytest.fail(f"{DEV} is missing in CI")
        pytest.skip("../shared/articles/dev is not here")
    options = _options(DEV / "INDEX.md")
    scores = []
    for txt in sorted(DEV.glob("*.txt")):
        url, date = options.get(txt.stem, (None, None))
        draft, _ = draft_dataset(txt.read_text(encoding="utf-8"), slug=txt.stem, url=url,
                                 date=date)
        scores.append(score_article(draft, load_dataset(txt.with_suffix(".yaml"))))
    assert len(scores) == 16
    return total(scores)


@pytest.mark.parametrize("measure", sorted(PINNED))
def test_dev_micro_averages_do_not_fall(dev_total: ArticleScore, measure: str) -> None:
    assert getattr(dev_total, measure) >= PINNED[measure], (measure, dev_total)
