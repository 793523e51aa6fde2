"""Drafting one document: sentences to claims, figures to quantities, attributions to chains.

Every sentence of the running text (and the headline, marked ``# CHECK: headline``)
becomes one claim per figure it states (or one claim if it states none), asserted by a
chain of sources, origin first:

    cited origin ("citing Z")  <-  speaker ("X said")  <-  relay ("told Y")
        <-  wire agency of the dateline ("(Reuters) -")  <-  the publisher

Sentences of a quote without their own attribution go to the quote's speaker in the same
paragraph. Every id starts with the document's slug, so the drafts of many articles load
into one store together. Items the rules are unsure of carry a ``CHECK`` note, and the
:class:`DraftReport` lists what was found, what was skipped and why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from kg.drafting.attribution import Attribution, attribute
from kg.drafting.chain_rules import ChainRules
from kg.drafting.coordination import split_speakers
from kg.drafting.documents import same_documents
from kg.drafting.events import article_events
from kg.drafting.figure_periods import FigurePeriods, mark_rounded, redate
from kg.drafting.figures import figure_clause, find_figures, written_numbers
from kg.drafting.headline_tag import LEAD_PARAGRAPHS, carries, headline_tag
from kg.drafting.inputs import MAX_SENTENCE, Article, sentences
from kg.drafting.known_names import recognise
from kg.drafting.lists import govern, is_item, list_intro
from kg.drafting.periods import parse_day
from kg.drafting.polls import RESPONDENTS, scan_polls
from kg.drafting.respectively import by_year
from kg.drafting.sources import DocumentSources
from kg.drafting.speaker_rules import owned_figure
from kg.drafting.unsourced import background_clauses, is_statistic
from kg.drafting.votes import polling_day
from kg.model import Assertion, Claim, Dataset, Quantity, Report, Source

__all__ = ["DraftReport", "draft_article"]

UNNAMED_PUBLISHER = "Publisher of the article (unnamed)"


@dataclass
class DraftReport:
    """What a draft found, and what it skipped and why (``kg extract --report``)."""

    name: str
    sources: int = 0
    claims: int = 0
    figures: int = 0
    assertions: int = 0
    checks: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as lines of text."""
        out = [f"{self.name}: {self.sources} sources, {self.claims} claims ({self.figures} "
               f"with a figure), {self.assertions} assertions, {self.checks} CHECK notes"]
        for text, why in self.skipped:
            short = text if len(text) <= 70 else text[:67] + "..."
            out.append(f"  skipped ({why}): {short}")
        return out


def _segments(claim: str) -> list[str]:
    """A claim split where the text joins two statements (", and", ", but", "; ")."""
    parts = [p for p in re.split(
        r",\s+(?:and|but|while|whereas)\s+(?!(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
        r"dec)[a-z]*\.?\s+\d)|;\s+|\s+and\s+(?=(?:the\s+|an?\s+)?(?:[A-Z][\w'\u2019-]*\s+)+"
        r"(?:forces|troops|officials|authorities|[a-z]+s)?\s*(?:had|has|have|was|were|is|are|will|"
        r"said|[a-z]{3,}ed)\b)", claim) if p.strip()]
    out: list[str] = []
    for p in parts:
        if out and (len(p.split()) < 4 or len(out[-1].split()) < 4):
            out[-1] = out[-1] + ", " + p
        else:
            out.append(p)
    return out or [claim]


def _sentence_case(text: str) -> str:
    text = text.strip(" ,;")
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "\u201d", '"')) else text + "."


#: "That was the assessment of X", "This is according to X": X says the sentence before.
_BACK = re.compile(r"^(?:That|This|It|Those|These)\s+(?:was|is|were|are)\s+(?:also\s+)?(?:"
                   r"according\s+to|(?:the\s+)?(?:assessment|view|conclusion|estimate|finding|"
                   r"judge?ment|verdict|position|reading|tally|count)s?\s+(?:of|by|from))\s+"
                   r"(?P<np>[^.;,]{2,120}?)\.?$")
