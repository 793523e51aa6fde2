"""A figure's quantity in a draft: its bounds and kind, and the period it covers in context.

:mod:`kg.drafting.periods` reads the period one piece of text names. A figure's period
also depends on the article around it, which :class:`FigurePeriods` keeps while the
drafter walks the sentences in order:

================================================  ========================================
context                                           period of a figure without its own
================================================  ========================================
"since May" earlier, a count to date              from May .. the as-of date
"since then", "since that time"                   from the period the sentence before named
"over that period", "during the attack"           the period named last
seats won, turnout (the polling day named         polling day .. the as-of date; turnout:
anywhere: :mod:`kg.drafting.votes`)               the polling day
a poll's figure                                   the poll's field dates ("three weeks
                                                  earlier" counts back from their last day)
a past event ("said Wednesday that 207 were       that day; else the closed period the
released"; "74 were killed")                      sentence before named ("shot down last
                                                  week")
the parts of a whole ("including 65 ...", a       the whole's (first figure's) period
second figure of the same clause)
"of the 60,000 deaths, 26,000 ..."                the period of the 60,000 stated before
"up from 941 a year earlier", "in the same        the figure before's period, a year back
period last year"
a statement right after one "said Dec. 26"        as of Dec. 26
"earlier this week, X said"                       as of the day before the article's
a source's report the article dates further on    as of that report's day (:func:`redate`)
a forecast cut "on Tuesday" without a year        the current year
a margin of error, a confidence interval          none
the scope of data ("covers 41 donors")            none
a length of time ("terms of up to 12 years")      none, unless the text dates it
a forecast "over the medium term"                 none
"in an earlier report, X said ..."                none (the report's date is not given)
================================================  ========================================

A round number of millions beside the precise figure it rounds (within 5 %) is approximate
(:func:`mark_rounded`).

Examples:
    >>> import datetime as dt
    >>> from kg.drafting.figures import find_figures
    >>> fp = FigurePeriods(dt.date(2024, 10, 8))
    >>> s = "Since March, 40 schools have closed."
    >>> fp.see(s, fp.ref)
    >>> q, _ = fp.quantity(find_figures(s)[0], s, s, s, fp.ref)
    >>> q["period_start"], q["period_end"]
    (datetime.date(2024, 3, 1), datetime.date(2024, 10, 8))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from kg.drafting.events import Event
from kg.drafting.figures import Figure, figure_clause, written_numbers
from kg.drafting.periods import FORECAST, find_period, weekday_near
from kg.drafting.respectively import respective
from kg.drafting.votes import vote_period

__all__ = ["SAME_PERIOD", "FigurePeriods", "mark_rounded", "redate"]

Span = tuple[dt.date, dt.date]


#: "over that period", "during the attack": the period (or event) named just before.
SAME_PERIOD = re.compile(r"\b(?:over|in|during|for|within|throughout) (?:that|the same|this) "
                         r"(?:period|time)\b|\b(?:during|in|for) the (?:same )?(?:attack|assault|"
                         r"strike|raid|shelling|offensive|operation|exchange|swap|storm|"
                         r"flooding|outbreak)\b", re.IGNORECASE)

#: A poll's margin of error, a study's interval: a figure of the method, with no period.
_NO_PERIOD = re.compile(r"\bmargins? of error\b|\b(?:could|might|may|can) be off by\b|"
                        r"\bsampling error\b|\b(?:confidence|credible|credibility) interval",
                        re.IGNORECASE)
#: A study's sample, a treatment's efficacy: properties of a method or product, not counts
#: over time ("a sample of 9,000 adults", "the shot is 54% effective", "90% efficacy").
_PROPERTY = re.compile(r"\bsample(?:\s+size)?\s+of\b|\b(?:sample|cohort)\s+(?:size\s+)?(?:was|is|"
                       r"of|included|comprised)\b|\d\s*(?:%|percent|per cent)\s+(?:effective|"
                       r"efficacy|efficacious|accurate|accuracy|sensitivity|specificity)\b|"
                       r"\b(?:efficacy|effectiveness|accuracy)\s+(?:rate\s+)?of\s+(?:about\s+|"
                       r"around\s+|nearly\s+|some\s+)?\d|"
                       # a standing policy target: "back to its 2% target", "a 2% inflation goal"
                       r"\b(?:its|the|a|an)\s+(?:\w+\s+)?\d+(?:\.\d+)?\s*(?:%|percent|per cent)\s+"
                       r"(?:inflation\s+)?(?:target|goal|ceiling)\b", re.IGNORECASE)
#: The scope of a data set or study: "the data covers aid from its 41 largest donors".
_SCOPE = re.compile(r"\b(?:covers?|covering|spans?|spanning|drawn from|sampled from)\b"
                    r"[^,;.\d]{0,50}$", re.IGNORECASE)
#: "12 years", "a four-week rotation": the figure is a length of time.
_DURATION = re.compile(r"[\s-]?(?:hours?|days?|weeks?|months?|years?|decades?)\b(?!\s+(?:old|"
                       r"ago|earlier|later|after|before))", re.IGNORECASE)
_CURRENCIES = frozenset({"USD", "EUR", "GBP", "RUB", "UAH", "CNY", "INR", "BRL"})

_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:been\s+)?\w+(?:ed|en|wn|lt|ne|ht)\b|"
                      r"\bso far\b|\bto date\b|\bsince\b|\bnow stands\b|\b(?:death )?toll\b|"
                      r"\bnumber of (?:\w+ )?(?:dead|killed|deaths|casualties|wounded)\b",
                      re.IGNORECASE)


#: A finite verb of the past after the figure: "74 people were killed", "36 ... suffered".
_IRREGULAR = (r"spent|sent|lent|sold|told|held|paid|laid|fell|rose|grew|took|won|lost|made|gave|"
              r"drew|hit|shot|brought|bought|left|fled|fought|caught|struck|ran|came|went|saw|"
              r"stood|began|became|built|cut|put|set|met|found|kept|led")
#: Words in -ed that are adjectives or hedges more often than verbs of the past.
_ADJECTIVE = (r"(?!(?:estimated|expected|projected|combined|reported|registered|licensed|"
              r"confirmed|injured|wounded|displaced|unemployed|detained|related|based|limited|"
              r"skilled|trained|armed|married|retired|insured|vaccinated|infected)\b)")
_PAST = re.compile(r"^[^,;.]{0,60}?(?:\b(?:was|were|had been)\s+(?:[a-z]+ly\s+|all\s+|also\s+)?"
                   r"(?:[a-z]+(?:ed|en|wn|lt|ne|ht)|" + _IRREGULAR + r")\b|(?<!\bhas )(?<!\bhave )"
                   r"(?<!\bhad )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )"
                   r"(?<=[a-z] )" + _ADJECTIVE + r"\b(?:[a-z]{3,}ed|" + _IRREGULAR
                   + r")\b(?!\s+(?:by|in|to|from|on|at|with|for|as)\b))")
#: A verb of the past before the figure: "The US spent $47bn", "Turnout was 61%".
_PAST_BEFORE = re.compile(r"(?:\b(?:was|were|became|spent|rose|fell|grew|won|lost|took|gave|"
                          r"made|paid|sold)\b[^;.]{0,90}|" + _ADJECTIVE + r"\b(?:[a-z]{3,}ed|"
                          + _IRREGULAR + r")\s+(?:[a-z]+\s+){0,3})$")
#: A forecast's horizon without dates: "over the medium term", "in the long run".
_HORIZON = re.compile(r"\b(?:medium|long|short)[- ]term\b|\bin the (?:long|medium|short) run\b|"
                      r"\bin (?:the )?(?:coming|next few) (?:years|decades)\b", re.IGNORECASE)
#: A statement from an earlier, undated report: its as-of date is not the article's.
_UNDATED = re.compile(r"\b(?:in|from)\s+(?:an?|one)\s+(?:earlier|previous|prior|older)\s+"
                      r"(?:article|report|story|interview|statement|briefing|publication)\b",
                      re.IGNORECASE)


#: Where an outbreak or a war began ("that began in 2018", "is thought to have started in
#: December"): the start of the thing, not the period of a count to date beside it.
_BEGAN = re.compile(r"\b(?:began|begun|started|broke out|erupted|emerged)\b[^,;.\d]{0,100}?"
                    r"\b(?:in|on|during|last)\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
                    r"dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?|(?:19|20)"
                    r"\d\d|year|month|week)\b", re.IGNORECASE)
#: A count to date: "has spread to 17 states", "250 cases so far", "now stands at".
_TO_DATE = re.compile(r"\b(?:has|have)\s+(?:now\s+|already\s+|since\s+)?(?:been\s+)?"
                      r"[a-z]+(?:ed|en|wn|ad|ht)\b|\bso far\b|\bto date\b|\bnow\b",
                      re.IGNORECASE)


def _months_back(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day if it is shorter)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(y, m + 1)[1]
    return dt.date(y, m + 1, last if day.day == calendar.monthrange(day.year, day.month)[1]
                   else min(day.day, last))


def _number(text: str) -> float | None:
    """ "60,000" -> 60000.0; None if it does not read as a number."""
    try:
        return float(text.rstrip(".,").replace(",", ""))
    except ValueError:
        return None


#: Between a whole and its parts: "74 were killed, including 65 ...".
_PARTS = re.compile(r"\b(?:including|among them|among whom|of whom|of which|of them)\b",
                    re.IGNORECASE)
#: What makes a count a state up to now rather than an event: present, perfect, future.
_NOT_PAST = re.compile(r"\b(?:has|have|is|are|will|would|so far|to date|now|currently|still|"
                       r"remains?|since)\b", re.IGNORECASE)


#: Between a figure and the one it is compared with: "5.75% ..., up from 5.5%", "versus".
_COMPARED = re.compile(r"(?:\b(?:up|down|unchanged|revised|raised|cut|lowered)\s+from|\bversus|"
                       r"\bvs\.?|\bcompared (?:with|to)|\bagainst)\s+(?:the\s+|an?\s+|its\s+|"
                       r"previous\s+|prior\s+|earlier\s+)*$", re.IGNORECASE)
#: After the compared figure: it was an earlier forecast of the same thing.
_EARLIER_VIEW = re.compile(r"^[^,;.]{0,25}?\b(?:seen|expected|forecast|projected|estimated|"
                           r"predicted|in the (?:previous|prior|last|earlier) (?:survey|poll|"
                           r"forecast|projection|estimate|outlook|report))\b", re.IGNORECASE)


def _prior(written: str, head: tuple[str, int, tuple[dt.date | None, dt.date | None]],
           fig: Figure, ref: dt.date | None, own: tuple[dt.date | None, dt.date | None]
           ) -> tuple[dt.date | None, dt.date | None]:
    """The period of a figure compared with the one before it (``head``): an earlier
    forecast of the same target ("5.75% at the end of 2023, up from the 5.5% seen last
    month": end of 2023), or the level before a change on a day ("will raise it on Thursday
    to 4.5% from 4.25%": the level up to then); else ``own``."""
    between = written[head[1]:fig.start]
    start, end = head[2]
    if _COMPARED.search(between) and _EARLIER_VIEW.match(written[fig.end:]) \
            and start != end:
        return start, end
    if end is not None and start == end and re.search(r"\bto\s+\S*$", written[:head[1]]) \
            and re.fullmatch(r"\s*(?:%|percent|per cent)?\s*from\s+(?:\S+\s+)?", between):
        day = end - dt.timedelta(days=1)
        return None, day if ref is None or day < ref else ref
    return own


def _past_event(written: str, fig: Figure) -> bool:
    """Whether the figure counts a past event: a verb of the past follows it, and nothing
    around it makes it a count to date."""
    m = _PAST.match(written[fig.end:])
    if m is not None:
        return not _NOT_PAST.search(written[max(0, fig.start - 40):fig.end + m.end()])
    before = _PAST_BEFORE.search(written[:fig.start])
    return before is not None and not _NOT_PAST.search(
        written[max(0, before.start() - 12):fig.end + 30])


def _weekday(sentence: str, ref: dt.date | None) -> dt.date | None:
    """The day a bare weekday names ("an announcement Wednesday"), the latest not after
    ``ref``; None for "since/until/by Wednesday" or no weekday."""
    m = re.search(r"(?<!since )(?<!until )(?<!by )(?<!before )(?<!after )\b(Monday|Tuesday|"
                  r"Wednesday|Thursday|Friday|Saturday|Sunday)\b", sentence)
    if m is None or ref is None:
        return None
    return weekday_near(sentence[:m.start()], m.group(1), ref)


def _fields(fig: Figure) -> tuple[dict[str, Any], list[str]]:
    """The quantity's fields that the figure alone gives: bounds, unit, rate, kind."""
    notes: list[str] = []
    q: dict[str, Any] = {"measure": fig.measure}
    for key in ("value", "min_value", "max_value"):
        if getattr(fig, key) is not None:
            q[key] = getattr(fig, key)
    if fig.approximate:
        q["approximate"] = True
    if fig.unit:
        q["unit"] = fig.unit
    if fig.per:
        q["per"] = fig.per
    # the kind of quantity (kg.quantities infers it from these fields)
    if fig.unit in _CURRENCIES:
        q["currency"] = fig.unit
    if fig.unit == "ratio":
        q["change"] = "ratio"
    elif fig.unit == "percentage point":
        q["change"] = "difference"
    if fig.word:
        q["word"] = fig.word
        notes.append(f"'{fig.word}' read as at least {fig.min_value:,.0f} (a convention); "
                     "keep or drop the bound")
    if fig.exact:
        q["exact"] = True
    if fig.per_population:
        q["per_population"] = fig.per_population
    return q, notes


class FigurePeriods:
    """The article's context for periods, updated sentence by sentence (module's table).

    Args:
        ref: the article's date (or the latest date its text names).
        events: the well-known events the article names (:mod:`kg.drafting.events`).
        poll: the field dates of the article's poll, if it gives them.
        vote: the polling day of the election the article names
            (:func:`kg.drafting.votes.polling_day`).
    """

    def __init__(self, ref: dt.date | None, events: tuple[Event, ...] = (),
                 poll: Span | None = None, vote: dt.date | None = None) -> None:
        self.ref = ref
        self.events = events
        self.poll = poll
        self.vote = vote
        self.since: dt.date | None = None  # the latest "since ..." start of the article
        self.last: Span | None = None  # the period named last, for "over that period"
        self.said: dt.date | None = None  # the day the current sentence was said on
        self.said_before: dt.date | None = None  # ... and the sentence before
        self.span: Span | None = None  # the closed period the current sentence names
        self.before: Span | None = None  # ... and the one the sentence before named
        self.known: dict[float, Span] = {}  # figures stated with a closed period
        #: the figures of the current segment so far, with their periods ("respectively")
        self.seen: list[tuple[str, Figure, tuple[dt.date | None, dt.date | None]]] = []
        #: the figure before in the segment: segment, its end, its period
        self.head: tuple[str, int, tuple[dt.date | None, dt.date | None]] | None = None

    def see(self, sentence: str, ref: dt.date | None, said: dt.date | None = None) -> None:
        """Note what a sentence says about time before its figures are read.

        Args:
            sentence: the sentence.
            ref: the date its figures are as of.
            said: the day the text says it was said on ("said Wednesday"), if any.
        """
        self.before, self.said_before, self.said = self.span, self.said, said
        start, end = find_period(sentence, ref, events=self.events)
        self.span = (start, end) if start is not None and end is not None and start <= end \
            and (ref is None or end <= ref) else None
        since = re.search(r"\bsince\b[^,;]*", sentence, re.IGNORECASE)
        if since:
            start, _ = find_period(since.group(0), ref, events=self.events)
            if start is not None and (ref is None or start <= ref):
                self.since = start

    def quantity(self, fig: Figure, segment: str, claim: str, sentence: str,
                 ref: dt.date | None, *, poll: bool = False, year: int | None = None
                 ) -> tuple[dict[str, Any], list[str]]:
        """The quantity of one figure and the CHECK notes on it.

        Args:
            fig: the figure, with positions in ``written_numbers(segment)``.
            segment: the part of the claim the figure is in.
            claim: the claim's text (the sentence without its attribution).
            sentence: the whole sentence.
            ref: the date the figure is stated as of (said on that day, else the article's).
            poll: the figure is a poll's (its period is the field dates).
            year: the year the figure is for, when the sentence gives two at once.
        """
        q, notes = _fields(fig)
        written = written_numbers(segment)
        if self.seen and self.seen[0][0] != segment:
            self.seen = []
        paired = respective(written, fig, [f for _, f, _ in self.seen])
        start: dt.date | None
        end: dt.date | None
        if year is None and paired is not None:
            start, end = next(p for _, f, p in self.seen if f is paired)
            notes.append(f"'respectively': period read as that of {paired.text}")
        elif year is not None:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        else:
            start, end = self._period(fig, segment, claim, sentence, ref, poll, notes)
        self.seen.append((segment, fig, (start, end)))
        head = self.head
        between = written_numbers(segment)[head[1]:fig.start] if head is not None else ""
        if head is not None and head[0] == segment and start is None and end == ref and (
                _PARTS.search(between) or not re.search(r"^\s*(?:[a-z]+\s+)?of\s+(?:the\s+|"
                                                        r"all\s+)?$|[;:(\u2013\u2014]|,\s|"
                                                        r"\s(?:and|but|"
                                                        r"while|whereas|than|versus)\s",
                                                        between)):
            start, end = head[2]  # "74 were killed, including 65 ...": the whole's period
        else:
            earlier = re.match(r"[^,;.]{0,30}?\b(?:(?P<n>an?|one|two|three|\d{1,2})\s+(?P<u>year|"
                               r"month)s?\s+(?:earlier|before)|(?:in|during|for|over) the same "
                               r"(?:period|quarter|month|months|week|weeks) (?:a year earlier|"
                               r"(?:of )?(?:last|the previous|the prior) year))\b",
                               written_numbers(segment)[fig.end:])
            if earlier and head is not None and head[0] == segment and None not in head[2]:
                # "rose to 58,000 in 2023, up from 941 a year earlier": the head's, shifted
                word = earlier.group("n") or "a"
                n = int(word) if word.isdigit() else {"two": 2, "three": 3}.get(word, 1)
                months = n * (1 if earlier.group("u") == "month" else 12)
                a, b = head[2]
                if a is not None and b is not None:
                    start, end = _months_back(a, months), _months_back(b, months)
            elif head is not None and head[0] == segment and head[2][1] is not None:
                start, end = _prior(written_numbers(segment), head, fig, ref, (start, end))
            self.head = (segment, fig.end, (start, end))
        if start is not None and end is not None and start <= end:
            for v in (fig.value, fig.min_value, fig.max_value):
                if v is not None:
                    self.known.setdefault(v, (start, end))
            if not SAME_PERIOD.search(sentence):
                self.last = (start, end)
            self.span = self.span or (start, end)
        if start is not None:
            q["period_start"] = start
        if end is not None:
            q["period_end"] = end
            if start is None:
                notes.append(f"no period stated: read as up to {end}")
        if start is not None and end is not None and start > end:
            q.pop("period_start")
            notes.append("the period's start came out after its end; dropped")
        if fig.measure == "figure":
            notes.append(f"what '{fig.text}' counts was not found; name the measure")
        return q, notes

    def _period(self, fig: Figure, segment: str, claim: str, sentence: str,
                ref: dt.date | None, poll: bool, notes: list[str]
                ) -> tuple[dt.date | None, dt.date | None]:
        events, since, last = self.events, self.since, self.last
        field = self.poll if poll else None
        if ref == self.ref and self.said is None and self.said_before is not None \
                and (ref is None or self.said_before < ref):
            ref = self.said_before  # "X said Dec. 26 ... . In December, 150 ..., Y said"
        if ref == self.ref and ref is not None and self.said is None and re.search(
                r"\bearlier this (?:week|month)\b", sentence, re.IGNORECASE):
            ref -= dt.timedelta(days=1)  # "earlier this week, X said": before the article
        if field is not None and ref == self.ref:
            ref = field[1]  # a poll's figure is as of its last day ("three weeks earlier")
        forecast = bool(FORECAST.search(sentence))
        written = written_numbers(segment)
        clause = figure_clause(written, fig)
        if _NO_PERIOD.search(clause) or _SCOPE.search(written[:fig.start]) or (
                field is None and _PROPERTY.search(clause)):
            return None, None  # "a margin of error of 3 points": the method's, not a time's
        seg_p, claim_p = segment, claim  # the texts periods are read from
        own_start = bool(_BEGAN.search(segment))  # its own start: no "since" from elsewhere
        if _TO_DATE.search(clause) and not re.search(r"\bsince\b", segment, re.IGNORECASE):
            # "an outbreak that began in 2018 has 250 cases so far": a count to date
            clause, seg_p, claim_p = (_BEGAN.sub(" ", t) for t in (clause, segment, claim))
        start, end = find_period(clause, ref, forecast=forecast, events=events)
        if forecast and start is not None and start == end and ref is not None \
                and re.search(r"\bforecasts?\b", sentence, re.IGNORECASE) \
                and not re.search(r"\b(?:19|20)\d\d\b", clause):
            start, end = dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31)  # made that day
        if start is None and self.vote is not None:
            voted = vote_period(written, fig.start, self.vote, ref)
            if voted is not None:  # "had won 22 seats", "turnout of 90%": from polling day
                return voted
        if start is None and _DURATION.match(written, fig.end) and not re.match(
                r"\s*(?:in|during|for|between|from|since|over|by|last|this)\b", written, re.I):
            return None, None  # "noting that those convicted face up to 12 years": a length
        if start is None and end == ref and (
                (forecast and _HORIZON.search(clause)) or _UNDATED.search(sentence)):
            return None, None  # "growth of 3% over the medium term": no dates given
        whole = re.search(r"\b(?i:of)\s+(?:the|these|those)\s+(?P<n>\d[\d,.]*)\s+[a-z]",
                          written[:fig.start + 1])
        if start is None and end == ref and whole:  # "Of the 60,000 deaths, 26,000 were ..."
            known = self.known.get(_number(whole.group("n")) or -1.0)
            if known is not None:
                notes.append(f"period read as {known[0]} to {known[1]}, that of the whole "
                             "named before")
                return known
        # "at the end of 2024"; "250 cases so far, with 11 in the last week": the clause's own
        pinned = start is None and end is not None and (end != ref or re.search(
            r"\b(?:so far|to date|thus far|until now|up to now)\b", clause, re.IGNORECASE))
        if start is None and not pinned:
            start, end = find_period(seg_p, ref, forecast=forecast, events=events)
        if start is None and _DURATION.match(written, fig.end):
            return None, None  # "prison terms of up to 12 years": a length of time, not a count
        if start is None and not pinned:
            start, end = find_period(claim_p, ref, forecast=forecast, events=events)
        if start is not None and not re.search(r"\bsince\b", clause, re.IGNORECASE) \
                and re.search(r"\bsince\b", claim, re.IGNORECASE) \
                and re.search(r"\b(?:is|are)\b", clause) and not _PERFECT.search(clause):
            start, end = None, ref  # "where X has happened since May, only 5 are open": now
        if start is not None and start == end and re.search(
                r"\b(?:at which point|by which time|by then|by that time|at that point|at the "
                r"time)\b", written[:fig.start], re.IGNORECASE):
            start = None  # "on Jan. 23, at which point it had spread to six states": a stock
        before = written_numbers(segment)[max(0, fig.start - 30):fig.start]
        if start is not None and start == end and re.search(
                r"\b(?:has|have|had)\s+(?:been\s+)?\w+\s+(?:(?:at least|more than|over|about|"
                r"nearly|almost|up to|some|around|all)\s+)?$", before + " "):
            start, end = None, ref  # "had detained 30 ... in an Oct. 7 attack": a count to date
        if start is None and re.search(r"\bsince (?:then|that (?:time|day|date))\b", segment,
                                       re.IGNORECASE) and (self.before or last) is not None:
            began = (self.before or last or (None, None))[0]  # "The war began in 2022. Since
            if began is not None and (ref is None or began <= ref):  # then, 10,000 died."
                notes.append(f"'since then' read as since {began}, the period named before")
                return began, ref
        if start is None and last is not None and SAME_PERIOD.search(sentence):
            start, end = last
            notes.append(f"'that period' read as {start} to {end}, the period named before")
        if start is not None and end is not None and ref is not None and start <= ref < end \
                and not forecast:
            end = ref  # a count of this month or year runs up to the day it is stated
        if start is None and field is not None and end == ref:
            start, end = field
            notes.append(f"the poll's field dates, {start} to {end}, read as the period")
        if start is None and since is not None and not own_start and (end == ref or (
                end is not None and since <= end)) and (_PERFECT.search(clause) or (
                    _PERFECT.search(sentence) and not re.search(r"\b(?:is|are)\b", clause))) \
                and (ref is None or since <= ref):
            start = since
            notes.append(f"period read as from {since}, the start the article gave earlier "
                         "(\"since ...\")")
        if start is None and end == ref and _past_event(written, fig) \
                and not re.search(r"\bas of\b", segment, re.IGNORECASE):
            day = self.said or _weekday(sentence, ref)
            if day is not None:  # "said Wednesday that 207 were released": that day's
                return day, day
            if self.before is not None:  # "... shot down last week. All 74 were killed."
                notes.append(f"period read as {self.before[0]} to {self.before[1]}, the one "
                             "the sentence before named")
                return self.before
        return start, end


