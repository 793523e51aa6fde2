"""Polls and surveys: whose figures "42% of respondents" are, and over which days.

A figure about respondents ("45% of respondents", "59% of people ... said", "three
quarters also said") is the poll's own, even in a sentence that names no source and even
before the article names the poll. Its period is the poll's field dates, when the article
gives them anywhere:

===================================================  =====================================
text                                                 field dates
===================================================  =====================================
"the poll, conducted April 16-21"                     2025-04-16 .. 2025-04-21
"the survey, fielded between May 2 and May 9"         2025-05-02 .. 2025-05-09
"the six-day poll, which closed on Monday"            the five days before Monday .. Monday
"the 3-day survey ..." then "the survey ended May 9"  2025-05-07 .. 2025-05-09 (two sentences)
===================================================  =====================================

Examples:
    >>> import datetime as dt
    >>> scan = scan_polls(["Some 52% of voters back the plan, according to the Gallup "
    ...                    "survey, conducted June 2-8."], dt.date(2025, 6, 10))
    >>> scan.name, scan.period
    ('the Gallup survey', (datetime.date(2025, 6, 2), datetime.date(2025, 6, 8)))
    >>> bool(RESPONDENTS.search("Three quarters also said the plan was fair"))
    True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.drafting.periods import day_range, parse_day

__all__ = ["RESPONDENTS", "PollScan", "scan_polls"]

_GROUP_SAID = (r"(?:said|say|says|believed?|think|thought|approved?|approving|disapproved?|"
               r"support(?:ed)?|oppose[ds]?|want(?:ed)?|agreed?|disagreed?|favou?red?|"
               r"expressed|reported|rated|backed?|answered|responded)")
#: A figure about the people asked: "respondents", "people polled", "59% of people said".
RESPONDENTS = re.compile(
    r"\b(?:respondents|(?:people|those|adults|voters|participants) (?:polled|surveyed|asked|"
    r"questioned)|the (?:[\w-]+ )?(?:poll|survey)\b)|"
    r"\d(?:\.\d+)?\s?(?:%|percent|per cent)\s+of\s+[^.;:]{0,60}?\b" + _GROUP_SAID
    + r"\b|\b(?:three quarters|two thirds|a third|one third|a quarter|half|(?:a|the) "
    r"majority|most|a minority)\b(?:\s+of\s+[\w ]{2,30}?)?[\s,\u2013\u2014-]+(?:\d+%\s*"
    r"[\u2013\u2014-]\s*)?(?:also\s+|still\s+)?" + _GROUP_SAID + r"\b", re.IGNORECASE)
_POLL = re.compile(r"\b(?P<name>(?:the|a|an)\s+(?:(?:new|latest|recent|online|national|"
                   r"[\d]+-day|[a-z]+-day)\s+)*(?:[A-Z][\w/&.'\u2019-]*\s+)*(?:opinion\s+)?"
                   r"(?:poll|survey))\b")
_LENGTH = re.compile(r"\b(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten)-day\s+"
                     r"(?:online\s+|opinion\s+|national\s+)*(?:poll|survey)\b", re.IGNORECASE)
_CLOSED = re.compile(r"\b(?:poll|survey)\b[^.]{0,120}?\b(?:closed|ended|concluded|finished)\s+"
                     r"(?:on\s+)?(?P<day>[^.;]{3,40})", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10}


@dataclass(frozen=True)
class PollScan:
    """The first poll an article names, and its field dates if the article gives them."""

    name: str | None = None
    period: tuple[dt.date, dt.date] | None = None


def scan_polls(sentences: list[str], ref: dt.date | None) -> PollScan:
    """The article's first named poll (preferring one with a proper name) and field dates."""
    name: str | None = None
    period: tuple[dt.date, dt.date] | None = None
    length: int | None = None  # "the six-day poll", in any sentence
    closed: dt.date | None = None  # "the poll, which closed on Monday", in any sentence
    for s in sentences:
        by = re.search(r"\b(?:surveyed|polled|questioned|interviewed) by (?P<org>[A-Z][\w&.'-]*"
                       r"(?: [A-Z][\w&.'-]*)*)", s)
        if by and name is None and RESPONDENTS.search(s):  # "62% of voters surveyed by YouGov"
            name = f"the {by.group('org')} survey"
        for m in _POLL.finditer(s):
            proper = re.search(r"\s[A-Z]", m.group("name"))
            if name is None or (proper and not re.search(r"\s[A-Z]", name)):
                name = re.sub(r"\s+(?:\d+|[a-z]+)-day\b", "", m.group("name"))
        if period is None and re.search(r"\b(?:poll|survey)", s, re.IGNORECASE):
            days = day_range(s, ref)
            if days is not None and days[0] is not None and days[1] is not None:
                period = (days[0], days[1])
            n = _LENGTH.search(s)
            if n and length is None:
                word = n.group("n").lower()
                length = int(word) if word.isdigit() else _NUMBERS[word]
            close = _CLOSED.search(s)
            if close and closed is None:
                closed = parse_day(close.group("day"), ref)
    if period is None and closed is not None and length is not None:
        period = (closed - dt.timedelta(days=length - 1), closed)
    return PollScan(name, period)
