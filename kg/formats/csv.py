"""Spreadsheet input: one assertion per CSV row.

Columns (header names, any order; only ``id``, ``source`` and ``claim`` are
required). A source, claim or report is defined by the first row that names
it; later rows may repeat its details but must not contradict them.

========================  ===========================================================
column                    meaning
========================  ===========================================================
id                        the assertion's id
source                    id of the asserting source
source_name, source_kind  the source's name and kind (kind required on first use)
source_reliability        the analyst's grade A-F
source_affiliated_with    ids of sources it belongs to, separated by ``;``
claim, claim_text         the claim's id and text (text required on first use)
claim_about               ids of sources the claim is about, ``;``-separated
report, report_title      the report's id and title
report_date, report_url   ``YYYY-MM-DD`` and URL
published_by              id of the report's publisher
cites                     ids of the assertions relayed, ``;``-separated
copies                    ids of the assertions it copies without attribution
hedged, headline,         ``true``/``false`` (also yes/no, 1/0); empty is false
endorses, against_interest
quote                     the exact words
measure, unit, value,     a structured quantity on the claim (its first; further figures,
min_value, max_value,     forecasts' vintages and exchange rates need YAML, JSON or RDF);
approximate, exact, per,  ``kind``, ``as_of``, ``of``, ``per_population``, ``currency``,
period_start, period_end, ``forecaster``, ``made_on`` and ``word`` as in
kind, as_of, of,          :class:`kg.model.Quantity`
per_population, currency,
forecaster, made_on, word
========================  ===========================================================

The writer (:func:`to_csv`) gives one assertion per row in the same columns. It
is a spreadsheet of assertions, not a full copy: aliases, notes, contradictions
and sources that assert nothing are left out (use an RDF format or YAML for
everything).

Examples:
    >>> from kg.seed import seed_dataset
    >>> parse_csv(to_csv(seed_dataset()), "x.csv").assertions == seed_dataset().assertions
    True
    >>> ds = parse_csv(
    ...     "id,source,source_kind,source_name,claim,claim_text,measure,max_value,per\\n"
    ...     "a1,gerasimov,person,Valery Gerasimov,c1,Up to 30000 a month,desertions,30000,month\\n",
    ...     "sheet.csv")
    >>> ds.claim("c1").quantity.max_value
    30000.0
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import DatasetError
from kg.files import atomic_write_text
from kg.formats.loading import validate
from kg.formats.registry import Format
from kg.formats.text import read_text
from kg.model import Dataset

__all__ = ["CSV_COLUMNS", "csv_reader", "parse_csv", "read_csv", "to_csv", "write_csv"]

_SOURCE = {
    "source_name": "name",
    "source_kind": "kind",
    "source_reliability": "reliability",
    "source_affiliated_with": "affiliated_with",
}
_CLAIM = {"claim_text": "text", "claim_about": "about"}
_REPORT = {
    "report_title": "title",
    "report_date": "date",
    "report_url": "url",
    "published_by": "published_by",
}
_QUANTITY = (
    "measure",
    "unit",
    "value",
    "min_value",
    "max_value",
    "approximate",
    "per",
    "period_start",
    "period_end",
    "exact",
    "kind",
    "as_of",
    "of",
    "per_population",
    "currency",
    "forecaster",
    "made_on",
    "word",
)
_MARKS = ("headline", "endorses", "against_interest")
_LISTS = {"affiliated_with", "about", "cites", "copies"}
_NUMBERS = {"value", "min_value", "max_value", "per_population"}
_FLAGS = {"hedged", "approximate", "exact", *_MARKS}
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}

#: Every column the reader understands.
CSV_COLUMNS = (
    "id",
    "source",
    *_SOURCE,
    "claim",
    *_CLAIM,
    "report",
    *_REPORT,
    "cites",
    "copies",
    "hedged",
    *_MARKS,
    "quote",
    *_QUANTITY,
)


def _convert(name: str, field: str, raw: str, line: int, column: str) -> Any:
    raw = raw.strip()
    if field in _LISTS:
        return [part.strip() for part in raw.split(";") if part.strip()]
    if field in _FLAGS:
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise DatasetError(name, f"expected true or false, got {raw!r}", line=line, field=column)
    if field in _NUMBERS:
        try:
            return float(raw.replace("_", ""))
        except ValueError:
            raise DatasetError(
                name, f"expected a number such as 21600, got {raw!r}", line=line, field=column
            ) from None
    return raw


def parse_csv(text: str, name: str = "<string>") -> Dataset:
    """Parse a CSV of assertions (one per row) into a checked dataset.

    Args:
        text: The CSV document, with a header row.
        name: The file name used in error messages.

    Returns:
        The :class:`~kg.model.Dataset`.

    Raises:
        DatasetError: a missing column, a bad value or an inconsistent row; the
            message names the line and the column.
    """
    reader = csv_reader(text)
    header = reader.fieldnames or []
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise DatasetError(
            name, f"unknown column {unknown[0]!r}; known columns: " + ", ".join(CSV_COLUMNS),
            line=1,
        )
    for needed in ("id", "source", "claim"):
        if needed not in header:
            raise DatasetError(name, f"missing column {needed!r}", line=1)

    records: dict[str, dict[str, dict[str, Any]]] = {
        "sources": {},
        "claims": {},
        "reports": {},
    }
    assertions: list[dict[str, Any]] = []
    lines: dict[tuple[str | int, ...], int] = {}

    def define(kind: str, rid: str, fields: dict[str, Any], line: int) -> None:
        record = records[kind].setdefault(rid, {"id": rid})
        if len(record) == 1:
            lines[(kind, len(records[kind]) - 1)] = line
        for key, value in fields.items():
            if key in record and record[key] != value:
                raise DatasetError(
                    name,
                    f"{kind[:-1]} {rid!r} was given {key} {record[key]!r} on an earlier row;"
                    " make the rows agree",
                    line=line,
                    field=key,
                )
            record[key] = value

    for row in _rows(reader, name):
        line = reader.line_num
        if None in row:
            raise DatasetError(name, "row has more cells than the header", line=line)
        cells = {k: _uncell(v) for k, v in row.items() if v is not None and v.strip() != ""}
        if not cells:
            continue
        for needed in ("id", "source", "claim"):
            if needed not in cells:
                raise DatasetError(name, "required cell is empty", line=line, field=needed)

        def pick(mapping: dict[str, str], cells: dict[str, str], line: int) -> dict[str, Any]:
            return {
                field: _convert(name, field, cells[col], line, col)
                for col, field in mapping.items()
                if col in cells
            }

        define("sources", cells["source"], pick(_SOURCE, cells, line), line)
        if "source_kind" not in cells and "kind" not in records["sources"][cells["source"]]:
            raise DatasetError(
                name, f"source {cells['source']!r} first appears without a kind; add one",
                line=line, field="source_kind",
            )
        records["sources"][cells["source"]].setdefault("name", cells["source"])
        claim = pick(_CLAIM, cells, line)
        quantity = {
            f: _convert(name, f, cells[f], line, f) for f in _QUANTITY if f in cells
        }
        if quantity:
            claim["quantity"] = quantity
        define("claims", cells["claim"], claim, line)
        if "text" not in records["claims"][cells["claim"]]:
            raise DatasetError(
                name, f"claim {cells['claim']!r} first appears without its text; add it",
                line=line, field="claim_text",
            )
        assertion: dict[str, Any] = {
            "id": cells["id"],
            "source": cells["source"],
            "claim": cells["claim"],
            "hedged": _convert(name, "hedged", cells.get("hedged", ""), line, "hedged"),
        }
        if "report" in cells:
            define("reports", cells["report"], pick(_REPORT, cells, line), line)
            assertion["report"] = cells["report"]
        for listed in ("cites", "copies"):
            if listed in cells:
                assertion[listed] = _convert(name, listed, cells[listed], line, listed)
        for mark in _MARKS:
            if mark in cells:
                assertion[mark] = _convert(name, mark, cells[mark], line, mark)
        if "quote" in cells:
            assertion["quote"] = cells["quote"]
        lines[("assertions", len(assertions))] = line
        assertions.append(assertion)
    if not assertions:
        raise DatasetError(name, "has a header but no rows", line=1)
    data = {kind: list(values.values()) for kind, values in records.items()}
    data["assertions"] = assertions

    def line_of(loc: tuple[str | int, ...]) -> int | None:
        return lines.get(tuple(loc[:2]))

    return validate(data, name, line_of)


def read_csv(path: Path, fmt: Format | None = None) -> Dataset:
    """Read a CSV dataset file (the reader of the ``csv`` format)."""
    return parse_csv(read_text(path), str(path))


def write_csv(ds: Dataset, path: Path, fmt: Format | None = None,
              assessment: object = None) -> Path:
    """Write one assertion per row, atomically (the writer of the ``csv`` format)."""
    return atomic_write_text(path, to_csv(ds))


def to_csv(ds: Dataset) -> str:
    """One assertion per row, in the columns :func:`kg.formats.csv.parse_csv` reads."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    reports = {r.id: r for r in ds.reports}
    asserting = {a.source for a in ds.assertions}

    def ids(values: tuple[str, ...]) -> str:
        return ";".join(v for v in values if v in asserting)

    for a in ds.assertions:
        s, c = ds.source(a.source), ds.claim(a.claim)
        row: dict[str, Any] = {
            "id": a.id, "source": s.id, "source_name": s.name, "source_kind": s.kind.value,
            "source_reliability": s.reliability or "",
            "source_affiliated_with": ids(s.affiliated_with),
            "claim": c.id, "claim_text": c.text, "claim_about": ids(c.about),
            "cites": ";".join(a.cites), "hedged": "true" if a.hedged else "false",
            "copies": ";".join(a.copies), "quote": a.quote or "",
            **{mark: "true" if getattr(a, mark) else "" for mark in _MARKS},
        }
        if a.report is not None:
            r = reports[a.report]
            row.update(report=r.id, report_title=r.title or "",
                       published_by=ids((r.published_by,)) if r.published_by else "",
                       report_date=r.date.isoformat() if r.date else "", report_url=r.url or "")
        q = c.quantity
        if q is not None:
            for f in ("measure", "unit", "value", "min_value", "max_value", "per",
                      "period_start", "period_end", "kind", "as_of", "of", "per_population",
                      "currency", "forecaster", "made_on", "word"):
                value = getattr(q, f)
                row[f] = "" if value is None else (
                    value.isoformat() if hasattr(value, "isoformat") else str(value)
                    if f == "kind" else value)
            row["approximate"] = "true" if q.approximate else ""
            row["exact"] = "true" if q.exact else ""
        writer.writerow({k: _cell(v) if isinstance(v, str) else v for k, v in row.items()})
    return buf.getvalue()


def csv_reader(text: str) -> csv.DictReader[str]:
    """A CSV dict reader over text, with the dialect sniffed (comma, semicolon, tab).

    It is strict: a quote never closed is an error, not the rest of the file
    swallowed into one cell.
    """
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.DictReader(io.StringIO(text, newline=""), dialect=dialect, strict=True)


def _rows(reader: csv.DictReader[str], name: str) -> Iterator[dict[str, str]]:
    """The rows of ``reader``; a malformed row is a DatasetError naming its first line."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise DatasetError(name, f"malformed CSV ({e}): a quoted cell is not closed or a "
                               "quote stands inside an unquoted cell; fix the quotes",
                               line=start) from None
        yield row


#: Cell starts that a spreadsheet would run as a formula.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a formula-leading cell gets a leading quote
    (``'=HYPERLINK(...)``), which :func:`_uncell` takes off again on reading."""
    return "'" + value if value.startswith(_FORMULA) else value


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA) else value
