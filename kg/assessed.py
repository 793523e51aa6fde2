"""An assessment as the outputs read it: the protocols of the engine's results.

The RDF mapping (:mod:`kg.formats.assessment`), the ClaimReview export, the views
and the report read a credibility assessment through these protocols, so that
the layers below the engine never import it, and any object of this shape (a
stored assessment, a test double) can be shown. :class:`kg.credibility.Assessment`
is one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Protocol

__all__ = [
    "AssessmentLike",
    "ClaimAssessmentLike",
    "ContradictionLike",
    "FindingLike",
    "SourceAssessmentLike",
]


class FindingLike(Protocol):
    """A finding of the credibility engine, e.g. a false confirmation."""

    @property
    def kind(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def concerns(self) -> Collection[str]: ...
    @property
    def text(self) -> str: ...


class SourceAssessmentLike(Protocol):
    """A source's assessed reliability."""

    @property
    def grade(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def basis(self) -> str: ...
    @property
    def explanation(self) -> str: ...
    @property
    def flags(self) -> Collection[str]: ...


class ClaimAssessmentLike(Protocol):
    """A claim's assessed credibility."""

    @property
    def grade(self) -> int: ...
    @property
    def meaning(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def explanation(self) -> str: ...
    @property
    def origins(self) -> Collection[str]: ...
    @property
    def independent_origins(self) -> int: ...
    @property
    def contradicted_by(self) -> Collection[str]: ...
    @property
    def flags(self) -> Collection[str]: ...
    @property
    def findings(self) -> Sequence[FindingLike]: ...


class ContradictionLike(Protocol):
    """A contradiction the engine detected from two claims' figures."""

    @property
    def claims(self) -> tuple[str, str]: ...


class AssessmentLike(Protocol):
    """The whole assessment of a dataset."""

    @property
    def sources(self) -> Mapping[str, SourceAssessmentLike]: ...
    @property
    def claims(self) -> Mapping[str, ClaimAssessmentLike]: ...
    @property
    def findings(self) -> Sequence[FindingLike]: ...
    @property
    def detected(self) -> Sequence[ContradictionLike]: ...
