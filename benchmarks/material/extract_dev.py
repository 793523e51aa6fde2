"""`kg extract` on every real article of ../shared/articles/dev/, scored against its gold.

Run by hand (2 cores, about a minute):

    .venv/bin/python benchmarks/material/extract_dev.py            # with --url/--date
    .venv/bin/python benchmarks/material/extract_dev.py --plain    # the .txt alone
    .venv/bin/python benchmarks/material/extract_dev.py --misses   # what each draft missed

Each article's plain ``SLUG.txt`` goes through the command line (``kg extract SLUG.txt
--out DRAFT.yaml``, in-process, as a user would run it), with the URL and the date a
user who saved the page knows (from ``dev/INDEX.md``) unless ``--plain``. The draft YAML
is loaded back and scored against ``SLUG.yaml`` under the definitions of
:mod:`kg.drafting.scoring`. Prints one row per article and the micro-averages, then
articles per second: the in-process CLI runs, the extractor alone, and one ``kg extract``
process given all 16 files at once (interpreter start included).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.cli import main as kg
from kg.drafting.scoring import (
    ArticleScore,
    assertion_pairs,
    gold_chains,
    same_figure,
    score_article,
    sources_match,
    total,
)
from kg.formats.loading import load_dataset
from kg.model import Claim

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "articles" / "dev"


def metadata(dev: Path) -> dict[str, list[str]]:
    """Per slug, the ``--url``/``--date`` options a user would give (from INDEX.md)."""
    options: dict[str, list[str]] = {}
    for line in (dev / "INDEX.md").read_text(encoding="utf-8").splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4:
            continue
        slug, _, date, url = cells[:4]
        opts = ["--url", url]
        m = re.search(r"\d{4}-\d{2}-\d{2}", date)
        if m:
            opts += ["--date", m.group(0)]
        options[slug] = opts
    return options


def run(dev: Path, plain: bool) -> tuple[list[tuple[str, ArticleScore]], float]:
    """Extract and score every article; the scores and the seconds spent extracting."""
    meta = {} if plain else metadata(dev)
    rows = []
    seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for txt in sorted(dev.glob("*.txt")):
            out = Path(tmp) / f"{txt.stem}.yaml"
            t0 = time.perf_counter()
            code = kg(["extract", str(txt), "--out", str(out), *meta.get(txt.stem, [])])
            seconds += time.perf_counter() - t0
            if code != 0:
                raise SystemExit(f"kg extract {txt.name} exited {code}")
            rows.append((txt.stem, score_article(load_dataset(out),
                                                 load_dataset(txt.with_suffix(".yaml")))))
    return rows, seconds


def batch_seconds(dev: Path, copies: int = 1) -> float | None:
    """Wall time of one ``kg extract`` process on all articles, each given ``copies`` times
    (None if it fails)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k in range(copies):
            for p in sorted(dev.glob("*.txt")):
                copy = Path(tmp) / f"{p.stem}-{k}.txt"
                copy.write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
                files.append(str(copy))
        out = Path(tmp) / "drafts"
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "kg", "extract", *files, "--out", str(out)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"(one process on all files: exit {done.returncode}: "
                  f"{done.stderr.strip()[-200:]})")
            return None
        return time.perf_counter() - t0


def library_seconds(dev: Path, rounds: int = 3) -> tuple[float, float]:
    """Best of ``rounds`` wall and CPU times of drafting all articles to YAML in-process (no
    CLI); CPU time says what one core does when the machine is shared."""
    from kg.drafting.extract import draft_yaml

    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(dev.glob("*.txt"))]
    wall = cpu = float("inf")
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        for slug, text in texts:
            draft_yaml(text, slug=slug)
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def _quantity(claim: Claim) -> str:
    q = claim.quantity
    if q is None:
        return "-"
    return (f"value={q.value} min={q.min_value} max={q.max_value} approx={q.approximate} "
            f"period={q.period_start}..{q.period_end}")


