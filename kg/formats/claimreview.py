"""Fact-check verdicts in and out: schema.org ClaimReview (JSON-LD) and the ClaimsKG CSV shape.

Each imported record becomes: the **claim** (its text), the **reviewer** (a
``news_outlet`` source), the **claimant** (a source, when the record names one)
with an assertion claimant -> claim, and the **verdict** with the rating
normalised to true / mixed / false / other (the reviewer's words kept in
``original_rating``), its date and URL. A record that cannot be used (no claim
text, no rating, a malformed date) is *rejected with a reason*; the rest of the
file still imports. Ids are derived from the content (a hash of the folded
claim text; of reviewer, URL and claim for the verdict), so importing a file
twice, or two reviews of one claim, adds no duplicate claim.

Rating mapping (case and punctuation ignored; anything else is ``other``,
counted as "unmapped" so a new label is seen, never silently guessed):

=======  ====================================================================
rating   original labels
=======  ====================================================================
true     true, correct, correct attribution, accurate, mostly true, mostly correct
mixed    mixture, mixed, half true, partly true, partly false, partlyfalse,
         misleading, missing context, decontextualized, needs context, exaggerated
false    false, not true, incorrect, wrong, fake, pants on fire, mostly false,
         altered image, altered, manipulated, miscaptioned, misattributed,
         fabricated, scam, baseless
other    other, unproven, unknown, legend, satire, originated as satire,
         labeled satire, outdated, research in progress
=======  ====================================================================

With no label, a numeric ``ratingValue`` is placed on its ``worstRating``..
``bestRating`` scale: the lowest quarter false, the highest quarter true, mixed between.

Who made the claim (the claimant):

1. JSON-LD: ``itemReviewed.author`` (``@type`` Person -> ``person``, Organization ->
   ``organization``).
2. CSV: PolitiFact's review URL names the speaker (``/factchecks/2021/jul/22/bobby-scott/``).
3. CSV: ``creativeWork_author_name``, unless it is the fact-checker's own writer:
   it is when the row carries a staff page in ``claimReview_author_url``, or the
   site is one whose extractor puts the writer there (:data:`WRITER_COLUMN_SITES`,
   read off the samples: Full Fact, Snopes, ...).
4. "Multiple sources", "multiple people" and the like name nobody: no claimant.

The claimant's kind: ``organization`` when the name holds an organisation word
(party, committee, ministry, university, news, ...), ``anonymous_source`` for
collectives of unidentified posters ("Instagram posts", "viral image", "social
media users"), ``person`` otherwise.

Examples:
    >>> normalise_rating("Pants on Fire"), normalise_rating("Missing context")
    ('false', 'mixed')
    >>> normalise_rating("Legend"), normalise_rating("", value="4", best="5", worst="1")
    ('other', 'true')
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.assessed import AssessmentLike
from kg.errors import DatasetError, InputError
from kg.model import Assertion, Claim, Dataset, Rating, Source, SourceKind, Verdict
from kg.names import fold

__all__ = [
    "RATINGS",
    "WRITER_COLUMN_SITES",
    "ImportResult",
    "Rejection",
    "claimreview_jsonld",
    "load_claimreview",
    "normalise_rating",
    "parse_claimreview_csv",
    "parse_claimreview_jsonld",
]

_TABLE: dict[Rating, tuple[str, ...]] = {
    "true": ("true", "correct", "correct attribution", "accurate", "mostly true",
             "mostly correct"),
    "mixed": ("mixture", "mixed", "half true", "partly true", "partly false", "partlyfalse",
              "misleading", "missing context", "decontextualized", "needs context",
              "exaggerated"),
    "false": ("false", "not true", "incorrect", "wrong", "fake", "pants on fire", "mostly false",
              "altered image", "altered", "manipulated", "miscaptioned", "misattributed",
              "fabricated", "scam", "baseless"),
    "other": ("other", "unproven", "unknown", "legend", "satire", "originated as satire",
              "labeled satire", "outdated", "research in progress"),
}
#: Folded original label -> normalised rating.
RATINGS: dict[str, Rating] = {label: r for r, labels in _TABLE.items() for label in labels}

#: Sites whose ClaimsKG extractor output has the fact-checker's writer, not the
#: claimant, in ``creativeWork_author_name`` (checked against each sample's staff pages).
WRITER_COLUMN_SITES = frozenset({"politifact", "fullfact", "snopes", "truthorfiction",
                                 "checkyourfact", "africacheck"})
#: Display names of the reviewers the samples name.
REVIEWER_NAMES = {
    "factcheck_afp": "AFP Fact Check", "africacheck": "Africa Check",
    "checkyourfact": "Check Your Fact", "fullfact": "Full Fact", "politifact": "PolitiFact",
    "snopes": "Snopes", "truthorfiction": "Truth or Fiction",
}
_REQUIRED_COLUMNS = ("claimReview_claimReviewed", "rating_alternateName", "claimReview_url",
                     "claimReview_author_name")
_ORG_WORDS = frozenset({
    "party", "committee", "ministry", "department", "university", "institute", "agency",
    "news", "times", "post", "press", "association", "council", "government", "company",
    "corporation", "inc", "foundation", "organization", "organisation", "office", "bank",
    "campaign", "pac", "group", "network", "radio", "show", "tv", "union", "federation",
    "club", "church", "commission", "board", "senate", "house", "administration", "cdc",
})
_COLLECTIVE_WORDS = frozenset({"posts", "post", "users", "viral", "bloggers", "memes",
                               "tweets", "chain", "messages", "websites", "videos", "image"})
_NOBODY = re.compile(r"^(multiples?|several|various|many|unknown|unidentified)\b")
_POLITIFACT_SPEAKER = re.compile(r"/factchecks/\d{4}/[a-z]{3}/\d{1,2}/([a-z0-9-]+)/")


class Rejection(DatasetError):
    """A record that cannot be imported: where it is and why."""

    def __init__(self, file: str, line: int | None, field: str, reason: str) -> None:
        super().__init__(file, reason, line=line, field=field)
        self.reason = reason


@dataclass
class ImportResult:
    """The imported dataset and the count of what happened to each record."""

    dataset: Dataset
    records: int = 0
    imported: int = 0
    without_claimant: int = 0
    duplicates: int = 0
    unmapped: dict[str, int] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)

    def summary(self) -> str:
        """One line of counts."""
        return (f"{self.records} records: {self.imported} imported ({self.without_claimant} "
                f"without a named claimant), {self.duplicates} duplicates, "
                f"{len(self.rejected)} rejected")


def normalise_rating(label: str, *, value: str = "", best: str = "", worst: str = "") -> Rating:
    """The normalised rating of a reviewer's label (or numeric value on its scale)."""
    key = fold(label)
    if key in RATINGS:
        return RATINGS[key]
    if not key and value:
        try:
            v, hi, lo = float(value), float(best or 5), float(worst or 1)
        except ValueError:
            return "other"
        if hi == lo:
            return "other"
        r = (v - lo) / (hi - lo)
        return "false" if r <= 0.25 else "true" if r >= 0.75 else "mixed"
    return "other"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _slug(text: str) -> str:
    return "-".join(fold(text).split())[:60] or _digest(text)


