"""Drafting a dataset from English news text: who says what, citing whom, with what figures.

``kg extract ARTICLE.txt`` reads an article and writes a *draft* in the dataset
schema, valid for ``kg build``, whose comments tell the analyst what to check.
It is rule-based and explainable: spaCy (a blank English pipeline, no model
download) splits sentences and tokens, and its rule-based ``Matcher`` finds the
cues below; the rest is small, documented rules.

Attribution (each makes a chain of assertions article -> X -> Y):

=================================  =============================================
cue                                reading
=================================  =============================================
"X reported/stated/said/noted..."  X asserts the clause; the article relays X
"according to X"                   the same
"as highlighted/said by X"         the same
"..., citing Y" / "X cited Y"      X relays Y, who is the origin
"a source speaking to/told X"      an anonymous source, relayed by X
"sources claim", "the source"      the (last) anonymous source
"reportedly", "allegedly"          the article's own claim, hedged
no cue                             the article's own claim (marked CHECK)
=================================  =============================================

"the agency" is the last outlet named, "he"/"his"/"she"/"her" the last person,
a surname alone a person named in full before. "X, a correspondent for Y"
makes X a person affiliated with Y, an outlet. Hedges ("may", "likely",
"suggested", "reportedly", ...) set ``hedged``.

Figures (one claim per figure, its sentence as the quote):

=====================================  ==========================================
text                                   quantity
=====================================  ==========================================
"around/about/approximately N"         ``value: N, approximate: true``
"up to/as many as/at most N"           ``max_value: N``
"over/more than/at least N"            ``min_value: N``
"thousands" / "hundreds" / "dozens"    ``min_value`` 2000 / 200 / 24
"every/each/per month", "monthly"      ``per: month`` (day, week, year alike)
"in October [2024]"                    the month as ``period_start``/``period_end``
"at the beginning of 2024"             the first quarter
"since the beginning of the year"      1 January to the statement's date
"On December 18th" (before a verb)     the date of the speaker's report
=====================================  ==========================================

A year the text leaves out is the latest year it mentions (marked CHECK).

Examples:
    >>> ds, notes = draft_dataset(
    ...     "Tass reported that up to 500 drones were launched every week, citing "
    ...     "defence officials. Experts said the figure was plausible.")
    >>> sorted((s.name, s.kind.value) for s in ds.sources)  # doctest: +NORMALIZE_WHITESPACE
    [('Publisher of the article (unnamed)', 'news_outlet'), ('Tass', 'organization'),
     ('defence officials', 'anonymous_source'), ('experts', 'anonymous_source')]
    >>> [a.id for a in ds.assertions if a.claim == "claim-01"]  # the chain, origin first
    ['defence-officials-claim-01', 'publisher-of-the-article-unnamed-claim-01', 'tass-claim-01']
    >>> q = ds.claims[0].quantity
    >>> q.max_value, q.per, q.measure
    (500.0, 'week', 'drones launched')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.model import (
    UNNAMED_KINDS,
    Assertion,
    Claim,
    Dataset,
    Quantity,
    Report,
    Source,
    SourceKind,
)
from kg.names import fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span, Token

__all__ = ["draft_dataset", "draft_yaml"]

SAY_VERBS = frozenset({
    "reported", "reports", "stated", "states", "said", "says", "noted", "notes", "emphasized",
    "emphasised", "emphasizes", "suggested", "suggests", "told", "claimed", "claims",
    "announced", "added", "warned", "wrote", "argued", "insisted", "confirmed", "denied",
    "alleged", "estimated", "disclosed", "revealed", "explained", "declared", "asserted",
})
HEDGES = frozenset({"may", "might", "could", "likely", "possibly", "reportedly", "allegedly",
                    "apparently", "suggested", "suggests", "speculation",
                    "purportedly", "perhaps"})
APPROX = frozenset({"around", "about", "approximately", "roughly", "some", "nearly", "almost",
                    "circa", "estimated", "approx"})
MAX_CUES = (("up", "to"), ("as", "many", "as"), ("at", "most"), ("no", "more", "than"),
            ("fewer", "than"), ("less", "than"), ("under",), ("below",))
MIN_CUES = (("over",), ("more", "than"), ("at", "least"), ("above",), ("exceeding",),
            ("upwards", "of"), ("in", "excess", "of"))
VAGUE = {"thousands": 2000.0, "hundreds": 200.0, "dozens": 24.0, "millions": 2_000_000.0}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
RATE_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year",
              "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year",
              "annually": "year"}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
DEMONYMS = {"russian": "Russia", "ukrainian": "Ukraine", "german": "Germany",
            "american": "United States", "british": "United Kingdom", "french": "France",
            "chinese": "China", "polish": "Poland", "israeli": "Israel", "iranian": "Iran",
            "turkish": "Turkey", "italian": "Italy", "spanish": "Spain"}
OUTLET_WORDS = frozenset({"agency", "newspaper", "outlet", "channel", "broadcaster", "daily",
                          "magazine", "tabloid", "network", "news", "paper", "site", "website"})
PERSON_ROLES = frozenset({"correspondent", "journalist", "reporter", "editor", "chief",
                          "minister", "spokesman", "spokeswoman", "spokesperson", "general",
                          "president", "commander", "analyst", "expert", "official",
                          "colonel", "officer", "head", "director", "secretary", "adviser"})
GOVERNMENT_WORDS = frozenset({"office", "ministry", "government", "prosecutor", "parliament",
                              "council", "department", "kremlin", "presidency", "court"})
MILITARY_WORDS = frozenset({"army", "forces", "staff", "command", "navy", "brigade"})
PEOPLE_UNITS = frozenset({"soldiers", "prisoners", "convicts", "people", "deserters", "troops",
                          "civilians", "persons", "recruits", "men", "women", "children",
                          "servicemen", "fighters", "refugees", "residents", "workers"})
_STOP = frozenset({"was", "were", "is", "are", "have", "has", "had", "be", "been", "in", "of",
                   "from", "to", "who", "that", "which", "and", "or", "the", "a", "an", "by",
                   "for", "on", "at", "with", "since", "every", "each", "per", "alone", "this",
                   "their", "its", "his", "her", "related"})
_PRONOUNS_PERSON = frozenset({"he", "she", "his", "her"})
_ANON_WORDS = frozenset({"source", "sources", "officials", "insiders", "official", "insider"})
_GENERIC_PEOPLE = frozenset({"experts", "analysts", "observers", "critics", "witnesses",
                             "residents", "officials", "insiders", "diplomats", "locals"})
_CONNECT = frozenset({"of", "the", "de", "von", "van", "der", "al", "bin", "'s", "\u2019s"})


@cache
def _nlp() -> Language:
    try:
        import spacy
        from spacy.matcher import Matcher
    except ImportError:  # pragma: no cover - the [extract] extra is missing
        raise InputError("kg extract needs spaCy: pip install 'credkg[extract]'") from None
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = Matcher(nlp.vocab)
    matcher.add("SAY", [[{"LOWER": {"IN": sorted(SAY_VERBS)}}]])
    matcher.add("ACCORDING", [[{"LOWER": "according"}, {"LOWER": "to"}]])
    matcher.add("CITING", [[{"LOWER": {"IN": ["citing", "cited", "cites", "quoting"]}}]])
    matcher.add("BY", [[{"LOWER": "as"}, {"LOWER": {"IN": sorted(SAY_VERBS | {
        "highlighted", "noted", "pointed", "described", "outlined"})}}, {"LOWER": "by"}]])
    matcher.add("SPEAKING_TO", [[{"LOWER": {"IN": sorted(_ANON_WORDS)}},
                                 {"LOWER": {"IN": ["speaking", "talking", "told"]}},
                                 {"LOWER": "to", "OP": "?"}]])
    matcher.add("ANON_SAY", [[{"LOWER": {"IN": sorted(_ANON_WORDS)}},
                              {"LOWER": {"IN": ["claim", "say", "allege", "believe", "said",
                                                "claimed", "alleged", "believed"]}}]])
    matcher.add("REPORTEDLY", [[{"LOWER": {"IN": ["reportedly", "allegedly", "purportedly"]}}]])
    matcher.add("FIGURE", [[{"LIKE_NUM": True, "IS_ALPHA": False}],
                           [{"LOWER": {"IN": sorted(VAGUE)}}]])
    nlp.user_data = {"matcher": matcher}  # type: ignore[attr-defined]
    return nlp


@dataclass
class _Mention:
    id: str


@dataclass
class _Draft:
    year: int | None
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    claims: list[dict[str, Any]] = field(default_factory=list)
    assertions: list[dict[str, Any]] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)
    last: dict[str, str] = field(default_factory=dict)  # role -> source id
    relay_of: dict[str, str] = field(default_factory=dict)  # anonymous id -> relay id
    cites_of: dict[str, str] = field(default_factory=dict)  # relay id -> its anonymous origin

    def note(self, id: str, text: str) -> None:
        self.notes.setdefault(id, []).append(text)

    def source(self, name: str, kind: SourceKind, **extra: Any) -> str:
        name = " ".join(name.split()).strip(" ,.")
        key = fold(name)
        for sid, s in self.sources.items():
            if fold(s["name"]) == key or (kind == SourceKind.PERSON == s["kind"]
                                          and key and fold(s["name"]).endswith(" " + key)):
                for k, v in extra.items():
                    s.setdefault(k, v)
                return sid
        sid = _unique(_slug(name) or "source", self.sources)
        self.sources[sid] = {"id": sid, "kind": kind, "name": name, **extra}
        role = {SourceKind.PERSON: "person", SourceKind.NEWS_OUTLET: "outlet",
                SourceKind.ANONYMOUS_SOURCE: "anon"}.get(kind)
        if role:
            self.last[role] = sid
        return sid


def _slug(text: str) -> str:
    return "-".join(fold(text).split()[:6])[:60]


def _unique(base: str, taken: Any) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _is_cap(t: Token) -> bool:
    return t.text[:1].isupper() and t.is_alpha


def _name_before(sent: Span, i: int) -> tuple[int, int] | None:
    """The capitalised run ending just before token index ``i`` (sentence-relative)."""
    j = i - 1
    while j >= 0 and sent[j].lower_ in {"further", "also", "later", "then", "again", "had",
                                        "has", "have", "previously", "recently"}:
        j -= 1
    end = j + 1
    while j >= 0 and (_is_cap(sent[j]) or (sent[j].lower_ in _CONNECT and j > 0
                                           and _is_cap(sent[j - 1]))):
        j -= 1
    start = j + 1
    while start < end and sent[start].lower_ in _CONNECT:
        start += 1
    return (start, end) if start < end else None


def _name_after(sent: Span, i: int) -> tuple[int, int] | None:
    j = i
    while j < len(sent) and sent[j].lower_ in {"the"} and j + 1 < len(sent) \
            and _is_cap(sent[j + 1]):
        j += 1
    start = j
    while j < len(sent) and (_is_cap(sent[j]) or (sent[j].lower_ in _CONNECT and j + 1 < len(
            sent) and _is_cap(sent[j + 1]))):
        j += 1
    return (start, j) if j > start else None


def _kind_of(name: str, context: list[str]) -> SourceKind:
    words = set(fold(name).split())
    ctx = set(context)
    if ctx & OUTLET_WORDS:
        return SourceKind.NEWS_OUTLET
    if words & MILITARY_WORDS:
        return SourceKind.MILITARY_BODY
    if words & GOVERNMENT_WORDS:
        return SourceKind.GOVERNMENT_BODY
    if ctx & PERSON_ROLES or len(name.split()) in (2, 3):
        return SourceKind.PERSON
    return SourceKind.ORGANIZATION


def _text_of(sent: Span, span: tuple[int, int]) -> str:
    return sent[span[0]:span[1]].text


def _date_in(sent: Span, year: int | None) -> tuple[dt.date | None, bool]:
    """A "Month Dayth[, Year]" date in the sentence; whether its year was inferred."""
    m = re.search(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?",
                  sent.text, re.IGNORECASE)
    if m is None:
        return None, False
    y = int(m.group(3)) if m.group(3) else year
    if y is None:
        return None, False
    try:
        return dt.date(y, MONTHS[m.group(1).lower()], int(m.group(2))), not m.group(3)
    except ValueError:
        return None, False


def _number(tok: Token, nxt: Token | None) -> float | None:
    text = tok.text.replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return None
    if nxt is not None and nxt.lower_ in MULTIPLIERS:
        value *= MULTIPLIERS[nxt.lower_]
    return value


def _cue_before(words: list[str], i: int, cues: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(words[max(0, i - len(c)):i]) == c for c in cues)


def _measure(sent: Span, i: int) -> tuple[str, str | None]:
    """The measure and unit of the figure at ``i``: the words after it (or "number of X")."""
    j = i + 1
    if j < len(sent) and sent[j].lower_ in MULTIPLIERS:
        j += 1
    if j < len(sent) and sent[j].lower_ == "of":
        j += 1
    words: list[str] = []
    while j < len(sent) and sent[j].is_alpha and sent[j].lower_ not in _STOP and len(words) < 3 \
            and not (len(sent[j].text) > 4 and sent[j].lower_.endswith(("ed", "ing"))):
        words.append(sent[j].lower_)
        j += 1
    if not words:
        m = re.search(r"number of (\w+)", sent[:i].text, re.IGNORECASE)
        if m:
            words = [m.group(1).lower()]
    noun = " ".join(words) or "figure"
    event = ""
    for t in sent[j:j + 6]:
        if t.is_alpha and len(t.text) > 4 and t.lower_.endswith(("ed", "ing")) \
                and t.lower_ not in {"during", "according", "reported"}:
            event = t.lower_
            break
    unit = "person" if words and words[-1] in PEOPLE_UNITS else (
        words[-1][:-1] if words and words[-1].endswith("s") and len(words[-1]) > 3 else None)
    return (f"{noun} {event}".strip(), unit)


def _period(sent: Span, i: int, year: int | None, said: dt.date | None
            ) -> tuple[dict[str, Any], list[str]]:
    """Rate and period phrases nearest the figure at token ``i``."""
    words = [t.lower_ for t in sent]
    found: list[tuple[int, dict[str, Any], list[str]]] = []
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if w in {"every", "each", "per", "a"} and nxt in RATE_UNITS and k > i:
            found.append((abs(k - i), {"per": RATE_UNITS[nxt]}, []))
        elif w in {"daily", "weekly", "monthly", "yearly", "annually"}:
            found.append((abs(k - i), {"per": RATE_UNITS[w]}, []))
        elif w in {"in", "during"} and nxt in MONTHS:
            after = words[k + 2] if k + 2 < len(words) else ""
            y = int(after) if after.isdigit() and len(after) == 4 else year
            if y is not None:
                month = MONTHS[nxt]
                last = calendar.monthrange(y, month)[1]
                notes = [] if after.isdigit() else [f"year of '{nxt}' read as {y}"]
                found.append((abs(k - i), {"period_start": dt.date(y, month, 1),
                                           "period_end": dt.date(y, month, last)}, notes))
        elif w == "beginning" and nxt == "of":
            target = words[k + 2] if k + 2 < len(words) else ""
            if target.isdigit() and len(target) == 4:
                y = int(target)
                found.append((abs(k - i), {"period_start": dt.date(y, 1, 1),
                                           "period_end": dt.date(y, 3, 31)},
                              ["'the beginning of' read as the first quarter"]))
            elif target == "the" and k + 3 < len(words) and words[k + 3] == "year" \
                    and words[k - 2:k] == ["since", "the"] and year is not None:
                period: dict[str, Any] = {"period_start": dt.date(year, 1, 1)}
                if said is not None:
                    period["period_end"] = said
                found.append((abs(k - i), period,
                              [f"'since the beginning of the year' read as from {year}-01-01"
                               + (f" to the statement's date {said}" if said else "")]))
    result: dict[str, Any] = {}
    chosen: list[str] = []
    for _, part, part_notes in sorted(found, key=lambda f: f[0]):
        if not set(part) & set(result):
            result |= part
            chosen += part_notes
    return result, chosen


def _quantities(sent: Span, figures: list[int], year: int | None, said: dt.date | None
                ) -> list[tuple[int, dict[str, Any], list[str]]]:
    words = [t.lower_ for t in sent]
    out = []
    for i in figures:
        tok = sent[i]
        notes: list[str] = []
        q: dict[str, Any] = {}
        if tok.lower_ in VAGUE:
            if words[max(0, i - 2):i] == ["tens", "of"] or words[max(0, i - 2):i] == [
                    "hundreds", "of"]:
                continue
            q["min_value"] = VAGUE[tok.lower_]
            notes.append(f"'{tok.text}' read as at least {VAGUE[tok.lower_]:,.0f}")
            if i + 1 < len(words) and words[i + 1] == "of":
                q["min_value"] = VAGUE[tok.lower_]
        else:
            nxt = sent[i + 1] if i + 1 < len(sent) else None
            if nxt is not None and nxt.lower_ in {"th", "st", "nd", "rd"}:
                continue
            value = _number(tok, nxt)
            if value is None or re.fullmatch(r"\d{1,2}(st|nd|rd|th)", tok.lower_):
                continue
            prev = words[i - 1] if i > 0 else ""
            if prev in MONTHS or (1900 <= value <= 2100 and "," not in tok.text):
                continue  # a date or a year, not a figure
            if _cue_before(words, i, MAX_CUES):
                q["max_value"] = value
            elif _cue_before(words, i, MIN_CUES):
                q["min_value"] = value
            else:
                q["value"] = value
                if prev in APPROX or (i > 1 and words[i - 2] in APPROX and prev == "of"):
                    q["approximate"] = True
        measure, unit = _measure(sent, i)
        q["measure"] = measure
        if unit:
            q["unit"] = unit
        period, period_notes = _period(sent, i, year, said)
        if not period.keys() & {"period_start", "period_end"} and said is not None:
            period["period_end"] = said
            period_notes.append(f"no period given: read as up to the statement's date {said}")
        q |= period
        out.append((i, q, notes + period_notes))
    return out


def _hedged(sent: Span) -> bool:
    return any(t.lower_ in HEDGES for t in sent)


def _clause(sent: Span, start: int) -> str:
    """The claim's text: the clause after the attribution cue, up to a trailing "citing"."""
    toks = list(sent[start:])
    if len(toks) > 2 and toks[0].lower_ == "on" and toks[1].lower_ in MONTHS:
        toks = toks[3:]
    if toks and toks[0].lower_ == "that":
        toks = toks[1:]
    text = "".join(t.text_with_ws for t in toks).strip()
    text = re.split(r",\s*(?:citing|according to|as highlighted by)\b", text)[0].strip(" ,")
    if not text:
        text = sent.text.strip()
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _sentence_case(text: str) -> str:
    text = text.strip(" ,")
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def draft_dataset(text: str) -> tuple[Dataset, dict[str, list[str]]]:
    """Draft a dataset from article text; also the analyst's notes, by record id.

    Raises:
        InputError: the text holds no sentence.
    """
    nlp = _nlp()
    matcher = nlp.user_data["matcher"]  # type: ignore[attr-defined]
    years = [int(y) for y in re.findall(r"\b(19\d{2}|20\d{2})\b", text)]
    d = _Draft(year=max(years) if years else None)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if not paragraphs:
        raise InputError("the article is empty; give the text of a news article")
    title = None
    if len(paragraphs) > 1 and not paragraphs[0].endswith((".", "!", "?", "\u201d", '"')):
        title = " ".join(paragraphs.pop(0).split())
    article = d.source("Publisher of the article (unnamed)", SourceKind.NEWS_OUTLET)
    d.last.pop("outlet", None)
    d.note(article, "CHECK: the outlet that published the article; name it if known.")
    d.reports["article"] = {"id": "article", "published_by": article,
                            **({"title": title} if title else {})}
    n_claim = 0
    for para in paragraphs:
        for sent in nlp(" ".join(para.split())).sents:
            n_claim = _sentence(d, sent, matcher, article, n_claim)
    ds = Dataset(sources=tuple(Source.model_validate(s) for s in d.sources.values()),
                 reports=tuple(Report.model_validate(r) for r in d.reports.values()),
                 claims=tuple(Claim.model_validate(c) for c in d.claims),
                 assertions=tuple(Assertion.model_validate(a) for a in d.assertions))
    return ds, d.notes


