"""Claims in, beliefs and trust out: the CSV files of ``kg discover``.

Input: a UTF-8 CSV with a header naming at least ``source``, ``object`` and
``value`` (any order, any case). Optional columns: ``attribute`` (folded into
the object as ``object|attribute``) and ``source_group`` (a label such as
"anonymous" or "registered" that ACCU uses to learn one prior per group).
Rows with an empty value are skipped and counted; an empty source or object is
an error.

Output: ``beliefs.csv`` (``object,value,belief``, each object's values by
decreasing belief), ``trust.csv`` (``source,trust``, most trusted first) and
``truths.csv`` (``object,value,tie``: the top value of every object, or all of
its tied top values, each marked ``tie=true``).

Examples:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "c.csv").write_text("source,object,value\\na,x,1\\nb,x,1\\nc,x,2\\n")
    >>> claims = read_claims(folder / "c.csv")
    >>> claims.frame.shape, claims.skipped
    ((3, 3), 0)
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kg.formats.text import read_text
from kg.truth.discover import Discovery
from kg.truth.errors import ClaimsFileError

__all__ = ["ClaimsFile", "read_claims", "write_results"]

_REQUIRED = ("source", "object", "value")
_OPTIONAL = ("attribute", "source_group")


@dataclass(frozen=True)
class ClaimsFile:
    """What :func:`read_claims` returns.

    Attributes:
        frame: Columns ``source, object, value`` (objects already folded).
        groups: ``source -> group`` when the file has a ``source_group`` column.
        skipped: Rows skipped for an empty value.
        first_line: For each row of ``frame``, its line in the file.
    """

    frame: pd.DataFrame
    groups: dict[str, str] | None
    skipped: int
    first_line: list[int]


def _text(path: Path) -> str:
    return read_text(
        path, limit=None, error=ClaimsFileError,
        expected="a CSV file of source,object,value rows",
        needs="a header 'source,object,value' and one row per claim",
    )


def read_claims(path: str | Path) -> ClaimsFile:
    """Read and check a claims CSV.

    Args:
        path: The CSV file.

    Returns:
        The claims, ready for :func:`~kg.truth.discover.discover`.

    Raises:
        ClaimsFileError: Missing, unreadable, binary, empty or malformed file;
            the message names the file, the line and what to do.
    """
    path = Path(path)
    text = _text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as e:
        raise ClaimsFileError(path, f"unreadable CSV header ({e})", line=1) from None
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise ClaimsFileError(
            path,
            f"header lacks column(s) {', '.join(missing)}; the header must name "
            f"source, object and value (found: {', '.join(h for h in header if h) or 'nothing'})",
            line=1,
        )
    col = {name: header.index(name) for name in (*_REQUIRED, *_OPTIONAL) if name in header}
    width = len(header)
    rows: list[tuple[str, object, str]] = []
    lines: list[int] = []
    groups: dict[str, str] = {}
    skipped = 0
    try:
        for record in reader:
            line = reader.line_num
            if not record or all(not f.strip() for f in record):
                continue
            if len(record) != width:
                raise ClaimsFileError(
                    path,
                    f"has {len(record)} fields where the header has {width}; "
                    "quote values that contain commas",
                    line=line,
                )
            source, obj, value = (record[col[c]].strip() for c in _REQUIRED)
            for name, field in (("source", source), ("object", obj)):
                if not field:
                    raise ClaimsFileError(
                        path, f"empty {name}; fill it in or drop the row", line=line
                    )
            if not value:
                skipped += 1
                continue
            if "attribute" in col and record[col["attribute"]].strip():
                obj = f"{obj}|{record[col['attribute']].strip()}"
            if "source_group" in col and record[col["source_group"]].strip():
                groups[source] = record[col["source_group"]].strip()
            rows.append((source, obj, value))
            lines.append(line)
    except csv.Error as e:
        raise ClaimsFileError(path, f"malformed CSV ({e})", line=reader.line_num) from None
    if not rows:
        raise ClaimsFileError(
            path, "has a header but no claim with a value; add source,object,value rows"
        )
    frame = pd.DataFrame(rows, columns=list(_REQUIRED), dtype=object)
    return ClaimsFile(frame=frame, groups=groups or None, skipped=skipped, first_line=lines)


def write_results(d: Discovery, out: str | Path) -> list[Path]:
    """Write ``beliefs.csv``, ``trust.csv`` and ``truths.csv`` into ``out``.

    Args:
        d: The result of a method.
        out: The folder; created if missing.

    Returns:
        The files written.
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    m = d.claims
    top = d.is_top()
    tops = np.add.reduceat(top.astype(np.int64), m.object_start)
    frame = d.belief_frame()
    frame["tie"] = tops[m.claim_object] > 1
    frame = frame.iloc[np.lexsort((-d.fit.ranking, m.claim_object))]
    paths = [folder / "beliefs.csv", folder / "trust.csv", folder / "truths.csv"]
    frame[["object", "value", "belief"]].to_csv(paths[0], index=False)
    d.trust_frame().to_csv(paths[1], index=False)
    frame.loc[frame["top"], ["object", "value", "tie"]].to_csv(paths[2], index=False)
    return paths
