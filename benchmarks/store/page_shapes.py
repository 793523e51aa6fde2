"""First pages of the listings: the query shapes before branch ``pages`` against today's.

    python benchmarks/store/page_shapes.py STORE [REPS] [NAME ...]

Opens STORE read-only. For each listing, the first 10,000 rows of the earlier shape
(kept below as it was) and of today's (:data:`kg.store.QUERIES`), alternated in the
same run (REPS rounds, 3 by default), rows collected as ``run_query`` collects them.
Prints the medians of wall-clock and CPU time of each, and today's over the earlier
(the machine is shared: read the ratios, and the CPU times, which load moves less).
``uptime`` before and after.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

PAGE = 10_000

#: The listings as they were before (main at 171cc75; distortions as it was until 10203db;
#: circular-reporting is as it was, so it has no earlier shape here).
BEFORE = {
    "single-origin": """SELECT DISTINCT ?claim ?source ?name WHERE {
  GRAPH ?g1 { ?claim cred:independentOrigins 1 ; cred:origin ?origin }
  GRAPH ?g2 { ?origin cred:assertedBy ?source }
  GRAPH ?g3 { ?source rdfs:label ?name }
}""",
    "anonymous-origins": """SELECT DISTINCT ?claim ?source ?name WHERE {
  GRAPH ?g1 { ?claim cred:namedOrigins 0 ; cred:origin ?origin }
  GRAPH ?g2 { ?origin cred:assertedBy ?source }
  GRAPH ?g3 { ?source rdfs:label ?name }
}""",
    "contradictions": """SELECT DISTINCT ?claim ?source ?contradicts WHERE {
  ?claim cred:contradicts ?contradicts .
  ?source cred:asserts ?claim .
}""",
    "interested-parties": """SELECT DISTINCT ?claim ?party ?comment WHERE {
  ?finding cred:findingType cred:InterestedParty .
  ?claim cred:finding ?finding . FILTER EXISTS { ?claim a cred:Claim }
  ?party cred:finding ?finding . FILTER EXISTS { ?party a cred:Source }
  OPTIONAL { ?finding rdfs:comment ?comment }
}""",
    "sources-ranked": """SELECT DISTINCT ?source ?name ?grade ?score ?claims WHERE {
  GRAPH ?assessment {
    ?source cred:claimsAsserted ?claims ; cred:reliability ?grade ; cred:score ?score
  }
  ?source rdfs:label ?name .
}
ORDER BY ?grade DESC(?score) ?source""",
    "distortions": """SELECT DISTINCT ?source ?name ?claim ?distortion WHERE {
  ?finding cred:findingType cred:Distortion .
  ?claim cred:finding ?finding .
  ?finding cred:concerns ?source .
  ?source rdfs:label ?name . FILTER EXISTS { ?source a cred:Source }
  OPTIONAL { ?finding rdfs:comment ?distortion }
}
ORDER BY ?source ?claim ?distortion""",
}


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} / {five:.2f} (1 / 5 min)"


def main(path: str, reps: int, names: list[str]) -> None:
    import pyoxigraph as ox

    from kg.store.queries import PREFIXES, QUERIES, run_sparql
    from kg.store.sparql_text import paged_sparql

    store = ox.Store.read_only(path)
    print(_load(), flush=True)
    print("| listing | before: wall / CPU | today: wall / CPU | today / before (wall, CPU) |")
    print("|---|---|---|---|")
    for name in names or list(BEFORE):
        texts = {"before": paged_sparql(PREFIXES + BEFORE[name], PAGE),
                 "today": paged_sparql(QUERIES[name].sparql, PAGE)}
        wall: dict[str, list[float]] = {k: [] for k in texts}
        cpu: dict[str, list[float]] = {k: [] for k in texts}
        for _ in range(reps):
            for key, text in texts.items():
                w, c = time.perf_counter(), time.process_time()
                run_sparql(store, text)
                wall[key].append(time.perf_counter() - w)
                cpu[key].append(time.process_time() - c)
        m = {k: (statistics.median(wall[k]), statistics.median(cpu[k])) for k in texts}
        b, t = m["before"], m["today"]
        print(f"| {name} | {b[0] * 1000:,.0f} / {b[1] * 1000:,.0f} ms | "
              f"{t[0] * 1000:,.0f} / {t[1] * 1000:,.0f} ms | "
              f"{t[0] / b[0]:.2f}, {t[1] / b[1]:.2f} |", flush=True)
    print(f"\n{_load()}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3, sys.argv[3:])