def _speaker(d: _Draft, sent: Span, matches: dict[str, list[tuple[int, int]]]
             ) -> tuple[str | None, str | None, int, list[str]]:
    """Who asserts the sentence, whom they cite (if said), where the claim starts, notes."""
    notes: list[str] = []
    words = [t.lower_ for t in sent]
    speaker: str | None = None
    start = 0
    relay: str | None = None
    if "SPEAKING_TO" in matches:
        s, e = matches["SPEAKING_TO"][0]
        name = _name_after(sent, e)
        relay = _named(d, sent, name, e) if name else d.last.get("outlet")
        anon = d.cites_of.get(relay or "") or d.last.get("anon")
        if anon is None:
            anon = d.source(f"anonymous source speaking to "
                            f"{d.sources[relay]['name'] if relay else 'the outlet'}",
                            SourceKind.ANONYMOUS_SOURCE)
        else:
            notes.append(f"'{sent[s:e].text}' read as the anonymous source "
                         f"{d.sources[anon]['name']!r} {relay or ''} cites; split it if another")
        if relay:
            d.relay_of[anon] = relay
        d.last["anon"] = anon
        verb = next((k for k in range(e, len(sent)) if words[k] in SAY_VERBS), e)
        return anon, relay, verb + 1, notes
    if "ACCORDING" in matches:
        s, e = matches["ACCORDING"][0]
        name = _name_after(sent, e)
        if name is None and e + 1 < len(sent) and words[e] == "the":
            ref = words[e + 1]
            speaker = (d.last.get("outlet") if ref in OUTLET_WORDS else
                       d.last.get("anon") if ref in _ANON_WORDS else d.last.get("person"))
            if speaker:
                notes.append(f"'the {ref}' read as {d.sources[speaker]['name']}")
        elif name is not None:
            speaker = _named(d, sent, name, s)
        comma = next((k for k in range(e, len(sent)) if words[k] == ","), e)
        start = comma + 1 if s <= 1 else 0
        return speaker, None, start, notes
    if "BY" in matches:
        s, e = matches["BY"][0]
        name = _name_after(sent, e)
        if name is not None:
            speaker = _named(d, sent, name, s)
            return speaker, None, 0, notes
    if "ANON_SAY" in matches:
        s, e = matches["ANON_SAY"][0]
        speaker = d.last.get("anon") or d.source("anonymous sources",
                                                 SourceKind.ANONYMOUS_SOURCE)
        notes.append(f"'{sent[s:e].text}' read as {d.sources[speaker]['name']!r}")
        return speaker, d.relay_of.get(speaker), 0, notes
    verbs = list(matches.get("SAY", []))
    verbs += [(s, e) for s, e in matches.get("CITING", []) if words[s] != "citing"]
    if verbs:
        for s, _e in sorted(verbs):
            k = s - 1
            while k > 0 and words[k] in {"further", "also", "later", "then", "again",
                                         "report", "statement", "article", "has", "had"}:
                k -= 1
            subj = words[k] if k >= 0 else ""
            if subj in _PRONOUNS_PERSON and "person" in d.last:
                speaker = d.last["person"]
                notes.append(f"'{sent[k].text}' read as {d.sources[speaker]['name']}")
            elif subj in _ANON_WORDS:
                speaker = d.last.get("anon") or d.source(
                    "anonymous sources", SourceKind.ANONYMOUS_SOURCE)
                if k > 0 and words[k - 1] == "the" and speaker in d.relay_of:
                    relay = d.relay_of[speaker]
            elif subj == "agency" and "outlet" in d.last:
                speaker = d.last["outlet"]
            elif subj == ",":
                k = s - 2
                while k >= 0 and words[k] != ",":
                    k -= 1
                name = _name_before(sent, k) if k > 0 else None
                if name is not None:
                    speaker = _named(d, sent, name, k, appositive=sent[k + 1:s - 1])
            else:
                name = _name_before(sent, s)
                if name is not None:
                    speaker = _named(d, sent, name, name[0])
            if speaker is not None:
                return speaker, relay, (s + 1 if words[s] in SAY_VERBS else 0), notes
    return None, None, 0, notes


