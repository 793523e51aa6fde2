"""Elections and referendums: the polling day an article names, and the periods of its counts.

An election report counts seats won from the polling day up to the day it reports, and
gives the turnout of the polling day itself; it often names that day once, anywhere in the
text ("before last Sunday's polls", "the May 15 vote"):

=================================================  ========================================
text (polling day named anywhere in the article)   period
=================================================  ========================================
"the opposition had won 22 seats",                  the polling day .. the as-of date
"claims to have won at least 300 seats"
"turnout of more than 90 percent"                   the polling day
=================================================  ========================================

Examples:
    >>> import datetime as dt
    >>> polling_day("Before last Sunday's election, the party held 12 seats.",
    ...             dt.date(2005, 5, 21))
    datetime.date(2005, 5, 15)
    >>> polling_day("Voters went to the polls on 4 March 2018.", None)
    datetime.date(2018, 3, 4)
"""

from __future__ import annotations

import datetime as dt
import re

from kg.drafting.periods import parse_day

__all__ = ["polling_day", "vote_period"]

_VOTE = r"(?:polls|election|elections|vote|referendum|ballot|run-?off|primary|plebiscite)"
_DAY = (r"(?:(?:last|on)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
        r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]+\.?(?:,?\s+\d{4})?|"
        r"[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)")
_NAMED = (re.compile(r"\b(?P<day>" + _DAY + r")(?:['\u2019]s)?\s+(?:[a-z-]+\s+){0,2}" + _VOTE
                     + r"\b"),
          re.compile(r"\b" + _VOTE + r"\s+(?:was\s+|were\s+)?(?:held\s+)?(?P<day>(?:on|last)\s+"
                     + _DAY + r")"))
_WON = re.compile(r"\b(?:won|win|wins|winning|secured|captured|took|gained|claimed)\b"
                  r"[^,;.\d]{0,50}$")


def polling_day(text: str, ref: dt.date | None) -> dt.date | None:
    """The day of the vote the text names ("last Sunday's polls", "the vote on May 4"),
    the latest such day not after ``ref`` when the text gives no year; None if none."""
    for pattern in _NAMED:
        for m in pattern.finditer(text):
            day = parse_day(m.group("day"), ref)
            if day is not None and (ref is None or day <= ref):
                return day
    return None


def vote_period(written: str, start: int, day: dt.date, ref: dt.date | None
                ) -> tuple[dt.date, dt.date | None] | None:
    """The period of the figure at ``start`` in ``written`` (module's table), if it counts
    seats won or the turnout of the vote held on ``day``; else None."""
    before = written[max(0, start - 60):start]
    after = written[start:start + 60]
    if re.search(r"\bturnout\b[^,;.\d]{0,30}$", before, re.IGNORECASE):
        return day, day
    if _WON.search(before) and re.search(r"^[\d,.]+\s+(?:of\s+the\s+[\d,.]+\s+)?(?:[a-z-]+\s+)?"
                                         r"(?:seats|constituencies|districts|states|"
                                         r"mandates|votes)\b", after, re.IGNORECASE):
        return day, ref
    return None