#: "X previously reported": the outlet's earlier report, relayed by today's.
_EARLIER = re.compile(r"\b(?:previously|earlier|first|had)\s+(?:reported|said|wrote|revealed)\b")
#: A sentence that opens a quotation ('"We will ...', 'Quote: "...').
_QUOTE_START = re.compile(r"\s*(?:(?:Quote|Quotes|Direct speech)\s*:\s*)?[\"\u201c]")
_ROLE_WORDS = frozenset({
    "correspondent", "journalist", "reporter", "editor", "columnist", "writer", "commentator",
    "economist", "analyst", "director", "head", "chief", "manager", "professor", "researcher",
    "spokesperson", "spokesman", "spokeswoman", "official", "officer", "adviser", "advisor",
    "minister", "secretary", "president", "chairman", "chair", "member", "fellow", "scientist",
    "lecturer", "lawyer", "commander", "governor", "ambassador", "representative", "founder",
    "strategist", "expert", "epidemiologist", "doctor", "physician", "surgeon", "leader"})
class _Drafter(ChainRules):
    def __init__(self, article: Article, slug: str) -> None:
        self.a = article
        self.slug = slug
        self.src = DocumentSources(slug)
        self.claims: list[dict[str, Any]] = []
        self.assertions: list[dict[str, Any]] = []
        self.reports: dict[str, dict[str, Any]] = {}
        self.notes: dict[str, list[str]] = {}
        self.report = DraftReport(slug, skipped=list(article.skipped))
        self.headline_claims: set[str] = set()
        self.prev_claims: list[str] = []  # the claims of the sentence before
        self.prev_speaker: str | None = None  # the last speaker of the previous paragraph
        self.open_quote = False  # the previous paragraph ended inside a quotation
        self.governing: tuple[str, str | None] | None = None  # "X reported:" over a list
        self.tag: tuple[str, frozenset[str]] | None = None
        self.unsourced_doc: str | None = None  # the article's unattributed statistics
        self.doc_voice: str | None = None  # the study or data the last sentence credited
        self.doc_owners: set[str] = set()  # sources named as the owners of data
        name = article.publisher or UNNAMED_PUBLISHER
        self.publisher = self.src.add(name, "news_outlet", article.publisher_aliases)
        if article.publisher is None:
            self.src.note(self.publisher, "CHECK: the outlet that published the article; name "
                          "it (kg extract --outlet/--url) if known")
        elif article.publisher_from:
            self.src.note(self.publisher, f"CHECK: publisher read from {article.publisher_from}"
                          "; if another outlet published the article, name it (--outlet/--url)")
        self.article_report = f"{slug}-article"
        self.reports[self.article_report] = {
            "id": self.article_report, "published_by": self.publisher,
            **({"title": article.headline} if article.headline else {}),
            **({"date": article.date} if article.date else {}),
            **({"url": article.url} if article.url else {})}
        self.ref = article.date or article.date_guessed
        self.events = article_events(" ".join([article.headline or "", *article.paragraphs]))
        self.polls = scan_polls([t for par in article.paragraphs for t in sentences(par)],
                                self.ref)
        self.periods = FigurePeriods(self.ref, self.events, self.polls.period,
                                     polling_day(self._text(), self.ref))
        if article.date is None:
            self.note(self.article_report, "CHECK: the article's date was not found (give "
                      "--date); periods and 'last year' need it" + (
                          f"; periods are read as of {self.ref}, the latest date the text "
                          "names" if self.ref else ""))
        self.agency = self.src.add(article.agency, "news_outlet") if article.agency else None
        if article.byline:
            self.src.add(article.byline, "person",
                         affiliated_with=[self.agency or self.publisher],
                         note="Byline of the article.")

    def note(self, rid: str, text: str) -> None:
        if text not in self.notes.setdefault(rid, []):
            self.notes[rid].append(text)

    def run(self) -> None:
        if self.a.headline:
            self.paragraph([self.a.headline], headline=True)
        for par in self.a.standfirst:
            self.paragraph([par], headline=True)
        self.tag = headline_tag(self.a.headline)  # "..., X says": X's figures in the lead
        for i, par in enumerate(self.a.paragraphs):
            self.tag = self.tag if i < LEAD_PARAGRAPHS else None
            self.governing = self.governing if self.governing and is_item(par) else None
            self.paragraph(sentences(par))
            self.governing = list_intro(par) or self.governing

    def paragraph(self, sents: list[str], *, headline: bool = False) -> None:
        attrs: list[Attribution | None] = []
        for s in sents:
            if len(s) > MAX_SENTENCE:
                self.report.skipped.append((s, f"sentence longer than {MAX_SENTENCE} characters"))
                attrs.append(None)
                continue
            one = attribute(s, headline=headline)
            attrs.append(govern(one, self.governing) if self.governing and not headline
                         else one)
            if one.tail is None and not headline:  # "above forecasts from X of 3.9%"
                one.tail = owned_figure(one.claim)
            if not headline and one.speaker is None and carries(self.tag, s):
                one.speaker, one.rule = self.tag[0] if self.tag else None, "headline's speaker"
        depth = 1 if self.open_quote and not headline else 0
        inside: list[bool] = []
        for s in sents:
            inside.append(depth > 0 or bool(_QUOTE_START.match(s)))
            curly = s.count("\u201c") - s.count("\u201d")
            straight = s.count('"') % 2
            depth = max(0, depth + curly + (0 if not straight else -1 if depth > 0 else 1))
        quote_speaker = next((x.speaker for x, q in zip(attrs, inside, strict=True)
                              if x is not None and q and x.speaker), None)
        if quote_speaker is None and inside and inside[0] and not headline:
            quote_speaker = self.prev_speaker  # a quote paragraph after its speaker's one
        if not headline:
            said = [x.speaker for x in attrs if x is not None and x.speaker]
            self.prev_speaker = said[-1] if said else (
                quote_speaker if inside and all(inside) else None)
            self.open_quote = depth > 0
        for s, x, q in zip(sents, attrs, inside, strict=True):
            if x is None:
                continue
            if x.speaker is None and q and quote_speaker:
                x.speaker, x.rule = quote_speaker, "quote of the paragraph"
            back = _BACK.match(" ".join(s.split()))
            if back and not headline and self.prev_claims and self._back_reference(
                    back.group("np"), s):
                continue  # "That was the assessment of X": X says the sentence before
            self.sentence(s, x, headline)

    def sentence(self, s: str, x: Attribution, headline: bool) -> None:
        self.src.seen = f"{self.src.seen[-4000:]} {s}"
        self.src.near = [*self.src.near[-1:], s]
        names = split_speakers(x.speaker) if x.speaker else []
        speaker = self.src.resolve(names[0]) if names else None
        others = [o for o in (self.src.resolve(n) for n in names[1:]
                              + ([x.also] if x.also and speaker else []))
                  if o is not None and o != speaker]  # "X and Y said": Y says it too
        relay = self.src.resolve(x.relay, exclude=frozenset({speaker or ""}),
                                 hint="news_outlet") if x.relay else None
        cited = self.src.resolve(x.cited) if x.cited else None
        if cited is not None and self.src.records[cited]["kind"] == "anonymous_source" \
                and (x.cited or "x").split()[0].lower() not in (
                    "a", "an", "one", "two", "the", "sources", "officials", "unnamed", "anonymous"):
            cited = None  # "citing weakened immune systems": not a source
        if speaker is None and RESPONDENTS.search(s):
            speaker = self._latest_poll() or (self.src.resolve(self.polls.name)
                                              if self.polls.name else None)
            if speaker is not None:
                x.rule = "the poll's figure"
        speaker = self._data_voice(s, x, speaker, headline)
        if speaker is not None and relay is None \
                and self.src.records[speaker]["kind"] == "unnamed_document":
            relay = self._outlet_in_name(speaker)
        said = parse_day(x.when, self.ref) if x.when else None
        if speaker is not None and x.appositive:
            self._appositive(speaker, x.appositive)
        chain: list[str] = [c for c in (cited, speaker, relay, self.agency, self.publisher)
                            if c is not None]
        dedup: list[str] = []
        for c in chain:
            if not dedup or dedup[-1] != c:
                if c in dedup:
                    continue
                dedup.append(c)
        if speaker is not None and speaker in (self.agency, self.publisher) and _EARLIER.search(s):
            dedup.insert(0, speaker)  # "Reuters previously reported": its own earlier report
        # a figure is as of its statement: said on that day, or the speaker's (or relay's)
        # report dated earlier in the article, or else the article
        earlier = next((self.reports[f"{c}-report"]["date"] for c in (speaker, relay)
                        if c and self.reports.get(f"{c}-report", {}).get("date")), None)
        ref = said or earlier or self.ref
        self.periods.see(s, ref, said)
        items: list[tuple[str, dict[str, Any] | None, list[str]]] = []
        owner: dict[int, str] = {}  # item index -> the origin of its own clause
        tail_sid = self.src.resolve(x.tail[0]) if x.tail else None
        poll = speaker is not None and bool(re.search(
            r"\b(?:poll|survey)s?\b", self.src.records[speaker]["name"], re.IGNORECASE))
        segments = _segments(x.claim or s)
        found = [(seg, find_figures(seg)) for seg in segments]
        if not any(figs for _, figs in found) and len(segments) > 1 and not re.search(
                r"(?:,\s+(?:but|while|whereas)\s|;\s)", x.claim or s):
            found = [(x.claim or s, [])]
        for seg, figs in found:
            self.report.figures += len(figs)
            for f, year in by_year(written_numbers(seg), figs):
                q, qnotes = self.periods.quantity(f, seg, x.claim or s, s, ref, poll=poll,
                                                  year=year)
                if tail_sid is not None and x.tail and f.text in written_numbers(x.tail[1]):
                    owner[len(items)] = tail_sid  # "..., who killed 1,200, according to Y"
                elif speaker is None and not headline:
                    clause = figure_clause(written_numbers(seg), f)
                    if is_statistic(f, clause, s):  # a statistic whose owner is not given
                        owner[len(items)] = self._unsourced(clause)
                items.append((_sentence_case(seg), q, qnotes))
            if not figs and len(seg.split()) >= 4:
                if tail_sid is not None and x.tail and seg.strip(" .") in x.tail[1]:
                    owner[len(items)] = tail_sid  # "... what the UN calls a crisis"
                items.append((_sentence_case(seg), None, []))
        if not items:
            items.append((x.claim or s, None, []))
        if not headline:  # ", where violence has surged since May,": the outlet's background
            for clause in background_clauses(s) + ([x.own] if x.own else []):
                owner[len(items)] = self.agency or self.publisher
                items.append((clause, None, []))
        self.prev_claims = []
        for index, (text, quantity, qnotes) in enumerate(items):
            cid = f"{self.slug}-c{len(self.claims) + 1:03d}"
            self.prev_claims.append(cid)
            claim: dict[str, Any] = {"id": cid, "text": text}
            if quantity is not None:
                claim["quantity"] = Quantity.model_validate(quantity)
            self.claims.append(claim)
            for n in qnotes:
                self.note(cid, f"CHECK: {n}")
            if headline:
                self.headline_claims.add(cid)
                self.note(cid, "CHECK: headline: the model has no headline mark yet; the "
                          "headline's wording may differ from the body's")
            if speaker is None:
                self.note(cid, "CHECK: no source named: the article's own statement"
                          + (" (hedged)" if x.hedged else "") + "; keep it only if it is a "
                          "claim, not commentary")
            elif x.speaker and x.speaker.lower() in ("he", "she", "it", "they", "his", "her"):
                self.note(cid, f"CHECK: '{x.speaker}' read as "
                          f"{self.src.records[speaker]['name']}")
            elif x.rule == "the poll's figure":
                self.note(cid, "CHECK: a figure about respondents, credited to the poll the "
                          "article named last")
            elif x.rule == "the data's figures go on":
                self.note(cid, "CHECK: no source in the sentence; credited to the data the "
                          "sentence before credits")
            elif x.rule == "quote of the paragraph":
                self.note(cid, "CHECK: a quote without its own attribution, credited to the "
                          "paragraph's speaker")
            previous: list[str] = []
            count = 0
            chain = dedup if index not in owner else [owner[index], *(
                c for c in dedup if c not in (speaker, cited, owner[index]))]
            if x.cited_in and x.cited_in not in text:  # Y is cited in another clause only
                chain = [c for c in chain if c != cited] or chain
            for sid in chain:
                level = [sid, *others] if sid == speaker else [sid]
                ids = []
                for member in level:
                    count += 1
                    aid = f"{cid}-{count}"
                    a: dict[str, Any] = {"id": aid, "source": member, "claim": cid,
                                         "quote": " ".join(s.split())}
                    if x.hedged:
                        a["hedged"] = True
                    rep = self._report(member, said if sid == speaker else None)
                    if rep:
                        a["report"] = rep
                    if previous:
                        a["cites"] = list(previous)
                    self.assertions.append(a)
                    ids.append(aid)
                previous = ids

    def _appositive(self, sid: str, text: str) -> None:
        """"X, a correspondent for Y, said": X works for the outlet Y; the role is noted."""
        rec = self.src.records[sid]
        if rec["kind"] != "person":
            return
        rec.setdefault("note", f"Described as {text.strip()}.")
        m = re.search(r"\b(?P<role>[a-z]+)\s+(?:for|at|of|with)\s+(?:the\s+)?"
                      r"(?P<o>[A-Z][\w.&'\u2019 -]+)", text)
        if m and m.group("role") in _ROLE_WORDS:
            name = m.group("o").strip()
            journalist = m.group("role") in ("correspondent", "journalist", "reporter", "editor",
                                             "columnist", "writer", "commentator")
            org = (self.src.add(name, "news_outlet") if journalist
                   else self.src.resolve(name) or self.src.add(name, "organization"))
            if org != sid:
                rec.setdefault("affiliated_with", [])
                if org not in rec["affiliated_with"]:
                    rec["affiliated_with"].append(org)

    def _report(self, sid: str, said: dt.date | None) -> str | None:
        if sid == self.publisher:
            return self.article_report
        rec = self.src.records[sid]
        if rec["kind"] in ("anonymous_source", "unnamed_document"):
            return None
        rid = f"{sid}-report"
        if said is not None and rid in self.reports and self.reports[rid].get("date") not in (
                None, said):
            rid = f"{sid}-report-{said:%Y%m%d}"
        entry = self.reports.setdefault(rid, {"id": rid, "published_by": sid,
                                              "title": f"Statement by {rec['name']} "
                                              "(as relayed by the article)"})
        if said is not None:
            entry.setdefault("date", said)
        return rid

    def _drop_repeated_headlines(self) -> None:
        """A headline's figure that the body states from the same speaker is the body's."""
        if not self.headline_claims:
            return
        origin: dict[str, str] = {}
        for a in self.assertions:
            origin.setdefault(a["claim"], a["source"])  # the chain is written origin first
        def key(claim: dict[str, Any]) -> tuple[Any, ...] | None:
            q = claim.get("quantity")
            if q is None:
                return None
            return q.value, q.min_value, q.max_value, origin.get(claim["id"])
        body = {key(c) for c in self.claims if c["id"] not in self.headline_claims}
        drop = {c["id"] for c in self.claims if c["id"] in self.headline_claims
                and (k := key(c)) is not None and k in body}
        for c in self.claims:
            if c["id"] in drop:
                self.report.skipped.append((c["text"], "headline repeats the body's claim"))
        self.claims = [c for c in self.claims if c["id"] not in drop]
        self.assertions = [a for a in self.assertions if a["claim"] not in drop]

    def _merge_described(self) -> None:
        """A source named by a role that the text gives a person's name is that person."""
        text = "\n".join(self.a.paragraphs)
        used = {a["source"] for a in self.assertions}
        for sid in sorted(used):
            person = self.src.described_person(sid, text)
            if person is None:
                continue
            for a in self.assertions:
                if a["source"] == sid:
                    a["source"] = person
                    a.pop("report", None)
            self.reports = {k: r for k, r in self.reports.items() if r["published_by"] != sid}
            self.src.note(person, f"CHECK: '{self.src.records[sid]['name']}' read as this "
                          "person (the text names them so)")

    def _merge_sources(self, merged: dict[str, str]) -> None:
        """Sources recognised as one known entity: their assertions go to the first."""
        for a in self.assertions:
            if a["source"] in merged:
                a["source"] = merged[a["source"]]
                a.pop("report", None)
        for r in self.reports.values():
            r["published_by"] = merged.get(r["published_by"], r["published_by"])
        for rec in self.src.records.values():
            if "affiliated_with" in rec:
                rec["affiliated_with"] = sorted({merged.get(o, o) for o in rec["affiliated_with"]}
                                                - {rec["id"]})
        if self.publisher in merged:
            self.publisher = merged[self.publisher]

    def _text(self) -> str:
        """The article's headline, standfirst and running text, as one string."""
        return " ".join([self.a.headline or "", *self.a.standfirst, *self.a.paragraphs])

    def dataset(self) -> Dataset:
        redate(self.claims, self.assertions, self.reports, self.ref)
        mark_rounded(self.claims)
        self._merge_described()
        self.official_figures(self._text())
        order = list(dict.fromkeys(a["source"] for a in self.assertions))
        same = same_documents(self.src.records, order, self.doc_owners)
        if same:
            self._merge_sources(same)
        self._drop_repeated_headlines()
        used = {a["source"] for a in self.assertions}
        merged = recognise({sid: r for sid, r in self.src.records.items()
                            if sid in used or sid == self.publisher}, self._text())
        if merged:
            self._merge_sources(merged)
            used = {a["source"] for a in self.assertions}
        keep = {sid for sid in self.src.records if sid in used or sid == self.publisher}
        for rec in self.src.records.values():
            keep |= set(rec.get("affiliated_with", ())) if rec["id"] in keep else set()
        sources = []
        for sid in sorted(keep):
            rec = dict(self.src.records[sid])
            sources.append(Source.model_validate(rec))
        for sid, notes in self.src.notes.items():
            if sid in keep:
                for n in notes:
                    self.note(sid, n)
        ds = Dataset(sources=sources,
                     reports=[Report.model_validate(r) for r in self.reports.values()],
                     claims=[Claim.model_validate(c) for c in self.claims],
                     assertions=[Assertion.model_validate(a) for a in self.assertions])
        self.report.sources = len(ds.sources)
        self.report.claims = len(ds.claims)
        self.report.assertions = len(ds.assertions)
        self.report.figures = sum(1 for c in ds.claims if c.quantity is not None)
        self.report.checks = sum(len(v) for v in self.notes.values())
        return ds


def draft_article(article: Article, slug: str) -> tuple[Dataset, dict[str, list[str]],
                                                        DraftReport]:
    """The draft of one article: the dataset, the CHECK notes by record id, the report."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,80}", slug):
        slug = "-".join(re.findall(r"[a-z0-9]+", slug.lower()))[:80] or "article"
    d = _Drafter(article, slug)
    d.run()
    return d.dataset(), d.notes, d.report
