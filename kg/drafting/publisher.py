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

__all__ = ["NEWSROOM_WORDS", "looks_like_outlet", "publisher_from_url", "registrable_domain"]

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
    if not name or len(name) > 50:
        return False
    if is_outlet_name(name):
        return True
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,6}", name):
        return True
    words = name.split()
    if not 1 <= len(words) <= 6 or not all(w[:1].isupper() or w.lower() in {"the", "of",
                                                                         "and", "&"}
                                           for w in words):
        return False
    return any(w.lower().strip(".,") in NEWSROOM_WORDS for w in words)