def redate(claims: list[dict[str, Any]], assertions: list[dict[str, Any]],
           reports: dict[str, dict[str, Any]], ref: dt.date | None) -> None:
    """Figures read as of the article's date whose source's report the article dates
    earlier, even further on ("the newspaper reported on Saturday"), are as of that day.

    ``claims``, ``assertions`` and ``reports`` are the drafter's records (changed in place);
    an assertion's ``report`` names its report, and the chain's origin (the assertion that
    cites nothing) is tried first, then its relays in order.
    """
    if ref is None:
        return
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for a in assertions:
        by_claim.setdefault(a["claim"], []).append(a)
    for c in claims:
        q = c.get("quantity")
        if q is None or q.period_end != ref:
            continue
        chain = sorted(by_claim.get(c["id"], []), key=lambda a: len(a.get("cites", ())))
        dates = [reports.get(a.get("report") or "", {}).get("date") for a in chain]
        day = next((d for d in dates if isinstance(d, dt.date)), None)
        if day is None or day >= ref or (q.period_start is not None and q.period_start > day):
            continue
        c["quantity"] = q.model_copy(update={"period_end": day})


def mark_rounded(claims: list[dict[str, Any]]) -> None:
    """A round number of millions or billions that rounds a more precise figure of the
    article within 5 % ("18 million" beside "18.2 million"; units equal or not known) is
    approximate (changed in place)."""
    precise = [(q.value, q.unit) for c in claims if (q := c.get("quantity")) is not None
               and q.value is not None]
    for c in claims:
        q = c.get("quantity")
        if q is None or q.value is None or q.approximate:
            continue
        scale = next((s for s in (1e9, 1e6) if q.value >= s), None)
        if scale is None or q.value % scale or q.value / scale >= 1000:
            continue
        if any(v != q.value and (u == q.unit or None in (u, q.unit)) and v % scale
               and round(v / scale) == q.value / scale and abs(v - q.value) <= 0.05 * q.value
               for v, u in precise):
            c["quantity"] = q.model_copy(update={"approximate": True})
