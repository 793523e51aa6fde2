"""Page furniture: the lines of a saved page that are not sentences of the article.

:func:`furniture_reason` says why one line (a paragraph of the input) is furniture, or
None when it reads as running text. The rules are general, not phrases of one site:

- the page's own interface: "2 min read", "Share this", "Download our App", "Would you
  like to comment on this article?", "Register (it's quick and free)", "Related: ...";
- notes about the article rather than its news: funding disclosures ("... receives
  support from ...", "... is solely responsible for all content"), copyright lines;
- photo captions and credits: a line that ends with its credit ("Photo: ISTOCK",
  "— Reuters file", "(AP Photo/Jane Roe)") is the caption, not a sentence;
- author boxes, stray HTML, date stamps, lines without words, labels of one to three
  words;
- a section subhead: a short line inside the article that is not a sentence (no closing
  punctuation) and is followed by more text ("Promising Results Against New Strains").

Examples:
    >>> furniture_reason("A nurse prepares a dose in Paris. Photo: ISTOCK")
    'photo caption or credit'
    >>> furniture_reason("Would you like to comment on this article?")
    'the page interface'
    >>> furniture_reason("Promising Results Against New Strains", inside=True)
    'a section subhead'
    >>> furniture_reason("The ministry said 300 soldiers were detained.") is None
    True
"""

from __future__ import annotations

import re

from kg.drafting.periods import article_date_in

__all__ = ["CREDIT_LINE", "furniture_reason", "is_subhead", "starts_paragraph"]

_FURNITURE = re.compile(
    r"\b(?:\d+\s+min(?:ute)?s?\s+read|skip to (?:main )?content|open this photo|share this|"
    r"send a link|sign up|subscribe|newsletter|advertisement|read more|related (?:news|"
    r"stories|articles?)|click here|follow us|all rights reserved|cookies?|privacy policy|"
    r"perspectives in \d+ languages|news id|getty images|photo by|"
    r"icon\s?\w+icon|bookmark|comments?\s*\(\d+\))\b|©|^\s*share\s*$|^published:",
    re.IGNORECASE)
#: The page talking to its reader: an app, an account, comments, sharing, more stories.
_INTERFACE = re.compile(
    r"^(?:please\b|would you like to|do you (?:want|wish) to|(?:please )?(?:download|get|install) "
    r"(?:our|the) (?:[\w'-]+ ){0,3}app\b|register\b|sign (?:in|up)\b|log ?in\b|create (?:an|a free|"
    r"your) account|already (?:a subscriber|have an account|registered)|(?:leave|post|add|"
    r"view|show|load|read) (?:a |all |the )?(?:\d+ )?comments?\b|comments? (?:are|is) closed|"
    r"join the (?:conversation|discussion)|print (?:this|the) (?:article|page|story)|"
    r"e-?mail (?:this|the) (?:article|story)|share (?:on|via|this)\b|follow (?:us|@)|"
    r"listen to (?:this|the) (?:article|story)|(?:also|read|see|watch|listen)(?: also)?\s*:|"
    r"related\s*:|recommended (?:for you|stories|articles|reading)|trending (?:now|stories)|"
    r"most (?:read|popular|viewed|shared)\b|you (?:may|might) (?:also )?like|more (?:from|"
    r"stories|news)\b|don'?t miss\b|editor'?s picks?|tags?\s*:|topics?\s*:|filed under\b|"
    r"report an (?:error|issue|typo)|back to top|(?:enable|turn on) javascript|we use cookies|"
    r"terms of (?:use|service)|our standards\b|sponsored\b|continue reading\b|"
    r"(?:click|tap) to\b|(?:image|photo|picture|slide) \d+ (?:of|/) \d+|"
    r"(?:last )?(?:updated|modified)\b(?=.{0,60}$)|first published\b|thanks? (?:you )?for "
    r"reading\b|follow [\w .'-]{1,40} on (?:twitter|x|facebook|instagram|linkedin|threads|"
    r"bluesky|telegram|tiktok|youtube)\b|(?:image|media|video) caption\b|contributing\s*:|"
    r"(?:write to|contact|e-?mail) [\w .'-]{1,40}(?:at|:)\s*\S+@)",
    re.IGNORECASE)
#: A note about how the article was made or paid for, not what it reports.
_DISCLOSURE = re.compile(
    r"\bcomment(?:s|ing)? (?:policy|policies|guidelines|rules)\b|\bbefore (?:commenting|"
    r"posting a comment)\b|\breceives? (?:financial |funding )?support from\b|"
    r"\bis solely responsible for (?:all|the) content\b|"
    r"\bmay not be (?:published|reproduced|broadcast|redistributed)\b|"
    r"\b(?:this|the) (?:article|story) (?:was|has been|is) (?:\w+ ){0,2}(?:updated|corrected|"
    r"published|republished|produced|edited|generated|translated)\b|^copyright\b|"
    r"\ban earlier version of this (?:article|story|report)\b|^editor'?s note\s*:|"
    r"\bviews expressed (?:here|in this)\b|\bdelivered (?:straight )?to your inbox\b|"
    r"\bcontributed (?:reporting |to the reporting )?(?:to|for) this (?:report|story|article)\b",
    re.IGNORECASE)
#: Words one of :data:`_DISCLOSURE`'s phrases has (a cheap test before the regex).
_DISCLOSURE_KEYS = ("comment", "support from", "responsible for", "may not be", "article",
                    "story", "copyright", "earlier version", "editor", "views expressed",
                    "inbox", "contributed")
