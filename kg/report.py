"""A self-contained credibility report for the reader, as HTML or Markdown.

Sections: a summary with the key findings; the source reliability table and the
claim credibility table with Admiralty grades; contradictions, stated and
detected; the findings; for each selected claim its explanation, provenance
chain view (HTML) or chains (Markdown) and quotes; the reports; a methods note.

Every value from the data is escaped, and a URL becomes a link only when it is
``http`` or ``https``.

Examples:
    >>> from kg.seed import seed_dataset
    >>> page = report_html(seed_dataset())
    >>> "RIA Novosti" in page and 'src="http' not in page
    True
    >>> safe_link("javascript:alert(1)")
    'javascript:alert(1)'
    >>> safe_link("https://example.org/a?b=1&c=2")
    '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">https://example.org/a?b=1&amp;c=2</a>'
    >>> md_escape("<b>*x*</b> | y")
    '&lt;b&gt;\\\\*x\\\\*&lt;/b&gt; \\\\| y'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kg.credibility.provenance import format_chain, provenance_chains
from kg.files import atomic_write_text
from kg.model import Dataset
from kg.version import credkg_version
from kg.views import NodeInfo, claim_view, grade_text, page
from kg.views.comparisons import FIGURE_SECTIONS, FigureTables
from kg.views.describe import assertion_quote, contradictions, flag_words, id_namer, plural, short
from kg.views.figures import figures_of
from kg.views.info import CLAIM_GRADES, SOURCE_GRADES, AssessmentLike, info_for
from kg.views.inline import report_style
from kg.views.style import KIND_STYLE

__all__ = ["REPORT_FORMATS", "Provenance", "md_escape", "report_html", "report_markdown",
           "report_pdf", "safe_link", "selected_claims", "write_report"]

#: ``--format`` values of ``kg report``.
REPORT_FORMATS = ("html", "md", "pdf")


@dataclass(frozen=True)
class Provenance:
    """Where a report comes from, for its header.

    Attributes:
        inputs: The input documents, each ``(name, SHA-256)``; empty for the bundled seed.
        generated: When the report was made (UTC).
        version: The credkg version that made it.
    """

    inputs: tuple[tuple[str, str], ...] = ()
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    version: str = field(default_factory=credkg_version)

    @classmethod
    def of_files(cls, files: Iterable[str | Path]) -> Provenance:
        """The provenance of a report on these files (their SHA-256 read now)."""
        out = []
        for f in files:
            digest = hashlib.sha256(Path(f).read_bytes()).hexdigest()
            out.append((Path(f).name, digest))
        return cls(inputs=tuple(out))

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) rows of the header."""
        docs = "; ".join(f"{n} (SHA-256 {h[:16]}\u2026)" for n, h in self.inputs) or \
            "the bundled seed dataset"
        return [("Generated", self.generated.strftime("%Y-%m-%d %H:%M UTC")),
                ("By", f"credkg {self.version}"),
                ("Input documents", docs)]

#: At most this many chain views when no claims are named.
MAX_DEFAULT_CLAIMS = 20

FINDING_TITLES = {
    "false_confirmation": "False confirmation (several relays, one origin)",
    "circular_reporting": "Circular reporting",
    "detected_contradiction": "Contradictions detected from the figures",
    "single_origin": "Resting on a single independent origin",
    "unjudgeable_origin": "No origin that can be judged",
    "interested_party": "Interested party",
    "distortion": "Relays that change what they relay (distortion)",
    "endorsement": "Vouching (endorsements)",
    "against_interest": "Statements against interest",
    "hedged_contradiction": "Hedged contradictions",
    "forecast_revision": "Forecast revisions",
    "not_comparable": "Figures that could not be compared",
}
#: Finding kinds with a section of their own (:mod:`kg.views.comparisons`), not listed again.
OWN_SECTIONS = frozenset({"distortion", "forecast_revision", "not_comparable"})

e = html.escape


