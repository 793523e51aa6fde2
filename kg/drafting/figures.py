"""Number grammar: the figures of a sentence, with their bounds, scale, unit and rate.

A figure is a count, amount, percentage or ratio stated in the text. Read:

=======================================  =============================================
text                                     figure
=======================================  =============================================
"290 000", "290,000", "290.000"          290000 (any thousands separator)
"60 thousand", "2m", "$47.16bn", "7.1 bil"   60000, 2000000, 47160000000 (unit USD)
"five drones" (written numbers)          5, via text2num when it is installed
"8-9,000", "50 to 70%", "two to three"   a range: min_value 8000, max_value 9000
"fourfold", "twice as many", "3 times"   a ratio
"over/more than/at least/upwards of N"   min_value N
"up to/as many as/at most/can reach N"   max_value N
"almost/nearly/just under N"             max_value N, approximate
"about/around/some/roughly N"            value N, approximate
"thousands"/"millions"/"scores"          min_value 2000 / 2000000 / 40
"half", "a third", "three quarters"      50 / 33.3 / 75 percent (approximate for "about")
"for the second time"                    2 (the count of times)
"over 2m rubles (about $25,000)"         the bracketed conversion takes the bound: min 25000
=======================================  =============================================

Never figures: years, dates ("Aug. 26", "26 August"), times ("23:01", "0845 GMT"),
ordinals ("22nd"), ages ("aged 45", "45-year-old"), model names ("Iskander-M",
"COVID-19"), "N min read".

Examples:
    >>> [(f.value, f.min_value, f.max_value, f.approximate) for f in find_figures(
    ...     "almost 290 000 criminal cases and about 60 thousand soldiers")]
    [(None, None, 290000.0, True), (60000.0, None, None, True)]
    >>> [(f.min_value, f.max_value, f.per) for f in find_figures(
    ...     "Russia adds 8-9,000 people every month")]
    [(8000.0, 9000.0, 'month')]
    >>> f, = find_figures("the US spent $47.16bn on arms"); f.value, f.unit
    (47160000000.0, 'USD')
    >>> [f.min_value for f in find_figures("deserters soared at least fourfold since 2022")]
    [4.0]
    >>> find_figures("On Aug. 26, at 23:01, a 45-year-old man aged 45; 1 min read")
    []
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

__all__ = ["Figure", "figure_clause", "find_figures", "written_numbers"]

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6, "mil": 1e6,
           "bil": 1e9,
           "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_CURRENCY_BEFORE = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB"}
_CURRENCY_AFTER = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "rubles": "RUB",
                   "roubles": "RUB", "hryvnias": "UAH", "hryvnia": "UAH", "yuan": "CNY",
                   "rupees": "INR", "reais": "BRL"}
_FOLD = {"doubled": 2, "doubling": 2, "tripled": 3, "tripling": 3, "quadrupled": 4,
         "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6,
         "sevenfold": 7, "eightfold": 8, "ninefold": 9, "tenfold": 10, "hundredfold": 100}
_VAGUE = {"thousands": 2000.0, "millions": 2e6, "hundreds": 200.0, "dozens": 24.0,
          "scores": 40.0, "billions": 2e9, "tens of thousands": 20000.0,
          "hundreds of thousands": 200000.0}
_FRACTIONS = {"half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "two thirds": 200 / 3,
              "a quarter": 25.0, "three quarters": 75.0, "one in five": 20.0}
_MIN = ("more than", "over", "at least", "above", "exceeding", "upwards of", "in excess of",
        "just over", "no fewer than", "no less than", "a minimum of", "greater than")
_MAX = ("up to", "as many as", "as much as", "at most", "no more than", "fewer than",
        "less than", "under", "below", "a maximum of", "not exceeding", "can reach",
        "could reach", "may reach", "might reach")
_MAX_APPROX = ("almost", "nearly", "just under", "close to", "just shy of", "approaching")
_APPROX = ("about", "around", "approximately", "roughly", "some", "circa", "an estimated",
           "estimated", "approx.", "approx", "almost exactly", "c.")
_RATE = {"day": "day", "week": "week", "month": "month", "year": "year", "daily": "day",
         "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year",
         "annual": "year"}
_NUM = r"\d{1,3}(?:(?P<sep>[,.\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*(?!\d)|\d+(?:\.\d+)?"
_NUMBER = re.compile(
    r"(?<![\w.,:/#-])(?<![A-Za-z]-)(?P<cur>US\$|\$|€|£|₴|₽)?\s?(?P<num>" + _NUM + r")"
    r"(?:\s?(?P<dash>[-\u2013]|to)\s?(?P<cur2>US\$|\$|€|£)?(?P<num2>" + _NUM.replace(
        "sep", "sep2") + r"))?"
    r"(?P<scale>\s?(?:thousand|million|billion|trillion)\b|(?:k|m|mn|mln|bn|bln|b|tn)\b|"
    r"\s(?:mil|bil)\b\.?)?"
    r"(?P<pct>\s?%|\s(?:percent|per\scent)\b|\s(?:percentage\spoints?)\b)?"
    r"(?P<times>\s(?:times|-fold)\b|-fold\b)?",
    re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One figure found in a sentence: position, value or bounds, and what it counts."""

    start: int
    end: int
    text: str
    value: float | None = None
    min_value: float | None = None
    max_value: float | None = None
    approximate: bool = False
    unit: str | None = None
    per: str | None = None
    measure: str = "figure"
    exact: bool = False  # "exactly 195"
    word: str | None = None  # "thousands": a vague word, its bound a convention
    per_population: float | None = None  # "300 per 100,000"


