"""Load the Book and Population benchmarks as (source, object, value) rows plus gold.

Protocol (the same for credkg and for the peer):

- Book: a claim is (bookstore, ISBN-13, author key), where the author key is the
  sorted set of normalised last names (:func:`kg.truth.normalize.author_key`,
  with a surname lexicon built from all listings, no gold). Listings naming
  nobody ("Not Available", empty) are dropped. Gold values get the same key.
- Population: a claim is (editor, (city, PopulationYYYY), value string), values
  compared exactly. Gold items without any claim (7 of 308) are left out.

Used by ``evaluate.py`` and by ``tests/test_truth_benchmarks.py``; run from the
repository root so that ``kg`` imports.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from kg.truth.normalize import author_key, surname_lexicon

DEFAULT_ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"

#: The methods the peer (truthdiscovery 1.0.4) implements, run side by side with credkg's.
PEER_METHODS = [
    "majority_vote",
    "sums",
    "average_log",
    "investment",
    "pooled_investment",
    "truthfinder",
]


@dataclass(frozen=True)
class Benchmark:
    """Rows to run a method on, and gold answers per object."""

    name: str
    rows: list[tuple[str, object, str]]
    gold: dict[object, str]


def isbn13(isbn: str) -> str:
    """The ISBN-13 of an ISBN-10 or ISBN-13 (book.txt mixes both, the silver file uses 13)."""
    digits = isbn.strip().replace("-", "").replace(" ", "").upper()
    if len(digits) != 10:
        return digits
    core = "978" + digits[:9]
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(core))
    return core + str((10 - total % 10) % 10)


def load_book(root: Path = DEFAULT_ROOT, gold_file: str = "book_golden.txt") -> Benchmark:
    """Book authors (AbeBooks): rows and gold (or silver with ``book_silver.txt``)."""
    folder = root / "book"
    listings = []
    with open(folder / "book.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4:
                listings.append((parts[0], isbn13(parts[1]), parts[3]))
    lexicon = surname_lexicon(text for _, _, text in listings)
    rows: list[tuple[str, object, str]] = []
    for source, isbn, text in listings:
        key = author_key(text, lexicon)
        if key is not None:
            rows.append((source, isbn, key))
    gold: dict[object, str] = {}
    with open(folder / gold_file, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0].strip():
                key = author_key(parts[1])
                if key is not None:
                    gold[isbn13(parts[0])] = key
    objects = {o for _, o, _ in rows}
    name = "book_silver" if "silver" in gold_file else "book_gold"
    return Benchmark(name, rows, {k: v for k, v in gold.items() if k in objects})


def load_population(root: Path = DEFAULT_ROOT) -> Benchmark:
    """Population (Wikipedia editors): rows and the gold items that have claims."""
    folder = root / "population"
    rows: list[tuple[str, object, str]] = []
    with open(folder / "population_claims.csv", encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            obj = (rec["ObjectID"], rec["PropertyID"])
            rows.append((rec["SourceID"], obj, rec["PropertyValue"]))
    objects = {o for _, o, _ in rows}
    gold: dict[object, str] = {}
    with open(folder / "population_truth.csv", encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            obj = (rec["ObjectID"], rec["PropertyID"])
            if obj in objects:
                gold[obj] = rec["PropertyValue"]
    return Benchmark("population", rows, gold)


def accuracy(truths: dict[object, tuple[object, ...]], gold: dict[object, str]) -> float:
    """Share of gold objects whose single top value equals gold; a tie is wrong."""
    correct = sum(1 for obj, g in gold.items() if truths.get(obj, ()) == (g,))
    return correct / len(gold)
