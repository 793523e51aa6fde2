"""Figures an article states without a source: an unnamed document, owner not given.

A reporter does not count 150,000 flood victims or measure a growth rate: a statistic the
article states in its own voice came from somewhere the text does not name. Following the
analysts' convention (``../shared/articles``: "figures with no owner in the text are an
unnamed document presented by the outlet"), such a figure's origin is an unnamed document
"... (owner not given)", which the outlet (and the wire it carries) relays.

A figure is read so when all of these hold:

- its sentence names no speaker and is not a headline, and its clause is not hedged
  ("reportedly": the outlet's own hedged statement);
- it is a statistic: a percentage, or a count of 1,000 or more given in digits or
  scale words ("11 million"), not a vague word ("thousands", "millions");
- its clause is not a goal, a plan or a forecast of someone ("its target of 343,000"),
  nor in a document whose owner the text gives ("its annual report", "the CDC's study"),
  nor a count of what the text itself lists (seats, constituencies, polling stations).

Examples:
    >>> from kg.drafting.figures import find_figures
    >>> text = "More than 40,000 people have fled the valley since March."
    >>> [is_statistic(f, text) for f in find_figures(text)]
    [True]
    >>> text = "The party set a target of 40,000 new members."
    >>> [is_statistic(f, text) for f in find_figures(text)]
    [False]
    >>> text = "In its yearly review the fund put losses at 4%."
    >>> [is_statistic(f, text) for f in find_figures(text)]
    [False]
    >>> document_name("more than 40,000 people have fled the valley since March")
    'Figures for people who have fled the valley since March (owner not given)'
    >>> document_name("with 2 million people displaced")
    'Figures for people displaced (owner not given)'
"""

from __future__ import annotations

import re

from kg.drafting.attribution import HEDGES
from kg.drafting.figures import Figure

__all__ = ["background_clauses", "document_name", "is_statistic"]

#: A clause about someone's aim, not a count of what happened.
_INTENT = re.compile(r"\b(?:goals?|targets?|plans?|planned|aims?|aimed|aiming|intends?|"
                     r"seeks?|wants?|hopes?|pledged?|promised?|budget(?:ed)?|quotas?)\b",
                     re.IGNORECASE)
#: "its biannual report", "the CDC's study": a document whose owner is given.
_OWNED = re.compile(r"(?:\b(?:its|their|his|her)|[A-Za-z]['\u2019]s?)\s+(?:[\w-]+\s+){0,3}?"
                    r"(?:report|study|survey|review|analysis|forecasts?|projections?|estimates?|"
                    r"outlook|data|figures|statistics|tally|count)\b", re.IGNORECASE)
#: Counts of the structure of a thing (an election's seats, a country's constituencies).
_STRUCTURE = re.compile(r"\b(?:seats?|constituenc(?:y|ies)|polling stations?|districts?|"
                        r"parties|candidates)\b", re.IGNORECASE)


def is_statistic(fig: Figure, clause: str, sentence: str = "") -> bool:
    """Whether an unattributed figure is a statistic whose owner the text does not give
    (module doc); ``clause`` is the text around the figure, ``sentence`` all of it."""
    if fig.word is not None:
        return False  # "thousands", "scores": a vague amount, the outlet's own
    if set(re.findall(r"\b[a-z]+\b", clause)) & HEDGES:  # "may", not the month "May"
        return False  # "reportedly": the outlet's own hedged statement
    if _INTENT.search(clause) or _OWNED.search(sentence or clause):
        return False  # an aim, or a document whose owner the text gives ("its report")
    if fig.unit == "percent":
        return True
    size = max(v for v in (fig.value, fig.min_value, fig.max_value, 0.0) if v is not None)
    if size < 1000 or fig.unit in ("ratio", "percentage point"):
        return False
    return not _STRUCTURE.search(clause)


def document_name(clause: str) -> str:
    """A description of the unnamed document behind a clause's figures: what they count,
    and "(owner not given)"."""
    clause = re.sub(r"^(?:with|and|but|as|while|amid|after|of|in)\s+", "", clause.strip(),
                    flags=re.IGNORECASE)
    words = re.sub(r"^(?:(?:more|less|fewer)\s+than|at\s+least|nearly|almost|about|around|"
                   r"some|over|up\s+to|roughly|approximately)\s+", "", clause.strip(" ,;.:"),
                   flags=re.IGNORECASE)
    words = re.sub(r"^[\d.,\s%]+(?:(?:million|billion|thousand|percent|per\s+cent|m|bn)\b)?"
                   r"(?:\s+of\s+the)?\s*", "", words, flags=re.IGNORECASE)
    words = re.sub(r"^(?:people|persons?)\s+(?=have|has|had|were|are|was)", "people who ",
                   words)
    words = " ".join(words.split()[:14]) or "figures"
    return f"Figures for {words} (owner not given)"


#: ", where violence has surged since May,": the reporter's background, inside a sentence.
_BACKGROUND = re.compile(r"(?:^|,\s+)(?:in\s+\w+\s+)?where\s+(?P<c>[^,;\"\u201c\u201d]{12,160}?)"
                         r"(?=,|\.?$)")
_FINITE = re.compile(r"\b(?:has|have|had)\s+(?:been\s+)?\w+|\b(?:is|are|was|were)\s+\w+ing\b")


def background_clauses(sentence: str) -> list[str]:
    """The reporter's background clauses in a sentence (", where X has happened,"): each a
    statement of the outlet's own, whoever speaks the rest. Only clauses with a verb of
    their own in a perfect or progressive tense, without figures.

    Examples:
        >>> background_clauses("In the north, where fighting has intensified since May, "
        ...                    "200 homes burned, the mayor said.")
        ['Fighting has intensified since May.']
        >>> background_clauses("Prices rose where demand was high.")
        []
    """
    out = []
    for m in _BACKGROUND.finditer(sentence):
        c = m.group("c").strip()
        if _FINITE.search(c) and not re.search(r"\d", c):
            out.append(f"{c[:1].upper()}{c[1:]}.")
    return out