@cache
def _alpha2digit() -> object | None:
    try:
        from text_to_num import alpha2digit  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - the optional extra is missing
        return None
    return alpha2digit  # type: ignore[no-any-return]


@lru_cache(maxsize=2048)
def written_numbers(sentence: str) -> str:
    """The sentence with written numbers as digits ("five" -> "5"; "one" stays a word
    unless it counts: "one of them", "one further death", "One died").

    Uses text2num (the ``credkg[extract]`` extra) when it is installed.

    Examples:
        >>> written_numbers("five drones and sixty thousand soldiers")
        '5 drones and 60000 soldiers'
        >>> written_numbers("a six-month ban on four-week rotations")
        'a 6-month ban on 4-week rotations'
    """
    convert = _alpha2digit()
    if convert is None or not re.search(r"[a-z]", sentence):
        return sentence
    scales: list[str] = []

    def hide(m: re.Match[str]) -> str:  # "2 million" stays: text2num would read "million"
        scales.append(m.group(0))
        return f" qqscale{len(scales) - 1}qq"

    masked = re.sub(r"(?<=\d)\s?(?:thousand|million|billion|trillion)\b|\b(?:thousands|millions|"
                    r"billions|hundreds|dozens|tens|scores)\b|\b(?:one|two|three|four)[ -]"
                    r"(?:quarters?|thirds?|fifths?)\b|\bone in (?:five|four|three|ten)\b|"
                    r"\ba (?:third|quarter|fifth)\b",
                    hide, sentence, flags=re.IGNORECASE)
    # "a four-week rotation": text2num reads "four week", not "four-week"
    masked = re.sub(r"\b([a-z]+)-(hour|day|week|month|year)(?=s?\b)", r"\1 qqunit\2",
                    masked, flags=re.IGNORECASE)
    try:
        converted: str = convert(masked, "en", threshold=2)  # type: ignore[operator]
    except Exception:  # pragma: no cover - the library refuses odd text
        return sentence
    converted = re.sub(r" qqunit", "-", converted)
    converted = _ONE.sub("1", converted)
    return re.sub(r" qqscale(\d+)qq", lambda m: scales[int(m.group(1))], converted)


#: "one" where it counts: "one of them", "one of the 34", "one further death", "One died"
#: (not "one of the largest", "no one", "one another", "one day").
_ONE = re.compile(r"(?<![Nn]o )(?<!\bany )\b[Oo]ne(?=\s+(?:of\s+(?:them|those|whom|which|these|"
                  r"the\s+(?:first\s+|other\s+)?\d)|(?:further|more|additional|new)\s+(?!(?:time|"
                  r"thing|way|reason|step|day|year|week|month|point|chance|round)s?\b)[a-z]+))"
                  r"|(?:^|(?<=[.!?] ))One(?=\s+(?:[a-z]+ly\s+)?(?:was|is|had|has|died|received|"
                  r"remains|got|suffered|survived|tested|[a-z]{3,}ed)\b)")


def _scaled(v: float, scale: float) -> float:
    """``v`` times ``scale`` without binary noise: 4.1 million is 4100000, not 4099999.99...

    Examples:
        >>> _scaled(4.1, 1e6), _scaled(7.1, 1e9), _scaled(2.5, 1.0)
        (4100000.0, 7100000000.0, 2.5)
    """
    return v if scale == 1.0 else float(round(v * scale, 6))


