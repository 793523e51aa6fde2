r"""Reading RDF files into the store fast: one scan, then pyoxigraph's bulk loader.

:func:`scan_file` reads a file once for what the store's index needs: its
SHA-256 (so that loading the same content again changes nothing), and for
N-Triples and N-Quads its number of statements (which spares counting the
loaded graph, 6 s at 15M triples) and whether it has blank nodes.

:func:`bulk_load` streams a file into one named graph with pyoxigraph's bulk
loader, with a progress bar for large files. A large N-Triples file without
blank nodes is cut at a line boundary into two halves loaded by two threads:
one bulk load keeps about 1.8 of 2 cores busy, two keep both (1M claims:
72-87 s in four runs, against 86 s for one load; ``benchmarks/README.md``).
Blank nodes forbid the cut, as each parse names them afresh. A syntax error
reports its line in the whole file.

Examples:
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("wb", suffix=".nt", delete=False) as f:
    ...     _ = f.write(b"# head\n<a:x> <a:p> <a:y> .\n\n  # note\n<a:x> <a:p> _:b .")
    >>> facts = scan_file(Path(f.name), count_lines=True)
    >>> facts.statements, facts.blank_nodes
    (2, True)
    >>> store = ox.Store()
    >>> bulk_load(store, Path(f.name), ox.RdfFormat.N_TRIPLES, ox.NamedNode("a:g"))
    >>> len(store)
    2
    >>> os.unlink(f.name)
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.formats.text import check_regular_file
from kg.store.release import release

__all__ = ["FileFacts", "bulk_load", "read_file", "scan_file"]

#: Show a progress bar for files larger than this.
PROGRESS_BYTES = 4 * 2**20
#: Load N-Triples files larger than this as two halves in parallel.
SPLIT_BYTES = 64 * 2**20
_BLOCK = 2**20
_ODD_LINE = re.compile(rb"\n[\n\r \t#]")  # a line that may be blank or a comment
_BLANK = re.compile(rb"_:")
_ODD_IRI = re.compile(rb"<(?!https?:|urn:)[A-Za-z][A-Za-z0-9+.\-]*:", re.IGNORECASE)
_LINE = re.compile(r"\b(line|lines) (\d+)(?: and (\d+))?")


@dataclass(frozen=True)
class FileFacts:
    """What one scan of a file found.

    Attributes:
        digest: SHA-256 of the bytes, in hex.
        statements: For N-Triples / N-Quads, the lines holding a statement (a
            statement repeated in the file counts each time); else None.
        blank_nodes: For N-Triples / N-Quads, whether ``_:`` occurs anywhere
            (in a literal too: it only means the file is not cut in halves);
            else None (not looked for).
    """

    digest: str
    statements: int | None
    blank_nodes: bool | None
    #: Whether text like an IRI of a scheme other than http(s) or urn occurs (``<x:``);
    #: it may sit in a literal, so the loaded graph is then checked exactly.
    odd_iris: bool = field(default=False, compare=False)


def scan_file(path: Path, *, count_lines: bool) -> FileFacts:
    """Hash a file and, when ``count_lines``, count its statement lines (one pass).

    Raises:
        DatasetError: not a regular file (a device such as ``/dev/zero`` never ends).
    """
    check_regular_file(path)
    h = hashlib.sha256()
    statements = 0
    blank = False
    tail = b""
    odd = False
    with path.open("rb") as f:
        for block in iter(lambda: f.read(_BLOCK), b""):
            h.update(block)
            odd = odd or _ODD_IRI.search(tail[-64:] + block) is not None
            if count_lines:
                data = tail + block
                blank = blank or _BLANK.search(data) is not None
                cut = data.rfind(b"\n") + 1
                statements += _statements(data[:cut])
                tail = data[cut:]
            else:
                tail = block
    if count_lines:
        statements += _statements(tail + b"\n")
    if not count_lines:
        return FileFacts(h.hexdigest(), None, None, odd)
    return FileFacts(h.hexdigest(), statements, blank, odd)


def _statements(lines: bytes) -> int:
    """The lines of ``lines`` (complete, newline-terminated) that hold a statement."""
    n = lines.count(b"\n")
    if lines[:1] not in (b"\n", b"\r", b" ", b"\t", b"#") and not _ODD_LINE.search(lines):
        return n  # the common case: no blank, indented or comment line
    return sum(1 for line in lines.split(b"\n")[:n] if line.strip() and
               not line.lstrip().startswith(b"#"))


@contextmanager
def read_file(path: Path, *, progress: bool = False) -> Iterator[IO[bytes]]:
    """A file opened for binary reading, whose reads advance a progress bar (on
    stderr) when ``progress`` is true and the file is large; only regular files."""
    size = check_regular_file(path)
    with _Progress(path, size, show=progress and size > PROGRESS_BYTES) as bar, \
            bar.open(0, size) as f:
        yield f


def bulk_load(
    store: ox.Store,
    path: Path,
    fmt: ox.RdfFormat,
    graph: ox.NamedNode,
    *,
    progress: bool = False,
    facts: FileFacts | None = None,
) -> None:
    """Bulk-load the triples of ``path`` into ``graph`` (not transactional: on an
    error, part of the file may be in ``graph``; the caller drops it).

    Args:
        store: The pyoxigraph store.
        path: An RDF file of triples (N-Triples, Turtle, RDF/XML).
        fmt: Its format.
        graph: The named graph that receives the triples.
        progress: Show a progress bar (stderr) when the file is large.
        facts: The file's :func:`scan_file`, if known (allows the parallel halves).

    Raises:
        SyntaxError: the file does not parse; the message gives the line in the file.
    """
    size = path.stat().st_size
    parts = [(0, size)]
    if (fmt == ox.RdfFormat.N_TRIPLES and size > SPLIT_BYTES and facts is not None
            and facts.blank_nodes is False):
        parts = _halves(path, size)
    try:
        _load_parts(store, path, fmt, graph, parts, progress)
    finally:
        release()  # the loader's buffers, freed in its threads' arenas (kg.store.release)


def _load_parts(store: ox.Store, path: Path, fmt: ox.RdfFormat, graph: ox.NamedNode,
                parts: list[tuple[int, int]], progress: bool) -> None:
    size = path.stat().st_size
    if len(parts) == 1:
        with read_file(path, progress=progress) as f:
            store.bulk_load(f, format=fmt, to_graph=graph)
        return
    with _Progress(path, size, show=progress and size > PROGRESS_BYTES) as bar:
        errors: list[tuple[int, SyntaxError | BaseException]] = []

        def load(start: int, end: int) -> None:
            try:
                with bar.open(start, end) as f:
                    store.bulk_load(f, format=fmt, to_graph=graph)
            except BaseException as e:  # reported by the caller's thread
                errors.append((start, e))

        threads = [threading.Thread(target=load, args=p, daemon=True) for p in parts]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    if errors:
        start, error = min(errors, key=lambda e: e[0])
        if isinstance(error, SyntaxError) and start > 0:
            raise SyntaxError(_shift_lines(str(error), _newlines(path, start))) from None
        raise error


def _halves(path: Path, size: int) -> list[tuple[int, int]]:
    """Two byte ranges of the file, cut just after the line that holds its middle."""
    with path.open("rb") as f:
        f.seek(size // 2)
        f.readline()
        cut = f.tell()
    return [(0, cut), (cut, size)] if 0 < cut < size else [(0, size)]


def _newlines(path: Path, end: int) -> int:
    """How many lines end before byte ``end``."""
    n = 0
    with path.open("rb") as f:
        while end > 0:
            block = f.read(min(_BLOCK, end))
            if not block:
                break
            n += block.count(b"\n")
            end -= len(block)
    return n


def _shift_lines(message: str, offset: int) -> str:
    """A parser message with its line numbers moved down by ``offset``.

    Examples:
        >>> _shift_lines("Parser error at line 2 between columns 27 and 30: bad", 10)
        'Parser error at line 12 between columns 27 and 30: bad'
    """
    def shift(m: re.Match[str]) -> str:
        lines = f"{m.group(1)} {int(m.group(2)) + offset}"
        return lines + (f" and {int(m.group(3)) + offset}" if m.group(3) else "")

    return _LINE.sub(shift, message)


class _Range(io.RawIOBase):
    """Bytes ``start`` to ``end`` of a file, read as a file of their own."""

    def __init__(self, path: Path, start: int, end: int, advance: Any) -> None:
        self._file = path.open("rb", buffering=0)
        self._file.seek(start)
        self._left = end - start
        self._advance = advance

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)[: self._left]
        n = self._file.readinto(view) or 0
        self._left -= n
        if n and self._advance is not None:
            self._advance(n)
        return n

    def close(self) -> None:
        self._file.close()
        super().close()


def _progress_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


class _Progress:
    """An optional rich progress bar over a file's bytes, and readers that advance it."""

    def __init__(self, path: Path, size: int, *, show: bool) -> None:
        self.path, self.size, self.show = path, size, show
        self._bar: Any = None
        self._task: Any = None
        self._lock = threading.Lock()

    def __enter__(self) -> _Progress:
        if self.show:
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                TimeRemainingColumn,
                TransferSpeedColumn,
            )

            self._bar = Progress(
                "[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                TransferSpeedColumn(), TimeRemainingColumn(),
                console=_progress_console(), transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(f"loading {self.path.name}", total=self.size)
        return self

    def _advance(self, n: int) -> None:
        with self._lock:
            self._bar.advance(self._task, n)

    def open(self, start: int, end: int) -> IO[bytes]:
        """A buffered reader of bytes ``start`` to ``end`` that advances the bar."""
        advance = self._advance if self._bar is not None else None
        return io.BufferedReader(_Range(self.path, start, end, advance), _BLOCK)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
