"""The bundled seed dataset: the article in ``shared/seed/article.txt``, encoded by an analyst.

Examples:
    >>> ds = seed_dataset()
    >>> len(ds.sources), len(ds.claims), len(ds.assertions)
    (12, 15, 33)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.formats.loading import load_dataset
from kg.model import Dataset

__all__ = ["SEED_PATH", "seed_dataset"]

#: Where the seed dataset ships inside the package.
SEED_PATH = Path(__file__).resolve().parent / "data" / "seed.yaml"


@lru_cache(maxsize=1)
def seed_dataset() -> Dataset:
    """The seed article's dataset (loaded once; datasets are immutable)."""
    return load_dataset(SEED_PATH)