def _value(num: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+", num):
        return float(re.sub(r"\D", "", num))
    return float(num)


def _is_date_or_time(s: str, start: int, end: int, num: str) -> bool:
    before, after = s[max(0, start - 12):start].lower(), s[end:end + 14].lower()
    if re.search(_MONTH + r"\s*$", before) and len(num) <= 2:
        return True  # "Aug. 26"
    if re.match(r"\s*(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MONTH + r"(?!\w)", after) \
            and len(num) <= 2:
        return True  # "26 August", "the 22nd of April"
    if re.match(r"(?:st|nd|rd|th)\b", after):
        return True
    if re.match(r"\s*(?:gmt|utc|a\.m\.|p\.m\.|am\b|pm\b|hrs\b|[:h]\d)", after) \
            or before.endswith(":"):
        return True
    if re.match(r"[\s-]*(?:years?[\s-]old|year-old|min(?:ute)?s? read)", after) \
            or re.search(r"\baged?\s*$", before):
        return True
    if re.search(r"\b(?:children|kids|people|adults|those|men|women|girls|boys|patients)\s+"
                 r"(?:aged\s+)?(?:under|over|below|above|older than|younger than)\s*$",
                 s[max(0, start - 30):start].lower()) \
            and not re.match(r"\s*(?:%|percent|per cent)", after):
        return True  # "children under five": an age
    if re.search(r"\bper\s*$", before):
        return True  # "300 deaths per 100,000": a denominator
    if re.search(r"[A-Z][a-z]+,\s*$", s[max(0, start - 12):start]) and re.match(r",", after) \
            and len(num) <= 3:
        return True  # "John Smith, 45, said": an age
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", num)) and not re.match(
        r"\s?(?:%|percent|people|soldiers|deaths|troops|times)", after)


@cache
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?:^|\W)(?:" + "|".join(re.escape(c) for c in cues) + r")\s*$")


def _cue(before: str, cues: tuple[str, ...]) -> bool:
    return _cue_pattern(cues).search(before) is not None


def _per(s: str, end: int) -> str | None:
    m = re.match(r"[^.;,]{0,60}?\b(?:every|each|per|a|an)\s+(day|week|month|year)\b|"
                 r"[^.;,]{0,60}?\b(daily|weekly|monthly|yearly|annually)\b", s[end:], re.I)
    if m:
        return _RATE[(m.group(1) or m.group(2)).lower()]
    m = re.search(r"\b(daily|weekly|monthly|yearly|annual)\s+\S*\s*$", s[max(0, end - 60):end],
                  re.I)
    return _RATE[m.group(1).lower()] if m else None


def _measure(s: str, end: int) -> tuple[str, str | None]:
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", s[end:end + 60])
    stop = {"of", "in", "on", "at", "to", "from", "by", "for", "and", "or", "the", "a", "an",
            "have", "has", "had", "were", "was", "are", "is", "be", "been", "since", "during",
            "this", "that", "with", "who", "which", "every", "each", "per"}
    while words and words[0].lower() in ("of", "the", "these", "those", "its", "their", "his",
                                         "her", "all"):
        words = words[1:]
    kept: list[str] = []
    for w in words:
        if w.lower() in stop or len(kept) == 3:
            break
        kept.append(w.lower())
    noun = " ".join(kept) or "figure"
    people = {"people", "soldiers", "persons", "civilians", "troops", "deserters", "men",
              "women", "children", "prisoners", "recruits", "servicemen", "palestinians",
              "respondents", "voters", "workers", "nationals", "ukrainians", "russians"}
    unit = "person" if set(kept) & people else None
    return noun, unit


