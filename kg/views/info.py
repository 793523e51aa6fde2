"""What a view or report shows about a node beyond the data: grades, scores, explanations.

:class:`NodeInfo` is what :func:`node_info` returns per source and
claim. The protocols below describe the parts of a credibility assessment that
views and reports read, so they work with any object of that shape (and with
none: every view and report also works on an unscored dataset).

Examples:
    >>> grade_text("B")
    'B: usually reliable'
    >>> grade_text("5")
    '5: improbable'
    >>> grade_text(None)
    'not graded'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg.assessed import (
    AssessmentLike,
    ClaimAssessmentLike,
    FindingLike,
    SourceAssessmentLike,
)
from kg.credibility.admiralty import CREDIBILITY, RELIABILITY

__all__ = [
    "CLAIM_GRADES",
    "SOURCE_GRADES",
    "AssessmentLike",
    "ClaimAssessmentLike",
    "FindingLike",
    "NodeInfo",
    "SourceAssessmentLike",
    "grade_text",
    "info_for",
    "node_info",
]


@dataclass(frozen=True)
class NodeInfo:
    """What a view shows about a node beyond the data: grade, score, explanation, flags.

    Args:
        grade: ``"A"``..``"F"`` for a source, ``"1"``..``"6"`` for a claim.
        score: Numeric credibility in [0, 1].
        explanation: Why the grade: chains, origins, contradictions, priors.
        flags: Short labels such as ``"single_origin"``.
    """

    grade: str | None = None
    score: float | None = None
    explanation: str | None = None
    flags: tuple[str, ...] = ()


#: Admiralty source reliability.
SOURCE_GRADES = RELIABILITY
#: Admiralty information credibility.
CLAIM_GRADES = {str(grade): meaning for grade, meaning in CREDIBILITY.items()}


def grade_text(grade: str | int | None) -> str:
    """A grade with its Admiralty meaning, e.g. ``"C: fairly reliable"``."""
    if grade is None or grade == "":
        return "not graded"
    g = str(grade)
    meaning = SOURCE_GRADES.get(g) or CLAIM_GRADES.get(g)
    return f"{g}: {meaning}" if meaning else g


def node_info(a: AssessmentLike) -> dict[str, NodeInfo]:
    """Grades, scores, explanations and flags per node id, for the views and reports.

    Examples:
        >>> from kg.credibility import assess
        >>> from kg.seed import seed_dataset
        >>> node_info(assess(seed_dataset()))["convicts-deserted"].grade
        '6'
    """
    info: dict[str, NodeInfo] = {}
    for sid, sa in a.sources.items():
        info[sid] = NodeInfo(grade=sa.grade, score=sa.score, explanation=sa.explanation,
                             flags=tuple(sa.flags))
    for cid, ca in a.claims.items():
        info[cid] = NodeInfo(grade=str(ca.grade), score=ca.score, explanation=ca.explanation,
                             flags=tuple(ca.flags))
    return info


def info_for(info: Mapping[str, NodeInfo] | None,
             assessment: AssessmentLike | None) -> Mapping[str, NodeInfo]:
    """What a view shows per node: ``info`` when given, else read off the assessment, so
    that every view and report can be given the assessment alone.

    Examples:
        >>> from kg.credibility import assess
        >>> from kg.seed import seed_dataset
        >>> info_for(None, assess(seed_dataset()))["convicts-deserted"].grade
        '6'
        >>> info_for(None, None)
        {}
    """
    if info is not None:
        return info
    return node_info(assessment) if assessment is not None else {}
