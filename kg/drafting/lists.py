"""An intro line that governs the list after it.

"The central bank's minutes, as summarised by the agency:" followed by bullet lines: each
bullet is the central bank's, relayed by the agency, unless the bullet names its own
speaker (then the agency still relays it). The list runs while paragraphs look like list
items: a bullet mark, or no closing full stop.

Examples:
    >>> list_intro("The central bank's minutes, as summarised by the agency:")
    ('The central bank', 'the agency')
    >>> list_intro("Wire reporting on forecasts published by the Acme Institute (AI):")
    ('the Acme Institute (AI)', 'Wire')
    >>> list_intro("The mayor said:")
    ('The mayor', None)
    >>> list_intro("Prices rose 3% in May."), is_item("- exports fell 2%"), is_item("It rained.")
    (None, True, False)
"""

from __future__ import annotations

import re

from kg.drafting.attribution import Attribution, attribute

__all__ = ["govern", "is_item", "list_intro"]

_NP = r"(?:the\s+|The\s+)?[A-Z][\w.&'\u2019-]*(?:\s+(?:[A-Z][\w.&'\u2019-]*|of|for|and|the|" \
      r"on)){0,8}(?:\s+\([A-Z]{2,10}\))?|(?:the|The)\s+(?:[a-z-]+\s+){0,2}[a-z-]+"
_DOCS = r"(?:minutes|report|forecasts?|projections?|statement|findings|data|figures|survey|" \
        r"review|outlook|estimates?|analysis|assessment|update|highlights|summary|points)"
#: "X's minutes, as summarised/reported by Y:" (X the origin, Y the relay).
_SUMMARISED = re.compile(r"^(?P<x>" + _NP + r")['\u2019]s?\s+(?:[\w-]+\s+){0,3}?" + _DOCS
                         + r",?\s+(?:as\s+)?(?:summari[sz]ed|reported|described|quoted|cited|"
                         r"outlined|listed)\s+by\s+(?P<y>" + _NP + r")\s*:$")
#: "Y reporting on ... forecasts published by X:" (X the origin, Y the relay).
_REPORTING = re.compile(r"^(?P<y>" + _NP + r")\s+(?:is\s+|are\s+)?(?:reporting|reports|reported|"
                        r"summari[sz]ing|summari[sz]es|writing|writes|quoting|citing)\s+"
                        r"(?:on\s+)?[^:]*?" + _DOCS + r"\s+(?:published|released|issued|"
                        r"presented|made)\s+by\s+(?P<x>" + _NP + r")\s*:$")
_BULLET = re.compile(r"^\s*(?:[-\u2022*\u2013\u2014\u00b7\u25aa\u25cf]|\d{1,2}[.)])\s+")


def list_intro(paragraph: str) -> tuple[str, str | None] | None:
    """(speaker, relay) that an intro line ending in a colon gives the list after it."""
    text = " ".join(paragraph.split())
    if not text.endswith(":") or len(text) > 300:
        return None
    for pat in (_SUMMARISED, _REPORTING):
        m = pat.match(text)
        if m:
            return m.group("x").strip(), m.group("y").strip()
    x = attribute(text[:-1] + ".")
    if x.speaker is None or x.rule not in ("leading", "trailing", "according to", "nested"):
        return None
    if len(re.findall(r"\w+", x.claim)) > 8 and not re.fullmatch(
            r"(?i)\W*(?:in\s+a\s+statement|on\s+\w+day)?\W*", x.claim):
        return None  # the intro says something of its own; not a pure speech tag
    return x.speaker.rstrip(":").strip(), x.relay


def is_item(paragraph: str) -> bool:
    """Whether a paragraph looks like a list item: a bullet mark, or no closing stop."""
    text = paragraph.strip()
    return bool(_BULLET.match(text)) or (
        0 < len(text) <= 400 and not re.search(r"[.!?][\"\u201d\u2019)]?$", text))


def govern(x: Attribution, intro: tuple[str, str | None]) -> Attribution:
    """A list item's attribution under its intro: the intro's speaker if it has none; the
    intro's relay in any case when the item names no relay of its own."""
    speaker, relay = intro
    if x.speaker is None:
        x.speaker, x.relay, x.rule = speaker, x.relay or relay, "list intro"
    elif x.relay is None and relay is not None and x.speaker.lower() != relay.lower():
        x.relay = relay
    return x