def claimant_kind(name: str) -> SourceKind:
    """The kind given to a claimant: organisation words, collectives, else a person.

    Examples:
        >>> claimant_kind("Instagram posts"), claimant_kind("Bobby Scott")
        (<SourceKind.ANONYMOUS_SOURCE: 'anonymous_source'>, <SourceKind.PERSON: 'person'>)
        >>> claimant_kind("Republican Party of Texas")
        <SourceKind.ORGANIZATION: 'organization'>
    """
    words = set(fold(name).split())
    if words & _COLLECTIVE_WORDS or {"social", "media"} <= words:
        return SourceKind.ANONYMOUS_SOURCE
    if words & _ORG_WORDS:
        return SourceKind.ORGANIZATION
    return SourceKind.PERSON


def _clean_claim(text: str) -> str:
    return " ".join(text.split()).strip("\"'\u201c\u201d\u2018\u2019 ").strip()


def _date(text: str, file: str, line: int | None, fld: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise Rejection(file, line, fld, f"{text[:40]!r} is not a YYYY-MM-DD date") from None


@dataclass
class _Builder:
    """Accumulates records; ids from content so repeats collapse."""

    file: str
    result: ImportResult = field(default_factory=lambda: ImportResult(Dataset()))
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    assertions: dict[str, Assertion] = field(default_factory=dict)
    verdicts: dict[str, Verdict] = field(default_factory=dict)

    def add(self, *, line: int | None, where: str, claim_text: str, label: str,
            reviewer: str, reviewer_url: str | None, review_url: str, date: str,
            claimant: str | None, claimant_kind_: SourceKind | None,
            value: str = "", best: str = "", worst: str = "") -> None:
        self.result.records += 1
        try:
            self._add(line, where, claim_text, label, reviewer, reviewer_url, review_url, date,
                      claimant, claimant_kind_, value, best, worst)
        except Rejection as r:
            self.result.rejected.append(r)

    def _add(self, line: int | None, where: str, claim_text: str, label: str, reviewer: str,
             reviewer_url: str | None, review_url: str, date: str, claimant: str | None,
             kind: SourceKind | None, value: str, best: str, worst: str) -> None:
        text = _clean_claim(claim_text)
        if not text:
            raise Rejection(self.file, line, f"{where}claimReviewed",
                            "empty: no claim text to attach the verdict to")
        if not label.strip() and not value.strip():
            raise Rejection(self.file, line, f"{where}rating",
                            "no rating label or value: nothing to import as a verdict")
        if not reviewer.strip():
            raise Rejection(self.file, line, f"{where}author", "no reviewer named")
        day = _date(date, self.file, line, f"{where}datePublished")
        rating = normalise_rating(label, value=value, best=best, worst=worst)
        if rating == "other" and fold(label) not in RATINGS:
            key = label.strip() or f"{value}/{best}"
            self.result.unmapped[key] = self.result.unmapped.get(key, 0) + 1
        reviewer_id = "reviewer-" + _slug(reviewer)
        self.sources.setdefault(reviewer_id, Source(
            id=reviewer_id, kind=SourceKind.NEWS_OUTLET,
            name=REVIEWER_NAMES.get(reviewer.strip(), reviewer.strip()),
            note="Fact-checker" + (f" ({reviewer_url})" if reviewer_url else "") + "."))
        claim_id = "claim-" + _digest(fold(text))
        self.claims.setdefault(claim_id, Claim(id=claim_id, text=text))
        verdict_id = "verdict-" + _digest(reviewer_id, review_url.strip(), claim_id)
        if verdict_id in self.verdicts:
            self.result.duplicates += 1
            return
        self.verdicts[verdict_id] = Verdict(
            id=verdict_id, claim=claim_id, rating=rating, reviewer=reviewer_id,
            original_rating=label.strip() or None, date=day, url=review_url.strip() or None)
        self.result.imported += 1
        if claimant is None or not claimant.strip() or _NOBODY.match(fold(claimant)):
            self.result.without_claimant += 1
            return
        name = " ".join(claimant.split())
        source_id = "claimant-" + _slug(name)
        self.sources.setdefault(source_id, Source(
            id=source_id, kind=kind or claimant_kind(name), name=name))
        assertion_id = "claimed-" + _digest(source_id, claim_id)
        self.assertions.setdefault(assertion_id, Assertion(
            id=assertion_id, source=source_id, claim=claim_id))

    def finish(self) -> ImportResult:
        self.result.dataset = Dataset(
            sources=tuple(self.sources.values()), claims=tuple(self.claims.values()),
            assertions=tuple(self.assertions.values()), verdicts=tuple(self.verdicts.values()))
        return self.result


def parse_claimreview_csv(text: str, name: str = "<csv>") -> ImportResult:
    """Import the ClaimsKG extractor's CSV shape (one ClaimReview per row).

    Raises:
        DatasetError: the file is not of that shape (a required column is missing).
    """
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = reader.fieldnames or []
    for col in _REQUIRED_COLUMNS:
        if col not in columns:
            raise DatasetError(name, f"missing column {col!r}; is this a ClaimsKG ClaimReview "
                               "CSV?", line=1, field=col)
    b = _Builder(name)
    start = reader.line_num + 1
    try:
        for row in reader:
            line = start
            start = reader.line_num + 1
            if None in row:
                b.result.records += 1
                b.result.rejected.append(Rejection(name, line, "(row)",
                                                   "more fields than the header has"))
                continue
            site = (row.get("claimReview_author_name") or "").strip()
            url = (row.get("claimReview_url") or "").strip()
            b.add(line=line, where="", claim_text=row.get("claimReview_claimReviewed") or "",
                  label=row.get("rating_alternateName") or "", reviewer=site,
                  reviewer_url=None, review_url=url,
                  date=row.get("claimReview_datePublished") or "",
                  claimant=_csv_claimant(row, site, url), claimant_kind_=None,
                  value=row.get("rating_ratingValue") or "",
                  best=row.get("rating_bestRating") or "",
                  worst=row.get("rating_worstRating") or "")
    except csv.Error as e:
        raise DatasetError(name, f"CSV syntax: {e}", line=reader.line_num) from None
    return b.finish()


def _csv_claimant(row: Mapping[str, str | None], site: str, url: str) -> str | None:
    if site == "politifact":
        m = _POLITIFACT_SPEAKER.search(url)
        return " ".join(w.capitalize() for w in m.group(1).split("-")) if m else None
    if site in WRITER_COLUMN_SITES or (row.get("claimReview_author_url") or "").strip():
        return None
    return (row.get("creativeWork_author_name") or "").strip() or None


def _jsonld_records(data: Any) -> list[Any]:
    if isinstance(data, list):
        return [r for item in data for r in _jsonld_records(item)]
    if isinstance(data, dict):
        if "@graph" in data:
            return _jsonld_records(data["@graph"])
        return [data]
    return []


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value") or "")
    if isinstance(value, list) and value:
        return _text(value[0])
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def parse_claimreview_jsonld(text: str, name: str = "<json-ld>") -> ImportResult:
    """Import schema.org ClaimReview JSON-LD: one object, a list, or an ``@graph``.

    Raises:
        DatasetError: the text is not JSON, or holds no ClaimReview at all.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise DatasetError(name, f"JSON syntax: {e.msg}", line=e.lineno) from None
    records = _jsonld_records(data)
    reviews = [r for r in records if "ClaimReview" in _types(r)]
    if not reviews:
        raise DatasetError(name, "no object with \"@type\": \"ClaimReview\"; is this a "
                           "ClaimReview JSON-LD file?", line=1, field="@type")
    b = _Builder(name)
    lines = _type_lines(text)
    for i, r in enumerate(reviews):
        line = lines[i] if i < len(lines) else None
        item = r.get("itemReviewed") if isinstance(r.get("itemReviewed"), dict) else {}
        author = item.get("author")
        author = author[0] if isinstance(author, list) and author else author
        claimant, kind = None, None
        if isinstance(author, dict):
            claimant = _text(author.get("name"))
            types = _types(author)
            kind = (SourceKind.PERSON if "Person" in types
                    else SourceKind.ORGANIZATION if "Organization" in types else None)
        elif isinstance(author, str):
            claimant = author
        rating = r.get("reviewRating") if isinstance(r.get("reviewRating"), dict) else {}
        reviewer = r.get("author")
        reviewer = reviewer[0] if isinstance(reviewer, list) and reviewer else reviewer
        b.add(line=line, where=f"[{i}].", claim_text=_text(r.get("claimReviewed")),
              label=_text(rating.get("alternateName")), reviewer=_text(reviewer),
              reviewer_url=_text(reviewer.get("url")) if isinstance(reviewer, dict) else None,
              review_url=_text(r.get("url")), date=_text(r.get("datePublished")),
              claimant=claimant, claimant_kind_=kind, value=_text(rating.get("ratingValue")),
              best=_text(rating.get("bestRating")), worst=_text(rating.get("worstRating")))
    return b.finish()


def _types(obj: Mapping[str, Any]) -> set[str]:
    t = obj.get("@type", ())
    values = [t] if isinstance(t, str) else list(t) if isinstance(t, list) else []
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values}


def _type_lines(text: str) -> list[int]:
    """1-based lines where each ``"ClaimReview"`` type appears, in order (for messages)."""
    return [text.count("\n", 0, m.start()) + 1
            for m in re.finditer(r'"@type"\s*:\s*(\[[^\]]*)?"(schema:|https?://schema\.org/)?'
                                 r'ClaimReview"', text)]


def load_claimreview(paths: Iterable[str | Path]) -> list[ImportResult]:
    """Import ClaimReview files (``.csv`` or ``.json``/``.jsonld``), one result per file.

    Raises:
        DatasetError: a file is missing, unreadable, not of a ClaimReview shape, or
            yields no record at all (its first rejection is the message).
    """
    from kg.formats.text import read_text

    results = []
    for p in paths:
        path = Path(p)
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".json", ".jsonld"):
            raise DatasetError(path, f"unknown file type {suffix or '(none)'!r}; give a "
                               ".csv (ClaimsKG shape) or a .json/.jsonld (schema.org) file")
        text = read_text(path)
        result = (parse_claimreview_csv(text, str(path)) if suffix == ".csv"
                  else parse_claimreview_jsonld(text, str(path)))
        if result.imported == 0:
            if result.rejected:
                first = result.rejected[0]
                raise DatasetError(first.file, f"{first.reason} (no record of the file "
                                   "could be imported)", line=first.line, field=first.field)
            raise DatasetError(path, "holds no ClaimReview record")
        results.append(result)
    return results


def read_claimreview(path: Path, fmt: object = None) -> Dataset:
    """The ClaimReview records of one file as a dataset (the ``claimreview`` reader)."""
    return load_claimreview([path])[0].dataset


# --- export -----------------------------------------------------------------------------------



def claimreview_jsonld(ds: Dataset, assessment: AssessmentLike, *,
                       publisher: str = "credkg", date: dt.date | None = None) -> str:
    """credkg's claim assessments as schema.org ClaimReview JSON-LD, for a fact-checker.

    One ClaimReview per assessed claim: ``claimReviewed`` is its text,
    ``itemReviewed`` a ``Claim`` whose ``author`` is each source that originates it,
    ``reviewRating`` the Admiralty credibility grade (``alternateName`` its name,
    e.g. "Improbable"; ``ratingValue`` 5 for grade 1 down to 1 for grade 5, on a
    1-5 scale; grade 6, "cannot be judged", has no value), ``reviewBody`` the
    engine's explanation and ``url`` the claim's IRI.

    Examples:
        >>> from types import SimpleNamespace as NS
        >>> from kg.model import Assertion, Claim, Dataset, Source
        >>> ds = Dataset(sources=[Source(id="s", kind="person", name="Ann")],
        ...              claims=[Claim(id="c", text="It rained.")],
        ...              assertions=[Assertion(id="a", source="s", claim="c")])
        >>> a = NS(claims={"c": NS(grade=2, meaning="probably true", explanation="two origins")})
        >>> doc = json.loads(claimreview_jsonld(ds, a, date=dt.date(2025, 1, 2)))
        >>> doc[0]["reviewRating"]["alternateName"], doc[0]["itemReviewed"]["author"]
        ('Probably true', [{'@type': 'Person', 'name': 'Ann'}])
    """
    from kg.formats.rdf import iri

    day = (date or dt.date.today()).isoformat()
    out = []
    for claim in ds.claims:
        ca = assessment.claims.get(claim.id)
        if ca is None:
            continue
        grade = int(ca.grade)
        rating: dict[str, Any] = {"@type": "Rating",
                                  "alternateName": ca.meaning.capitalize()}
        if 1 <= grade <= 5:
            rating |= {"ratingValue": 6 - grade, "bestRating": 5, "worstRating": 1}
        origins = [a for a in ds.assertions_of(claim.id) if not a.cites]
        authors = []
        for sid in sorted({a.source for a in origins}):
            s = ds.source(sid)
            authors.append({"@type": "Person" if s.kind == SourceKind.PERSON
                            else "Organization", "name": s.name})
        item: dict[str, Any] = {"@type": "Claim"}
        if authors:
            item["author"] = authors
        out.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": str(iri(ds.base, "claim", claim.id)),
            "claimReviewed": claim.text,
            "itemReviewed": item,
            "author": {"@type": "Organization", "name": publisher},
            "datePublished": day,
            "reviewRating": rating,
            "reviewBody": str(ca.explanation),
        })
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def write_claimreview(ds: Dataset, path: Path, fmt: object = None,
                      assessment: AssessmentLike | None = None) -> Path:
    """Write the assessment as ClaimReview JSON-LD, atomically (the ``claimreview`` writer).

    Raises:
        InputError: no assessment was given (the caller scores the dataset first).
    """
    from kg.files import atomic_write_text

    if assessment is None:
        raise InputError("ClaimReview export needs the credibility assessment; "
                         "score the dataset first (kg export does)")
    return atomic_write_text(path, claimreview_jsonld(ds, assessment))
