"""Who published an article: from its URL, or from the places in the text that name it.

:func:`publisher_from_url` reads the registrable domain of the URL's host with the Public
Suffix List (the ``publicsuffixlist`` package, whose bundled copy is read; nothing is
downloaded), so that "news.bbc.co.uk" is "bbc.co.uk" and a blog on a hosting service
("x.blogspot.com") is the blog. On a portal whose subdomains are outlets of their own
("abcnews.go.com"), the outlet is the subdomain: a subdomain that carries a newsroom
word ("news", "times", "post"...) that the domain lacks names the outlet.

Examples:
    >>> publisher_from_url("https://www.tass.com/world/1853467")
    ('TASS', ('tass.com',))
    >>> publisher_from_url("https://cbsnews.example.com/story")
    ('CBS News', ('cbsnews.example.com',))
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

__all__ = ["NEWSROOM_WORDS", "byline_outlet", "copyright_holder", "looks_like_outlet",
           "publisher_from_url", "registrable_domain", "site_in_title"]

#: Words that outlets put in their names ("ABC News", "The Daily Planet", "Lagos Herald").
NEWSROOM_WORDS = frozenset({
    "news", "times", "post", "daily", "herald", "tribune", "journal", "gazette", "telegraph",
    "express", "mail", "chronicle", "observer", "guardian", "standard", "mirror", "courier",
    "dispatch", "examiner", "inquirer", "ledger", "sentinel", "monitor", "insider", "today",
    "live", "online", "tv", "radio", "press", "wire", "magazine", "weekly", "bulletin",
    "broadcasting", "media", "network", "report", "reporter", "review", "record", "star",
    "sun", "globe", "nation", "week", "money", "newsroom", "digest", "voice", "independent",
})
#: Newsroom words as they end or start an outlet's host name ("abcnews", "nypost").
_HOST_WORDS = frozenset({"news", "times", "post", "daily", "herald", "tribune", "journal",
                         "gazette", "telegraph", "express", "chronicle", "observer",
                         "guardian", "mirror", "courier", "dispatch", "examiner", "inquirer",
                         "ledger", "sentinel", "tv", "radio", "press"})
#: Words of a page's sections, not of an outlet's name ("World News", "Local News").
_SECTION_WORDS = frozenset({
    "world", "local", "national", "international", "latest", "breaking", "top", "business",
    "health", "politics", "sports", "sport", "economy", "science", "tech", "technology",
    "opinion", "entertainment", "lifestyle", "home", "main", "more", "africa", "europe",
    "asia", "americas", "us", "uk", "finance", "personal", "markets", "video", "videos",
    "photos", "live", "updates", "today", "new", "all", "our", "your",
})
#: Company words after an outlet's name in a copyright line ("Bloomberg L.P.").
_COMPANY = re.compile(r"(?:[,\s]+(?:L\.?P\.?|Inc\.?|Ltd\.?|LLC|plc|PLC|Limited|Corp\.?|"
                      r"Corporation|Co\.|Company|GmbH|S\.A\.|AG|N\.V\.|Group|Holdings|"
                      r"Ventures|Enterprises|Internet|Interactive|Digital|Publishing|"
                      r"Publications))+\s*$")
#: Subdomains that are sections or versions of one site, not outlets of their own.
_SECTION_HOSTS = frozenset({"www", "m", "amp", "mobile", "edition", "beta", "en", "english",
                            "uk", "us", "eu", "international", "int", "web", "www1", "www2"})


@lru_cache(maxsize=1)
def _suffix_list() -> PublicSuffixList | None:
    try:
        from publicsuffixlist import PublicSuffixList
    except ImportError:  # pragma: no cover - the optional extra is missing
        return None
    return PublicSuffixList()  # the copy bundled with the package: no download


def registrable_domain(host: str) -> str:
    """The registrable domain of a host ("news.bbc.co.uk" -> "bbc.co.uk").

    Examples:
        >>> registrable_domain("news.bbc.co.uk"), registrable_domain("jane.blogspot.com")
        ('bbc.co.uk', 'jane.blogspot.com')
    """
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    psl = _suffix_list()
    found = psl.privatesuffix(host) if psl is not None else None
    if found:
        return str(found)
    keep = 3 if labels[-2] in {"com", "co", "org", "net", "gov", "ac"} else 2
    return ".".join(labels[-keep:])


def _spaced(label: str) -> str:
    """An outlet's name from a host label ending in a newsroom word: "abcnews" -> "ABC News",
    "dailyplanet" -> the label itself (no clean split)."""
    for word in sorted(NEWSROOM_WORDS, key=len, reverse=True):
        head = label[:-len(word)]
        if label.endswith(word) and 2 <= len(head) <= 3 and head.isalpha():
            return f"{head.upper()} {word.capitalize()}"
    return label


def publisher_from_url(url: str) -> tuple[str, tuple[str, ...]] | None:
    """The publisher a URL names (module doc): its name and aliases (domain and host)."""
    host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    host = host.removeprefix("www.").removeprefix("amp.")
    if not host or "." not in host or re.fullmatch(r"[\d.]+", host):
        return None
    domain = registrable_domain(host)
    base = domain.split(".")[0]
    sub = host[:-len(domain)].rstrip(".").split(".")[-1] if host != domain else ""
    if sub and sub not in _SECTION_HOSTS and _has_newsroom_word(sub) \
            and not _has_newsroom_word(base):
        # a portal's outlet: "abcnews.go.com" is ABC News, not GO
        name = _spaced(sub)
        return (name, (host,)) if name != sub else (host, ())
    aliases = {host} - {domain}
    if len(base) <= 4:
        aliases.add(domain)
    name = base.upper() if len(base) <= 4 else domain
    return name, tuple(sorted(aliases))


def _has_newsroom_word(label: str) -> bool:
    """A host label that starts or ends with a newsroom word and has more letters besides:
    "abcnews", "timesofindia" (not "news", "money", "sports")."""
    return any(label != word and (label.startswith(word) or label.endswith(word))
               for word in _HOST_WORDS)


def looks_like_outlet(name: str) -> bool:
    """Whether a short name reads as an outlet's: a known outlet, a site's domain, or a
    capitalised name with a newsroom word ("The Lagos Herald", "Planet TV").

    Examples:
        >>> looks_like_outlet("Reuters"), looks_like_outlet("Example.com")
        (True, True)
        >>> looks_like_outlet("The Lagos Herald"), looks_like_outlet("Staff Writer")
        (True, False)
    """
    from kg.drafting.sources import is_outlet_name

    name = name.strip()
    if not name or len(name) > 50 or re.search(r"[:;!?,()\"\u201c\u201d]", name):
        return False
    if is_outlet_name(name):
        return True
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,6}", name):
        return True
    words = [w.lower().strip(".,") for w in name.split()]
    if not 1 <= len(words) <= 6 or not all(w[:1].isupper() or w.lower() in {"the", "of",
                                                                         "and", "&"}
                                           for w in name.split()):
        return False
    return any(w in NEWSROOM_WORDS for w in words) and any(
        w not in NEWSROOM_WORDS and w not in _SECTION_WORDS and w not in {"the", "of", "and",
                                                                           "&"}
        for w in words)


def _named_in(name: str, body: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", body) is not None


def site_in_title(title: str, body: str) -> tuple[str, str] | None:
    """The site's name in a page title and the headline without it: "Headline | Site",
    "Site | Headline", "Headline - Site" (a dash only for an outlet's name that the body
    does not cite: "... - Financial Times" over a story citing the FT is the source).

    Examples:
        >>> site_in_title("Rates held again | The Planet Post", "Rates were held.")
        ('The Planet Post', 'Rates held again')
        >>> site_in_title("Opinion | Why Rates Fell", "Rates fell.") is None
        True
        >>> site_in_title("Toll rises - The Lagos Herald", "The toll rose.")
        ('The Lagos Herald', 'Toll rises')
        >>> site_in_title("Toll rises - The Lagos Herald",
        ...               "The toll rose, The Lagos Herald reported.") is None
        True
    """
    for sep, strict in ((r"\s+[|\u2016]\s+", False), (r"\s+[-\u2013\u2014]\s+", True)):
        parts = re.split(sep, title.strip())
        if len(parts) < 2:
            continue
        for site, rest in ((parts[-1], parts[:-1]), (parts[0], parts[1:])):
            site = site.strip(" .")
            words = site.split()
            longer = len(" ".join(rest).split()) > len(words)  # the headline is the longer
            ok = looks_like_outlet(site) if strict else (
                looks_like_outlet(site) or (1 <= len(words) <= 3 and longer and all(
                    w[:1].isupper() or w in {"the", "of", "and", "&"} for w in words)
                    and not re.search(r"\d", site)
                    and not all(w.lower() in _SECTION_WORDS for w in words)))
            if ok and not (strict and _named_in(site, body)):
                return site, " - ".join(rest).strip()
    return None


def copyright_holder(line: str) -> str | None:
    """The holder a copyright line names, company words dropped ("Bloomberg L.P." is
    Bloomberg).

    Examples:
        >>> copyright_holder("\u00a92023 Planet News L.P.")
        'Planet News'
        >>> copyright_holder("Copyright 2021 The Daily Planet. All rights reserved.")
        'The Daily Planet'
        >>> copyright_holder("The copyright law was passed in 2021.") is None
        True
    """
    m = re.match(r"\s*(?:\u00a9|\(c\)|copyright\b)\s*(?:\u00a9\s*)?", line, re.IGNORECASE)
    if not m:
        return None
    rest = re.split(r"\ball rights reserved|\s[|/]\s|\.\s+(?=[A-Z])(?<![A-Z]\.\s)", line[m.end():],
                    maxsplit=1, flags=re.IGNORECASE)[0]
    rest = re.sub(r"\b(?:19|20)\d\d\b(?:\s*[-\u2013]\s*(?:19|20)\d\d\b)?", " ", rest)
    rest = " ".join(rest.replace("\u00a9", " ").split()).strip(" .,;:-")
    rest = _COMPANY.sub("", rest).strip(" .,;:-")
    words = rest.split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isupper() or re.search(r"\d", rest):
        return None
    return rest


def byline_outlet(rest: str) -> str | None:
    """The outlet after a byline's name ("By Jane Roe, Reuters": ", Reuters"), if it reads
    as one.

    Examples:
        >>> byline_outlet(", Planet Post"), byline_outlet(" | Reuters")
        ('Planet Post', 'Reuters')
        >>> byline_outlet(" and John Doe, Planet Post"), byline_outlet(", Health Editor")
        ('Planet Post', None)
    """
    m = re.match(r"(?:\s+(?:and|&)\s+[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){1,3})?"
                 r"\s*(?:[,|/]|[-\u2013\u2014]|\(|\bfor\b|\bof\b)\s*(?:the\s+)?"
                 r"([A-Z][\w.&'\u2019 -]{1,40}?)\s*\)?\s*$", rest)
    if m and looks_like_outlet(m.group(1)):
        return m.group(1).strip()
    return None
