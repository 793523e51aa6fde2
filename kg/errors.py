"""The errors credkg raises.

One base class, :class:`CredkgError`, and one subclass per kind of failure.
Every message says what went wrong *and* what to do about it, in one line, so
that the command line can print it as it is. ``exit_code`` is what ``kg``
exits with: 2 for bad input or usage, 1 for a failure while working.

Examples:
    >>> err = DatasetError("seed.yaml", "unknown claim 'c9'", line=12, field="assertions[3].claim")
    >>> str(err)
    "seed.yaml:12: assertions[3].claim: unknown claim 'c9'"
    >>> err.exit_code
    2
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "CredkgError",
    "DatasetError",
    "InputError",
    "NotFoundError",
    "OutputError",
    "RemoteError",
    "StoreError",
    "UnknownReferenceError",
    "ValidationFailed",
]


class CredkgError(Exception):
    """Base class of every error credkg raises on purpose."""

    exit_code: int = 1


class InputError(CredkgError):
    """The input (a file, an argument) is wrong; the user must change it."""

    exit_code = 2


class DatasetError(InputError):
    """A dataset file is malformed or inconsistent.

    Args:
        file: The file the problem is in.
        message: What is wrong and what to do.
        line: 1-based line number, when known.
        field: Dotted path of the offending field, when known.
    """

    def __init__(
        self,
        file: str | Path,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file = str(file)
        self.line = line
        self.field = field
        self.message = message
        where = self.file if line is None else f"{self.file}:{line}"
        parts = [where, field, message] if field else [where, message]
        super().__init__(": ".join(parts))


class NotFoundError(InputError):
    """A named thing (claim, source, query, file) does not exist."""


class ValidationFailed(CredkgError):
    """A graph does not conform to the SHACL shapes."""

    exit_code = 1


class UnknownReferenceError(InputError, ValueError):
    """A dataset names a record it does not define.

    A ``ValueError`` too, so that pydantic reports it from inside a model's
    validator; ``loc`` is the offending field's location, for the error line.
    """

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc


class StoreError(CredkgError):
    """The store cannot be opened or written (locked, corrupt, not a store)."""


class RemoteError(CredkgError):
    """A remote SPARQL endpoint refused or failed a request."""


class OutputError(CredkgError):
    """An output file or folder cannot be written (exit code 1)."""
