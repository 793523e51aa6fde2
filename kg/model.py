"""The data model: sources, reports, claims, assertions, and the dataset that holds them.

Every record is a frozen pydantic model with ``extra="forbid"`` and strict
types, so a misspelt YAML key or a number written as text is an error, not a
silent default. A :class:`Dataset` checks its references (every id it names
exists, no id is used twice, citations form no cycle) and puts itself in a
canonical form: a dataset is a set of facts, so records are sorted by id,
unordered lists are sorted, and ``contradicts`` is made symmetric. Two datasets
holding the same facts therefore compare equal, whatever order they were
written in.

Examples:
    >>> ds = Dataset(
    ...     sources=[Source(id="ria", kind="news_outlet", name="RIA Novosti"),
    ...              Source(id="anon", kind="anonymous_source", name="security sources")],
    ...     claims=[Claim(id="c1", text="Thousands deserted.")],
    ...     assertions=[Assertion(id="a2", source="ria", claim="c1", cites=["a1"]),
    ...                 Assertion(id="a1", source="anon", claim="c1")],
    ... )
    >>> [a.id for a in ds.assertions]
    ['a1', 'a2']
    >>> ds.source("ria").name
    'RIA Novosti'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    model_validator,
)

from kg.errors import UnknownReferenceError
from kg.quantities import QuantityKind

__all__ = [
    "DEFAULT_BASE",
    "RECORD_LISTS",
    "UNNAMED_KINDS",
    "Assertion",
    "Claim",
    "Dataset",
    "Quantity",
    "QuantityKind",
    "Rating",
    "Report",
    "Source",
    "SourceKind",
    "Verdict",
]

#: The record lists of a dataset, in the order they are checked and written.
RECORD_LISTS = ("sources", "reports", "claims", "assertions", "verdicts")

#: Instance IRIs are minted under this base unless a dataset sets its own.
DEFAULT_BASE = "https://w3id.org/credkg/id/"

Id = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$"),
    Field(description="Identifier: letters, digits and . _ ~ - (used in IRIs)."),
]
Text = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=100_000)]

def _iri(value: str) -> str:
    if not re.match(r"(?i)^(https?://|urn:)[^\s<>\"{}|\\^`]+$", value):
        raise ValueError("give an IRI starting with http://, https:// or urn:")
    return value


#: An external identifier (http, https or urn).
Iri = Annotated[Text, AfterValidator(_iri)]
Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Flag = Annotated[bool, Strict()]


def _iso_date(value: object) -> object:
    """Dates are ``YYYY-MM-DD`` (YAML reads them as dates already); nothing else converts."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else value
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        return value.isoformat()  # rejected below: a date, not a time, is wanted
    return value


Date = Annotated[dt.date, Strict(), BeforeValidator(_iso_date)]
Grade = Literal["A", "B", "C", "D", "E", "F"]
RateUnit = Literal["day", "week", "month", "year"]
#: A fact-check's verdict, normalised: the reviewer's own words go in ``original_rating``.
Rating = Literal["true", "mixed", "false", "other"]


class SourceKind(StrEnum):
    """Kinds of source, each mapped to a ``cred:`` class."""

    PERSON = "person"
    ORGANIZATION = "organization"
    NEWS_OUTLET = "news_outlet"
    GOVERNMENT_BODY = "government_body"
    MILITARY_BODY = "military_body"
    ANONYMOUS_SOURCE = "anonymous_source"
    UNNAMED_DOCUMENT = "unnamed_document"
    STUDY = "study"
    POLL = "poll"
    DATASET = "dataset"


#: Kinds of source that have no name to judge or to match: anonymous sources
#: ("sources within the security forces") and unnamed documents ("data").
UNNAMED_KINDS = frozenset({SourceKind.ANONYMOUS_SOURCE, SourceKind.UNNAMED_DOCUMENT})