def safe_link(url: str) -> str:
    """An ``<a>`` for http(s) URLs; any other scheme is shown as escaped text only."""
    if _is_http(url):
        return f'<a href="{e(url.strip())}" rel="noopener noreferrer">{e(url)}</a>'
    return e(url)


def _is_http(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_escape(text: str) -> str:
    """Text safe in Markdown (and in the HTML it becomes): markup characters escaped."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_link(url: str) -> str:
    if _is_http(url) and not re.search(r"[\s<>\"'`]", url.strip()):
        return f"<{url.strip()}>"
    return md_escape(url)


def selected_claims(ds: Dataset, claims: Sequence[str] | None,
                    assessment: AssessmentLike | None = None) -> list[str]:
    """The claims to show chain views for: those named, else the most telling ones.

    Without names: every claim when there are at most :data:`MAX_DEFAULT_CLAIMS`;
    otherwise contradicted claims first, then the lowest-graded, up to that many.

    Raises:
        NotFoundError: a named claim does not exist.
    """
    if claims:
        return [ds.claim(c).id for c in dict.fromkeys(claims)]
    ids = [c.id for c in ds.claims]
    if len(ids) <= MAX_DEFAULT_CLAIMS:
        return ids
    pairs = contradictions(ds, assessment)
    contested = {x for p in pairs for x in p}

    def rank(cid: str) -> tuple[int, int, str]:
        grade = assessment.claims[cid].grade if assessment and cid in assessment.claims else 0
        return (0 if cid in contested else 1, -grade, cid)

    return sorted(ids, key=rank)[:MAX_DEFAULT_CLAIMS]


class _Facts:
    """Everything both formats print, computed once."""

    def __init__(self, ds: Dataset, info: Mapping[str, NodeInfo],
                 assessment: AssessmentLike | None, claims: Sequence[str] | None) -> None:
        self.ds, self.info, self.assessment = ds, info, assessment
        self.selected = selected_claims(ds, claims, assessment)
        self.names = {s.id: s.name for s in ds.sources}
        self.texts = {c.id: c.text for c in ds.claims}
        self.pairs = contradictions(ds, assessment)
        reasons: dict[tuple[str, str], str] = {}
        for d in getattr(assessment, "detected", ()) or ():
            a, b = sorted(d.claims)
            reasons[(a, b)] = d.reason
        self.name = id_namer(ds)
        self.reasons = {k: self.name(v) for k, v in reasons.items()}
        self.reports = {r.id: r for r in ds.reports}
        self.findings: dict[str, list[Any]] = defaultdict(list)
        for f in (assessment.findings if assessment else ()):
            self.findings[f.kind].append(f)
        # known kinds in their order, then any new kind the engine adds, by its own words
        self.kinds = [k for k in FINDING_TITLES if k in self.findings] + sorted(
            k for k in self.findings if k not in FINDING_TITLES)
        # distortions, revisions and pairs not comparable have their own sections
        self.tables = FigureTables.of(ds, assessment, self.name)
        self.listed = [k for k in self.kinds if k not in OWN_SECTIONS]

    def title(self, kind: str) -> str:
        return FINDING_TITLES.get(kind) or flag_words(kind).capitalize()

    def subject(self, f: Any) -> str:
        """A finding's subject in words: the claim's text (shortened) or the source's name."""
        if f.subject in self.texts:
            return short(self.texts[f.subject], 120).rstrip(".")
        return self.names.get(f.subject) or self.name(str(f.subject))

    def flags(self, id: str) -> str:
        i = self.info.get(id)
        return ", ".join(flag_words(x) for x in i.flags) if i else ""

    def grade(self, id: str, default: str | None = None) -> tuple[str, str]:
        i = self.info.get(id)
        g = i.grade if i and i.grade else default
        return (g or "", "" if i is None or i.score is None else f"{i.score:.2f}")

    def summary(self) -> list[str]:
        ds = self.ds
        lines = [f"{plural(len(ds.sources), 'source')}, {plural(len(ds.reports), 'report')}, "
                 f"{plural(len(ds.claims), 'claim')}, {plural(len(ds.assertions), 'assertion')}, "
                 f"{plural(len(self.pairs), 'contradiction')}."]
        grades = Counter(self.grade(c.id)[0] for c in ds.claims)
        if any(grades):
            lines.append("Claim credibility: " + "; ".join(
                f"{n:,} graded {g} ({CLAIM_GRADES.get(g, '')})"
                for g, n in sorted(grades.items()) if g) + ".")
        for kind in self.kinds:
            found = self.findings[kind]
            subjects = {f.subject for f in found}
            if kind == "detected_contradiction":
                lines.append(f"{self.title(kind)}: {plural(len(found), 'pair')} of claims.")
            else:
                lines.append(f"{self.title(kind)}: "
                             f"{plural(len(subjects & set(self.texts)), 'claim')}"
                             + (f", {plural(len(subjects & set(self.names)), 'source')}"
                                if subjects & set(self.names) else "") + ".")
        return lines

    def chains(self, claim_id: str) -> list[str]:
        return [format_chain(self.ds, ch, arrow=" \u2192 ")
                for ch in provenance_chains(self.ds, claim_id)]

    def explanation(self, claim_id: str) -> str:
        i = self.info.get(claim_id)
        return self.name(i.explanation) if i and i.explanation else ""


def _badge(grade: str, score: str = "") -> str:
    if not grade:
        return '<span class="grade g-none">\u2013</span>'
    meaning = SOURCE_GRADES.get(grade) or CLAIM_GRADES.get(grade) or ""
    cls = f"g-{grade}"
    sc = f' <span class="score">{e(score)}</span>' if score else ""
    return f'<span class="grade {cls}" title="{e(meaning)}">{e(grade)}</span>{sc}'


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], cls: str) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _scales_html() -> str:
    rows = []
    for name, grades in (("Source reliability", SOURCE_GRADES), ("Claim credibility",
                                                                  CLAIM_GRADES)):
        chips = " ".join(f"{_badge(g)} {e(meaning)}" for g, meaning in grades.items())
        rows.append(f"<tr><th>{e(name)}</th><td>{chips}</td></tr>")
    return ('<table class="scales">' + "".join(rows) + "</table>"
            '<p class="note">Colours: ColorBrewer RdYlBu (colour-blind safe, print friendly), '
            "blue for the best grade to red for the worst; grey for "
            "\u201ccannot be judged\u201d, which is not a judgement of worse.</p>")


