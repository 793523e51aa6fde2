"""One study, many mentions: the unnamed documents of an article that are one document.

An article about one study calls it "a new study", "the research", "the data" and "a report
released Wednesday" in turn; the rules of :mod:`kg.drafting.sources` make each an unnamed
document of its own. Within one article:

- when the text names the owner of the data exactly once as a source ("The data from the
  Kiel Institute covers ...", read by :mod:`kg.drafting.attribution` as the owner
  speaking), the article's unowned study-like documents are that owner's;
- otherwise, when it names no owner, its unowned study-like documents are one document
  (the first mention).

A document is *unowned* when its description names nobody (no capitalised word but a
demonym: "a German study" is unowned, "a UN report" is not) and does not set itself apart
("another study", "a separate report"). Polls and surveys are left alone (they are told
apart by their dates and questions), and so are the figures whose owner the text does not
give (:mod:`kg.drafting.unsourced`).

Examples:
    >>> recs = {"d-a": {"kind": "unnamed_document", "name": "A new study"},
    ...         "d-b": {"kind": "unnamed_document", "name": "The research"},
    ...         "d-c": {"kind": "unnamed_document", "name": "A UN report"}}
    >>> same_documents(recs, ["d-a", "d-b", "d-c"], set())
    {'d-b': 'd-a'}
    >>> recs["d-o"] = {"kind": "organization", "name": "Institute of Things"}
    >>> same_documents(recs, ["d-a", "d-b", "d-c", "d-o"], {"d-o"})
    {'d-a': 'd-o', 'd-b': 'd-o'}
"""

from __future__ import annotations

import re
from typing import Any

from kg.names import fold

__all__ = ["same_documents"]

_FAMILY = frozenset({"study", "research", "data", "report", "analysis", "findings", "paper",
                     "figures", "statistics", "estimates", "estimate", "numbers"})
_APART = frozenset({"another", "separate", "other", "second", "earlier", "previous", "older",
                    "different", "rival", "competing", "two", "three", "several"})
_DEMONYM = re.compile(r"(?:ian|ish|ese|ern|ic|i|an|ch)$")


def _unowned(name: str) -> bool:
    words = re.findall(r"[\w'\u2019-]+", name)
    folded = set(fold(name).split())
    if not folded & _FAMILY or folded & _APART or "owner not given" in fold(name):
        return False
    if folded & {"poll", "survey", "polls", "surveys", "census"}:
        return False
    return not any(w[:1].isupper() and not _DEMONYM.search(w.lower())
                   for w in words[1:] if w.lower() not in ("the", "a", "an"))


def same_documents(records: dict[str, dict[str, Any]], used: list[str],
                   owners: set[str]) -> dict[str, str]:
    """Which unowned documents are one document or their named owner's: id -> the id they
    merge into (module doc). ``used`` lists the sources in order of first mention;
    ``owners`` are the sources the text named as the owners of data."""
    docs = [sid for sid in used if records[sid]["kind"] == "unnamed_document"
            and _unowned(records[sid]["name"])]
    named = [o for o in owners if o in records and records[o]["kind"] != "unnamed_document"]
    if len(named) == 1:
        return dict.fromkeys(docs, named[0])
    if not named and len(docs) > 1:
        return dict.fromkeys(docs[1:], docs[0])
    return {}
