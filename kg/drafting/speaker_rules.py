"""Speaker rules kept apart from :mod:`kg.drafting.attribution` (at its size cap): how a
mention of someone's data or document names its owner, and which leading words are not
a speaker.

- "according to the latest ministry data": the ministry (its data), not "latest ministry";
- "In its annual review the fund forecast ...": the fund speaks; the intro names only the
  document it speaks in.

Examples:
    >>> data_owner("the latest ministry data")
    'the ministry'
    >>> data_owner("the latest FAO figures")
    'FAO'
    >>> data_owner("the mayor"), data_owner("preliminary data")
    (None, None)
"""

from __future__ import annotations

import re

__all__ = ["data_owner"]

#: Adjectives between an article and the owner of data ("the latest official ... data").
_DATA_ADJ = r"(?:(?:latest|new|newest|recent|most\s+recent|official|annual|monthly|weekly|" \
            r"quarterly|final|preliminary|provisional|updated|revised|previous|earlier)\s+)*"
#: "the latest ministry data", "official ONS figures": an owner, then a word for data.
_DATA_NOUN = re.compile(r"^(?P<the>the\s+)?" + _DATA_ADJ + r"(?P<owner>[\w.&'\u2019 -]{2,80}?)"
                        r"\s+(?:data|figures|statistics|numbers|estimates|tallies|count)$",
                        re.IGNORECASE)


def data_owner(np: str) -> str | None:
    """The owner named in a mention of data ("the latest ministry data": "the ministry";
    "official FAO figures": "FAO"), or None if the mention is not of that form.

    A lower-case owner ("ministry") keeps "the" so that it reads as a description of a body
    named before; a name ("FAO") is returned bare.
    """
    m = _DATA_NOUN.match(np.strip())
    if m is None:
        return None
    owner = m.group("owner").strip()
    if re.fullmatch(r"(?i)(?:the|a|an|its|their|this|that|" + _DATA_ADJ + r")\s*", owner + " "):
        return None  # "according to official data": no owner named
    if owner[:1].isupper():
        return owner
    return f"the {owner}"


#: Head words of bodies a description ("the ministry") may stand for, named earlier in full.
_BODY_HEADS = frozenset({"ministry", "bank", "fund", "agency", "office", "department",
                         "institute", "commission", "council", "committee", "authority",
                         "service", "bureau", "board", "organization", "organisation",
                         "union", "court", "government", "administration", "party",
                         "association", "federation", "foundation", "centre", "center",
                         "university", "army", "police", "charity", "group", "company"})
_CAP = r"[A-Z][\w'\u2019.&-]*"


def antecedent(text: str, head: str) -> str | None:
    """The last full name in ``text`` whose head word is ``head`` capitalised: what "the
    ministry" or "the bank" stands for when the body was named before without speaking.

    Examples:
        >>> antecedent("The Ministry of Fisheries closed two ports. It rained.", "ministry")
        'Ministry of Fisheries'
        >>> antecedent("Shares fell after the Grand Lakes Bank cut rates.", "bank")
        'Grand Lakes Bank'
        >>> antecedent("The bank cut rates.", "bank") is None
        True
    """
    if head not in _BODY_HEADS:
        return None
    word = head[:1].upper() + head[1:]
    pat = re.compile(r"(?<![\w'\u2019])(?P<n>(?:" + _CAP + r"\s+){0,4}" + word
                     + r"(?:\s+(?:of|for|on)\s+(?:the\s+)?" + _CAP + r"(?:\s+(?:and\s+)?"
                     + _CAP + r"){0,4})?)\b")
    found = None
    for m in pat.finditer(text):
        name = m.group("n")
        starts = m.start() == 0 or re.search(r"[.!?]\s*[\"\u201c]?$", text[:m.start()])
        if starts and name.split()[0] in ("The", "A", "An", "In", "On", "At", "But", "And",
                                          "Its", "This"):
            name = name.split(None, 1)[1] if " " in name else ""
        if len(name.split()) >= 2:
            found = name
    return found