def print_misses(dev: Path, plain: bool) -> None:
    """Per article, what the draft missed and added, under the scoring's pairing: gold
    sources not found, draft sources matching none, unpaired assertions on either side,
    gold chains not recovered, and gold figures not exact with the paired drafts' figures."""
    meta = {} if plain else metadata(dev)
    with tempfile.TemporaryDirectory() as tmp:
        for txt in sorted(dev.glob("*.txt")):
            out = Path(tmp) / f"{txt.stem}.yaml"
            if kg(["extract", str(txt), "--out", str(out), *meta.get(txt.stem, [])]) != 0:
                raise SystemExit(f"kg extract {txt.name} failed")
            draft, gold = load_dataset(out), load_dataset(txt.with_suffix(".yaml"))
            print(f"\n## {txt.stem}")
            gs = {s.id: s for s in gold.sources}
            ds = {s.id: s for s in draft.sources}
            g_used = {a.source for a in gold.assertions}
            d_used = {a.source for a in draft.assertions}
            for g in (gs[i] for i in sorted(g_used)):
                if not any(sources_match(ds[d], g) for d in d_used):
                    print(f"  source missed: {g.kind} {g.name!r}")
            for d in (ds[i] for i in sorted(d_used)):
                if not any(sources_match(d, gs[g]) for g in g_used):
                    print(f"  source extra: {d.kind} {d.name!r}")
            pairs = assertion_pairs(draft, gold)
            for b in gold.assertions:
                if b.id not in pairs:
                    c = gold.claim(b.claim)
                    print(f"  assertion missed [{gs[b.source].name}] {c.text[:90]!r}")
            paired = set(pairs.values())
            for a in draft.assertions:
                if a.id not in paired:
                    c = draft.claim(a.claim)
                    print(f"  assertion extra [{ds[a.source].name}] {c.text[:90]!r}")
            for chain in gold_chains(gold):
                if not (all(g in pairs for g in chain) and all(
                        pairs[chain[k + 1]] in draft.assertion(pairs[chain[k]]).cites
                        for k in range(len(chain) - 1))):
                    names = " <- ".join(gs[gold.assertion(g).source].name
                                        + ("" if g in pairs else " (unpaired)") for g in chain)
                    print(f"  chain missed: {names}")
            for c in gold.claims:
                if c.quantity is None:
                    continue
                drafts = {draft.assertion(pairs[b.id]).claim for b in gold.assertions
                          if b.claim == c.id and b.id in pairs}
                if not any(same_figure(draft.claim(d), c) for d in drafts):
                    print(f"  figure not exact: gold {_quantity(c)} {c.text[:60]!r}")
                    for d in sorted(drafts):
                        print(f"      draft {_quantity(draft.claim(d))}")


def main(argv: list[str]) -> None:
    plain = "--plain" in argv
    if "--misses" in argv:
        print_misses(DEV, plain)
        return
    rows, seconds = run(DEV, plain)
    print(f"kg extract on {len(rows)} dev articles "
          f"({'plain text only' if plain else 'with --url and --date'})\n")
    print("| article | src R | src P | asr R | asr P | chains | figures exact |")
    print("|---|---|---|---|---|---|---|")
    for slug, s in rows:
        print(f"| {slug} | {s.gold_sources_found}/{s.gold_sources} "
              f"| {s.draft_sources_right}/{s.draft_sources} "
              f"| {s.assertion_pairs}/{s.gold_assertions} "
              f"| {s.assertion_pairs}/{s.draft_assertions} "
              f"| {s.chains_recovered}/{s.gold_chains} | {s.figures_exact}/{s.gold_figures} |")
    t = total(s for _, s in rows)
    print(f"| **micro-average** | {t.source_recall:.3f} | {t.source_precision:.3f} "
          f"| {t.assertion_recall:.3f} | {t.assertion_precision:.3f} | {t.chain_recall:.3f} "
          f"| {t.figure_exactness:.3f} |")
    print(f"\nin-process CLI, one call per article: {len(rows) / seconds:.1f} articles/s "
          f"({seconds:.2f} s; typer builds the command tree at every call)")
    lib, cpu = library_seconds(DEV)
    print(f"the extractor alone (kg.drafting.extract.draft_yaml, best of 3): "
          f"{len(rows) / lib:.1f} articles/s ({lib:.2f} s wall), {len(rows) / cpu:.1f} "
          f"articles per CPU-second")
    for copies in (1, 8):
        batch = batch_seconds(DEV, copies)
        if batch is not None:
            n = len(rows) * copies
            print(f"one `kg extract` process on {n} files: {n / batch:.1f} articles/s "
                  f"({batch:.2f} s, start-up included)")


if __name__ == "__main__":
    if not DEV.is_dir():
        raise SystemExit(f"{DEV} is not here (the shared development corpus)")
    main(sys.argv[1:])
