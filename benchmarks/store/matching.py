"""Adding one 50-claim document to a store of N claims: time spent in source and claim matching.

Matching (issue #13) looks up the incoming document's blocking keys in the store
(one SPARQL query on the key graphs), then runs the match rules and merges on the
candidates only. This script builds a store of N synthetic claims (default 100k),
indexes it once, then adds a 50-claim document that shares figures and sources
with it, and prints the matching time of that add (``LAST_TIMING.matching``)
against the baseline in the same run: exhaustive matching of the same document
against every stored claim and source (what ``find_matches`` without an index does).

Usage: python benchmarks/store/matching.py [N]
"""

from __future__ import annotations

import sys
import time

from kg.model import Assertion, Claim, Dataset, Quantity, Source
from kg.resolution.known import load_registry
from kg.resolution.merging import find_matches
from kg.resolution.storing import LAST_TIMING, _key_graph, _key_quads, add_resolved
from kg.store import Store
from kg.synthetic import synthetic_dataset

BASELINE = 2_000


def with_quantities(ds: Dataset) -> Dataset:
    """The synthetic claims, each with a figure spread over 1,000-9,001,000 (50 measures)."""
    claims = [c.model_copy(update={"quantity": Quantity(
        measure=f"desertions from unit {i % 50}", unit="person",
        value=float((i * 7919) % 9_000_000 + 1000),
        period_start=f"2024-{i % 12 + 1:02d}-01", period_end=f"2024-{i % 12 + 1:02d}-28")})
        for i, c in enumerate(ds.claims)]
    return Dataset(base=ds.base, sources=ds.sources, reports=ds.reports, claims=claims,
                   assertions=ds.assertions)


def incoming(existing: Dataset, n: int = 50) -> Dataset:
    """A 50-claim document: half its figures are stored claims' figures, one known outlet."""
    sources = [Source(id="doc.outlet", kind="news_outlet", name="Deutsche Welle"),
               Source(id="doc.office", kind="government_body",
                      name="Prosecutor General's Office", country="Ukraine")]
    claims, assertions = [], []
    stored = [c for c in existing.claims if c.quantity is not None][::997][:n]
    for i in range(n):
        q = stored[i].quantity if i % 2 == 0 and i < len(stored) else Quantity(
            measure=f"new measure {i}", unit="person", value=1000.0 + 17 * i)
        claims.append(Claim(id=f"doc.c{i}", text=f"Incoming claim number {i}.", quantity=q))
        assertions.append(Assertion(id=f"doc.a{i}", source="doc.office", claim=f"doc.c{i}"))
        assertions.append(Assertion(id=f"doc.r{i}", source="doc.outlet", claim=f"doc.c{i}",
                                    cites=[f"doc.a{i}"]))
    return Dataset(sources=sources, claims=claims, assertions=assertions)


def main(n: int) -> None:
    t = time.perf_counter()
    base = with_quantities(synthetic_dataset(n))
    store = Store()
    store.add_dataset(base, "corpus", assess=False)
    # the key graph written from the dataset in memory (what index_documents writes
    # after reading the document back; the store's read is not what is measured here)
    store.replace_graph(_key_graph(base.base, "corpus"), _key_quads(base))
    print(f"store of {len(base.claims):,} claims, {len(base.sources):,} sources built and "
          f"indexed in {time.perf_counter() - t:.1f} s", flush=True)
    doc = incoming(base)
    registry = load_registry()
    t = time.perf_counter()
    result = add_resolved(store, doc, "doc", assess=False, registry=registry)
    total = time.perf_counter() - t
    indexed = LAST_TIMING.matching
    print(f"add of a {len(doc.claims)}-claim document: {total:.2f} s in all, "
          f"{indexed:.3f} s in source and claim matching (of which {LAST_TIMING.lookup:.3f} s "
          f"looking the keys up in the store) "
          f"({len(result.merged)} merged, {len(result.likely)} likely)", flush=True)
    # the baseline compares the document with every record: measured on a slice of
    # BASELINE claims and scaled linearly to N (the full run would take minutes)
    part = min(n, BASELINE)
    slice_ = Dataset(sources=base.sources, claims=[
        c.model_copy(update={"supports": (), "contradicts": ()}) for c in base.claims[:part]])
    t = time.perf_counter()
    exhaustive = find_matches(slice_, doc, registry=registry)
    baseline = (time.perf_counter() - t) * n / part
    print(f"baseline, exhaustive matching of the same document: {baseline:.2f} s "
          f"(measured on {part:,} claims, scaled to {n:,}; {len(exhaustive)} pairs in the "
          f"slice); indexed/exhaustive = "
          f"{indexed / baseline:.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