def _header_html(title: str, prov: Provenance) -> str:
    rows = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in prov.lines())
    docs = "".join(f"<li><code>{e(n)}</code> SHA-256 <code class='hash'>{e(h)}</code></li>"
                   for n, h in prov.inputs)
    return (f"<header><h1>{e(title)}</h1>"
            '<p class="lede">How credible each claim and source is, and why: provenance '
            "chains, independent origins, contradictions.</p>"
            f'<table class="provenance">{rows}<tr><th>Method</th><td>Admiralty grades from '
            "provenance chains and subjective logic (see Methods)</td></tr></table>"
            + (f'<ul class="inputs">{docs}</ul>' if docs else "")
            + _scales_html() + "</header>")


def report_html(ds: Dataset, info: Mapping[str, NodeInfo] | None = None,
                title: str = "credkg report", *, assessment: AssessmentLike | None = None,
                claims: Sequence[str] | None = None, provenance: Provenance | None = None,
                static_chains: bool = False) -> str:
    """The report as one self-contained HTML page (vis-network inlined once).

    Args:
        ds: The dataset.
        info: Grades, scores and explanations per source and claim id, if scored.
        title: The heading.
        assessment: The credibility assessment: bases, findings, detected contradictions.
        claims: Claim ids to show chain views for (default: see :func:`selected_claims`).
        provenance: Inputs, date and version for the header (default: now, no files).
        static_chains: Draw the chains as SVG pictures (for print and PDF) instead of
            interactive views.
    """
    from kg.views.static import to_svg

    f = _Facts(ds, info_for(info, assessment), assessment, claims)
    out: list[str] = [_header_html(title, provenance or Provenance()),
                      '<nav class="toc">Contents: <a href="#summary">summary</a> \u00b7 '
                      '<a href="#sources">sources</a> \u00b7 <a href="#claims">claims</a> '
                      '\u00b7 <a href="#contradictions">contradictions</a> \u00b7 '
                      + "".join(f'<a href="#{i}">{e(t.lower())}</a> \u00b7 '
                                for i, t in FIGURE_SECTIONS) +
                      '<a href="#findings">findings</a> \u00b7 <a href="#chains">claims in '
                      'detail</a> \u00b7 <a href="#reports">reports</a> \u00b7 '
                      '<a href="#methods">methods</a></nav>',
                      '<section id="summary"><h2>Summary</h2><ul class="summary">',
                      *(f"<li>{e(x)}</li>" for x in f.summary()), "</ul></section>"]
    basis = {sid: sa.basis for sid, sa in assessment.sources.items()} if assessment else {}
    rows = []
    for s in sorted(ds.sources, key=lambda s: (f.grade(s.id, s.reliability)[0] or "Z", s.name)):
        g, sc = f.grade(s.id, s.reliability)
        i = f.info.get(s.id)
        rows.append([f"<strong>{e(s.name)}</strong>"
                     + (f'<br><span class="aliases">{e(", ".join(s.aliases))}</span>'
                        if s.aliases else ""),
                     e(KIND_STYLE[s.kind.value].label), _badge(g, sc),
                     e(basis.get(s.id, "analyst" if s.reliability else "")),
                     e(f.name(i.explanation) if i and i.explanation else "")])
    out += ['<section id="sources"><h2>Source reliability</h2>',
            '<p class="note">Admiralty code: A completely reliable, B usually reliable, C fairly '
            "reliable, D not usually reliable, E unreliable, F reliability cannot be judged.</p>",
            _table(["source", "kind", "grade", "basis", "explanation"], rows, "sources"),
            "</section>"]
    rows = []
    for c in sorted(ds.claims, key=lambda c: (f.grade(c.id)[0] or "9", c.id)):
        g, sc = f.grade(c.id)
        ca = assessment.claims.get(c.id) if assessment else None
        origins = (f"{ca.independent_origins} independent of {len(ca.origins)}" if ca else
                   str(len({ch[-1] for ch in provenance_chains(ds, c.id)})))
        link = (f'<a href="#claim-{e(c.id)}">{e(c.text)}</a>' if c.id in f.selected
                else e(c.text))
        rows.append([link, _badge(g, sc), e(origins),
                     "<br>".join(e(x) for x in f.chains(c.id)) or "<em>no assertion</em>",
                     e(f.flags(c.id))])
    out += ['<section id="claims"><h2>Claim credibility</h2>',
            '<p class="note">Admiralty code: 1 confirmed by other sources, 2 probably true, 3 '
            "possibly true, 4 doubtful, 5 improbable, 6 truth cannot be judged.</p>",
            _table(["claim", "grade", "origins", "provenance chains", "findings"], rows,
                   "claims"), "</section>"]
    rows = [[e(f.texts[a]), e(f.texts[b]), e(how), e(f.reasons.get((a, b), ""))]
            for (a, b), how in sorted(f.pairs.items())]
    out += ['<section id="contradictions"><h2>Contradictions</h2>',
            _table(["claim", "contradicted by", "how known", "why"], rows, "contradictions")
            if rows else "<p>None stated or detected.</p>", "</section>"]
    out += f.tables.html()
    out.append('<section id="findings"><h2>Findings</h2>')
    if not f.listed:
        out.append("<p>Not scored, or nothing found.</p>")
    for kind in f.listed:
        out.append(f"<h3>{e(f.title(kind))}</h3><ul>")
        out += [f"<li><strong>{e(f.subject(x))}</strong> \u2014 {e(f.name(x.text))}</li>"
                for x in f.findings[kind]]
        out.append("</ul>")
    out.append("</section>")
    out.append('<section id="chains"><h2>Claims in detail</h2>')
    for cid in f.selected:
        c = ds.claim(cid)
        g, sc = f.grade(cid)
        view = claim_view(ds, cid, f.info, assessment=assessment, title="Provenance chain")
        view.height = "380px"
        view.chrome = False  # embedded: no search, buttons or panel; hover still explains
        view.view_id = f"credkg-chain-{re.sub(r'[^A-Za-z0-9_-]', '_', cid)}"
        drawn = (f'<figure class="chain">{to_svg(view)}</figure>' if static_chains
                 else view.fragment(assets=False))
        quotes = [assertion_quote(ds, a, f.reports) for a in ds.assertions_of(cid)]
        out += [f'<article class="claim" id="claim-{e(cid)}">',
                f"<h3>{_badge(g, sc)} {e(c.text)}</h3>",
                f'<p class="explanation">{e(f.explanation(cid)) or "Not scored."}</p>',
                *(['<ul class="figures">', *(f"<li>{e(x)}</li>" for x in figures_of(c)),
                   "</ul>"] if c.all_quantities else []),
                drawn, "<h4>Who asserts it</h4><ul class='quotes'>"]
        for q in quotes:
            where = ", ".join(x for x in (q["report"], q["date"]) if x)
            out.append(f"<li><strong>{e(q['source'])}</strong>"
                       + (' <span class="hedged">hedged</span>' if q["hedged"] else "")
                       + (f" \u2014 {e(where)}" if where else "")
                       + (f"<blockquote>\u201c{e(q['quote'])}\u201d</blockquote>"
                          if q["quote"] else "") + "</li>")
        out.append("</ul></article>")
    out.append("</section>")
    rows = [[e(r.title or r.id), e(f.names[r.published_by]) if r.published_by else "",
             e(r.date.isoformat()) if r.date else "", safe_link(r.url) if r.url else ""]
            for r in ds.reports]
    out += ['<section id="reports"><h2>Reports</h2>',
            _table(["report", "published by", "date", "URL"], rows, "reports"), "</section>",
            f'<section id="methods"><h2>Methods</h2>{"".join(f"<p>{e(p)}</p>" for p in METHODS)}'
            "</section>"]
    return page(title, "\n".join(out), extra_style=report_style())


