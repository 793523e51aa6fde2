"""The records of a dataset: sources, reports, quantities, claims, assertions, verdicts."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import (
    Field,
    model_validator,
)

from kg.model.fields import (
    Date,
    Flag,
    Grade,
    Id,
    Iri,
    Moment,
    Name,
    Number,
    RateUnit,
    Rating,
    Record,
    SourceKind,
    Text,
    sorted_unique,
)
from kg.quantities import QuantityKind, may_be_negative


class Source(Record):
    """An agent that can assert: outlet, person, office, anonymous source, unnamed data."""

    id: Id
    kind: SourceKind
    name: Name
    aliases: tuple[Name, ...] = ()
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
    reliability_set_by: Text | None = Field(
        default=None, description="Who set the analyst's grade (a name or an IRI).")
    reliability_set_at: Moment | None = Field(
        default=None, description="When the analyst's grade was set: a date or a date-time.")
    reliability_why: Text | None = Field(
        default=None, description="Why the analyst gave that grade.")
    same_as: tuple[Iri, ...] = Field(
        default=(), description="External identifiers as IRIs, e.g. a Wikidata entity."
    )
    authors: tuple[Id, ...] = Field(
        default=(), description="Ids of the authors of a study, poll or data set (one origin "
        "with it).")
    note: Text | None = None

    @model_validator(mode="after")
    def _canonical(self) -> Self:
        object.__setattr__(self, "aliases", sorted_unique(self.aliases))
        object.__setattr__(self, "affiliated_with", sorted_unique(self.affiliated_with))
        object.__setattr__(self, "authors", sorted_unique(self.authors))
        object.__setattr__(self, "same_as", sorted_unique(self.same_as))
        if self.reliability is None and (self.reliability_set_by is not None
                                         or self.reliability_set_at is not None
                                         or self.reliability_why is not None):
            raise ValueError("reliability_set_by, reliability_set_at and reliability_why "
                             "describe an analyst's grade: give reliability too")
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
        if any(x is not None and x < 0 for x in (self.value, self.min_value, self.max_value)) \
                and not may_be_negative(self.measure, self.unit, self.kind, self.change):
            raise ValueError("a negative figure needs a measure that can fall below zero: give "
                             "kind: change (or change:), or a measure such as 'growth' or 'net'")
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
        object.__setattr__(self, "about", sorted_unique(self.about))
        object.__setattr__(self, "contradicts", sorted_unique(self.contradicts))
        object.__setattr__(self, "hedged_contradicts", sorted_unique(self.hedged_contradicts))
        object.__setattr__(self, "supports", sorted_unique(self.supports))
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
        object.__setattr__(self, "cites", sorted_unique(self.cites))
        object.__setattr__(self, "copies", sorted_unique(self.copies))
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

__all__ = ["Assertion", "Claim", "Quantity", "Report", "Source", "Verdict"]
