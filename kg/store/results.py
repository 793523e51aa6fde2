"""Query results: rows of Python values, and their output formats.

A :class:`Results` holds the answer to a SELECT (variables and rows of RDF
terms), an ASK (a boolean) or a CONSTRUCT/DESCRIBE (triples). Iterating it
gives :class:`Row` dicts of plain Python values (IRIs and strings as ``str``,
numbers as ``int``/``float``, booleans as ``bool``, unbound as ``None``);
:meth:`Results.to_dataframe` gives a pandas DataFrame. :func:`format_results`
renders SPARQL JSON, SPARQL XML, CSV and TSV as the W3C specifications define
them, and :func:`table` an aligned table for the terminal.

Examples:
    >>> import pyoxigraph as ox
    >>> r = Results(["s", "n"], [(ox.NamedNode("https://example.org/a"),
    ...                           ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")))])
    >>> list(r)
    [{'s': 'https://example.org/a', 'n': 3}]
    >>> format_results(r, "csv").splitlines()
    ['s,n', 'https://example.org/a,3']
    >>> format_results(r, "tsv").splitlines()
    ['?s\\t?n', '<https://example.org/a>\\t3']
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.model import DEFAULT_BASE

if TYPE_CHECKING:
    import pandas
    from rich.table import Table

__all__ = ["FORMATS", "XSD", "Results", "Row", "format_results", "python_value", "table"]

XSD = "http://www.w3.org/2001/XMLSchema#"
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

#: Output formats: name -> media type.
FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
_INTEGERS = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_FLOATS = {XSD + "decimal", XSD + "double", XSD + "float"}
#: Short forms used in terminal tables (never in machine-readable formats).
PREFIXES = {
    "cred:": "https://w3id.org/credkg/ns#",
    "": DEFAULT_BASE,
}


class Row(dict[str, Any]):
    """One solution: variable name -> Python value (``None`` when unbound)."""


def python_value(term: Term | None) -> Any:
    """A term as a plain Python value.

    Examples:
        >>> python_value(ox.Literal("0.5", datatype=ox.NamedNode(XSD + "decimal")))
        0.5
        >>> python_value(ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")))
        True
        >>> python_value(ox.Literal("B")), python_value(None)
        ('B', None)
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return term.value
    return str(term)


class Results(Sequence[Row]):
    """The answer to a query.

    Args:
        variables: Column names of a SELECT (empty for ASK and CONSTRUCT).
        rows: Tuples of terms (``None`` when unbound), one per solution.
        boolean: The answer of an ASK.
        triples: The triples of a CONSTRUCT or DESCRIBE.
        truncated: True when a row cap cut the answer short.
    """

    def __init__(
        self,
        variables: Sequence[str] = (),
        rows: Sequence[tuple[Term | None, ...]] = (),
        *,
        boolean: bool | None = None,
        triples: Sequence[ox.Triple] | None = None,
        truncated: bool = False,
    ) -> None:
        self.variables = list(variables)
        self.terms = list(rows)
        self.boolean = boolean
        self.triples = None if triples is None else list(triples)
        self.truncated = truncated

    @property
    def kind(self) -> str:
        """ "select", "ask" or "graph"."""
        if self.boolean is not None:
            return "ask"
        return "graph" if self.triples is not None else "select"

    def __len__(self) -> int:
        return len(self.terms)

    def __getitem__(self, i: int) -> Row:  # type: ignore[override]
        return Row(zip(self.variables, map(python_value, self.terms[i]), strict=True))

    def __iter__(self) -> Iterator[Row]:
        for i in range(len(self.terms)):
            yield self[i]

    def __repr__(self) -> str:
        if self.kind == "ask":
            return f"<Results ask {self.boolean}>"
        if self.kind == "graph":
            return f"<Results {len(self.triples or [])} triples>"
        return f"<Results {len(self)} rows of {', '.join(self.variables)}>"

    def tuples(self) -> list[tuple[Any, ...]]:
        """The rows as tuples of Python values, in column order."""
        return [tuple(map(python_value, row)) for row in self.terms]

    def to_dataframe(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame (needs pandas installed).

        Raises:
            ImportError: pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - pandas is optional
            raise ImportError("to_dataframe() needs pandas: pip install pandas") from None
        return pd.DataFrame(self.tuples(), columns=self.variables)


def _short(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return prefix + term.value[len(ns):]
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def table(results: Results, *, title: str | None = None) -> Table:
    """An aligned rich table of the results, IRIs shortened (``cred:``, ``:`` for ids).

    Untrusted text is shown as plain text (no rich markup is interpreted).
    """
    from rich.table import Table
    from rich.text import Text

    out = Table(title=title, show_lines=False, header_style="bold")
    if results.kind == "ask":
        out.add_column("answer")
        out.add_row(Text(str(results.boolean).lower()))
        return out
    if results.kind == "graph":
        for name in ("subject", "predicate", "object"):
            out.add_column(name)
        for t in results.triples or []:
            out.add_row(*(Text(_short(x)) for x in (t.subject, t.predicate, t.object)))
        return out
    for v in results.variables:
        out.add_column(v, overflow="fold")
    for row in results.terms:
        out.add_row(*(Text(_short(x)) for x in row))
    return out


def format_results(results: Results, fmt: str) -> str:
    """The results in ``fmt``: "json", "xml", "csv" or "tsv" (SELECT/ASK), or for
    CONSTRUCT results "turtle" / "nt" (also chosen for the other names).

    Raises:
        ValueError: an unknown format.
    """
    if results.kind == "graph":
        rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
        data = ox.serialize(results.triples or [], format=rdf_format,
                            prefixes={"cred": PREFIXES["cred:"]} if fmt == "turtle" else None)
        return (data or b"").decode("utf-8")
    writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}.get(fmt)
    if writer is None:
        raise ValueError(f"unknown results format {fmt!r}; use one of json, xml, csv, tsv")
    return writer(results)


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {
        "subject": _json_term(term.subject), "predicate": _json_term(term.predicate),
        "object": _json_term(term.object)}}


def _json(results: Results) -> str:
    if results.kind == "ask":
        return json.dumps({"head": {}, "boolean": results.boolean}) + "\n"
    bindings = [
        {v: _json_term(t) for v, t in zip(results.variables, row, strict=True) if t is not None}
        for row in results.terms
    ]
    return json.dumps(
        {"head": {"vars": results.variables}, "results": {"bindings": bindings}},
        ensure_ascii=False,
    ) + "\n"


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD + "string":
            return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                    f"{escape(term.value)}</literal>")
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml(results: Results) -> str:
    head = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
    if results.kind == "ask":
        return head + f"<head/>\n<boolean>{str(results.boolean).lower()}</boolean>\n</sparql>\n"
    parts = [head, "<head>"]
    parts += [f"<variable name={quoteattr(v)}/>" for v in results.variables]
    parts.append("</head>\n<results>\n")
    for row in results.terms:
        parts.append("<result>")
        parts += [
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(results.variables, row, strict=True) if t is not None
        ]
        parts.append("</result>\n")
    parts.append("</results>\n</sparql>\n")
    return "".join(parts)


def _csv(results: Results) -> str:
    buffer = io.StringIO()
    w = csv.writer(buffer, lineterminator="\r\n")
    if results.kind == "ask":
        w.writerow(["boolean"])
        w.writerow([str(results.boolean).lower()])
        return buffer.getvalue()
    w.writerow(results.variables)
    for row in results.terms:
        w.writerow([
            "" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else
                                  t.value if isinstance(t, ox.NamedNode | ox.Literal) else str(t))
            for t in row
        ])
    return buffer.getvalue()


_BARE = {
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+"),
    XSD + "boolean": re.compile(r"true|false"),
}


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and not term.language:
        # a bare number or boolean only where Turtle's grammar reads back the same type
        bare = _BARE.get(term.datatype.value)
        if bare is not None and bare.fullmatch(term.value):
            return term.value
    return str(term)


def _tsv(results: Results) -> str:
    if results.kind == "ask":
        return f"?boolean\n{str(results.boolean).lower()}\n"
    lines = ["\t".join(f"?{v}" for v in results.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in results.terms]
    return "\n".join(lines) + "\n"
