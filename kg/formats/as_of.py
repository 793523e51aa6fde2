"""Documents as of a date (``--as-of DATE``): which were published on or before it.

A document's date is the latest date of its reports: an article is published no
earlier than the statements it relays, and its own report often carries no date
while the statements it quotes do (the seed's article relays statements of
2024-11-09 and 2024-12-18, so it counts as published on 2024-12-18). A document
none of whose reports has a date cannot be placed in time: it is left out of
every ``--as-of`` answer, and a line says so.

The choice is by whole document, never by report inside a document: a document
published after the date takes with it every claim, assertion and report it
holds, so the answer is what the assessment of the other documents gives.

Examples:
    >>> parse_day("2024-11-10")
    datetime.date(2024, 11, 10)
    >>> from kg.seed import seed_dataset
    >>> document_date(seed_dataset())
    datetime.date(2024, 12, 18)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import DatasetError, InputError

if TYPE_CHECKING:
    from kg.model import Dataset

__all__ = ["Selection", "document_date", "files_as_of", "load_kept", "parse_day"]


def parse_day(text: str, option: str = "--as-of") -> dt.date:
    """A calendar date written ``YYYY-MM-DD``.

    Raises:
        InputError: anything else, in one line naming the option and the form.

    Examples:
        >>> parse_day("10/11/2024")
        Traceback (most recent call last):
        ...
        kg.errors.InputError: --as-of '10/11/2024': give a date as YYYY-MM-DD (e.g. 2024-11-10)
    """
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option} {text[:40]!r}: give a date as YYYY-MM-DD "
                         "(e.g. 2024-11-10)") from None


def document_date(ds: Dataset) -> dt.date | None:
    """The latest date of the document's reports (None when none has one)."""
    dates = [r.date for r in ds.reports if r.date is not None]
    return max(dates) if dates else None


@dataclass
class Selection:
    """The documents kept as of a day, and those left out.

    Attributes:
        day: The day asked for.
        kept: The documents published on or before ``day``.
        later: The documents published after it, with their dates.
        undated: The documents without a dated report (left out).
    """

    day: dt.date
    kept: list[str] = field(default_factory=list)
    later: list[tuple[str, dt.date]] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)

    def add(self, name: str, date: dt.date | None) -> None:
        """Sort one document into kept, later or undated."""
        if date is None:
            self.undated.append(name)
        elif date <= self.day:
            self.kept.append(name)
        else:
            self.later.append((name, date))

    def notes(self) -> list[str]:
        """One line for the choice, and one per undated document left out.

        Examples:
            >>> s = Selection(dt.date(2024, 11, 10))
            >>> s.add("a", dt.date(2024, 1, 1)); s.add("b", dt.date(2025, 1, 1)); s.add("c", None)
            >>> print("\\n".join(s.notes()))
            as of 2024-11-10: 1 of 3 documents (1 published later, 1 undated)
            left out: c has no report with a date (kg cannot tell when it was published)
        """
        total = len(self.kept) + len(self.later) + len(self.undated)
        parts = [f"{len(self.later)} published later"] if self.later else []
        parts += [f"{len(self.undated)} undated"] if self.undated else []
        why = f" ({', '.join(parts)})" if parts else ""
        lines = [f"as of {self.day.isoformat()}: {len(self.kept)} of {total} documents{why}"]
        lines += [f"left out: {name} has no report with a date (kg cannot tell when it was "
                  "published)" for name in self.undated]
        return lines

    def require_some(self) -> None:
        """Refuse a day before every document.

        Raises:
            InputError: no document was published on or before the day.
        """
        if not self.kept:
            first = min((d for _, d in self.later), default=None)
            hint = f"; the first is dated {first.isoformat()}" if first else ""
            raise InputError(f"--as-of {self.day.isoformat()}: no document was published on "
                             f"or before that date{hint}")


def files_as_of(paths: Sequence[Path], day: dt.date) -> Selection:
    """Which dataset files were published on or before ``day`` (their paths as text).

    Raises:
        DatasetError: a file does not load.
    """
    from kg.formats.loading import load_dataset

    selection = Selection(day)
    for path in paths:
        selection.add(str(path), document_date(load_dataset(path)))
    return selection


def load_kept(paths: Sequence[Path], selection: Selection) -> Dataset:
    """The kept files as one dataset, with the ids they have when all ``paths`` load
    together (each file scoped to its document when there are several), so that a
    claim as of the day and now is the same claim.

    Raises:
        DatasetError: a bad file, or clashing ids.
    """
    from kg.formats.loading import load_document
    from kg.formats.scoping import document_ids

    kept = set(selection.kept)
    result: Dataset | None = None
    for path, doc in zip(paths, document_ids(paths), strict=True):
        if str(path) not in kept:
            continue
        ds = load_document(path, doc, scope=len(paths) > 1)
        try:
            result = ds if result is None else result.merge(ds)
        except ValueError as e:
            raise DatasetError(path, str(e)) from None
    if result is None:
        raise InputError(f"--as-of {selection.day.isoformat()}: no document was published on "
                         "or before that date")
    return result
