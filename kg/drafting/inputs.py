"""An article as it comes: HTML or text, with page furniture, a headline, a dateline, a byline.

:func:`read_article` turns the raw input into an :class:`Article`: its paragraphs of
running text, its headline, the publisher and date (given, read from the URL, the
dateline or the top of the text), the wire agency it carries ("(Reuters) -",
"/TASS/"), the byline, and a list of what was skipped and why.

Page furniture is skipped (:mod:`kg.drafting.furniture` says which lines and why):
navigation and share links, "2 min read", the page's interface, photo captions and
credits, author boxes, related-story teasers, section subheads, stray HTML tags, "News
ID: 1234", date stamps, repeated paragraphs, and one- to three-word lines ("War"). The
publisher (:mod:`kg.drafting.publisher`): given, else from the URL, else read from the
text (site line, page title, copyright line, dateline, byline, a credit line) with the
place it was read in ``publisher_from`` (a CHECK note of the draft).

Examples:
    >>> a = read_article("MOSCOW, Nov 12 (Reuters) - Troops advanced, officials said.\\n\\n"
    ...                  "2 min read\\n\\nShare this story")
    >>> a.publisher, a.publisher_from, [p for p in a.paragraphs], a.skipped[0][1]
    ('Reuters', 'the dateline', ['Troops advanced, officials said.'], 'page furniture')
    >>> read_article("MOSCOW, Nov 12 (Reuters) - Troops advanced.", url="https://x.com/a").agency
    'Reuters'
    >>> publisher_from_url("https://www.tass.com/world/1853467")
    ('TASS', ('tass.com',))
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kg.drafting.furniture import CREDIT_LINE, furniture_reason, starts_paragraph
from kg.drafting.periods import article_date_in
from kg.drafting.publisher import (
    byline_outlet,
    copyright_holder,
    looks_like_outlet,
    publisher_from_url,
    site_in_title,
)
from kg.errors import InputError

__all__ = ["Article", "html_to_text", "publisher_from_url", "read_article", "sentences"]

#: Longest sentence read (characters); longer ones are skipped and reported.
MAX_SENTENCE = 3000

_SITE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{1,40}\.(?:[a-z]{2,6}|[A-Z]{2,6})$")
_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]{0,60}>")
_DATELINES = (
    # MOSCOW, October 8. /TASS/.
    re.compile(r"^\s*(?:[A-Z][A-Za-z' .-]{1,30},\s*)?(?:[A-Z][a-z]+\.?\s+\d{1,2}\.?\s*)?"
               r"/(?P<agency>[A-Z][A-Za-z-]{1,15})/\.?\s*"),
    # BRASILIA, May 18 (Reuters) -   KYIV (Reuters) -   RAMALLAH, West Bank (Reuters) -
    re.compile(r"^\s*(?:[A-Z][A-Za-z' .,-]{1,40}?\s*)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?"
               r"\((?P<agency>[A-Z][A-Za-z&/ ]{1,20})\)\s*[-\u2013\u2014]+\s*"),
    # MOSCOW, Nov 12 - ... (no agency)
    re.compile(r"^\s*(?P<city>[A-Z]{3,}(?:[ ,][A-Z][A-Za-z]+)*),\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
               r"\.?\s*[-\u2013\u2014.]\s*"),
    # KYIV - ...   KYIV, Ukraine -- ...
    re.compile(r"^\s*(?P<city>[A-Z]{3,}(?: [A-Z]{3,})*(?:, [A-Z][a-z]+)?)\s+[-\u2013\u2014]+\s+"),
)
_BYLINE = re.compile(r"^\s*(?:\[[^\]]{4,30}\]\s*)?By\s+(?P<name>[A-Z][\w.'\u2019-]+(?:\s+"
                     r"(?:[A-Z][\w.'\u2019-]+|de|van|von|al)){1,3})\b")
_BARE_BYLINE = re.compile(r"(?P<name>[A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){1,2})\s*"
                          r"(?:,|\||\u2013|\u2014| - )\s*(?P<outlet>[^,|]{2,40})")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|No|vs|Inc|Ltd|Co|Corp|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|approx|est|U\.S|U\.K|U\.N|e\.g|i\.e)\.|"
    r"\b[A-Z]\.)$")


@dataclass
class Article:
    """The article's running text and what is known about it."""

    paragraphs: list[str]
    headline: str | None = None
    standfirst: list[str] = field(default_factory=list)
    publisher: str | None = None
    publisher_aliases: tuple[str, ...] = ()
    date: dt.date | None = None
    url: str | None = None
    agency: str | None = None
    byline: str | None = None
    #: where the publisher was read in the text ("the page title"), for a CHECK note;
    #: None when it was given (--outlet) or read from the URL
    publisher_from: str | None = None
    date_guessed: dt.date | None = None  # the latest date the text names, when none is given
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (text, why)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page (trafilatura) and its metadata (title, date, site, url,
    author, and ``subheads``: the page's section headings inside the text, one a line).

    trafilatura drops navigation, comments, tables and images; its element tree marks the
    headings, so that a subhead is known as one rather than guessed.

    Raises:
        InputError: trafilatura (the ``credkg[extract]`` extra) is not installed, or the page
            has no main text.
    """
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - the optional extra is missing
        raise InputError("reading HTML needs trafilatura: pip install 'credkg[extract]'") from None
    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, include_images=False,
        favor_precision=True, with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    body = getattr(doc, "body", None)
    lines: list[str] = []
    subheads: list[str] = []
    meta: dict[str, str] = {}
    for el in body if body is not None else ():
        items = list(el.iter("item")) if el.tag == "list" else [el]
        for item in items:
            line = " ".join("".join(item.itertext()).split())
            if not line:
                continue
            if el.tag == "head" and (lines or el.get("rend") != "h1"):
                subheads.append(line)
            elif el.tag == "head":
                meta["headline"] = line  # the page's h1, even one ending in "?"
            lines.append(("- " if el.tag == "list" else "") + line)
    text = "\n\n".join(lines) or (getattr(doc, "text", None) or "")
    if not text.strip():
        raise InputError("no article text found in the HTML page; save the article's text "
                         "as .txt and give that")
    if subheads:
        meta["subheads"] = "\n".join(subheads)
    for key in ("title", "date", "sitename", "url", "author"):
        value = getattr(doc, key, None)
        if value:
            meta[key] = str(value)
    return text, meta


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph (abbreviations, initials and quotes kept together).

    Examples:
        >>> sentences('He said so on Aug. 26. "It is 5.5%," Mr. Smith added. Next one.')
        ['He said so on Aug. 26.', '"It is 5.5%," Mr. Smith added.', 'Next one.']
    """
    out: list[str] = []
    start = 0
    for m in re.finditer(r"[.!?\u2026]+[\"\u201d\u2019')\]]*\s+(?=[\"\u201c\u2018'(\[]?[A-Z0-9])",
                         paragraph):
        head = paragraph[start:m.start() + 1].rstrip()
        if _ABBREV.search(head) and not head.endswith(("..", "\u2026")):
            continue
        out.append(paragraph[start:m.end()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def latest_date_in(text: str) -> dt.date | None:
    """The latest full date ("December 18th, 2024", "18 December 2024") the text names.

    Examples:
        >>> latest_date_in("On March 3, 2023 and on December 18th, 2024, it rained.")
        datetime.date(2024, 12, 18)
    """
    from kg.drafting.periods import month_number

    found: list[dt.date] = []
    for m in re.finditer(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+"
                         r"((?:19|20)\d\d)\b|"
                         r"\b(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+((?:19|20)\d\d)\b", text):
        month = month_number(m.group(1) or m.group(5) or "")
        if month:
            try:
                found.append(dt.date(int(m.group(3) or m.group(6)), month,
                                     int(m.group(2) or m.group(4))))
            except ValueError:
                continue
    if not found:
        years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]
        found = [dt.date(max(years), 12, 31)] if years else []
    return max(found) if found else None


def _name_in_text(domain: str, text: str) -> str | None:
    """The outlet's name as the text writes it, when its letters spell the domain's name:
    "theglobeandmail.com" -> "The Globe and Mail"."""
    base = domain.split(".")[0].replace("-", "")
    if len(base) < 5:
        return None
    for m in re.finditer(r"\b(?:The |the )?[A-Z][\w'\u2019-]*(?:\s+(?:and|of|the|&|[A-Z][\w'-]*))"
                         r"{0,5}", text):
        run = m.group(0)
        words = run.split()
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                cand = " ".join(words[i:j])
                squash = re.sub(r"[^a-z0-9]", "", cand.lower())
                if squash == base or squash == "the" + base or "the" + squash == base:
                    return cand
    return None


def _end_credit(skipped: list[tuple[str, str]], text: str) -> str | None:
    """The outlet a skipped credit line names: "Source: Planet News" or "Via Reuters"
    anywhere, or a wire on a line of its own near the end ("IOL")."""
    from kg.drafting.sources import is_outlet_name

    for line, _ in skipped:
        m = re.fullmatch(r"(?:source|via|credit|courtesy)\s*:?\s*\(?([A-Z][\w .&'-]{1,40}?)\)?"
                         r"\.?", line, re.IGNORECASE)
        if m and looks_like_outlet(m.group(1)):
            return m.group(1).strip()
    tail = text.strip().splitlines()[-12:]
    for line in reversed(tail):
        line = line.strip()
        m = re.fullmatch(r"(?:copyright)?\s*:?\s*\(?([A-Z][\w .&-]{1,30}?)\)?"
                         r"\.?", line, re.IGNORECASE)
        if m and is_outlet_name(m.group(1)) and any(line == t for t, _ in skipped):
            return m.group(1).strip()
    return None


def _publisher_from_text(article: Article, credits: dict[str, str], text: str) -> None:
    """Name the publisher from the text when neither --outlet nor --url did.

    The site's own name comes first (a site line on top, the page title, the copyright
    line); else the outlet the story is credited to (the dateline's wire, the byline's
    outlet, a credit line at the end), whose copy it then is: a CHECK note says where it
    was read. A wire in the byline of a story whose publisher is known is its agency.
    """
    from kg.drafting.sources import is_outlet_name

    by = credits.get("the byline")
    if article.publisher is not None:
        if article.agency is None and by is not None and is_outlet_name(by) \
                and fold_name(by) not in {fold_name(n) for n in (article.publisher,
                                                                 *article.publisher_aliases)}:
            article.agency = by
        return
    for where in ("the site's name on top of the page", "the page title",
                  "the copyright line"):
        if where in credits:
            article.publisher, article.publisher_from = credits[where], where
            if article.agency is None and by is not None and by != article.publisher:
                article.agency = by
            break
    else:
        dateline = article.agency and re.search(
            r"[/(]" + re.escape(article.agency) + r"[/)]", text)
        for where, name in (("the dateline", article.agency if dateline else None),
                            ("the byline", by),
                            ("a credit line", article.agency)):
            if name:
                article.publisher, article.publisher_from = name, where
                article.agency = None
                break
    if article.publisher is not None and article.publisher == article.agency:
        article.agency = None


def _same_words(line: str, headline: str) -> bool:
    """Whether a line's words are all the headline's (a shorter form of the headline, as
    pages repeat it: "World Bank cuts growth forecast" under "World Bank cuts global growth
    forecast").

    Examples:
        >>> _same_words("Rates held again", "Central bank rates held again, for now")
        True
        >>> _same_words("Rates held for a fourth time", "Rates held again")
        False
    """
    words = set(re.findall(r"\w+", line.lower()))
    return bool(words) and words <= set(re.findall(r"\w+", headline.lower()))


def fold_name(name: str) -> str:
    """A name's letters and digits only, lower case, a leading "the" dropped.

    Examples:
        >>> fold_name("The Planet-Post"), fold_name("planetpost.com")
        ('planetpost', 'planetpostcom')
    """
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", name.lower()))


def read_article(raw: str, *, url: str | None = None, outlet: str | None = None,
                 date: dt.date | None = None, html: bool | None = None) -> Article:
    """The article in ``raw`` (text or HTML) with what is known about it (module doc)."""
    meta: dict[str, str] = {}
    if html or (html is None and re.match(r"\s*(?:<!doctype html|<html|<head|<body|<div|<p\b)",
                                           raw, re.IGNORECASE)):
        raw, meta = html_to_text(raw)
        url = url or meta.get("url")
        outlet = outlet or meta.get("sitename")
    text = _TAG.sub(" ", raw.replace("\r\n", "\n").replace("\r", "\n"))
    if date is None:  # an ISO date on top ("date 2024-10-08"), else a stamp (below)
        date = article_date_in(meta.get("date", "") + "\n" + text[:200], iso_only=True)
    text = re.sub(r"^\s*date\s+\d{4}-\d\d-\d\d\s*", "", text, flags=re.IGNORECASE)
    article = Article(paragraphs=[], date=date, url=url)
    if outlet:
        article.publisher = outlet
        found = publisher_from_url(url) if url else None
        article.publisher_aliases = tuple(a for a in ((found[0], *found[1]) if found else ())
                                          if a.lower() != outlet.lower())
    elif url:
        found = publisher_from_url(url)
        if found:
            article.publisher, article.publisher_aliases = found
    seen: set[str] = set()
    lead = True
    credits: dict[str, str] = {}  # where -> the outlet a place in the text names
    subheads = set(meta.get("subheads", "").splitlines())
    for part in meta.get("author", "").split(";"):  # the page's author: "Jane Roe; Reuters"
        part = part.strip()
        if looks_like_outlet(part):
            credits.setdefault("the byline", part)
        elif article.byline is None and re.fullmatch(r"[A-Z][\w.'\u2019-]+(?: [A-Z][\w.'"
                                                       r"\u2019-]+){1,3}", part):
            article.byline = part
    blocks = [b for b in re.split(r"\n\s*\n|\n(?=\s*[-\u2022*]\s)|\n", text) if b.strip()]
    for k, block in enumerate(blocks):
        bullet = bool(re.match(r"\s*[-\u2022*]\s", block))
        par = " ".join(block.split()).lstrip("-\u2022* ").strip()
        if not par:
            continue
        inside = bool(article.paragraphs) and not bullet and k + 1 < len(blocks) \
            and starts_paragraph(blocks[k + 1])
        if par in seen:
            article.skipped.append((par, "repeated paragraph"))
            continue
        seen.add(par)
        m = _BYLINE.match(par)
        if m and article.byline is None:
            article.byline = m.group("name")
            if (by_outlet := byline_outlet(par[m.end():])) is not None:
                credits["the byline"] = by_outlet
                par = ""
            par = par[m.end():].strip(" ,|") if par else par
            if not par:
                continue
        m = _BARE_BYLINE.fullmatch(par)
        if m and article.byline is None and not article.paragraphs \
                and looks_like_outlet(m.group("outlet")):  # "Jane Roe, Reuters" on top
            article.byline = m.group("name")
            credits["the byline"] = m.group("outlet")
            article.skipped.append((par, "the byline"))
            continue
        for pattern in _DATELINES:
            m = pattern.match(par)
            if m and lead:
                agency = m.groupdict().get("agency")
                if agency:
                    article.agency = agency.strip()
                par = par[m.end():].strip()
                lead = False
                break
        why = furniture_reason(par, inside=inside)
        if why is None and par in subheads:
            why = "a section subhead"
        if (holder := copyright_holder(par)) is not None:
            credits.setdefault("the copyright line", holder)
        if not article.paragraphs and article.headline is None and article.publisher is None \
                and (_SITE.match(par) or (looks_like_outlet(par) and not par.endswith(
                    (".", "!", "?")))):
            credits.setdefault("the site's name on top of the page", par)  # "FAKTI.BG"
            why = "the site's name (read as the publisher)"
        if why is not None:
            article.skipped.append((par, why))
            if CREDIT_LINE.match(par) and article.paragraphs and not lead:
                # a photo credit ends a caption: the paragraph just before it
                article.skipped.append((article.paragraphs.pop(), "photo caption"))
            continue
        if par == meta.get("headline") and article.headline is None and not article.paragraphs:
            article.headline = par
            continue
        if not par.endswith((".", "!", "?", "\u201d", '"', "\u2019", ":", ")")):
            if article.headline is None and not article.paragraphs and len(par.split()) >= 4:
                found_site = site_in_title(par, text)
                if found_site is not None:  # "Headline | Site"
                    credits.setdefault("the page title", found_site[0])
                    par = found_site[1]
                article.headline = par
                continue
            if article.headline and not article.paragraphs and _same_words(par,
                                                                            article.headline):
                article.skipped.append((par, "another form of the headline"))
                continue
            if not article.paragraphs and len(par.split()) >= 5:
                article.standfirst.append(par)
                continue
        lead = False
        par = re.sub(r"^(?:quote|details|background|context|update)\s*:\s*", "", par,
                     flags=re.IGNORECASE)  # a section label before the text
        article.paragraphs.append(par)
    if article.agency is None:
        article.agency = _end_credit(article.skipped, text)
    _publisher_from_text(article, credits, text)
    if article.publisher is not None and "." in article.publisher:
        named = _name_in_text(article.publisher, text)
        if named:
            article.publisher_aliases = tuple(sorted({*article.publisher_aliases,
                                                      article.publisher}))
            article.publisher = named
    if article.date is None:
        for skipped, why in article.skipped:
            if why in ("page furniture", "a date stamp", "no words") and (
                    found_date := article_date_in(skipped)):
                article.date = found_date
                break
    if article.date is None:
        article.date_guessed = latest_date_in(text)
    if not article.paragraphs and not article.headline:
        raise InputError("the article has no sentences; give the text of a news article")
    return article
