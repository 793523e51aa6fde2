"""Run one method of the peer, ``truthdiscovery`` 1.0.4, on rows saved by ``evaluate.py``.

Runs under the peer's own interpreter (it pins numpy 1.24), never imports ``kg``::

    /tmp/peervenv/bin/python benchmarks/truth/peer_run.py ROWS.pkl METHOD OUT.json

Writes the top value(s) of every object (several when tied), the iterations,
the wall time of ``Dataset`` construction and of the method, and the peak
memory of this process. The peer's default settings are used throughout:
20 iterations (10 for PooledInvestment), TruthFinder with no implication.
"""

from __future__ import annotations

import json
import pickle
import resource
import sys
import time
import types

import numpy as np

try:  # only the peer's PNG graph backend needs cairo, whose wheel often fails to build
    import cairo  # type: ignore[import-not-found]  # noqa: F401
except ImportError:
    sys.modules["cairo"] = types.ModuleType("cairo")

from truthdiscovery import (  # type: ignore[import-not-found]
    AverageLog,
    Dataset,
    Investment,
    MajorityVoting,
    PooledInvestment,
    Sums,
    TruthFinder,
)

PEER_METHODS = {
    "majority_vote": MajorityVoting,
    "sums": Sums,
    "average_log": AverageLog,
    "investment": Investment,
    "pooled_investment": PooledInvestment,
    "truthfinder": TruthFinder,
}


def main() -> None:
    """Run the method named on the command line and write its answers as JSON."""
    rows_file, method, out_file = sys.argv[1:4]
    with open(rows_file, "rb") as f:
        rows = pickle.load(f)
    start = time.perf_counter()
    # the peer refuses two values from one source for one object unless told to keep the first
    data = Dataset(rows, allow_multiple=True)
    built = time.perf_counter() - start
    start = time.perf_counter()
    result = PEER_METHODS[method]().run(data)
    seconds = time.perf_counter() - start
    truths = {}
    for obj, beliefs in result.belief.items():
        top = max(beliefs.values())
        truths[repr(obj)] = [v for v, b in beliefs.items() if np.isclose(b, top, rtol=1e-9, atol=0)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open(out_file, "w") as f:
        json.dump(
            {
                "truths": truths,
                "iterations": getattr(result, "iterations", 1) or 1,
                "build_seconds": built,
                "seconds": seconds,
                "peak_mb": peak,
            },
            f,
        )


if __name__ == "__main__":
    main()