def report_markdown(ds: Dataset, info: Mapping[str, NodeInfo] | None = None,
                    title: str = "credkg report", *, assessment: AssessmentLike | None = None,
                    claims: Sequence[str] | None = None, provenance: Provenance | None = None,
                    chain_pictures: Mapping[str, str] | None = None) -> str:
    """The report as Markdown: the same sections, with chains as text and SVG pictures.

    Args:
        chain_pictures: Claim id to the relative path of its chain's SVG picture
            (:func:`write_report` writes them beside the Markdown file).
    """
    f = _Facts(ds, info_for(info, assessment), assessment, claims)
    prov = provenance or Provenance()
    out = [f"# {md_escape(title)}", ""]
    out += [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in prov.lines()]
    out += ["- **Method:** Admiralty grades from provenance chains and subjective logic "
            "(see Methods)",
            "- **Source reliability:** " + "; ".join(f"{g} {md_escape(m)}"
                                                     for g, m in SOURCE_GRADES.items()),
            "- **Claim credibility:** " + "; ".join(f"{g} {md_escape(m)}"
                                                    for g, m in CLAIM_GRADES.items()),
            "", "## Summary", ""]
    out += [f"- {md_escape(x)}" for x in f.summary()]
    basis = {sid: sa.basis for sid, sa in assessment.sources.items()} if assessment else {}
    out += ["", "## Source reliability", "",
            "| source | kind | grade | score | basis | explanation |", "|---|---|---|---|---|---|"]
    for s in sorted(ds.sources, key=lambda s: (f.grade(s.id, s.reliability)[0] or "Z", s.name)):
        g, sc = f.grade(s.id, s.reliability)
        i = f.info.get(s.id)
        out.append("| " + " | ".join(md_escape(x) for x in (
            s.name, KIND_STYLE[s.kind.value].label, grade_text(g) if g else "-", sc,
            basis.get(s.id, "analyst" if s.reliability else ""),
            f.name(i.explanation) if i and i.explanation else "")) + " |")
    out += ["", "## Claim credibility", "",
            "| claim | grade | score | provenance chains | findings |", "|---|---|---|---|---|"]
    for c in sorted(ds.claims, key=lambda c: (f.grade(c.id)[0] or "9", c.id)):
        g, sc = f.grade(c.id)
        out.append("| " + " | ".join([
            md_escape(c.text), md_escape(grade_text(g) if g else "-"), sc,
            "<br>".join(md_escape(x) for x in f.chains(c.id)),
            md_escape(f.flags(c.id))]) + " |")
    out += ["", "## Contradictions", ""]
    if f.pairs:
        out += ["| claim | contradicted by | how known | why |", "|---|---|---|---|"]
        out += ["| " + " | ".join(md_escape(x) for x in (
            f.texts[a], f.texts[b], how, f.reasons.get((a, b), ""))) + " |"
            for (a, b), how in sorted(f.pairs.items())]
    else:
        out.append("None stated or detected.")
    out += ["", *f.tables.markdown(), "## Findings", ""]
    for kind in f.listed:
        out += [f"### {md_escape(f.title(kind))}", ""]
        out += [f"- **{md_escape(f.subject(x))}** \u2014 {md_escape(f.name(x.text))}"
                for x in f.findings[kind]]
        out.append("")
    out += ["## Claims in detail", ""]
    for cid in f.selected:
        g, _ = f.grade(cid)
        out += [f"### {md_escape(ds.claim(cid).text)}", "",
                f"Credibility {md_escape(grade_text(g))}. "
                + md_escape(f.explanation(cid) or "Not scored."), ""]
        figures = figures_of(ds.claim(cid))
        out += [*(f"- Figure: {md_escape(x)}" for x in figures), *([""] if figures else [])]
        if chain_pictures and cid in chain_pictures:
            out += [f"![Provenance chain of: {md_escape(short(ds.claim(cid).text, 80))}]"
                    f"(<{chain_pictures[cid]}>)", ""]
        out += ["Provenance chains:", ""]
        out += [f"- {md_escape(x)}" for x in f.chains(cid)]
        out.append("")
        for a in ds.assertions_of(cid):
            q = assertion_quote(ds, a, f.reports)
            where = ", ".join(x for x in (q["report"], q["date"]) if x)
            out.append(f"- **{md_escape(q['source'])}**" + (" (hedged)" if q["hedged"] else "")
                       + (f", {md_escape(where)}" if where else "")
                       + (f": \u201c{md_escape(q['quote'])}\u201d" if q["quote"] else ""))
        out.append("")
    out += ["## Reports", "", "| report | published by | date | URL |", "|---|---|---|---|"]
    out += ["| " + " | ".join([md_escape(r.title or r.id),
                               md_escape(f.names[r.published_by]) if r.published_by else "",
                               r.date.isoformat() if r.date else "",
                               _md_link(r.url) if r.url else ""]) + " |" for r in ds.reports]
    out += ["", "## Methods", "", *(x for p in METHODS for x in (md_escape(p), ""))]
    return "\n".join(out)


