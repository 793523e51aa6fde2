"""Reading a text input file: the one place that refuses what is missing, binary or too big.

Examples:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.yaml"
    >>> _ = p.write_text("claims: []\\n")
    >>> read_text(p)
    'claims: []\\n'
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import DatasetError

__all__ = ["MAX_TEXT_BYTES", "read_text"]

#: Largest YAML, JSON or CSV file read; bigger collections belong in N-Triples or a store.
MAX_TEXT_BYTES = 25 * 1024 * 1024


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
        limit: Largest size read, in bytes (None: no limit).
        error: The error class raised (a :class:`~kg.errors.DatasetError`).
        expected: What the file should be, for the messages ("a CSV file ...").
        needs: What an empty file lacks, for the message.
    """
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise error(path, f"is a folder; give {expected}")
        if limit is not None and size > limit:
            raise error(
                path,
                f"file is {size / 2**20:.0f} MB, over the {limit // 2**20} MB limit for YAML, "
                "JSON and CSV; split it, or convert it to N-Triples and load that",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(path, "no such file; check the path") from None
    except OSError as e:
        raise error(path, f"cannot be read ({e.strerror})") from None
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
