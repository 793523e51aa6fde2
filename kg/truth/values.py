"""Values as users write them, made comparable before truth discovery.

Sources write one value in many ways: ``"9:10 AM"``, ``"09:10"`` and ``"9:10a"``
are one time; ``"1,234"`` and ``"1234.0"`` one number; ``"Knuth | Graham"``
and ``"graham; knuth"`` one list. :func:`normalise_values` maps each written
value to a canonical one, so that agreeing sources are seen to agree. Rules,
applied per value (``kind="auto"``):

- **folding**: Unicode NFKC, surrounding whitespace stripped, runs of
  whitespace made one space, case folded;
- **time of day**: ``H:MM`` or ``HH:MM`` (optionally ``:SS``), with ``am``/``pm``/
  ``a``/``p`` or nothing, becomes ``HH:MM`` on a 24-hour clock (seconds kept if
  not zero);
- **date**: ``YYYY-MM-DD``, ``YYYY/MM/DD``, ``D Month YYYY``, ``Month D, YYYY``
  (month names or three-letter abbreviations) become ``YYYY-MM-DD``; a date
  written with a slash and two small numbers first (``03/04/2012``) is ambiguous
  and left as text;
- **number with an optional unit**: ``1,234``, ``1 234``, ``-3.5e2``, ``12 %``,
  ``3.2 km`` become the number in shortest form followed by the unit
  (``"1234"``, ``"12 %"``, ``"3.2 km"``); a comma followed by exactly three
  digits is a thousands separator;
- **list**: when the values of the set contain a separator (``--list-sep``, or
  detected: the first of ``|``, ``;``, ``/`` found in at least 5 % of values;
  a comma only if given explicitly, since ``Last, First`` and ``1,234`` also
  use it), each value is split on it, each item normalised as above, and the
  items sorted and joined by ``;``, the list form the set similarity reads
  (:mod:`kg.truth.similarity`).

``kind="names"`` reads each value as a list of person names and keeps the sorted
last names (:func:`kg.truth.normalize.author_key`, with a lexicon of last names
learnt from the values themselves, never from gold); ``kind="text"`` only folds;
``kind="none"`` keeps values as written.

Numbers within a relative tolerance: :func:`merge_close_numbers` then merges,
per object, numeric values within ``rel_tol`` of each other (chains included)
into the value of the group that most sources state (ties: the smallest).

Examples:
    >>> normalise_values(["9:10 AM", "09:10", "9:10a", " 9:10 pm "])
    ['09:10', '09:10', '09:10', '21:10']
    >>> normalise_values(["1,234", "1234.0", "3.20 KM", "Dec 1, 2012", "2012-12-01"])
    ['1234', '1234', '3.2 km', '2012-12-01', '2012-12-01']
    >>> normalise_values(["Knuth | Graham", "graham|KNUTH", "Patashnik"])
    ['graham;knuth', 'graham;knuth', 'patashnik']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Sequence
from typing import Any

from kg.truth.normalize import author_key, surname_lexicon

__all__ = ["VALUE_KINDS", "detect_list_separator", "merge_close_numbers", "normalise_values"]

#: What ``--values`` accepts.
VALUE_KINDS = ("auto", "names", "text", "none")

_SPACE = re.compile(r"\s+")
_TIME = re.compile(
    r"^(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ap>a\.?m?\.?|p\.?m?\.?)?$",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"^(?P<num>[-+]?(?:\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d+)?|[-+]?\.\d+)"
    r"\s*(?P<unit>[a-z%\u00b0\u00b5$\u20ac\u00a3][\w%\u00b0/.\- ]*)?$",
    re.IGNORECASE,
)
_MONTHS = {
    m: i + 1
    for i, ms in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in ms
}
_ISO_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_SEPARATORS = ("|", ";", "/")


def _fold(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _time(text: str) -> str | None:
    t = _TIME.match(text)
    if not t:
        return None
    h, m = int(t["h"]), int(t["m"])
    s = int(t["s"]) if t["s"] else 0
    if t["ap"]:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if t["ap"].lower().startswith("p") else 0)
    if h > 23 or m > 59 or s > 59:
        return None
    return f"{h:02d}:{m:02d}" + (f":{s:02d}" if s else "")


def _date(text: str) -> str | None:
    year = month = day = 0
    if d := _ISO_DATE.match(text):
        year, month, day = int(d[1]), int(d[2]), int(d[3])
    elif d := _DAY_MONTH.match(text):
        year, month, day = int(d[3]), _MONTHS.get(d[2], 0), int(d[1])
    elif d := _MONTH_DAY.match(text):
        year, month, day = int(d[3]), _MONTHS.get(d[1], 0), int(d[2])
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _number(text: str) -> str | None:
    n = _NUMBER.match(text)
    if not n:
        return None
    try:
        value = float(n["num"].replace(",", "").replace(" ", ""))
    except ValueError:
        return None
    shown = f"{value:.12g}"
    if "e" not in shown and "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    unit = (n["unit"] or "").strip()
    return f"{shown} {unit}" if unit else shown


def _one(text: str) -> str:
    folded = _fold(text)
    for parse in (_time, _date, _number):
        out = parse(folded)
        if out is not None:
            return out
    return folded


def detect_list_separator(values: Sequence[str], min_share: float = 0.05) -> str | None:
    """The list separator the values use: the first of ``| ; /`` in enough of them.

    Examples:
        >>> detect_list_separator(["a|b", "c", "d|e|f"])
        '|'
        >>> detect_list_separator(["Knuth, Donald", "1,234"]) is None
        True
    """
    if not values:
        return None
    for sep in _SEPARATORS:
        share = sum(1 for v in values if sep in v) / len(values)
        if share >= min_share:
            return sep
    return None


def normalise_values(
    values: Sequence[str], kind: str = "auto", *, list_sep: str | None = None
) -> list[str]:
    """Canonical forms of written values (see the module docstring for the rules).

    Args:
        values: The values as written, one per claim.
        kind: ``"auto"``, ``"names"``, ``"text"`` or ``"none"``.
        list_sep: The list separator; ``None`` detects one (``"auto"`` only).

    Returns:
        One canonical value per input value, in order.

    Raises:
        ValueError: For an unknown ``kind``.
    """
    if kind not in VALUE_KINDS:
        raise ValueError(f"unknown value kind {kind!r}; use one of {', '.join(VALUE_KINDS)}")
    if kind == "none":
        return list(values)
    if kind == "text":
        return [_fold(v) for v in values]
    if kind == "names":
        lexicon = surname_lexicon(values)
        return [author_key(v, lexicon) or _fold(v) for v in values]
    sep = list_sep if list_sep is not None else detect_list_separator(values)
    cache: dict[str, str] = {}
    out = []
    for v in values:
        if v not in cache:
            if sep and sep in v:
                items = sorted({_one(i) for i in v.split(sep) if i.strip()})
                cache[v] = ";".join(items)
            else:
                cache[v] = _one(v)
        out.append(cache[v])
    return out


def _as_number(text: str) -> tuple[float, str] | None:
    n = _NUMBER.match(text)
    if not n:
        return None
    try:
        return float(n["num"].replace(",", "").replace(" ", "")), (n["unit"] or "").strip()
    except ValueError:
        return None


def merge_close_numbers(
    rows: Sequence[tuple[Any, Hashable, str]], rel_tol: float
) -> list[tuple[Any, Hashable, str]]:
    """Merge, per object, numbers (same unit) within ``rel_tol`` of each other.

    Args:
        rows: ``(source, object, value)`` with normalised values.
        rel_tol: Relative tolerance; 0 leaves the rows as they are.

    Returns:
        The rows, each close number replaced by its group's most stated value.

    Examples:
        >>> rows = [("a", "x", "100"), ("b", "x", "100.4"), ("c", "x", "100"), ("d", "x", "90")]
        >>> [v for _, _, v in merge_close_numbers(rows, 0.01)]
        ['100', '100', '100', '90']
    """
    if rel_tol <= 0:
        return list(rows)
    by_object: dict[Hashable, Counter[str]] = {}
    for _, obj, value in rows:
        by_object.setdefault(obj, Counter())[value] += 1
    replace: dict[tuple[Hashable, str], str] = {}
    for obj, counts in by_object.items():
        parsed = [(p, v) for v in counts if (p := _as_number(v)) is not None]
        parsed.sort(key=lambda t: (t[0][1], t[0][0]))
        group: list[tuple[tuple[float, str], str]] = []
        for item in [*parsed, None]:
            if group and (
                item is None
                or item[0][1] != group[-1][0][1]
                or abs(item[0][0] - group[-1][0][0])
                > rel_tol * max(abs(item[0][0]), abs(group[-1][0][0]))
            ):
                best = max(group, key=lambda g: (counts[g[1]], -g[0][0]))[1]
                for _, v in group:
                    if v != best:
                        replace[(obj, v)] = best
                group = []
            if item is not None:
                group.append(item)
    return [(s, o, replace.get((o, v), v)) for s, o, v in rows]
