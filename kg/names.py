"""Name normalisation for matching sources across documents.

A name's *key* is what two spellings of one name have in common: case folded,
diacritics dropped, Cyrillic transliterated to Latin, punctuation and
possessive ``'s`` gone, and, for outlets and organisations only, leading
articles ("the", "die") and the generic designators that outlets add or drop
("news agency", "Novosti", "newspaper", "Inc.") stripped. The rules are
deliberately few and each one is a statement about names, not about one
outlet: "RIA", "RIA Novosti" and "РИА Новости" share the key ``ria`` because
"Novosti" means "news", and "Die Welt" and "Welt" share ``welt`` because
"die" is an article.

Examples:
    >>> name_key("РИА Новости", outlet=True)
    'ria'
    >>> name_key("RIA Novosti", outlet=True), name_key("RIA", outlet=True)
    ('ria', 'ria')
    >>> name_key("Die Welt", outlet=True), name_key("WELT", outlet=True)
    ('welt', 'welt')
    >>> name_key("Zoë  Müller-Lüdenscheidt")
    'zoe muller ludenscheidt'
    >>> edit_distance("vanner", "wanner")
    1
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

__all__ = [
    "GENERIC_WORDS",
    "OUTLET_DESIGNATORS",
    "edit_distance",
    "fold",
    "is_generic",
    "is_unnamed",
    "name_key",
    "says_unnamed",
    "similarity",
    "transliterate",
]

# Russian/Ukrainian/Belarusian Cyrillic to Latin, after the common press usage
# (BGN/PCGN without diacritics): "Новости" -> "Novosti", "Герасимов" -> "Gerasimov".
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",  # noqa: RUF001
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",  # noqa: RUF001
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",  # noqa: RUF001
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u",  # noqa: RUF001
}

#: Words outlets and organisations add to or drop from their names; stripped from
#: the ends of outlet names only ("novosti" and "nachrichten" are "news").
OUTLET_DESIGNATORS = frozenset({
    "news", "agency", "novosti", "nachrichten", "newspaper", "magazine", "online",
    "media", "group", "press", "service", "tv", "television", "radio", "network",
    "inc", "ltd", "llc", "co", "corp", "com", "gmbh", "ag", "sa", "plc",
})
_ARTICLES = frozenset({"the", "die", "der", "das", "la", "le", "les", "el", "il", "lo"})
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def transliterate(text: str) -> str:
    """Cyrillic letters to Latin (lower case), everything else unchanged.

    Examples:
        >>> transliterate("Герасимов")
        'gerasimov'
    """
    return "".join(_CYRILLIC.get(ch, _CYRILLIC.get(ch.lower(), ch)) for ch in text)


def fold(text: str) -> str:
    """Lower case, Cyrillic transliterated, diacritics dropped, words joined by one space.

    Examples:
        >>> fold("  Sources within Ukraine\u2019s Security-Forces ")
        'sources within ukraine security forces'
    """
    text = transliterate(unicodedata.normalize("NFKC", text).casefold())
    text = _POSSESSIVE.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_text = ascii_text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o")
    if not ascii_text.isascii():  # other scripts (Greek, Arabic, Chinese...): anyascii
        ascii_text = anyascii(ascii_text).lower()
    return _NON_WORD.sub(" ", ascii_text).strip()


def name_key(name: str, *, outlet: bool = False) -> str:
    """The key two spellings of one name share; outlets also lose articles and designators.

    Args:
        name: A source's name or alias.
        outlet: Strip leading articles and trailing/leading outlet designators
            (for news outlets and organisations, never for people).

    Returns:
        The key; never empty for a name with a letter or digit (a name made only
        of designators keeps them: "News Agency" stays ``news agency``).

    Examples:
        >>> name_key("The Associated Press", outlet=True)
        'associated'
        >>> name_key("News Agency", outlet=True)
        'news agency'
    """
    words = fold(name).split()
    if not outlet:
        return " ".join(words)
    kept = list(words)
    while kept and kept[0] in _ARTICLES:
        kept.pop(0)
    while kept and kept[-1] in OUTLET_DESIGNATORS:
        kept.pop()
    while kept and kept[0] in OUTLET_DESIGNATORS:
        kept.pop(0)
    return " ".join(kept) if kept else " ".join(words)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions, each costing one."""
    return int(Levenshtein.distance(a, b))


def similarity(a: str, b: str) -> float:
    """1 minus the edit distance over the longer length, in [0, 1] (rapidfuzz).

    Examples:
        >>> round(similarity("christoph vanner", "christoph wanner"), 3)
        0.938
        >>> similarity("", "")
        1.0
    """
    return float(Levenshtein.normalized_similarity(a, b))


#: Words that name a *kind* of body or person, not one: a name made only of them
#: (with articles and "of") identifies nobody, so it never matches on its own.
GENERIC_WORDS = frozenset({
    "office", "ministry", "agency", "department", "government", "authorities", "authority",
    "administration", "service", "services", "committee", "council", "commission", "board",
    "bureau", "directorate", "headquarters", "staff", "command", "forces", "force", "army",
    "military", "police", "court", "prosecutors", "parliament", "president",
    "minister", "ministers", "spokesman", "spokesperson", "spokeswoman", "official",
    "officials", "source", "sources", "report", "reports", "study", "statement", "data",
    "figures", "publisher", "outlet", "newspaper", "media", "press", "news", "journal",
    "institute", "center", "centre", "university", "group", "organization", "organisation",
    "company", "fund", "bank", "lender", "state", "country", "city", "region", "people",
    "public", "experts", "analysts", "researchers", "authors", "he", "she", "they", "it",
    "his", "her", "their", "its", "our", "we", "local", "national", "federal", "regional",
    "main", "central", "senior", "top", "new", "poll", "survey", "enemy",
    "market", "markets", "network", "site", "website", "channel", "page",
})
_FUNCTION_WORDS = frozenset({"of", "the", "a", "an", "for", "and", "in", "on", "at", "to",
                             "this", "that", "these", "those", "some", "one", "two"})
_UNNAMED = re.compile(
    r"\b(unnamed|unidentified|anonymous|unknown|not named|undisclosed|owner not given"
    r"|publisher of the article|who asked not to be named|declined to be named)\b")


def is_generic(name: str) -> bool:
    """Whether a name is only a generic head ("Office", "the agency", "the Ministry").

    Examples:
        >>> is_generic("Office"), is_generic("the agency"), is_generic("Ministry of Defence")
        (True, True, False)
        >>> is_generic("the Office of the President")
        True
        >>> is_generic("Prosecutor General's Office of Ukraine")
        False
    """
    words = [w for w in fold(name).split() if w not in _FUNCTION_WORDS]
    return all(w in GENERIC_WORDS for w in words)


def says_unnamed(name: str) -> bool:
    """Whether a name says the source is not named ("Publisher of the article (unnamed)").

    Examples:
        >>> says_unnamed("Publisher of the article (unnamed)"), says_unnamed("Reuters")
        (True, False)
    """
    return bool(_UNNAMED.search(fold(name)))


def is_unnamed(name: str) -> bool:
    """Whether a name identifies nobody: it says so, or it is only a generic head.

    Examples:
        >>> is_unnamed("the agency"), is_unnamed("Deutsche Welle")
        (True, False)
    """
    return says_unnamed(name) or is_generic(name)
