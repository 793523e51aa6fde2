"""The field types of the model's records: ids, texts, numbers, dates, grades, kinds.

Examples:
    >>> from pydantic import TypeAdapter
    >>> TypeAdapter(Name).validate_python("Reuters\\u202e")
    'Reuters'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)

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


def _iso_moment(value: object) -> object:
    """A date (``YYYY-MM-DD``) or a date and time (ISO 8601, e.g. ``2024-11-10T09:30:00Z``)."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return (dt.date.fromisoformat(value) if len(value) == 10
                    else dt.datetime.fromisoformat(value))
        except ValueError:
            pass
    raise ValueError("give a date (YYYY-MM-DD) or a date and time (ISO 8601, e.g. "
                     "2024-11-10T09:30:00Z)")


#: When something was done: a date, or a date and time.
Moment = Annotated[
    Annotated[dt.datetime, Strict()] | Annotated[dt.date, Strict()],
    BeforeValidator(_iso_moment),
]
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


def sorted_unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values)))

#: Invisible controls that can disguise a name: bidirectional overrides and isolates,
#: zero-width characters, the byte-order mark.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _visible(value: str) -> str:
    """A name without invisible controls, so that "Reuters\u202e" and "Reuters" are one
    name and no name reads backwards in an output."""
    cleaned = INVISIBLE.sub("", value)
    if not cleaned.strip():
        raise ValueError("a name needs visible characters")
    return cleaned


#: A name or an alias: text without invisible controls.
Name = Annotated[Text, AfterValidator(_visible)]

__all__ = [
    "DEFAULT_BASE",
    "INVISIBLE",
    "RECORD_LISTS",
    "UNNAMED_KINDS",
    "Date",
    "Flag",
    "Grade",
    "Id",
    "Iri",
    "Moment",
    "Name",
    "Number",
    "RateUnit",
    "Rating",
    "Record",
    "SourceKind",
    "Text",
    "sorted_unique",
]