def _named(d: _Draft, sent: Span, name: tuple[int, int], left: int,
           appositive: Span | None = None) -> str:
    """A named source, with its kind from the words before it or its appositive."""
    text = _text_of(sent, name)
    context = [t.lower_ for t in sent[max(0, left - 3):name[0]]]
    extra: dict[str, Any] = {}
    for w in context:
        if w in DEMONYMS:
            extra["country"] = DEMONYMS[w]
    key = fold(text)
    for sid, s in d.sources.items():
        if s["kind"] == SourceKind.PERSON and (fold(s["name"]) == key
                                              or fold(s["name"]).endswith(" " + key)):
            d.last["person"] = sid
            return sid
    if appositive is not None:
        app = [t.lower_ for t in appositive]
        if set(app) & PERSON_ROLES:
            extra["note"] = f"Described as {appositive.text.strip()}."
            k = next((i for i, w in enumerate(app) if w in {"for", "at", "of"}), None)
            if k is not None and any(w in {"correspondent", "journalist", "reporter", "editor"}
                                     for w in app[:k]):
                outlet = _name_after(appositive, k + 1)
                if outlet is not None:
                    oid = d.source(_text_of(appositive, outlet), SourceKind.NEWS_OUTLET)
                    extra["affiliated_with"] = [oid]
            sid = d.source(text, SourceKind.PERSON, **extra)
            d.last["person"] = sid
            return sid
    after = [t.lower_ for t in sent[name[1]:name[1] + 4]]
    if after[:1] == [","] and set(after) & PERSON_ROLES:
        context += after
    if fold(text) in _GENERIC_PEOPLE:
        sid = d.source(text.lower(), SourceKind.ANONYMOUS_SOURCE, **extra)
        d.note(sid, "CHECK: unnamed people; who are they?")
        return sid
    kind = _kind_of(text, context)
    sid = d.source(text, kind, **extra)
    if kind == SourceKind.PERSON:
        d.last["person"] = sid
    elif kind == SourceKind.NEWS_OUTLET:
        d.last["outlet"] = sid
    return sid


