"""Truth discovery: joint scoring of sources and the values they state.

Given who states which value for which object, learn a trust per source and a
belief per value. Eight methods share one sparse encoding
(:class:`ClaimMatrix`); :func:`discover` runs one by name and returns a
:class:`Discovery` whose :meth:`~Discovery.truths` reports ties as ties.

Examples:
    >>> from kg.truth import discover
    >>> d = discover([("a", "x", "1"), ("b", "x", "1"), ("c", "x", "2")])
    >>> d.method, d.truths()
    ('accu', {'x': ('1',)})
"""

from kg.truth._data import ClaimMatrix
from kg.truth._iterate import Fit
from kg.truth.bridge import dataset_observations
from kg.truth.discover import DEFAULT_METHOD, METHODS, Discovery, discover
from kg.truth.errors import (
    ClaimsFileError,
    NoClaimsError,
    NotConvergedWarning,
    ProblemTooLargeError,
    UnknownMethodError,
)
from kg.truth.io import read_claims, write_results
from kg.truth.normalize import author_key

__all__ = [
    "DEFAULT_METHOD",
    "METHODS",
    "ClaimMatrix",
    "ClaimsFileError",
    "Discovery",
    "Fit",
    "NoClaimsError",
    "NotConvergedWarning",
    "ProblemTooLargeError",
    "UnknownMethodError",
    "author_key",
    "dataset_observations",
    "discover",
    "read_claims",
    "write_results",
]