_AUTHOR_BOX = re.compile(
    r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3},?(?: \d{2},)? (?:is|was) an? (?:[\w-]+ ){0,3}"
    r"(?:reporter|correspondent|journalist|editor|writer|columnist|contributor|author|"
    r"producer)\b|\bhas (?:written|reported|worked) for\b|^about the author\b", re.IGNORECASE)
_CAPTION = re.compile(r"(?:/(?:Reuters|AFP|AP|EPA|Getty)\b|\((?:Photo|Image)[^)]*\)\s*$|"
                      r"^[A-Z]{2,}(?: [A-Z]+)*/[A-Z]|^\(?(?:additional )?(?:reporting|writing|"
                      r"editing|compiled|produced) by\b)", re.IGNORECASE)
#: A credit that ends a caption: "Photo: ISTOCK", "Image credit: X", "— Reuters file",
#: "(AP Photo/Jane Roe)", "Photograph: Jane Roe/AFP", "Courtesy of the ministry".
_CREDIT_END = re.compile(
    r"(?:\b(?i:photo|image|picture|pic|photograph|illustration|video|graphic|footage)s?"
    r"(?i:\s+credit)?\s*:\s*[^.!?]{1,60}|\b(?i:credit)\s*:\s*[^.!?]{1,60}|"
    r"[-\u2013\u2014|]\s*(?:[A-Z][\w.&'/-]*\s+){0,3}(?i:file)(?:\s+(?i:photo|image|picture))?|"
    r"\b(?i:file (?:photo|image|picture))|"
    r"[(|\u2013\u2014-]\s*(?i:courtesy)(?: of)? [^.!?()]{1,50})[.)\]]*\s*$")
#: A caption's credit after its last full stop: "... in Lagos. STOCKPIX", "... (EPA-EFE)".
_TRAILING_CREDIT = re.compile(r"[.!?]\s+\(?(?P<credit>[A-Z][\w&/.'-]*(?:\s+[A-Z][\w&/.'-]*)"
                              r"{0,2})\)?\s*$")
#: A credit on a line of its own (it ends the caption just before it).
CREDIT_LINE = re.compile(r"^(?:[A-Z]{2,}(?: [A-Z]+)*/[A-Z]|\(?(?:photo|image|picture)\b)")


def is_subhead(par: str) -> bool:
    """Whether a line reads as a section subhead: short, no closing punctuation, no
    clause-ending comma, and not a truncated sentence (it starts with a capital).

    Examples:
        >>> is_subhead("A Brutal New Phase"), is_subhead("Rates to stay high for now")
        (True, True)
        >>> is_subhead("He said the war was headed into a more deadly phase since the")
        False
    """
    words = par.split()
    return (2 <= len(words) <= 9 and par[:1].isupper()
            and not par.endswith((".", "!", "?", ":", ",", ";", "\u201d", '"', "\u2019", ")"))
            and not re.search(r"\b(?:said|says|told|according)\b", par))


def _trailing_credit(par: str) -> bool:
    """Whether a line ends, after its last sentence, with a credit in capitals or a wire's
    name ("A rally in Lagos. STOCKPIX", "A rally in Lagos. (Reuters)")."""
    from kg.drafting.sources import is_outlet_name

    m = _TRAILING_CREDIT.search(par)
    if not m:
        return False
    credit = m.group("credit").rstrip(".")
    return (credit.replace(" ", "").replace("-", "").replace("/", "").isupper()
            and len(credit) >= 2) or "/" in credit or is_outlet_name(credit)


def starts_paragraph(block: str) -> bool:
    """Whether a block opens a paragraph of its own (a capital, a digit or a quote first),
    rather than going on with the line before it.

    Examples:
        >>> starts_paragraph("  The ministry said so."), starts_paragraph("and then left")
        (True, False)
    """
    return bool(re.match(r"\s*[\"\u201c\u2018'(\[]?[A-Z0-9]", block))


def furniture_reason(par: str, *, inside: bool = False) -> str | None:
    """Why a paragraph is page furniture, or None.

    Args:
        par: one paragraph (line) of the input, whitespace collapsed.
        inside: the line stands between paragraphs of the article's running text (a short
            line there is a subhead, not the headline).
    """
    if _FURNITURE.search(par):
        return "page furniture"
    if _INTERFACE.match(par):
        return "the page interface"
    low = par.lower()
    if any(key in low for key in _DISCLOSURE_KEYS) and _DISCLOSURE.search(par):
        return "a note about the article"
    if _AUTHOR_BOX.search(par):
        return "author box"
    if _CAPTION.search(par) or _CREDIT_END.search(par[-120:]) or _trailing_credit(par) or re.search(
            r"\b[A-Z]{3,}/[A-Z][a-z]+(?: [A-Z][a-z]+)*\s*$", par):
        return "photo caption or credit"
    if re.match(r"(?:source|sources|photo|video|read also|see also)\s*:", par, re.IGNORECASE):
        return "a label line"
    words = par.split()
    if len(words) <= 3 and not par.endswith((".", "!", "?")):
        return "a label, not a sentence"
    if re.fullmatch(r"[\W\d_]*(?:\w+\s+)?\d{1,2},?\s+\d{4}[\W\d:_]*(?:\w+)?", par) or (
            len(par) < 40 and article_date_in(par) is not None
            and len(re.findall(r"[A-Za-z]{3,}", par)) <= 2):
        return "a date stamp"
    if not re.search(r"[A-Za-z]{3}", par):
        return "no words"
    if inside and is_subhead(par):
        return "a section subhead"
    return None
