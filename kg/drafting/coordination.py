"""Coordinated speakers: "X and Y said" is two sources saying the same thing.

=================================================  ===========================================
mention                                            speakers
=================================================  ===========================================
"the governors of Kyiv and Kirovohrad regions"     Governor of Kyiv region, Governor of
                                                   Kirovohrad region (a shared role, spread)
"Jane Doe and John Roe"                            Jane Doe, John Roe (two names)
"the health minister and the WHO representative"   the health minister, the WHO representative
"the World Health Organization and UNICEF"        two bodies (the second an acronym)
"the Coalition for Unity and Democracy"            one name: no split (a side is one word)
=================================================  ===========================================

Examples:
    >>> split_speakers("the governors of Kyiv and Kirovohrad regions")
    ['Governor of Kyiv region', 'Governor of Kirovohrad region']
    >>> split_speakers("Mayor Anne Hidalgo and Sadiq Khan")
    ['Mayor Anne Hidalgo', 'Sadiq Khan']
    >>> split_speakers("the Coalition for Unity and Democracy")
    ['the Coalition for Unity and Democracy']
"""

from __future__ import annotations

import re

__all__ = ["split_speakers"]

_SPREAD = re.compile(
    r"^(?:[Tt]he\s+)?(?P<role>[a-z]+?)s\s+of\s+(?:the\s+)?(?P<a>[A-Z][\w'\u2019-]*(?:\s+[A-Z]"
    r"[\w'\u2019-]*)?)\s+and\s+(?P<b>[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?)"
    r"(?:\s+(?P<tail>region|province|state|district|oblast|county|city|municipalit(?:y|ie)|"
    r"countr(?:y|ie)|ministr(?:y|ie)|compan(?:y|ie)|universit(?:y|ie))s)?$")
_PERSON = re.compile(r"^(?:[A-Z][a-z]+\.?\s+)*[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,3}$")
_DESCRIBED = re.compile(r"^(?:the|a|an)\s+\w+")
_BODY = re.compile(r"\b(?:Ministry|Office|Council|Committee|Coalition|Party|Front|Union|Bank|"
                   r"Institute|University|Department|Agency|Commission|Board|Forces|Group|"
                   r"Association|Organi[sz]ation|Service|Court)\b")


def split_speakers(mention: str) -> list[str]:
    """The speakers a coordinated mention names (module's table); the mention alone if one."""
    text = " ".join(mention.split())
    m = _SPREAD.match(text)
    if m:
        role = m.group("role").capitalize()
        tail = m.group("tail")
        if tail:
            tail = re.sub(r"ie$", "y", tail)
        return [f"{role} of {side}" + (f" {tail}" if tail else "")
                for side in (m.group("a"), m.group("b"))]
    parts = re.split(r",\s+(?:and\s+)?|\s+and\s+", text)
    if len(parts) == 2 and re.fullmatch(r"[A-Z]{2,8}|(?:the|The)\s+[A-Z][\w\s'\u2019-]*",
                                        parts[1]) and re.match(r"(?:the\s+)?[A-Z]", parts[0]):
        return parts  # "the World Health Organization and UNICEF", "Reuters and the BBC"
    if len(parts) < 2 or _BODY.search(text):
        return [text]
    if all(_PERSON.match(p) for p in parts) or all(_DESCRIBED.match(p) for p in parts):
        return parts
    return [text]