def write_report(ds: Dataset, path: str | Path, info: Mapping[str, NodeInfo] | None = None,
                 title: str = "credkg report", *, assessment: AssessmentLike | None = None,
                 claims: Sequence[str] | None = None, fmt: str = "html",
                 provenance: Provenance | None = None) -> Path:
    """Write the report as HTML (``fmt="html"``), Markdown (``"md"``) or PDF, atomically.

    Markdown gets its chains as SVG pictures in a folder beside it
    (``report.md`` -> ``report-chains/``); PDF is the HTML with SVG chains,
    printed by headless Chromium (:func:`report_pdf`).

    Raises:
        CredkgError: PDF asked for and Chromium missing or failing.
    """
    path = Path(path)
    if fmt == "md":
        from kg.views.static import write_svg

        pictures: dict[str, str] = {}
        folder = path.with_name(path.stem + "-chains")
        for k, cid in enumerate(selected_claims(ds, claims, assessment), 1):
            view = claim_view(ds, cid, info_for(info, assessment), assessment=assessment,
                              title=f"Provenance: {short(ds.claim(cid).text, 80)}")
            write_svg(view, folder / f"claim-{k}.svg")
            pictures[cid] = f"{folder.name}/claim-{k}.svg"
        return atomic_write_text(path, report_markdown(
            ds, info, title, assessment=assessment, claims=claims, provenance=provenance,
            chain_pictures=pictures))
    if fmt == "pdf":
        page_html = report_html(ds, info, title, assessment=assessment, claims=claims,
                                provenance=provenance, static_chains=True)
        return report_pdf(page_html, path)
    return atomic_write_text(path, report_html(ds, info, title, assessment=assessment,
                                               claims=claims, provenance=provenance))


