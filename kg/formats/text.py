"""Reading a text input file: the one place that refuses what is missing, binary or too big.

Examples:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.yaml"
    >>> _ = p.write_text("claims: []\\n")
    >>> read_text(p)
    'claims: []\\n'
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from kg.errors import DatasetError

__all__ = ["MAX_RDF_BYTES", "MAX_TEXT_BYTES", "check_regular_file", "read_text"]


def _megabytes(variable: str, default: int) -> int:
    value = os.environ.get(variable, "")
    try:
        return int(float(value) * 2**20) if value.strip() else default * 2**20
    except ValueError:
        return default * 2**20


#: Largest YAML, JSON or CSV file read (``CREDKG_MAX_TEXT_MB``, default 25); bigger
#: collections belong in N-Triples or a store.
MAX_TEXT_BYTES = _megabytes("CREDKG_MAX_TEXT_MB", 25)
#: Largest RDF file parsed in memory (``CREDKG_MAX_RDF_MB``, default 512); a store streams
#: bigger N-Triples files instead (``kg add``).
MAX_RDF_BYTES = _megabytes("CREDKG_MAX_RDF_MB", 512)


def _read_bounded(f: BinaryIO, limit: int | None) -> bytes:
    """Read in blocks, stopping one byte past ``limit``."""
    blocks: list[bytes] = []
    total = 0
    while limit is None or total <= limit:
        block = f.read(1 << 20)
        if not block:
            break
        blocks.append(block)
        total += len(block)
    return b"".join(blocks)


def check_regular_file(path: Path, error: type[DatasetError] = DatasetError) -> int:
    """The size of ``path``, refusing anything but a regular file (a folder, a device such
    as ``/dev/zero``, a pipe), even behind a symbolic link.

    Raises:
        DatasetError: missing, unreadable or not a regular file.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise error(path, "no such file; check the path") from None
    except OSError as e:
        raise error(path, f"cannot be read ({e.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise error(path, "is a folder; give a file")
    if not stat.S_ISREG(st.st_mode):
        raise error(path, "is not a regular file (a device, pipe or socket); give a file")
    return st.st_size


def read_text(
    path: Path,
    *,
    limit: int | None = MAX_TEXT_BYTES,
    error: type[DatasetError] = DatasetError,
    expected: str = "a dataset file",
    needs: str = "at least one source or claim",
) -> str:
    """The text of a file, refusing what is missing, unreadable, binary, too large or empty.

    Every reader of credkg's inputs goes through here, so that the same problems get
    the same one-line errors.

    Args:
        path: The file.
        limit: Largest size read, in bytes (None: no limit; the file must still be a
            regular file).
        error: The error class raised (a :class:`~kg.errors.DatasetError`).
        expected: What the file should be, for the messages ("a CSV file ...").
        needs: What an empty file lacks, for the message.
    """
    size = check_regular_file(path, error)
    if limit is not None and size > limit:
        raise error(path, f"file is {size / 2**20:.0f} MB, over the {limit / 2**20:.0f} MB "
                    "limit for this kind of file; split it, or convert it to N-Triples and "
                    "add it to a store (the limits are set by CREDKG_MAX_TEXT_MB and "
                    "CREDKG_MAX_RDF_MB)")
    try:
        with path.open("rb") as f:
            # the size is checked again while reading: a file may grow, or lie about it
            data = _read_bounded(f, limit)
    except OSError as e:
        raise error(path, f"cannot be read ({e.strerror})") from None
    if limit is not None and len(data) > limit:
        raise error(path, f"grew past the {limit / 2**20:.0f} MB limit while being read")
    if b"\x00" in data[:8192]:
        raise error(path, f"is a binary file; give {expected}", line=1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise error(path, "is not UTF-8 text; save it as UTF-8", line=line) from None
    if not text.strip():
        raise error(path, f"is empty; it needs {needs}")
    return text
