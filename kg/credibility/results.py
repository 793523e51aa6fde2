"""What the credibility engine returns: plain results, with their explanations.

:class:`Assessment` holds every source's reliability
(:class:`~kg.credibility.reliability.SourceAssessment`) and every claim's
credibility (:class:`ClaimAssessment`), each with the factors and findings
behind it; :class:`Policy` holds the model's parameters. Texts are written when
first read: at a million claims, most are never shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, TypeVar, overload

from kg.credibility.admiralty import CREDIBILITY
from kg.credibility.comparison import PairNote
from kg.credibility.contradictions import DetectedContradiction
from kg.credibility.distortion import Distortion
from kg.credibility.opinion import Opinion
from kg.credibility.provenance import Chain
from kg.credibility.reliability import SourceAssessment

__all__ = ["GRADE_MEANING", "Assessment", "ClaimAssessment", "Factor", "Finding", "Policy",
           "Render"]

#: Admiralty information credibility, 1 to 6.
GRADE_MEANING = CREDIBILITY


@dataclass(frozen=True)
class Policy:
    """The parameters of the model, documented in this module; change them knowingly."""

    #: Share of an opinion a relay of each grade passes on.
    fidelity: Mapping[str, float] = field(default_factory=lambda: {
        "A": 0.99, "B": 0.97, "C": 0.93, "D": 0.85, "E": 0.70, "F": 0.90})
    #: Weight kept by a hedged assertion ("reportedly", "may have").
    hedge: float = 0.5
    #: Weight kept by an interested party's word on its own conflict (1 to report only).
    interested_party: float = 0.5
    #: Use verdicts on a claim as evidence on that claim (switch off to evaluate them).
    use_verdicts: bool = True
    #: Belief in a contradicting claim from which it counts as credible.
    credible_contradiction: float = 0.3
    #: Share of its fidelity a relay keeps when it distorts what it relays.
    distortion: float = 0.5
    #: Refuting evidence each distortion adds to the relay's source's track record.
    distortion_blame: float = 1.0


#: A text written when first read.
Render = Callable[[], str]

_T = TypeVar("_T")


class _once(Generic[_T]):  # a decorator, named as cached_property is
    """A :func:`functools.cached_property` without its lock, which Python 3.11 takes on each
    first read: a store's whole assessment reads the texts of millions of factors and
    findings, each once, from one thread.

    Examples:
        >>> class A:
        ...     @_once
        ...     def x(self) -> list[int]:
        ...         return []
        >>> a = A()
        >>> a.x is a.x, "x" in vars(a)
        (True, True)
    """

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _once[_T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> _T | _once[_T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass(frozen=True, init=False)
class Finding:
    """Something an analyst should see: what kind, about which claim or source, why.

    The text is written when first read: at a million claims, most are never shown.
    """

    kind: str
    subject: str
    concerns: tuple[str, ...]
    render: Render = field(compare=False, repr=False)

    def __init__(self, kind: str, subject: str, concerns: tuple[str, ...],
                 render: Render) -> None:
        # the generated __init__ of a frozen dataclass calls object.__setattr__ per field
        d = self.__dict__
        d["kind"], d["subject"], d["concerns"], d["render"] = kind, subject, concerns, render

    @_once
    def text(self) -> str:
        """The finding in one or two sentences."""
        return self.render()


@dataclass(frozen=True, init=False)
class Factor:
    """One step of a claim's computation and its effect on the opinion."""

    name: str
    before: Opinion | None
    after: Opinion
    render: Render = field(compare=False, repr=False)

    def __init__(self, name: str, before: Opinion | None, after: Opinion,
                 render: Render) -> None:
        d = self.__dict__  # as Finding's
        d["name"], d["before"], d["after"], d["render"] = name, before, after, render

    @_once
    def text(self) -> str:
        """The step in one sentence, with its numbers."""
        return self.render()


Details = Callable[[], tuple[tuple[Factor, ...], tuple[Finding, ...]]]


@dataclass(frozen=True)
class ClaimAssessment:
    """A claim's credibility grade, score and everything behind them.

    The factors and findings are worked out when first read, by the same code
    that computed the score.
    """

    id: str
    grade: int
    score: float
    opinion: Opinion
    origins: tuple[str, ...]
    independent_origins: int
    chains: tuple[Chain, ...]
    contradicted_by: tuple[str, ...]
    details: Details = field(compare=False, repr=False)

    @_once
    def _worked(self) -> tuple[tuple[Factor, ...], tuple[Finding, ...]]:
        return self.details()

    @property
    def factors(self) -> tuple[Factor, ...]:
        """Each step of the computation, in order."""
        return self._worked[0]

    @property
    def findings(self) -> tuple[Finding, ...]:
        """What an analyst should see about this claim."""
        return self._worked[1]

    @property
    def meaning(self) -> str:
        """The grade in words, e.g. "possibly true"."""
        return GRADE_MEANING[self.grade]

    @property
    def flags(self) -> tuple[str, ...]:
        """The kinds of finding about this claim."""
        return tuple(sorted({f.kind for f in self.findings}))

    @property
    def summary(self) -> str:
        """The grade, the score and the number of independent origins."""
        n = self.independent_origins
        return (f"Graded {self.grade} ({self.meaning}), score {self.score:.2f}: "
                f"{n} independent origin{'' if n == 1 else 's'}.")

    @_once
    def explanation(self) -> str:
        """One paragraph: the grade, then each factor and finding in order."""
        return self._explain(*self._worked)

    def _explain(self, factors: tuple[Factor, ...], findings: tuple[Finding, ...]) -> str:
        parts = [self.summary]
        for x in factors:
            parts.append(x.text)
        for f in findings:
            parts.append(f.text)
        return " ".join(parts)

    def written(self) -> tuple[str, tuple[Finding, ...]]:
        """The explanation and the findings, as read before or else worked out afresh, and
        kept nowhere: writing a store's whole assessment reads each claim's once, and 1M
        claims' worth would otherwise stay in memory (see :meth:`release`)."""
        kept = self.__dict__
        worked = kept.get("_worked")
        if worked is None:
            worked = self.details()
        explanation = kept.get("explanation")
        if explanation is None:
            explanation = self._explain(*worked)
        return explanation, worked[1]

    def release(self) -> None:
        """Forget the worked-out factors, findings and explanation (worked out again when
        read): writing a store's whole assessment reads each once, and 1M claims' worth
        would otherwise stay in memory."""
        self.__dict__.pop("_worked", None)
        self.__dict__.pop("explanation", None)


@dataclass(frozen=True)
class Assessment:
    """Every source's reliability and every claim's credibility, with the findings."""

    sources: Mapping[str, SourceAssessment]
    claims: Mapping[str, ClaimAssessment]
    detected: tuple[DetectedContradiction, ...]
    policy: Policy
    #: Relays that change what they relay (:mod:`kg.credibility.distortion`).
    distortions: tuple[Distortion, ...] = ()
    #: Forecasts revised by their forecaster: not contradictions.
    revisions: tuple[PairNote, ...] = ()
    #: Pairs of figures of one measure that could not be compared (period unknown, ...).
    not_comparable: tuple[PairNote, ...] = ()

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding about every claim (worked out on first reading)."""
        return tuple(f for c in self.claims.values() for f in c.findings)
