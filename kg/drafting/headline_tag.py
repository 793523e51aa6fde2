"""The headline's speaker carried to the lead.

A headline "Flu cases reach 300, health board says" over a lead that states the same
figure without a speech tag ("Flu cases rose to 300 this week, up from 240") tells who the
lead's statement is from: the health board's, relayed by the outlet. Only for the first
paragraphs, and only for sentences that share a figure with the headline.

Examples:
    >>> tag = headline_tag("Flu Cases Reach 300, Health Board Says")
    >>> tag
    ('Health Board', frozenset({'300'}))
    >>> carries(tag, "Flu cases rose to 300 this week, up from 240.")
    True
    >>> carries(tag, "Schools stayed open.")
    False
"""

from __future__ import annotations

import re

from kg.drafting.attribution import attribute

__all__ = ["LEAD_PARAGRAPHS", "carries", "headline_tag"]

#: How many body paragraphs a headline's speaker may reach.
LEAD_PARAGRAPHS = 2


def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "").rstrip(".") for n in re.findall(r"\d[\d,.]*", text)
                     if not re.fullmatch(r"(?:19|20)\d\d", n))


def headline_tag(headline: str | None) -> tuple[str, frozenset[str]] | None:
    """The headline's speaker and its figures (years left out), if it names a speaker."""
    if not headline:
        return None
    x = attribute(headline, headline=True)
    numbers = _numbers(x.claim)
    if x.speaker is None or not numbers:
        return None
    return x.speaker, numbers


def carries(tag: tuple[str, frozenset[str]] | None, sentence: str) -> bool:
    """Whether an unattributed lead sentence states a figure of the headline's speaker."""
    return tag is not None and bool(tag[1] & _numbers(sentence))
