"""Periods and dates in a sentence, relative to the article's date.

==============================================  ===========================================
text                                            period (article dated 2024-10-08)
==============================================  ===========================================
"since 2022", "since the start of 2022"          2022-01-01 .. the article's date
"since Oct. 7", "since March 2023"              that day / month's first day .. the date
"from January 2022 to September 2024",          2022-01-01 .. 2024-09-30
"during January 2022 — September 2024",
"between January and October of this year"      2024-01-01 .. 2024-10-31
"in the first half of 2024", "second quarter"   2024-01-01 .. 2024-06-30 (and alike)
"final quarter of 2023", "Q3 2024", "H1 2022"   that quarter / half
"at the end of 2024", "for end-2025"            .. that year's last day (end only: a level)
"in the past week", "the last 30 days"          2024-10-01 .. the article's date (rolling)
"later on Thursday", "will vote on Monday"      the coming such day
"2025 at 3%, 2026 at 2.5%"                       each figure its own year
"in October" (no year)                          the latest October not after the article
"in October 2023", "in 2023", "for 2023"        the month / the year
"this year" / "so far this year"                2024-01-01 .. the article's date
"last year" / "last month" / "last week"        2023-01-01 .. 2023-12-31 / 2024-09 / Sep 30-Oct 6
"three weeks ago", "two days earlier"           that day (2024-09-17), (2024-10-06)
"on the 20th of January"                        that day (the latest 20 January)
"before last Sunday's vote", "before 2020"      .. the day before (end only)
"in the week to Sunday", "12 months to April"   Mon..Sun / 2023-05-01 .. 2024-04-30
"since the outbreak began in August"            2024-08-01 .. the article's date
"as of October 1", "as of Friday"               .. that date (end only)
no period                                       .. the article's date (end only)
==============================================  ===========================================

Examples:
    >>> import datetime as dt
    >>> d = dt.date(2024, 10, 8)
    >>> find_period("during January 2022 — September 2024 about 60 thousand", d)
    (datetime.date(2022, 1, 1), datetime.date(2024, 9, 30))
    >>> find_period("in October, 21,600 people", d)
    (datetime.date(2024, 10, 1), datetime.date(2024, 10, 31))
    >>> find_period("since 2022, more than 170,000 people have deserted", d)
    (datetime.date(2022, 1, 1), datetime.date(2024, 10, 8))
    >>> find_period("in the first half of 2024", d)
    (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from kg.drafting.events import Event, event_period

__all__ = ["FORECAST", "MONTHS", "article_date_in", "day_range", "find_period", "month_number",
           "parse_day", "weekday_near"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_ABBR = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_ABBR["sept"] = 9
_M = (r"(?P<{0}>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)")
_Y = r"(?P<{0}>(?:19|20)\d\d)"
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}


def month_number(word: str) -> int | None:
    """The month a word names ("Oct.", "October", "sept") or None.

    Examples:
        >>> month_number("Oct."), month_number("Sept"), month_number("Mayor")
        (10, 9, None)
    """
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or _ABBR.get(w)


def _last_day(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _year_before(month: int, day: int, ref: dt.date | None) -> int | None:
    """The year of a month/day without a year: the latest not after ``ref``."""
    if ref is None:
        return None
    return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1


def parse_day(text: str, ref: dt.date | None) -> dt.date | None:
    """A day named in ``text``: "Aug. 26[, 2024]", "26 August 2024", "the 20th of January",
    or a weekday ("on Friday": the latest such day not after ``ref``).

    Examples:
        >>> parse_day("reported on Aug. 26, citing", dt.date(2024, 9, 1))
        datetime.date(2024, 8, 26)
        >>> parse_day("said on Friday", dt.date(2024, 8, 16))
        datetime.date(2024, 8, 16)
    """
    m = re.search(r"\b" + _M.format("m") + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+"
                  + _Y.format("y") + ")?", text, re.I)
    if m is None:
        m = re.search(r"\b(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                      + _M.format("m") + r"(?:,?\s+" + _Y.format("y") + ")?", text, re.I)
    if m is not None and month_number(m.group("m")):
        month = month_number(m.group("m")) or 1
        day = int(m.group("d"))
        year = int(m.group("y")) if m.group("y") else _year_before(month, day, ref)
        if year is not None:
            try:
                date = dt.date(year, month, day)
            except ValueError:
                return None
            named = re.search(r"\b(" + "|".join(_WEEKDAYS) + r")\W{1,3}(?:the\s+|on\s+)?$",
                              text[max(0, m.start() - 16):m.start()], re.I)
            if named and _WEEKDAYS[named.group(1).lower()] != date.weekday():
                # "Monday, the 22nd" when the 22nd is a Tuesday: the nearest Monday
                ahead = (_WEEKDAYS[named.group(1).lower()] - date.weekday()) % 7
                date += dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)
            return date
    w = re.search(r"\b(" + "|".join(_WEEKDAYS) + r")\b", text, re.I)
    if w and ref is not None:
        return weekday_near(text[:w.start()], w.group(1), ref)
    return None


#: Before a weekday, words that put it ahead of the day it is written on: "later on
#: Thursday", "next Monday", "will decide on Friday", "is due to vote on Tuesday".
_FUTURE_DAY = re.compile(r"(?:\b(?:later|next|coming|upcoming)|\b(?:will|shall|due to|set to|"
                         r"expected to|scheduled to|is to|are to)\s+(?:(?!said\b|told\b)[a-z']+\s+)"
                         r"{0,8}?(?:on|by)?)\s*(?:on\s+)?(?:the\s+)?$", re.IGNORECASE)


def weekday_near(before: str, name: str, ref: dt.date) -> dt.date:
    """The day a weekday names: the latest not after ``ref``, unless the words ``before``
    it put it ahead ("later on Thursday", "will vote on Monday": the next one from ``ref``).

    Examples:
        >>> wed = dt.date(2023, 5, 10)
        >>> weekday_near("the bank raised rates on", "Thursday", wed)
        datetime.date(2023, 5, 4)
        >>> weekday_near("the bank will raise rates later on", "Thursday", wed)
        datetime.date(2023, 5, 11)
    """
    target = _WEEKDAYS[name.lower()]
    if _FUTURE_DAY.search(before[-80:]):
        ahead = (target - ref.weekday()) % 7
        if ahead == 0 and re.search(r"\bnext\s*$", before, re.IGNORECASE):
            ahead = 7
        return ref + dt.timedelta(days=ahead)
    return ref - dt.timedelta(days=(ref.weekday() - target) % 7)


def article_date_in(text: str, *, iso_only: bool = False) -> dt.date | None:
    """An ISO date ("2024-10-08"), else a "Month D, YYYY" or "D Mon, YYYY" date, in ``text``.

    Examples:
        >>> article_date_in("30 Jun, 2023 20:19"), article_date_in("[December 05, 2023]")
        (datetime.date(2023, 6, 30), datetime.date(2023, 12, 5))
    """
    head = text[:600]
    m = re.search(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b", head)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    if iso_only:
        return None
    m = re.search(r"\b(\d{1,2})\s+" + _M.format("m") + r",?\s+((?:19|20)\d\d)\b", head, re.I)
    if m and month_number(m.group("m")):
        try:
            return dt.date(int(m.group(3)), month_number(m.group("m")) or 1, int(m.group(1)))
        except ValueError:
            return None
    m = re.search(r"\b" + _M.format("m") + r"\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b", head, re.I)
    if m and month_number(m.group("m")):
        try:
            return dt.date(int(m.group(3)), month_number(m.group("m")) or 1, int(m.group(2)))
        except ValueError:
            return None
    return None


def _relative_year(word: str | None, rel: str | None, this_year: int | None) -> int | None:
    """A year written out ("2024") or relative to the article's ("this", "next", "last").

    Examples:
        >>> _relative_year("2024", None, 2023), _relative_year(None, "next", 2023)
        (2024, 2024)
    """
    if word:
        return int(word)
    if this_year is None:
        return None
    return this_year + {"next": 1, "last": -1}.get(rel or "this", 0)


def _year(word: str | None, ref: dt.date | None, month: int) -> int | None:
    if word:
        return int(word)
    return _year_before(month, 1, ref)


Period = tuple[dt.date | None, dt.date | None]


_DAY = (r"(?:{m}\s+\d{{1,2}}(?:st|nd|rd|th)?|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{m})"
        r"(?:,?\s+(?:19|20)\d\d)?").format(m=r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|"
                                             r"nov|dec)[a-z]*\.?")
_DAY_RANGE = re.compile(r"\b(?:from|between)\s+(?P<a>" + _DAY + r"),?\s+(?:to|and|until|till|"
                        r"through)\s+(?P<b>" + _DAY + r")", re.IGNORECASE)
_COMPACT = re.compile(r"\b(?:" + _M.format("m1") + r"\s+(?P<d1>\d{1,2})\s*[-\u2013]\s*(?P<d2>"
                      r"\d{1,2})|(?P<e1>\d{1,2})\s*[-\u2013]\s*(?P<e2>\d{1,2})\s+"
                      + _M.format("m2") + r")(?:,?\s+" + _Y.format("y") + r")?(?!\d|,\d)",
                      re.IGNORECASE)


def day_range(text: str, ref: dt.date | None) -> Period | None:
    """A range of days: "between Jan 1, 2020, and Dec 31, 2021", "from 3 to 9 May" is not
    one (use find_period), "April 16-21", "16-21 April 2025".

    Examples:
        >>> day_range("deaths between Jan 1, 2020, and Dec 31, 2021", None)
        (datetime.date(2020, 1, 1), datetime.date(2021, 12, 31))
        >>> day_range("the poll, conducted April 16-21,", dt.date(2025, 4, 23))
        (datetime.date(2025, 4, 16), datetime.date(2025, 4, 21))
    """
    m = _DAY_RANGE.search(text)
    if m:
        end = parse_day(m.group("b"), ref)
        if end is not None:
            start = parse_day(m.group("a"), end)
            if start is not None and start <= end:
                return start, end
    m = _COMPACT.search(text)
    if m:
        word = m.group("m1") or m.group("m2")
        month = month_number(word)
        d1, d2 = (m.group("d1"), m.group("d2")) if m.group("m1") else (m.group("e1"),
                                                                        m.group("e2"))
        if month and int(d1) < int(d2) <= 31:
            year = int(m.group("y")) if m.group("y") else _year_before(month, int(d2), ref)
            if year is not None:
                try:
                    return dt.date(year, month, int(d1)), dt.date(year, month, int(d2))
                except ValueError:
                    return None
    return None


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_AGO = re.compile(r"\b(?P<n>\d{1,2}|" + "|".join(_COUNTS) + r")\s+(?P<u>day|week|month|year)s?\s+"
                  r"(?:earlier|ago)\b")

#: "in the week to Sunday", "in the 12 months to April", "the three months ending June 30".
_TO_DAY = re.compile(r"\b(?:in|over|during|for)\s+the\s+(?:(?P<n>\d{1,2}|" + "|".join(_COUNTS)
                     + r")\s+)?(?P<u>day|week|fortnight|month|year)s?\s+(?:to|ending|ended|"
                     r"through|until)\s+(?:on\s+)?(?P<day>[A-Z][a-z]+\.?(?:\s+\d{1,2})?(?:,?\s+"
                     r"(?:19|20)\d\d)?|\d{1,2}\s+[A-Z][a-z]+(?:\s+(?:19|20)\d\d)?)", re.IGNORECASE)

#: "in the past week", "over the last seven days", "the previous 12 months": a rolling span
#: up to the day it is stated (not the calendar week before, which "last week" names).
_ROLLING = re.compile(r"\bthe\s+(?:past|last|previous|preceding)\s+(?:(?P<n>\d{1,3}|"
                      + "|".join(_COUNTS) + r")\s+)?(?P<u>day|week|fortnight|month|year)s?\b"
                      r"(?!\s+(?:of|to|ending|ended|before)\b)")


def _months_back(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (clamped to the month's length)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


#: "at the end of 2024", "for end-2025", "at the end of next year": a day, for a level then
#: (a rate, a stock: period_end only); "by the end of 2030" stays the year (a flow up to it).
_YEAR_END = re.compile(r"\b(?:(?:at|for|as\s+of)\s+)?(?:the\s+)?end[- ](?:of\s+)?(?:(?P<rel>this|"
                       r"next|last|the)\s+year|" + _Y.format("y") + r")\b")


#: What every rule of find_period needs: a digit or a word of time.
_TIMELY = re.compile(r"\d|day|week|month|year|since|first|second|half|quarter|overnight|as of|"
                     r"last|ago|earlier|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")

FORECAST = re.compile(r"\b(?:forecasts?|forecasted|projections?|projects?|projected|"
                       r"predict(?:s|ed)?|outlook|goal|budget|plans?|expects?|expected|"
                       r"estimate|will|would|could|might|target)\b", re.IGNORECASE)


def find_period(sentence: str, ref: dt.date | None, *, forecast: bool | None = None,
                events: tuple[Event, ...] = ()) -> Period:
    """The period a sentence's figures cover (see the module's table); (None, ref) if none.

    ``forecast`` says whether the figure is a forecast (then "this year" is the whole year);
    by default the sentence's own words decide. ``events`` are the well-known events the
    article names (:func:`kg.drafting.events.article_events`), for "since the invasion".
    """
    s = sentence
    low = s.lower()
    if not _TIMELY.search(low):
        return None, ref  # no digit and no word of time: no rule below can apply
    if forecast is None:
        forecast = bool(FORECAST.search(low))
    this_year = ref.year if ref else None
    days = day_range(s, ref)
    if days is not None:
        return days
    # month [year] (to|until|-|—|and) month year
    m = re.search(r"\b(?:from|between|during|in)?\s*" + _M.format("m1") + r"(?:\s+"
                  + _Y.format("y1") + r")?\s*(?:to|until|till|through|and|-|\u2013|\u2014)\s*"
                  + _M.format("m2") + r"(?:\s+(?:of\s+)?(?:" + _Y.format("y2")
                  + r"|(?P<this>this year)))?", s, re.I)
    if m and month_number(m.group("m1")) and month_number(m.group("m2")):
        m1, m2 = month_number(m.group("m1")) or 1, month_number(m.group("m2")) or 1
        y2 = int(m.group("y2")) if m.group("y2") else (
            this_year if m.group("this") else _year_before(m2, 1, ref))
        y1 = int(m.group("y1")) if m.group("y1") else (y2 if y2 and m1 <= m2 else
                                                       (y2 - 1 if y2 else None))
        if y1 and y2:
            return dt.date(y1, m1, 1), _last_day(y2, m2)
    m = re.search(r"\b(?:from|between)\s+" + _Y.format("y1") + r"\s*(?:to|and|-|\u2013)\s*"
                  + _Y.format("y2"), s)
    if m:
        return dt.date(int(m.group("y1")), 1, 1), dt.date(int(m.group("y2")), 12, 31)
    m = re.search(r"\b(?:(first|second|1st|2nd)\s+half\s+of\s+(?:(?P<rel>this|next|last)\s+"
                  r"year|" + _Y.format("y") + r")|\b(?P<h>h[12])\s*(?P<hy>(?:19|20)\d\d)\b)", low)
    if m:
        y = _relative_year(m.group("y") or m.group("hy"), m.group("rel"), this_year)
        if y:
            first = (m.group(1) or m.group("h")) in ("first", "1st", "h1")
            return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if first else \
                (dt.date(y, 7, 1), dt.date(y, 12, 31))
    for m in _YEAR_END.finditer(low):  # "at 5% at the end of 2024": a level on that day
        if not re.search(r"\b(?:by|since|until|till|through|from|towards?|before|after|in)\s*$",
                         low[:m.start()]):
            y = _relative_year(m.group("y"), m.group("rel"), this_year)
            if y is not None:
                return None, dt.date(y, 12, 31)
    m = re.search(r"\b(?:at\s+the\s+|in\s+the\s+)?(beginning|start|early|end|late)\s+(?:of\s+)?"
                  + _Y.format("y") + r"\b", low)
    if m and not re.search(r"\b(?:since|by)\s+(?:the\s+)?" + re.escape(m.group(1)), low):
        y = int(m.group("y"))
        if m.group(1) in ("beginning", "start", "early"):
            return dt.date(y, 1, 1), dt.date(y, 3, 31)
        return dt.date(y, 10, 1), dt.date(y, 12, 31)
    m = re.search(r"\b(?:(first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter|(last)\s+"
                  r"quarter(?=\s+of\s+(?:this|next|last|(?:19|20)\d\d)))(?:\s+of\s+(?:"
                  r"(?P<rel>this|next|last)\s+year|" + _Y.format("y") + r"))?|\bq(?P<q>[1-4])\s*"
                  r"(?:of\s+)?(?P<qy>(?:19|20)\d\d)\b", low)
    if m:
        word = m.group(1) or m.group(2) or m.group("q")
        q = {"first": 1, "1st": 1, "1": 1, "second": 2, "2nd": 2, "2": 2, "third": 3, "3rd": 3,
             "3": 3}.get(word, 4)
        y = _relative_year(m.group("y") or m.group("qy"), m.group("rel"), this_year) if (
            m.group("y") or m.group("qy") or m.group("rel")) else (
            None if ref is None else ref.year if dt.date(ref.year, 3 * q - 2, 1) <= ref
            else ref.year - 1)
        if y is not None:
            return dt.date(y, 3 * q - 2, 1), _last_day(y, 3 * q)
    m = re.search(r"\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?:(?P<d>[^,.;]{0,45}?)\s)?"
                  r"?" + _Y.format("y") + r"\b", s, re.I)
    if m and "since" in low:
        month = month_number((m.group("d") or "").split()[-1]) if m.group("d") else None
        return dt.date(int(m.group("y")), month or 1, 1), ref
    for m in re.finditer(r"\bsince\s+(?:the\s+)?(?P<rest>[^,;]{0,90})", s, re.I):
        day = parse_day(m.group("rest"), ref)
        if day is not None:
            return day, ref
        named = re.search(r"(?:^|\b(?:in|of)\s+)" + _M.format("m") + r"(?!\s*\d)",
                          m.group("rest"), re.I)  # "since March", "since it began in March"
        if named and month_number(named.group("m")) and named.group("m")[0].isupper():
            mo = month_number(named.group("m")) or 1
            y = _year_before(mo, 1, ref)  # "since March": the latest March not after ref
            if y is not None:
                return dt.date(y, mo, 1), ref
    m = re.search(r"\b(?i:before|prior to)\s+(?:the\s+)?(?P<rest>(?:last\s+)?"
                  r"[A-Z0-9][^,;]{0,30})", s)
    if m and not re.match(r"\d+\s*(?:%|percent|per cent|[a-z]+\s+(?:ago|earlier))",
                          m.group("rest")):
        year = re.match(_Y.format("y") + r"\b(?!\s*[-\u2013])", m.group("rest"))
        day = None if year else parse_day(m.group("rest")[:20], ref)
        if year is not None or day is not None:  # "before last Sunday's vote": up to the eve
            limit = dt.date(int(year.group("y")), 1, 1) if year else day
            if limit is not None:
                return None, limit - dt.timedelta(days=1)
    anchored = event_period(s, events, ref) if events else None
    if anchored is not None:
        return anchored
    if re.search(r"\b(?:so far )?this year\b|\bsince the (?:start|beginning) of the year\b", low) \
            and ref and not forecast:
        return dt.date(ref.year, 1, 1), ref
    m = re.search(r"\b(?:in|during|for|of)\s+" + _M.format("m") + r"(?:\s+" + _Y.format("y")
                  + r")?\b(?!\s*\d)", s, re.I)
    if m and month_number(m.group("m")) and m.group("m")[0].isupper() \
            and not re.search(r"\d(?:st|nd|rd|th)?\s*$", s[:m.start()]):  # "the 20th of May"
        month = month_number(m.group("m")) or 1
        y = _year(m.group("y"), ref, month)
        if y:
            return dt.date(y, month, 1), _last_day(y, month)
    m = re.match(r"\s*(?:and\s+|or\s+)?" + _Y.format("y") + r"(?:\s+(?:at|of|was|is|seen at|put at|"
                 r"stood at)|\s*:)\s+(?:about\s+|around\s+|some\s+)?[-+\u2212$\u20ac\u00a3]?\d", s)
    if m is None:  # "... 2024 at 5.7% and 2025 at 4%": a list led by its years
        m = re.search(r"\b(?:in|for|during|of|by the end of)\s+" + _Y.format("y") + r"\b", s, re.I)
    if m is None:
        m = re.search(r"\b" + _Y.format("y") + r"(?=\s+(?:gdp|growth|budget|target|"
                      r"projection|forecast|mobili[sz]ation))", low)
    if m:
        y = int(m.group("y"))
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if ref and re.search(r"\bthis year\b", low):
        return dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31)
    if ref and re.search(r"\blast year\b", low):
        return dt.date(ref.year - 1, 1, 1), dt.date(ref.year - 1, 12, 31)
    m = _ROLLING.search(low)
    if m and ref is not None:  # "in the past week", "over the last 30 days": up to the day
        n = _COUNTS.get(m.group("n") or "a", 0) or int(m.group("n"))
        unit = m.group("u")
        if unit in ("month", "year"):
            return _months_back(ref, n * (12 if unit == "year" else 1)), ref
        return ref - dt.timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit]), ref
    if ref and re.search(r"\blast week\b", low):
        monday = ref - dt.timedelta(days=ref.weekday() + 7)
        return monday, monday + dt.timedelta(days=6)
    if ref and re.search(r"\bthis week\b", low):
        return ref - dt.timedelta(days=ref.weekday()), ref
    if ref and re.search(r"\byesterday\b", low):
        return ref - dt.timedelta(days=1), ref - dt.timedelta(days=1)
    if ref and re.search(r"\blast month\b", low):
        y, mo = (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)
        return dt.date(y, mo, 1), _last_day(y, mo)
    m = _TO_DAY.search(s)
    if m and ref is not None:  # "in the week to Sunday", "in the 12 months to April"
        last = parse_day(m.group("day"), ref)
        month = month_number(m.group("day").split()[0]) if last is None else None
        if last is None and month is not None and not re.search(r"\d", m.group("day")):
            y = _year(None, ref, month)
            last = _last_day(y, month) if y else None
        if last is not None:
            n = _COUNTS.get((m.group("n") or "a").lower(), 0) or int(m.group("n"))
            unit = m.group("u").lower()
            if unit in ("month", "year"):
                months = n * (12 if unit == "year" else 1)
                y, mo = divmod(last.year * 12 + last.month - months, 12)
                begin = dt.date(y, mo + 1, 1) if last == _last_day(last.year, last.month) \
                    else last - dt.timedelta(days=30 * months - 1)
            else:
                begin = last - dt.timedelta(days=n * (14 if unit == "fortnight" else 7 if
                                                      unit == "week" else 1) - 1)
            return begin, last
    m = _AGO.search(low)
    if m and ref is not None and not re.search(r"\b(?:from|than|compared (?:with|to)|on|"
                                               r"over|versus|against)\s*$", low[:m.start()]):
        # "three weeks earlier", "two years ago": that day (year); not "up 4% from a year ago"
        n = _COUNTS.get(m.group("n"), 0) or int(m.group("n"))
        unit = m.group("u")
        if unit == "year":
            return dt.date(ref.year - n, 1, 1), dt.date(ref.year - n, 12, 31)
        if unit == "month":
            y, mo = divmod(ref.year * 12 + ref.month - 1 - n, 12)
            day = dt.date(y, mo + 1, min(ref.day, calendar.monthrange(y, mo + 1)[1]))
        else:
            day = ref - dt.timedelta(days=n * (7 if unit == "week" else 1))
        return day, day
    m = re.search(r"(?<!as of )(?<!since )(?<!until )(?<!through )\b(?:on|an?)\s+(?:the\s+)?"
                  r"(?P<day>"
                  r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
                  r"(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
                  r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*(?:,?\s+(?:19|20)"
                  r"\d\d)?)\b(?!\s*(?:[-\u2013]|to|and|until)\s*\d)", low)
    if m:  # "killed on Oct. 7", "an Oct. 7 attack": that day
        day = parse_day(m.group("day"), ref)
        if day is not None:
            return day, day
    m = re.search(r"\b(?:on|last)\s+(" + "|".join(_WEEKDAYS) + r")\b", low)
    if m and ref is not None:
        day = weekday_near(low[:m.start(1)], m.group(1), ref)
        return day, day
    if ref is not None and re.search(r"\bovernight\b", low):
        return ref - dt.timedelta(days=1), ref
    m = re.search(r"\bas of\s+(?P<rest>[^,;.]{0,30})", s, re.I)
    if m:
        return None, parse_day(m.group("rest"), ref) or ref
    return None, ref