class Record(BaseModel):
    """Shared configuration: immutable, strict, no unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def _sorted_unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values)))


class Source(Record):
    """An agent that can assert: outlet, person, office, anonymous source, unnamed data."""

    id: Id
    kind: SourceKind
    name: Text
    aliases: tuple[Text, ...] = ()
    affiliated_with: tuple[Id, ...] = Field(
        default=(), description="Ids of sources this one works for or belongs to."
    )
    country: Text | None = None
    side: Text | None = Field(
        default=None, description="Party to a conflict the source belongs to or speaks for."
    )
    reliability: Grade | None = Field(
        default=None, description="The analyst's Admiralty grade A-F, if any."
    )
    same_as: tuple[Iri, ...] = Field(
        default=(), description="External identifiers as IRIs, e.g. a Wikidata entity."
    )
    authors: tuple[Id, ...] = Field(
        default=(), description="Ids of the authors of a study, poll or data set (one origin "
        "with it).")
    note: Text | None = None

    @model_validator(mode="after")
    def _canonical(self) -> Self:
        object.__setattr__(self, "aliases", _sorted_unique(self.aliases))
        object.__setattr__(self, "affiliated_with", _sorted_unique(self.affiliated_with))
        object.__setattr__(self, "authors", _sorted_unique(self.authors))
        object.__setattr__(self, "same_as", _sorted_unique(self.same_as))
        return self


class Report(Record):
    """A publication or statement by a source at a date."""

    id: Id
    title: Text | None = None
    published_by: Id | None = None
    date: Date | None = None
    url: Text | None = None


class Quantity(Record):
    """A structured quantity: what is measured, its value or bounds, unit and period.

    ``value`` is a point figure (with ``approximate`` for "about"); ``min_value``
    and ``max_value`` are bounds ("over", "up to"). A rate says what it is
    ``per`` ("every month"); without ``per`` the figure is a count over the period.
    The fields after ``period_end`` say what kind of quantity it is
    (:mod:`kg.quantities`); without ``kind`` the kind is inferred.

    Examples:
        >>> Quantity(measure="desertions", max_value=30000, per="month").max_value
        30000.0
        >>> from pydantic import ValidationError
        >>> try:
        ...     Quantity(measure="desertions")
        ... except ValidationError as e:
        ...     print(e.errors()[0]["msg"])
        Value error, give a value, a min_value or a max_value
    """

    measure: Text
    unit: Text | None = None
    value: Number | None = None
    min_value: Number | None = None
    max_value: Number | None = None
    approximate: Flag = False
    exact: Flag = Field(default=False, description="An exact figure, not rounded ('exactly').")
    per: RateUnit | None = None
    period_start: Date | None = None
    period_end: Date | None = None
    kind: QuantityKind | None = Field(
        default=None, description="Kind of quantity; inferred from the other fields if absent.")
    key: Text | None = Field(
        default=None, description="Analyst-given measure key: figures compare only within one.")
    as_of: Date | None = Field(default=None, description="Date of a stock (count at a date).")
    cumulative: Flag = Field(default=False, description="A cumulative stock: it cannot fall.")
    of: Text | None = Field(
        default=None, description="What a share, or a rate per population, is of (its base).")
    per_population: Number | None = Field(
        default=None, gt=0, description="Population base of a rate: 100000 in '300 per 100,000'.")
    reference: Text | None = Field(
        default=None, description="What a change or ratio is relative to ('the 2022 level').")
    change: Literal["ratio", "difference"] | None = Field(
        default=None, description="A change as a ratio ('fourfold') or a difference ('up 3').")
    currency: Text | None = Field(default=None, description="Currency code of money, e.g. USD.")
    exchange_rate: Number | None = Field(
        default=None, gt=0, description="Units of exchange_currency per unit of currency, "
        "as the text gives it.")
    exchange_currency: Text | None = None
    forecaster: Id | None = Field(
        default=None, description="Id of the source that projects or estimates the figure.")
    made_on: Date | None = Field(
        default=None, description="When the forecast or estimate was made (its vintage).")
    word: Text | None = Field(
        default=None, description="A vague amount's word on an ordered scale ('thousands').")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (self.value is None and self.min_value is None and self.max_value is None
                and self.word is None):
            raise ValueError("give a value, a min_value or a max_value")
        if self.kind is QuantityKind.VAGUE and self.word is None:
            raise ValueError("a vague amount needs its word, e.g. word: thousands")
        if self.exchange_rate is not None and (
                self.currency is None or self.exchange_currency is None):
            raise ValueError("an exchange_rate needs currency and exchange_currency")
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValueError("min_value is greater than max_value")
        if (
            self.period_start is not None
            and self.period_end is not None
            and self.period_start > self.period_end
        ):
            raise ValueError("period_start is after period_end")
        return self


class Claim(Record):
    """A proposition, independent of who asserts it."""

    id: Id
    text: Text
    about: tuple[Id, ...] = Field(default=(), description="Ids of sources the claim is about.")
    quantity: Quantity | None = None
    quantities: tuple[Quantity, ...] = Field(
        default=(), description="Further figures of the same claim ('150 people from 25 "
        "countries'); the first goes to quantity.")
    contradicts: tuple[Id, ...] = Field(default=(), description="Ids of incompatible claims.")
    hedged_contradicts: tuple[Id, ...] = Field(
        default=(), description="Ids of claims it contradicts by a hedged statement "
        "('appearing to contradict').")
    supports: tuple[Id, ...] = Field(default=(), description="Ids of claims this one supports.")
    note: Text | None = None

    @model_validator(mode="after")
    def _canonical(self) -> Self:
        object.__setattr__(self, "about", _sorted_unique(self.about))
        object.__setattr__(self, "contradicts", _sorted_unique(self.contradicts))
        object.__setattr__(self, "hedged_contradicts", _sorted_unique(self.hedged_contradicts))
        object.__setattr__(self, "supports", _sorted_unique(self.supports))
        if self.quantities:
            rest = list(self.quantities)
            if self.quantity is None:
                object.__setattr__(self, "quantity", rest.pop(0))
            object.__setattr__(self, "quantities", tuple(
                sorted(rest, key=lambda q: q.model_dump_json())))
        both = set(self.contradicts) & set(self.hedged_contradicts)
        if both:
            raise ValueError(f"{sorted(both)[0]!r} is under both contradicts and "
                             "hedged_contradicts; keep it under one")
        return self

    @property
    def all_quantities(self) -> tuple[Quantity, ...]:
        """Every figure of the claim: ``quantity`` first, then ``quantities``."""
        if self.quantity is None:
            return ()
        return (self.quantity, *self.quantities)


class Assertion(Record):
    """One act of asserting: a source asserts a claim in a report, citing other assertions."""

    id: Id
    source: Id
    claim: Id
    report: Id | None = None
    cites: tuple[Id, ...] = Field(
        default=(), description="Ids of the assertions this one relays; none makes it an origin."
    )
    hedged: Flag = False
    quote: Text | None = None
    text: Text | None = Field(
        default=None, description="The relay's own wording of the claim, where it differs.")
    quantity: Quantity | None = Field(
        default=None, description="The relay's own figure, where it differs from the claim's.")
    headline: Flag = Field(default=False, description="The assertion is a headline.")
    endorses: Flag = Field(
        default=False, description="The source vouches for what it cites (adds no origin).")
    copies: tuple[Id, ...] = Field(
        default=(), description="Ids of assertions whose text this one copies without "
        "attribution (counts as a relay of them).")
    against_interest: Flag = Field(
        default=False, description="A statement against the source's own side's interest.")

    @model_validator(mode="after")
    def _canonical(self) -> Self:
        object.__setattr__(self, "cites", _sorted_unique(self.cites))
        object.__setattr__(self, "copies", _sorted_unique(self.copies))
        if self.endorses and not self.cites:
            raise ValueError("endorses needs cites: name the assertion it vouches for")
        return self

    @property
    def relays(self) -> tuple[str, ...]:
        """What it relays: the assertions it cites and those it copies."""
        return (*self.cites, *self.copies) if self.copies else self.cites


class Verdict(Record):
    """A fact-check or gold verdict on a claim: evidence for the credibility engine."""

    id: Id
    claim: Id
    rating: Rating
    reviewer: Id | None = Field(default=None, description="Id of the reviewing source.")
    original_rating: Text | None = Field(
        default=None, description="The reviewer's own rating text, e.g. 'Pants on Fire'."
    )
    date: Date | None = None
    url: Text | None = None


class Dataset(Record):
    """Sources, reports, claims and assertions, checked and in canonical form."""

    base: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"{}|\\^`]+[/#]$")] = Field(
        default=DEFAULT_BASE, description="Base IRI for the dataset's ids; ends in / or #."
    )
    sources: tuple[Source, ...] = ()
    reports: tuple[Report, ...] = ()
    claims: tuple[Claim, ...] = ()
    assertions: tuple[Assertion, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    _index: dict[str, Source | Report | Claim | Assertion | Verdict] = PrivateAttr(
        default_factory=dict
    )

    @model_validator(mode="after")
    def _check_and_canonicalise(self) -> Self:
        _check_references(self)
        claims = _symmetric(self.claims, "contradicts")
        if any(c.hedged_contradicts for c in claims):
            claims = _symmetric(claims, "hedged_contradicts")
            for c in claims:
                if set(c.contradicts) & set(c.hedged_contradicts):
                    raise ValueError(f"claim {c.id!r} contradicts a claim both plainly and "
                                     "hedged; keep the pair under one of the two")
        for name, records in (
            ("sources", self.sources),
            ("reports", self.reports),
            ("claims", claims),
            ("assertions", self.assertions),
            ("verdicts", self.verdicts),
        ):
            object.__setattr__(self, name, tuple(sorted(records, key=lambda r: r.id)))
        self._index = {r.id: r for r in self.records()}
        return self

    def records(self) -> Iterator[Source | Report | Claim | Assertion | Verdict]:
        """Every record of the dataset, sources first."""
        yield from self.sources
        yield from self.reports
        yield from self.claims
        yield from self.assertions
        yield from self.verdicts

    def _get(self, kind: type[Any], id: str) -> Any:
        # reading the private dict directly: pydantic's attribute hook is slow in hot loops
        record = self.__pydantic_private__["_index"].get(id)  # type: ignore[index]
        if not isinstance(record, kind):
            from kg.errors import NotFoundError

            raise NotFoundError(f"no {kind.__name__.lower()} with id {id!r} in the dataset")
        return record

    def source(self, id: str) -> Source:
        """The source with this id (raises :class:`kg.errors.NotFoundError`)."""
        result: Source = self._get(Source, id)
        return result

    def report(self, id: str) -> Report:
        """The report with this id."""
        result: Report = self._get(Report, id)
        return result

    def claim(self, id: str) -> Claim:
        """The claim with this id."""
        result: Claim = self._get(Claim, id)
        return result

    def assertion(self, id: str) -> Assertion:
        """The assertion with this id."""
        result: Assertion = self._get(Assertion, id)
        return result

    def verdicts_of(self, claim_id: str) -> list[Verdict]:
        """The verdicts on one claim, sorted by id."""
        return [v for v in self.verdicts if v.claim == claim_id]

    def assertions_of(self, claim_id: str) -> list[Assertion]:
        """The assertions of one claim, sorted by id."""
        return [a for a in self.assertions if a.claim == claim_id]

    def summary(self) -> str:
        """The counts of the dataset's records, in one line.

        Examples:
            >>> Dataset().summary()
            '0 sources, 0 reports, 0 claims, 0 assertions, 0 contradictions'
        """
        contradictions = sum(len(c.contradicts) for c in self.claims) // 2
        return (f"{len(self.sources)} sources, {len(self.reports)} reports, "
                f"{len(self.claims)} claims, {len(self.assertions)} assertions, "
                f"{contradictions} contradictions")

    def merge(self, other: Dataset) -> Dataset:
        """A dataset with the records of both; a record with the same id must be equal.

        Examples:
            >>> a = Dataset(claims=[Claim(id="c1", text="x")])
            >>> b = Dataset(claims=[Claim(id="c2", text="y")])
            >>> [c.id for c in a.merge(b).claims]
            ['c1', 'c2']
        """
        merged: dict[str, dict[str, Any]] = {}
        for ds in (self, other):
            for name in RECORD_LISTS:
                for record in getattr(ds, name):
                    seen = merged.setdefault(name, {}).get(record.id)
                    if seen is not None and seen != record:
                        raise ValueError(
                            f"{name[:-1]} {record.id!r} differs between the two datasets"
                        )
                    merged[name][record.id] = record
        return Dataset(
            base=self.base,
            **{name: tuple(records.values()) for name, records in merged.items()},
        )


def _symmetric(claims: tuple[Claim, ...], field: str) -> tuple[Claim, ...]:
    """The claims with a list of other claims (``contradicts``) made symmetric."""
    links: dict[str, set[str]] = {c.id: set(getattr(c, field)) for c in claims}
    for claim in claims:
        for other in getattr(claim, field):
            links[other].add(claim.id)
    return tuple(
        c if set(getattr(c, field)) == links[c.id]
        else c.model_copy(update={field: tuple(sorted(links[c.id]))})
        for c in claims
    )


def _check_references(ds: Dataset) -> None:
    seen: dict[str, tuple[str, int]] = {}
    for name in RECORD_LISTS:
        for i, record in enumerate(getattr(ds, name)):
            if record.id in seen:
                first = seen[record.id]
                raise UnknownReferenceError(
                    (name, i, "id"),
                    f"duplicate id {record.id!r} (already used by {first[0]}[{first[1]}]);"
                    " give each record its own id",
                )
            seen[record.id] = (name, i)
    kinds: dict[str, str] = {record_id: where[0] for record_id, where in seen.items()}

    def need(ref: str, kind: str, loc: tuple[str | int, ...]) -> None:
        if kinds.get(ref) != kind:
            what = kind[:-1]
            hint = f" (it is one of the {kinds[ref]})" if ref in kinds else ""
            raise UnknownReferenceError(
                loc, f"unknown {what} {ref!r}{hint}; define it under {kind}:")

    for i, s in enumerate(ds.sources):
        for ref in s.affiliated_with:
            need(ref, "sources", ("sources", i, "affiliated_with"))
        for ref in s.authors:
            need(ref, "sources", ("sources", i, "authors"))
    for i, r in enumerate(ds.reports):
        if r.published_by is not None:
            need(r.published_by, "sources", ("reports", i, "published_by"))
    for i, c in enumerate(ds.claims):
        for ref in c.about:
            need(ref, "sources", ("claims", i, "about"))
        for ref in c.contradicts:
            need(ref, "claims", ("claims", i, "contradicts"))
            if ref == c.id:
                raise UnknownReferenceError(
                    ("claims", i, "contradicts"), "a claim cannot contradict itself"
                )
        for ref in c.supports:
            need(ref, "claims", ("claims", i, "supports"))
        for ref in c.hedged_contradicts:
            need(ref, "claims", ("claims", i, "hedged_contradicts"))
            if ref == c.id:
                raise UnknownReferenceError(
                    ("claims", i, "hedged_contradicts"), "a claim cannot contradict itself")
        for j, q in enumerate(c.all_quantities):
            if q.forecaster is not None:
                need(q.forecaster, "sources", ("claims", i, "quantity" if j == 0 else
                                               "quantities", "forecaster"))
    for i, a in enumerate(ds.assertions):
        need(a.source, "sources", ("assertions", i, "source"))
        need(a.claim, "claims", ("assertions", i, "claim"))
        if a.report is not None:
            need(a.report, "reports", ("assertions", i, "report"))
        for ref in a.cites:
            need(ref, "assertions", ("assertions", i, "cites"))
        for ref in a.copies:
            need(ref, "assertions", ("assertions", i, "copies"))
        if a.quantity is not None and a.quantity.forecaster is not None:
            need(a.quantity.forecaster, "sources", ("assertions", i, "quantity", "forecaster"))
    claim_of = {a.id: a.claim for a in ds.assertions}
    for i, a in enumerate(ds.assertions):
        for ref in a.relays:
            if claim_of[ref] != a.claim:
                raise UnknownReferenceError(
                    ("assertions", i, "cites" if ref in a.cites else "copies"),
                    f"{ref!r} asserts claim {claim_of[ref]!r}, not {a.claim!r}; a relay cites an"
                    " assertion of the same claim (link different claims with supports:)",
                )
    for i, v in enumerate(ds.verdicts):
        need(v.claim, "claims", ("verdicts", i, "claim"))
        if v.reviewer is not None:
            need(v.reviewer, "sources", ("verdicts", i, "reviewer"))
    _check_acyclic(ds)


def _check_acyclic(ds: Dataset) -> None:
    """A citation cycle is an error in a dataset: each act of relaying comes after what it relays.

    (Circular *reporting* between sources is a finding of the credibility engine,
    seen across assertions of different reports; a cycle of assertions cannot happen.)
    """
    index = {a.id: i for i, a in enumerate(ds.assertions)}
    state: dict[str, int] = {}  # 1 visiting, 2 done
    for start in ds.assertions:
        if state.get(start.id):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start.id, iter(start.relays))]
        state[start.id] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                continue
            if state.get(child) == 1:
                path = [n for n, _ in stack]
                cycle = [*path[path.index(child):], child]
                raise UnknownReferenceError(
                    ("assertions", index[node], "cites"),
                    "citation cycle " + " -> ".join(cycle) + "; an assertion cannot relay itself",
                )
            if not state.get(child):
                state[child] = 1
                stack.append((child, iter(ds.assertions[index[child]].relays)))
