"""Author lists as comparable values: the sorted set of normalised last names.

Bookshop listings write the same authors in many ways: ``Knuth, Donald E.``,
``Donald E. Knuth``, ``KNUTH``, ``Editor: Knuth, D. (EDT)``, ``Graham; Knuth;
Patashnik et al``, ``Zo&eacute; Lacroix``, ``Meltzer, KevinMichalski, Brent``.
:func:`author_key` turns each into one canonical value (``"knuth"``,
``"graham;knuth;patashnik"``) so that a truth-discovery method sees agreeing
sources as agreeing. It handles HTML entities and UTF-8 read as Latin-1,
accents, bracketed remarks, role words (editor, author, foreword, "edited by"),
degrees and titles, "et al", the separators ``; / & ~ |`` and "and", the two
name orders (``Last, First`` and ``First Last``), initials on either side,
names glued together without a separator, and affiliations.

A bare two-word name such as ``Knuth Donald`` has no mark of its order. Give
:func:`author_key` a set of known last names (:func:`surname_lexicon` collects
them, unsupervised, from the listings that do mark the order) and it picks the
word that is a known last name; without one it takes the usual ``First Last``.

Examples:
    >>> author_key("Knuth, Donald E.")
    'knuth'
    >>> author_key("Ronald L. Graham; Donald E. Knuth; Oren Patashnik")
    'graham;knuth;patashnik'
    >>> author_key("Edited by Lacroix, Zo&eacute; Edited by Critchlow, Terence")
    'critchlow;lacroix'
    >>> author_key("Not Available") is None
    True
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

__all__ = ["author_key", "author_last_names", "surname_lexicon"]

# Words that describe a contribution, a qualification or a title, not a name.
_ROLE_PHRASES = re.compile(
    r"\b(?:edited|translated|compiled|illustrated|written|selected|revised|introduced|"
    r"foreword|preface|introduction|afterword|contributions?)\s+(?:by|from)\b"
    r"|\bwith\s+(?:a\s+)?(?:foreword|preface|introduction|contributions?)(?:\s+by)?\b"
    r"|\bet\.?\s*al\b\.?|\band\s+others\b|\betc\b\.?",
    re.IGNORECASE,
)
_ROLE_WORDS = frozenset(
    [
        "by",
        "editor",
        "editors",
        "edt",
        "eds",
        "ed",
        "author",
        "authors",
        "joint",
        "coauthor",
        "co-author",
        "contributor",
        "contributors",
        "translator",
        "translators",
        "illustrator",
        "illustrators",
        "compiler",
        "compilers",
        "foreword",
        "preface",
        "introduction",
        "afterword",
        "reviser",
        "adapter",
        "narrator",
        "photographer",
        "phd",
        "ph.d",
        "md",
        "m.d",
        "mba",
        "msc",
        "bsc",
        "ba",
        "ma",
        "cissp",
        "cism",
        "cisa",
        "cpa",
        "mcse",
        "mcsd",
        "mcsa",
        "mcp",
        "mct",
        "ccna",
        "ccnp",
        "ccie",
        "pe",
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "dr",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "esq",
        "sir",
        "dipl",
        "ing",
        "others",
        "various",
        "anon",
        "anonymous",
        "staff",
        "not",
        "available",
        "n/a",
        "na",
        "unknown",
    ]
)
# "ed" is also a first name (Ed Yourdon): only drop it when written "ed." or "eds.".
_ED_ABBREVIATION = re.compile(r"\beds?\.", re.IGNORECASE)
# Chunks that name an institution, a course or an event rather than a person.
_ORGANISATION_WORDS = frozenset(
    [
        "department",
        "dept",
        "university",
        "univ",
        "institute",
        "institution",
        "college",
        "school",
        "faculty",
        "laboratory",
        "laboratories",
        "lab",
        "labs",
        "center",
        "centre",
        "inc",
        "corp",
        "corporation",
        "company",
        "co",
        "ltd",
        "llc",
        "gmbh",
        "press",
        "publishing",
        "publishers",
        "society",
        "association",
        "conference",
        "symposium",
        "workshop",
        "congress",
        "committee",
        "council",
        "group",
        "team",
        "foundation",
        "academy",
        "agency",
        "ministry",
        "government",
        "staff",
        "technologies",
        "systems",
        "solutions",
        "microsoft",
        "oracle",
        "ibm",
        "sun",
        "usa",
        "uk",
    ]
)
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "ten",
        "ter",
        "st",
        "saint",
        "bin",
        "al",
        "el",
    ]
)
# A capitalised prefix that is part of one name, not the end of a glued-on first name.
_GLUE_PREFIXES = frozenset(
    [
        "mc",
        "mac",
        "de",
        "di",
        "da",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "st",
        "fitz",
        "o",
        "d",
        "ben",
    ]
)
_SEPARATORS = re.compile(r"\s*(?:[;/&~|+\n\t]|\band\b|\bund\b|\s-\s)\s*", re.IGNORECASE)
_DASH_COMMA = re.compile(r"(?<=[A-Za-z])-\s+")  # "Brown- Eric" is "Brown, Eric"
_BRACKETS = re.compile(r"\([^)]*(?:\)|$)|\[[^\]]*(?:\]|$)|\{[^}]*(?:\}|$)")
_GLUED_CASE = re.compile(r"\b([A-Z][a-z]+)([A-Z][a-z]{2,})")
_GLUED_DOT = re.compile(r"\.(?=[A-Za-z])")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-.]*")
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]")


def _repair(text: str) -> str:
    """Undo HTML escaping, UTF-8 read as Latin-1, and accents; return ASCII."""
    for _ in range(2):  # some listings are escaped twice (&amp;eacute;)
        text = html.unescape(text)
    if _MOJIBAKE.search(text):
        try:
            text = text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            text = _MOJIBAKE.sub("", text)
    text = text.replace("\u00c3", "")  # what is left of a mangled two-byte letter
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if ord(c) < 128)


def _is_initial(token: str) -> bool:
    letters = token.replace(".", "").replace("-", "")
    if len(letters) <= 1:
        return True
    # "I.H." or "J.R.R."; "CE" after a first name ("James CE")
    return ("." in token and all(len(part) <= 1 for part in token.split("."))) or (
        len(letters) == 2 and letters.isupper() and not token.endswith("'")
    )


def _key(token: str) -> str:
    return re.sub(r"[^a-z]", "", token.lower())


def _words(chunk: str) -> list[str]:
    words = []
    for token in _TOKEN.findall(chunk):
        bare = token.strip(".-'").lower()
        if not bare or bare in _ROLE_WORDS:
            continue
        words.append(token.strip("-"))
    return words


def _names(words: list[str]) -> list[str]:
    """Words that can be a last name: no initials, no lower-case particles."""
    return [w for w in words if not _is_initial(w) and w.lower() not in _PARTICLES]


def _plain_last(words: list[str], surnames: frozenset[str]) -> str | None:
    """The last name in ``First Last`` or ``Last F. M.`` or ``Last First`` order."""
    names = _names(words)
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    if _is_initial(words[-1]):  # "Reddy J N": initials after the last name
        return names[0]
    if surnames:
        known = [n for n in names if _key(n) in surnames]
        if len(known) == 1:
            return known[0]
    return names[-1]


def _comma_group(chunks: list[list[str]], surnames: frozenset[str]) -> list[str]:
    """Last names from the comma-separated chunks of one name group."""
    if len(chunks) == 1:
        last = _plain_last(chunks[0], surnames)
        return [last] if last else []
    if len(_names(chunks[0])) != 1:
        # "Jiawei Han, Micheline Kamber": a list of First Last names
        lasts = [_plain_last(c, surnames) for c in chunks]
        return [x for x in lasts if x]
    # "Last, First[, Last, First ...]", where a lost separator glues the next last
    # name onto the end of a first-name chunk ("Gafter, Neal Bloch, Joshua").
    lasts = [_names(chunks[0])[0]]
    expect_first = True
    for i in range(1, len(chunks)):
        chunk, final = chunks[i], i == len(chunks) - 1
        names = _names(chunk)
        if not expect_first:
            last = _plain_last(chunk, surnames)
            if last:
                lasts.append(last)
            expect_first = True
            continue
        if final:
            break
        following = chunks[i + 1]
        glued = (
            len(names) >= 1
            and len(chunk) >= 2
            and not _is_initial(chunk[-1])
            and (len(_names(following)) >= 2 or i + 1 == len(chunks) - 1)
        )
        if glued:
            lasts.append(chunk[-1])
        else:
            expect_first = False
    return [x for x in lasts if x]


def author_last_names(text: str, surnames: Iterable[str] = ()) -> list[str]:
    """The normalised last names in an author list, in order of appearance.

    Args:
        text: The author list as written.
        surnames: Known last names (normalised, as :func:`surname_lexicon`
            returns them), used only to read bare ``Last First`` names.

    Returns:
        Lower-case ASCII last names without punctuation (``o'Leary`` gives
        ``oleary``), possibly with repeats; empty if no name is found.

    Examples:
        >>> author_last_names("GAFTER, NEAL BLOCH, JOSHUA")
        ['gafter', 'bloch']
        >>> author_last_names("Huston, Stephen D., Johnson, James CE, Syyid, Umar")
        ['huston', 'johnson', 'syyid']
        >>> author_last_names("Knuth Donald"), author_last_names("Knuth Donald", {"knuth"})
        (['donald'], ['knuth'])
    """
    known = frozenset(surnames)
    text = _repair(text)
    text = _BRACKETS.sub(" ", text)
    text = _ROLE_PHRASES.sub(" ", text)
    text = _ED_ABBREVIATION.sub(" ", text)
    text = re.sub(r"\b\w+:", " ", text)  # "Editor:", "Author:"
    text = _DASH_COMMA.sub(", ", text)
    text = _GLUED_DOT.sub(". ", text)
    text = _GLUED_CASE.sub(
        lambda m: m[0] if m[1].lower() in _GLUE_PREFIXES else f"{m[1]} {m[2]}", text
    )
    lasts: list[str] = []
    for group in _SEPARATORS.split(text):
        chunks = []
        for raw in group.split(","):
            words = _words(raw)
            if not words or any(w.lower().strip(".") in _ORGANISATION_WORDS for w in words):
                continue
            chunks.append(words)
        if chunks:
            lasts.extend(_comma_group(chunks, known))
    return [k for k in (_key(x) for x in lasts) if len(k) > 1]


def author_key(text: str | None, surnames: Iterable[str] = ()) -> str | None:
    """One canonical value for an author list: sorted unique last names joined by ``;``.

    Args:
        text: The author list as written; ``None`` or empty allowed.
        surnames: Known last names, as for :func:`author_last_names`.

    Returns:
        The key, or ``None`` when the text names nobody ("Not Available", "").

    Examples:
        >>> author_key("Brassard, Gilles. &amp; Bratley, Paul.")
        'brassard;bratley'
        >>> author_key("Meltzer, KevinMichalski, Brent")
        'meltzer;michalski'
        >>> author_key("PhD, CISM, CISSP, James F. Ransome, PhD, CISM, John Rittinghouse")
        'ransome;rittinghouse'
    """
    if not text:
        return None
    names = sorted(set(author_last_names(text, surnames)))
    return ";".join(names) if names else None


def surname_lexicon(texts: Iterable[str], min_count: int = 2) -> frozenset[str]:
    """Last names that listings mark as such by writing ``Last, First``.

    Unsupervised: it reads only the listings, never a gold answer. A word
    counts when it stands before a comma, followed by a first name or initials,
    at least ``min_count`` times and more often than it stands after one.

    Args:
        texts: Author lists as written.
        min_count: How often a word must be marked as a last name.

    Returns:
        Normalised last names.

    Examples:
        >>> sorted(surname_lexicon(["Knuth, Donald", "Knuth, D. E.", "Donald Knuth"]))
        ['knuth']
    """
    as_last: Counter[str] = Counter()
    as_first: Counter[str] = Counter()
    for raw in texts:
        text = _BRACKETS.sub(" ", _repair(raw))
        for group in _SEPARATORS.split(text):
            chunks = [_words(c) for c in group.split(",")]
            chunks = [c for c in chunks if c]
            if len(chunks) == 2 and len(_names(chunks[0])) == 1 and len(chunks[0]) == 1:
                as_last[_key(_names(chunks[0])[0])] += 1
                for w in _names(chunks[1]):
                    as_first[_key(w)] += 1
    return frozenset(
        k for k, n in as_last.items() if n >= min_count and n > as_first.get(k, 0) and len(k) > 1
    )
