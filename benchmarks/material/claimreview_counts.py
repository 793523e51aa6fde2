"""ClaimReview import check: every record of the seven ClaimsKG samples, imported or rejected.

Run by hand:

    .venv/bin/python benchmarks/material/claimreview_counts.py [../shared/datasets/claimreview]

Prints one table row per file (records, imported, without a named claimant,
duplicate rows, rejected, and the normalised ratings), then every rejection
reason with its count, and the unmapped labels (imported as "other").
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from kg.formats.claimreview import load_claimreview

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT.parent / "shared" / "datasets" / "claimreview"


def main(folder: Path) -> None:
    files = sorted(folder.glob("*.csv"))
    print("| file | records | imported | of which no named claimant | duplicate rows "
          "| rejected | true / mixed / false / other |")
    print("|---|---|---|---|---|---|---|")
    totals: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    unmapped: Counter[str] = Counter()
    t0 = time.perf_counter()
    for path in files:
        r = load_claimreview([path])[0]
        ratings = Counter(v.rating for v in r.dataset.verdicts)
        site = path.stem.rsplit("_", 1)[-1]
        print(f"| {site} | {r.records} | {r.imported} | {r.without_claimant} | {r.duplicates} "
              f"| {len(r.rejected)} | {ratings['true']} / {ratings['mixed']} / "
              f"{ratings['false']} / {ratings['other']} |")
        totals.update(records=r.records, imported=r.imported, anon=r.without_claimant,
                      dup=r.duplicates, rejected=len(r.rejected), **{
                          k: ratings[k] for k in ("true", "mixed", "false", "other")})
        reasons.update(f"{site}: {x.field}: {x.reason}" for x in r.rejected)
        unmapped.update({f"{site}: {k}": n for k, n in r.unmapped.items()})
    print(f"| **all {len(files)}** | {totals['records']} | {totals['imported']} | "
          f"{totals['anon']} | {totals['dup']} | {totals['rejected']} | {totals['true']} / "
          f"{totals['mixed']} / {totals['false']} / {totals['other']} |")
    print(f"\n({time.perf_counter() - t0:.2f} s)\n\nRejections:")
    for reason, n in reasons.most_common():
        print(f"- {reason} (x{n})")
    print("\nUnmapped labels (imported as other):", dict(unmapped) or "none")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
