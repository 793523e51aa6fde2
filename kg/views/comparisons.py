"""What comparing figures found, as the report's sections: distortions, revisions, not comparable.

Three tables, each in HTML and in Markdown, every value escaped:

- **relays that change what they relay**: per distortion, the claim, who relays, whom,
  what changes, with the numbers;
- **forecast revisions**: a forecaster's two vintages of one forecast (not a contradiction);
- **figures not comparable**: two figures of one measure that were not compared, with
  the reason (a period unknown, a forecast's vintage unknown...).

Examples:
    >>> from kg.credibility import assess
    >>> from kg.synthetic import bound_changing_relay
    >>> ds = bound_changing_relay('Boiko <b>')
    >>> t = FigureTables.of(ds, assess(ds))
    >>> t.distortions[0][1:4]
    ('TASS', 'Boiko <b>', 'bound changed')
    >>> "Boiko &lt;b&gt;" in "".join(t.html()) and "<b>" not in "".join(t.html())
    True
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kg.model import Dataset
from kg.views.describe import id_namer
from kg.views.relays import CHANGE_WORDS

__all__ = ["FIGURE_SECTIONS", "FigureTables"]

#: Section id and heading of each table, in the report's order.
FIGURE_SECTIONS = (
    ("distortions", "Relays that change what they relay"),
    ("revisions", "Forecast revisions"),
    ("not-comparable", "Figures not comparable"),
)

e = html.escape
_MD = re.compile(r"([\\`*_\[\]|~])")


def _md(text: str) -> str:
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD.sub(r"\\\1", text)


@dataclass
class FigureTables:
    """The rows of the three tables, in words (claims by their text, sources by name)."""

    distortions: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    revisions: list[tuple[str, str, str]] = field(default_factory=list)
    not_comparable: list[tuple[str, str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, ds: Dataset, assessment: Any,
           name: Callable[[str], str] | None = None) -> FigureTables:
        """The tables of an assessment (empty without one)."""
        if assessment is None:
            return cls()
        name = name or id_namer(ds)
        texts = {c.id: c.text for c in ds.claims}
        sources = {s.id: s.name for s in ds.sources}
        by_id = {a.id: a for a in ds.assertions}
        out = cls()
        for d in getattr(assessment, "distortions", ()) or ():
            original = by_id.get(d.original)
            out.distortions.append((
                texts.get(d.claim, d.claim), sources.get(d.source, d.source),
                sources.get(original.source, "") if original else "",
                CHANGE_WORDS.get(d.kind, d.kind.replace("_", " ")), name(d.text)))
        for attr, rows in (("revisions", out.revisions),
                           ("not_comparable", out.not_comparable)):
            for note in getattr(assessment, attr, ()) or ():
                a, b = note.claims
                rows.append((texts.get(a, a), texts.get(b, b), name(note.reason)))
        return out

    def _sections(self) -> list[tuple[str, str, list[str], list[tuple[str, ...]], str]]:
        return [
            (*FIGURE_SECTIONS[0], ["claim", "relayed by", "relaying", "what changes",
                                   "with the numbers"], list(self.distortions),
             "No relay changes what it relays."),
            (*FIGURE_SECTIONS[1], ["forecast", "revised in", "how"], list(self.revisions),
             "No forecast revised."),
            (*FIGURE_SECTIONS[2], ["figure of", "and of", "why not compared"],
             list(self.not_comparable), "Every pair of figures of one measure was compared."),
        ]

    def html(self) -> list[str]:
        """The three sections as HTML."""
        out = []
        for sid, title, headers, rows, none in self._sections():
            out.append(f'<section id="{sid}"><h2>{e(title)}</h2>')
            if rows:
                head = "".join(f"<th>{e(h)}</th>" for h in headers)
                body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                               for row in rows)
                out.append(f'<table class="{sid}"><thead><tr>{head}</tr></thead>'
                           f"<tbody>{body}</tbody></table>")
            else:
                out.append(f"<p>{e(none)}</p>")
            out.append("</section>")
        return out

    def markdown(self) -> list[str]:
        """The three sections as Markdown lines."""
        out = []
        for _, title, headers, rows, none in self._sections():
            out += [f"## {title}", ""]
            if rows:
                out += ["| " + " | ".join(headers) + " |",
                        "|" + "---|" * len(headers)]
                out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
            else:
                out.append(none)
            out.append("")
        return out