def _cited(d: _Draft, sent: Span, matches: dict[str, list[tuple[int, int]]],
           speaker: str) -> str | None:
    """The origin the speaker cites in this sentence ("citing Y", "cited data"), if any."""
    if "CITING" not in matches:
        return None
    s, e = matches["CITING"][0]
    words = [t.lower_ for t in sent]
    j = e
    while j < len(sent) and words[j] in {"the", "a", "an"}:
        j += 1
    phrase: list[str] = []
    while j < len(sent) and words[j] not in {",", ".", ";", "showing", "that", "which", "and"}:
        phrase.append(sent[j].text_with_ws)
        j += 1
    text = "".join(phrase).strip()
    if not text:
        return None
    head = fold(text).split()
    if set(head[:3]) & (_ANON_WORDS | _GENERIC_PEOPLE):
        anon = d.source(text, SourceKind.ANONYMOUS_SOURCE)
        d.cites_of[speaker] = anon
        d.relay_of.setdefault(anon, speaker)
        return anon
    if head and head[0] in {"data", "figures", "statistics", "documents", "document",
                            "report", "records", "estimates"}:
        name = f"{text} cited by {d.sources[speaker]['name']}"
        return d.source(name[0].upper() + name[1:], SourceKind.UNNAMED_DOCUMENT)
    name_span = _name_after(sent, e)
    return _named(d, sent, name_span, s) if name_span else None


