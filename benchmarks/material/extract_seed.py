"""`kg extract` on the seed article against the analyst's dataset (kg/data/seed.yaml).

Run by hand:

    .venv/bin/python benchmarks/material/extract_seed.py [../shared/seed/article.txt]

Prints precision and recall of the draft's assertions under the matching rule of
:mod:`kg.drafting.evaluation`, the source mapping, and the misses on both sides.
The baseline beside it is the trivial draft "every sentence is the article's own
claim" (one assertion per sentence by the article's publisher), measured in the same run.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from kg.drafting.evaluation import score_draft, source_mapping
from kg.drafting.extract import draft_dataset
from kg.model import Assertion, Claim, Dataset, Source
from kg.seed import seed_dataset

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT.parent / "shared" / "seed" / "article.txt"


def baseline(text: str) -> Dataset:
    """Every sentence an unattributed claim of the article's publisher."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]
    return Dataset(
        sources=[Source(id="p", kind="news_outlet", name="Publisher of the article (unnamed)")],
        claims=[Claim(id=f"c{i}", text=s) for i, s in enumerate(sentences)],
        assertions=[Assertion(id=f"a{i}", source="p", claim=f"c{i}", quote=s)
                    for i, s in enumerate(sentences)])


def main(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    gold = seed_dataset()
    t0 = time.perf_counter()
    draft, notes = draft_dataset(text)
    seconds = time.perf_counter() - t0
    s = score_draft(draft, gold)
    b = score_draft(baseline(text), gold)
    print(f"draft: {len(draft.sources)} sources, {len(draft.claims)} claims, "
          f"{len(draft.assertions)} assertions, {sum(len(v) for v in notes.values())} CHECK "
          f"notes ({seconds:.2f} s)")
    print("| draft | assertions | matched | precision | recall |")
    print("|---|---|---|---|---|")
    for name, x in (("kg extract", s), ("baseline: every sentence the article's own", b)):
        print(f"| {name} | {x.extracted} | {x.matched} | {x.precision:.3f} | {x.recall:.3f} |")
    print("\nsource mapping:", source_mapping(draft, gold))
    matched_gold = {g for _, g in s.pairs}
    matched_draft = {d for d, _ in s.pairs}
    print("missed (analyst's):", sorted(a.id for a in gold.assertions
                                        if a.id not in matched_gold))
    print("unmatched (draft's):", sorted(a.id for a in draft.assertions
                                         if a.id not in matched_draft))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
