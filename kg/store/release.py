"""Giving freed memory back to the system between the phases of a large read or write.

Python frees the objects of a phase (the columns of :mod:`kg.store.columns`, made
partly in worker threads) into the C allocator, which keeps most of it: glibc's
``malloc`` returns a heap's pages only from its top, and a worker thread's arena is
not reused by the main thread. At 100k claims, reading the store leaves ~70 MB of
such pages resident (12% of the process) until the process ends, and the writing
that follows peaks that much higher. :func:`release` asks glibc to return them
(``malloc_trim``, ~20 ms); elsewhere (another C library, another system) it does nothing.

Examples:
    >>> release() in (True, False)
    True
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache

__all__ = ["release"]


@cache
def _trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where there is none."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release() -> bool:
    """Return the C allocator's free pages to the system; True if it could be asked."""
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