def _sentence(d: _Draft, sent: Span, matcher: Any, article: str, n_claim: int) -> int:
    found: dict[str, list[tuple[int, int]]] = {}
    for match_id, s, e in matcher(sent.as_doc()):
        found.setdefault(sent.vocab.strings[match_id], []).append((s, e))
    speaker, relay, start, notes = _speaker(d, sent, found)
    cited = _cited(d, sent, found, speaker) if speaker else None
    said, inferred = _date_in(sent, d.year)
    hedged = _hedged(sent)
    figures = [s for s, _ in found.get("FIGURE", [])]
    said_before = None
    if speaker is not None:
        said_before = said or d.reports.get(f"{speaker}-report", {}).get("date")
    quantities = _quantities(sent, figures, d.year, said_before)
    if start == 0 and "CITING" in found:
        words = [t.lower_ for t in sent]
        cue = found["CITING"][0][1]
        start = next((k + 1 for k in range(cue, len(sent)) if words[k] == "that"), 0)
    clause = _clause(sent, start)
    segments = [_sentence_case(p) for p in re.split(r",\s+with\s+", clause)] if quantities \
        else [clause]
    claims: list[tuple[str, dict[str, Any] | None, list[str]]] = []
    used: set[int] = set()
    for i, q, qnotes in quantities:
        if not any(k in q for k in ("value", "min_value", "max_value")):
            continue
        k = next((k for k, seg in enumerate(segments) if sent[i].text in seg), 0)
        used.add(k)
        claims.append((segments[k], q, qnotes))
    claims += [(seg, None, []) for k, seg in enumerate(segments) if k not in used]
    report = None
    if speaker is not None and d.sources[speaker]["kind"] not in UNNAMED_KINDS:
        publisher = (d.sources[speaker].get("affiliated_with") or [speaker])[0]
        report = _unique(f"{speaker}-report", d.reports) if said and any(
            r.get("date") not in (None, said) for r in d.reports.values()
            if r.get("published_by") == publisher and r["id"].startswith(speaker)) \
            else f"{speaker}-report"
        entry = d.reports.setdefault(report, {"id": report, "published_by": publisher,
                                              "title": f"Report by {d.sources[speaker]['name']}"
                                              " (as relayed by the article)"})
        if said is not None:
            entry.setdefault("date", said)
            if inferred:
                d.note(report, f"CHECK: the year of {said:%B} {said.day} was read as {said.year}.")
    for text_, quantity, qnotes in claims:
        n_claim += 1
        cid = f"claim-{n_claim:02d}"
        claim: dict[str, Any] = {"id": cid, "text": text_}
        if quantity is not None:
            claim["quantity"] = Quantity.model_validate(quantity)
        d.claims.append(claim)
        for n in qnotes + notes:
            d.note(cid, f"CHECK: {n}.")
        quote = sent.text.strip()
        chain: list[tuple[str, str | None]] = []  # (source, report), origin first
        if cited is not None:
            chain.append((cited, None))
        if speaker is not None:
            chain.append((speaker, report if not chain or d.sources[speaker]["kind"] not in (
                SourceKind.ANONYMOUS_SOURCE,) else None))
            if relay is not None and relay != speaker:
                chain.append((relay, f"{relay}-report"))
                d.reports.setdefault(f"{relay}-report", {
                    "id": f"{relay}-report", "published_by": relay,
                    "title": f"Report by {d.sources[relay]['name']} (as relayed by the article)"})
        if speaker is None:
            d.note(cid, "CHECK: no source given: the article's own statement"
                   + (" (hedged)" if hedged else "") + "; keep it only if it is a claim, "
                   "not commentary.")
        chain.append((article, "article"))
        previous: str | None = None
        for k, (sid, rep) in enumerate(chain):
            aid = _unique(f"{sid}-{cid}"[:190], {a["id"] for a in d.assertions})
            a: dict[str, Any] = {"id": aid, "source": sid, "claim": cid, "hedged": hedged,
                                 "quote": quote}
            if rep is not None and (k > 0 or d.sources[sid]["kind"] not in UNNAMED_KINDS):
                a["report"] = rep
            if previous is not None:
                a["cites"] = [previous]
            d.assertions.append(a)
            previous = aid
    return n_claim


def draft_yaml(text: str, *, name: str = "article") -> str:
    """The draft as YAML for ``kg build``, with the analyst's CHECK notes as comments."""
    from kg.formats.writing import dataset_yaml

    ds, notes = draft_dataset(text)
    header = (f"Draft drafted by `kg extract` from {name}. Not analysed: every record is a\n"
              "reading of the text by rules. Check the sources' kinds and names, merge\n"
              "duplicates, split or join claims, and fix each item marked CHECK, then\n"
              "`kg build` it. Quotes are the article's sentences.")
    return dataset_yaml(ds, header=header, notes={k: "\n".join(v) for k, v in notes.items()})
