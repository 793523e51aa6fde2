"""Relays as the views draw them: faithful ("cites"), changing ("distorts") or copying.

An edge from a relaying assertion to the one it relays is drawn ``distorts``
when the engine found that the relay changes what it relays (a figure inflated
or deflated, a bound changed, a measure switched, a hedge dropped, a period
stretched: :mod:`kg.credibility.distortion`), ``copies`` when it takes the text
without saying so, and ``cites`` otherwise. Each style has its legend entry
(:data:`kg.views.style.EDGE_LEGEND`).

Examples:
    >>> from kg.synthetic import bound_changing_relay
    >>> ds = bound_changing_relay()
    >>> marks = RelayMarks.of(ds, None)
    >>> marks.relation("a2", "a1")
    'distorts'
    >>> print(*marks.changes("a2", "a1"))
    bound changed: TASS changes the bound of what Boiko says: 170,000 becomes over 170,000.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.credibility.distortion import Distortion, detect_distortions
from kg.model import Assertion, Dataset

__all__ = ["CHANGE_WORDS", "RELAY_ORDER", "RelayMarks", "strongest"]

#: A distortion's kind in words.
CHANGE_WORDS = {
    "inflated": "figure inflated",
    "deflated": "figure deflated",
    "bound_changed": "bound changed",
    "measure_switched": "measure switched",
    "hedge_dropped": "hedge dropped",
    "period_stretched": "period stretched",
    "attribution_dropped": "attribution dropped (copied)",
}
#: Relations of relaying edges, weakest first: an edge that stands for several relays
#: takes the strongest of theirs.
RELAY_ORDER = ("cites", "copies", "distorts")


def strongest(relations: Iterable[str]) -> str:
    """The strongest of relay relations (:data:`RELAY_ORDER`), ``"cites"`` for none.

    Examples:
        >>> strongest(["cites", "distorts", "copies"]), strongest([])
        ('distorts', 'cites')
    """
    return max(relations, key=RELAY_ORDER.index, default="cites")


@dataclass
class RelayMarks:
    """The distortions by relaying pair of assertions ``(relay, relayed)``."""

    found: dict[tuple[str, str], list[Distortion]] = field(default_factory=dict)

    @classmethod
    def of(cls, ds: Dataset, assessment: Any) -> RelayMarks:
        """The assessment's distortions; without an assessment, found in the data."""
        found = getattr(assessment, "distortions", None)
        if found is None:
            found = detect_distortions(ds)
        by_pair: dict[tuple[str, str], list[Distortion]] = defaultdict(list)
        for d in found:
            by_pair[(d.relay, d.original)].append(d)
        return cls(dict(by_pair))

    def relayed(self, a: Assertion) -> list[str]:
        """What an assertion relays: cites, copies, and copies found from its text."""
        out = list(a.relays)
        for relay, original in self.found:
            if relay == a.id and original not in out and any(
                    d.kind == "attribution_dropped" for d in self.found[(relay, original)]):
                out.append(original)
        return out

    def relation(self, relay: str, original: str, copies: Iterable[str] = ()) -> str:
        """``distorts``, ``copies`` or ``cites`` for one relaying pair."""
        found = self.found.get((relay, original), ())
        if any(d.kind != "attribution_dropped" for d in found):
            return "distorts"
        if original in copies or any(d.kind == "attribution_dropped" for d in found):
            return "copies"
        return "cites"

    def changes(self, relay: str, original: str) -> list[str]:
        """What the relay changes, one line each: the kind in words, then the numbers."""
        return [f"{CHANGE_WORDS.get(d.kind, d.kind.replace('_', ' '))}: {d.text}"
                for d in self.found.get((relay, original), ())]

    def unlinked(self, ids: Iterable[str]) -> list[tuple[str, str]]:
        """Pairs among ``ids`` that changed something with no relaying edge between them
        (a headline against the body of its report)."""
        shown = set(ids)
        return [(r, o) for r, o in self.found if r in shown and o in shown]
