"""The two scales of the NATO Admiralty code, in the doctrine's words.

Source reliability (A-F) and information credibility (1-6) are kept apart, as
doctrine requires; every table, view, report and export names grades from here.

Examples:
    >>> RELIABILITY["F"], CREDIBILITY[4]
    ('reliability cannot be judged', 'doubtful')
"""

from __future__ import annotations

__all__ = ["CREDIBILITY", "RELIABILITY"]

#: Source reliability, A to F.
RELIABILITY: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}

#: Information credibility, 1 to 6.
CREDIBILITY: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
