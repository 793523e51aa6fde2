"""What truth discovery raises and warns.

Examples:
    >>> issubclass(ClaimsFileError, InputError), ClaimsFileError("a.csv", "empty", line=1).exit_code
    (True, 2)
    >>> issubclass(NotConvergedWarning, UserWarning)
    True
"""

from __future__ import annotations

from kg.errors import CredkgError, DatasetError, InputError

__all__ = [
    "ClaimsFileError",
    "NoClaimsError",
    "NotConvergedWarning",
    "ProblemTooLargeError",
    "UnknownMethodError",
]


class ClaimsFileError(DatasetError):
    """A claims file (CSV of ``source,object,value``) cannot be read; names file and line."""


class NoClaimsError(InputError):
    """There is nothing to discover: no usable ``(source, object, value)`` rows."""


class UnknownMethodError(InputError):
    """The method named is not one credkg implements."""


class ProblemTooLargeError(CredkgError):
    """A method would need more memory than it allows itself; says which method to use instead."""

    exit_code = 1


class NotConvergedWarning(UserWarning):
    """An iterative method stopped at its iteration cap before meeting its convergence rule."""