def find_figures(sentence: str) -> list[Figure]:
    """The figures of one sentence, left to right (see the module's table)."""
    s = written_numbers(sentence)
    out: list[Figure] = []
    for m in _NUMBER.finditer(s):
        num, num2 = m.group("num"), m.group("num2")
        start, end = m.start(), m.end()
        if _is_date_or_time(s, m.start("num"), m.end("num"), num) or re.match(
                r"\s+and\s+a\s+half\b", s[m.end("num"):]) or (
                re.match(r"[\s-]*(?:hours?|days?|weeks?|months?|years?)\b", s[m.end("num"):])
                and re.search(r"\b(?:these|those|the past|the last|the next|the first|over the|"
                              r"within|for|in)\s*$", s[max(0, m.start() - 14):m.start()],
                              re.IGNORECASE)):
            continue  # "two and a half years", "these two months": a span of time
        if re.match(r"[\s-]*(?:days?|weeks?|months?|years?)\s+(?:to|ending|ended|through)\s+[A-Z]",
                    s[m.end("num"):]):
            continue  # "in the 12 months to April": the period, not a figure
        if re.match(r"[\s-]*(?:hours?|days?|weeks?|months?|years?|decades?)\s+(?:earlier|later|"
                    r"ago|before|after|afterwards|prior|previously|beforehand)\b",
                    s[m.end("num"):], re.IGNORECASE):
            continue  # "three weeks earlier", "two years ago": when, not how many
        before = s[max(0, start - 30):start].lower()
        hedged = False
        hedge = re.search(r"\s(?:approximately|about|around|roughly|some|an estimated)\s*$",
                          before)
        if hedge and _cue(before[:hedge.start()], _MIN + _MAX + _MAX_APPROX):
            before, hedged = before[:hedge.start()], True  # "upwards of approximately $25,000"
        if m.group("dash") == "to" and re.search(r"\bfrom\s*$", before):
            num2 = None  # "from 1.6 to 1.9": a change, not a range
            end = m.end("num")
        scale_word = (m.group("scale") or "").strip().lower().rstrip(".")
        scale = _SCALES.get(scale_word, 1.0)
        if num2 is None and m.group("scale") is None and not m.group("cur"):
            nxt = re.match(r"\s?(thousand|million|billion)\b", s[m.end("num"):], re.I)
            if nxt:
                scale = _SCALES[nxt.group(1).lower()]
        try:
            a = _scaled(_value(num), scale)
            b = _scaled(_value(num2), scale) if num2 else None
        except ValueError:
            continue
        if b is not None and a * 100 < b:  # "8-9,000": the first takes the second's magnitude
            for factor in (1e3, 1e6, 1e9):
                if a * factor <= b < a * factor * 10:
                    a *= factor
                    break
        if b is not None and a >= b:
            b = None
        unit: str | None = None
        cur = (m.group("cur") or m.group("cur2") or "").lower()
        if cur:
            unit = _CURRENCY_BEFORE.get(cur)
        after = s[end:end + 20].lower()
        for word, code in _CURRENCY_AFTER.items():
            if after.lstrip().startswith(word):
                unit = code
        pct = (m.group("pct") or "").strip().lower()
        if pct:
            unit = "percentage point" if "point" in pct else "percent"
        if m.group("times"):
            unit = "ratio"
        fields: dict[str, float | None] = {"value": None, "min_value": None, "max_value": None}
        approximate = False
        if b is not None:
            fields["min_value"], fields["max_value"] = a, b
        elif _cue(before, _MAX_APPROX):
            fields["max_value"], approximate = a, True
        elif _cue(before, _MIN):
            fields["min_value"] = a
        elif _cue(before, _MAX):
            fields["max_value"] = a
        else:
            fields["value"] = a
            approximate = _cue(before, _APPROX)
        approximate = approximate or hedged
        measure, people = _measure(s, end)
        per_pop = re.match(r"\s*(?:[a-z]+\s+){0,3}per\s+(\d{1,3}(?:,\d{3})+|\d+)\b", s[end:])
        out.append(Figure(start=start, end=end, text=m.group(0).strip(), approximate=approximate,
                          unit=unit or people, per=_per(s, end), measure=measure,
                          exact=bool(re.search(r"\bexactly\W*$", before)),
                          per_population=_value(per_pop.group(1)) if per_pop else None,
                          value=fields["value"], min_value=fields["min_value"],
                          max_value=fields["max_value"]))
    out += _word_figures(s, {(f.start, f.end) for f in out})
    return _conversions(s, sorted(out, key=lambda f: f.start))


def _conversions(s: str, figures: list[Figure]) -> list[Figure]:
    """A figure in brackets right after another ("upwards of 2m rubles (about $25,000)") is
    the same amount in another unit: it takes the first one's bound."""
    out = list(figures)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if b.value is None or a.value is not None or not re.fullmatch(
                r"\s*[^\W\d]{0,12}\s*\(\s*(?:about|approximately|approx\.?|around|roughly|some|"
                r"or|c\.|circa|nearly|almost|equivalent to|worth)?\s*", s[a.end:b.start], re.I):
            continue
        bound = "min_value" if a.min_value is not None and a.max_value is None else \
            "max_value" if a.max_value is not None and a.min_value is None else None
        if bound is not None:
            out[k] = _bounded(b, bound, b.value)
    return out