def report_pdf(page_html: str, path: str | Path) -> Path:
    """Print an HTML report to PDF with headless Chromium (A4, backgrounds kept), atomically.

    Raises:
        CredkgError: no Chromium was found, or it wrote no PDF.
    """
    import subprocess
    import tempfile

    from kg.errors import CredkgError
    from kg.files import atomic_write_bytes
    from kg.views.static import find_chromium

    chromium = find_chromium()
    if chromium is None:
        raise CredkgError("--format pdf needs Chromium: install it (Debian: apt-get install "
                          "chromium) or set KG_CHROMIUM to its path; or use --format html")
    with tempfile.TemporaryDirectory(prefix="credkg-pdf-") as tmp:
        src, out = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        src.write_text(page_html, encoding="utf-8")
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-sync", "--disable-component-update",
               f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
               "--run-all-compositor-stages-before-draw", "--virtual-time-budget=10000",
               f"--print-to-pdf={out}", src.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=180, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise CredkgError(f"Chromium ({chromium}) failed to print the PDF: {exc}") from exc
        if not out.is_file() or out.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise CredkgError(f"Chromium ({chromium}) wrote no PDF (exit {done.returncode}): "
                              f"{tail[0]}")
        return atomic_write_bytes(path, out.read_bytes())


METHODS = (
    "Sources, reports, claims and assertions were recorded by an analyst (or imported) in "
    "credkg's data model; every assertion keeps who asserted which claim, in which report, "
    "citing whom, with the exact quote and whether it was hedged.",
    "A provenance chain follows each assertion through the assertions it cites back to "
    "origins, assertions that cite nobody. Relays add no independent corroboration: several "
    "outlets relaying one origin count once (a false confirmation).",
    "Source reliability uses the Admiralty scale A\u2013F: the analyst's grade where given, "
    "else a track record from fact-check verdicts, an affiliation, or a default by kind "
    "(anonymous sources and unnamed documents cannot be judged, F).",
    "Claim credibility uses the Admiralty scale 1\u20136, computed with subjective logic: "
    "each independent origin's opinion, discounted by the reliability of each relay and by "
    "hedging and interested parties, is fused across independent origins and weighed "
    "against contradicting claims, stated by the analyst or detected from structured "
    "quantities (same measure, overlapping period, incompatible values).",
    "Grades are aids to judgement, not verdicts: read each explanation, and the quotes it "
    "rests on, before relying on a grade.",
)
