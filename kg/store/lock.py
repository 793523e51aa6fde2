"""Who holds a store: ``kg serve`` (shared) against writers (exclusive).

RocksDB lets a read-only view open a store while another process writes to it,
so ``kg serve`` would go on answering from documents that ``kg remove`` took
away. A lock file in the store's folder, ``credkg.lock``, prevents that: a
server holds a shared lock for as long as it runs, a writer (``kg add``,
``kg remove``, ``kg optimize``, ``kg build --store``) an exclusive one for as
long as it has the store open. Whoever comes second gets a one-line
:class:`~kg.errors.StoreError` naming the holder. The locks are
``flock(2)`` locks: the system releases them when the process ends, even by
``kill -9``, so a stale lock file is harmless.

Examples:
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> server = hold(folder, shared=True)
    >>> hold(folder, shared=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.store.lock.StoreBusy: ...: a kg serve is serving this store (pid ...); stop it, then retry
    >>> release(server)
    >>> w = hold(folder, shared=False)
    >>> writer(folder).startswith("kg writer pid")
    True
    >>> release(w)
    >>> writer(folder) is None
    True
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from kg.errors import StoreError

__all__ = ["LOCK_FILE", "StoreBusy", "hold", "release", "writer"]

#: The lock file, inside the store's folder (RocksDB leaves unknown files alone).
LOCK_FILE = "credkg.lock"


class StoreBusy(StoreError):
    """Another process holds the store (a server against a writer, or the reverse)."""


def hold(folder: str | Path, *, shared: bool) -> IO[str]:
    """Lock the store in ``folder``: shared for a server, exclusive for a writer.

    Args:
        folder: The store's folder (must exist).
        shared: True for ``kg serve``, False for a writer.

    Returns:
        The open lock file; keep it open as long as the lock must hold
        (:func:`release` or the end of the process lets it go).

    Raises:
        StoreBusy: the other kind of holder has it.
    """
    path = Path(folder) / LOCK_FILE
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        if shared:
            raise StoreBusy(
                f"{folder}: {holder} is writing to this store; wait for it to end, then "
                "start kg serve again"
            ) from None
        raise StoreBusy(f"{folder}: a kg serve is serving this store ({holder}); stop it, "
                        "then retry") from None
    if not shared:
        handle.seek(0)
        handle.truncate()
        handle.write(f"kg writer pid {os.getpid()}\n")
        handle.flush()
    else:
        # several servers may share the store; the file names the latest one
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
    return handle


def release(handle: IO[str]) -> None:
    """Let the lock go."""
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()


def writer(folder: str | Path) -> str | None:
    """Who is writing to the store in ``folder`` right now ("kg writer pid N"), or None.

    A reader that finds a write half-done asks this, to tell a live write from an
    interrupted one.
    """
    path = Path(folder) / LOCK_FILE
    if not path.is_file():
        return None
    with path.open("r", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return handle.read().strip() or "another process"
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None
