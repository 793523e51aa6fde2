"""Well-known events that articles name without their date, as anchors of periods.

"Since the start of the full-scale invasion", "in the first 14 months of the war": the
article counts from an event it does not date, because every reader knows the date. The
table holds a few events of that kind, each with the words that name it and the words the
article must also contain (so that "the invasion" in an article about Ukraine is Russia's
of 2022, and in any other article nothing). An article that dates the event itself ("since
the outbreak of war on Oct. 7") needs no table: :mod:`kg.drafting.periods` reads the date.

========================================  ==============================================
text (the article names the context)       period
========================================  ==============================================
"since the start of the EVENT",            the event's start .. the as-of date
"since the EVENT began/erupted",
"since the EVENT"
"in the first N days/weeks/months/years    the event's start .. N units later
of the EVENT"
========================================  ==============================================

Examples:
    >>> known = article_events("Russia's war in Ukraine ...")
    >>> [e.name for e in known]
    ["Russia's full-scale invasion of Ukraine"]
    >>> event_period("1,200 alerts since the start of the full-scale invasion", known,
    ...              dt.date(2024, 8, 16))
    (datetime.date(2022, 2, 24), datetime.date(2024, 8, 16))
    >>> event_period("60,000 died in the first 14 months of the war",
    ...              article_events("Sudan's war"), None)
    (datetime.date(2023, 4, 15), datetime.date(2024, 6, 15))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["EVENTS", "Event", "article_events", "event_period"]


@dataclass(frozen=True)
class Event:
    """An event articles name without its date: what names it, in which context."""

    name: str
    start: dt.date
    words: str  # a regex for how a sentence names the event
    context: str  # a regex the article must match for the words to mean this event


EVENTS: tuple[Event, ...] = (
    Event("Russia's full-scale invasion of Ukraine", dt.date(2022, 2, 24),
          r"(?:(?:full[- ]scale|russian|russia['\u2019]s)\s+)*invasion(?:\s+of\s+ukraine)?|"
          r"russia\s+invaded(?:\s+ukraine)?", r"\b(?:Ukrain\w*|Kyiv|Kiev)\b"),
    Event("Hamas's attack on Israel and the war in Gaza", dt.date(2023, 10, 7),
          r"(?:(?:gaza|israel['\u2019]s)\s+)?(?:war|conflict)", r"\b(?:Gaza|Hamas)\b"),
    Event("the war in Sudan", dt.date(2023, 4, 15),
          r"(?:(?:sudan['\u2019]s|the)\s+)?(?:war|conflict|fighting)", r"(?<!South )\bSudan\b"),
)
_UNITS = {"day": 1, "week": 7, "month": 0, "year": 0}


def article_events(text: str) -> tuple[Event, ...]:
    """The events of :data:`EVENTS` whose context the article's text matches."""
    return tuple(e for e in EVENTS if re.search(e.context, text))


def _add(start: dt.date, n: int, unit: str) -> dt.date:
    if unit in ("day", "week"):
        return start + dt.timedelta(days=n * _UNITS[unit])
    months = start.month - 1 + n * (12 if unit == "year" else 1)
    y, m = start.year + months // 12, months % 12 + 1
    return dt.date(y, m, min(start.day, calendar.monthrange(y, m)[1]))


def event_period(sentence: str, events: tuple[Event, ...], ref: dt.date | None
                 ) -> tuple[dt.date, dt.date | None] | None:
    """The period a sentence counts from one of the article's ``events`` (module's table)."""
    for e in events:
        name = r"(?:the\s+|russia['\u2019]s\s+|its\s+)?(?:" + e.words + r")"
        m = re.search(r"\b(?:in|during|over|within)\s+the\s+first\s+(?P<n>\d+|two|three|four|"
                      r"six)\s+(?P<u>day|week|month|year)s?\s+of\s+" + name + r"\b",
                      sentence, re.IGNORECASE)
        if m:
            words = {"two": 2, "three": 3, "four": 4, "six": 6}
            n = int(m.group("n")) if m.group("n").isdigit() else words[m.group("n").lower()]
            return e.start, _add(e.start, n, m.group("u").lower())
        if re.search(r"\bsince\s+(?:the\s+(?:start|beginning|outbreak|onset)\s+of\s+)?" + name
                     + r"\b", sentence, re.IGNORECASE):
            return e.start, ref
    return None