def _bounded(f: Figure, bound: str, v: float) -> Figure:
    """The figure with ``v`` as its value, min_value or max_value."""
    return replace(f, value=v if bound == "value" else None,
                   min_value=v if bound == "min_value" else None,
                   max_value=v if bound == "max_value" else None)


def _word_figures(s: str, taken: set[tuple[int, int]]) -> list[Figure]:
    """Figures in words: "fourfold", "twice as many", "thousands", "half", "a third"."""
    out: list[Figure] = []
    low = s.lower()
    for m in re.finditer(r"\b(" + "|".join(_FOLD) + r")\b", low):
        before = low[max(0, m.start() - 30):m.start()]
        v = float(_FOLD[m.group(1)])
        bound = "min_value" if _cue(before, _MIN) else "max_value" if _cue(
            before, _MAX + _MAX_APPROX) else "value"
        out.append(_bounded(Figure(start=m.start(), end=m.end(), text=m.group(0), unit="ratio",
                                   measure="growth", approximate=_cue(before, _MAX_APPROX)),
                            bound, v))
    for m in re.finditer(r"\bfor the (?:(second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                         r"tenth)|([2-9]|1\d)(?:nd|rd|th)) (?:time|straight time|consecutive "
                         r"time)\b", low):
        n = int(m.group(2)) if m.group(2) else (
            "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth").index(m.group(1)) + 2  # "cut rates for the third time": 3 cuts
        out.append(Figure(start=m.start(), end=m.end(), text=m.group(0), value=float(n),
                          measure="times"))
    for m in re.finditer(r"\b(?:more than )?twice as (?:many|much)\b", low):
        bound = "min_value" if m.group(0).startswith("more") else "value"
        out.append(_bounded(Figure(start=m.start(), end=m.end(), text=m.group(0), unit="ratio",
                                   measure="ratio"), bound, 2.0))
    for word, v in sorted(_VAGUE.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(r"\b" + word + r"\b(?! of (?:thousands|millions))", low):
            if any(a <= m.start() < b for a, b in taken) or any(
                    f.start <= m.start() < f.end for f in out):
                continue
            if word in ("thousands", "hundreds", "millions") and re.match(
                    r"\s+of\s+(?:thousands|millions)", low[m.end():]):
                continue
            measure, unit = _measure(s, m.end())
            out.append(Figure(start=m.start(), end=m.end(), text=m.group(0), min_value=v,
                              measure=measure, unit=unit, word=word))
    for m in re.finditer(r"\ba (?:full )?percentage point\b", low):
        before = low[max(0, m.start() - 20):m.start()]
        bound = "max_value" if _cue(before, _MAX_APPROX + _MAX) else "value"
        out.append(_bounded(Figure(start=m.start(), end=m.end(), text=m.group(0),
                                   unit="percentage point", measure="change",
                                   approximate=_cue(before, _MAX_APPROX + _APPROX)), bound, 1.0))
    for word, v in _FRACTIONS.items():
        for m in re.finditer(r"(?<!first )(?<!second )\b" + word + r"(?: of\b(?! (?:the )?(?:year|"
                             r"month|(?:19|20)\d\d|this|last|next)\b)|(?=,? (?:also |still |"
                             r"now )?(?:said|say|says|agreed|want|wanted|backed|opposed)\b))",
                             low):
            before = low[max(0, m.start() - 20):m.start()]
            out.append(Figure(start=m.start(), end=m.end(), text=m.group(0), value=round(v, 1),
                              approximate=_cue(before, _APPROX), unit="percent",
                              measure=_measure(s, m.end())[0]))
    return out


def figure_clause(text: str, fig: Figure) -> str:
    """The clause around a figure: between commas, semicolons, dashes or "and".

    Examples:
        >>> from kg.drafting.figures import find_figures
        >>> text = "Rain fell, and 4,000 homes flooded, the agency said."
        >>> figure_clause(text, find_figures(text)[0])
        'and 4,000 homes flooded, '
    """
    bounds = [0] + [m.end() for m in re.finditer(
        r"[,;\u2013\u2014(]\s*|\s+(?:and|but|from|versus|compared (?:with|to))\s+", text)] \
        + [len(text)]
    start = max(b for b in bounds if b <= fig.start)
    end = min((b for b in bounds if b > fig.end), default=len(text))
    return text[start:end]
