r"""Reading a :class:`~kg.model.Dataset` from the store by columns: one query a predicate.

The store keeps each IRI and long literal as a hash, and turning one back into text
costs a lookup (~2-5 µs); reading quads as pyoxigraph terms then costs three of them
a quad and four Python objects. Here each predicate the model reads is one SPARQL
``SELECT ?s ?o`` over the documents' graphs, serialised as TSV by pyoxigraph (the
predicate is never looked up, nor the predicates the model does not read, such as the
``cred:asserts`` shortcuts), and the text is cut up by regular expressions: a record's
IRI ``{base}{kind}/{id}`` becomes the key ``kind/id``, where ``id`` is a valid id.

The records are made without pydantic's validation where nothing can fail it (plain
ids, non-empty texts, no figure) and validated as usual otherwise; the dataset's own
checks (references, symmetry, citation cycles) run as always. Anything the fast path
does not handle (a blank node, an IRI under another base or not naming a record where
one is needed, two values where one is allowed) raises :class:`Irregular`, and
:func:`kg.store.reader.read_dataset` reads the slower way, which says what is wrong.

Examples:
    >>> from kg.formats.rdf import quads
    >>> from kg.seed import seed_dataset
    >>> from kg.store.terms import to_ox_quad
    >>> store = ox.Store()
    >>> g = ox.NamedNode("https://example.org/doc")
    >>> store.extend([to_ox_quad(s, p, o, g) for s, p, o, _ in quads(seed_dataset())])
    >>> read_columns(store, [g.value]) == seed_dataset()
    True
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pyoxigraph as ox
from pydantic import BaseModel, ValidationError

from kg.model import Assertion, Claim, Dataset, Report, Source, Verdict
from kg.store.quantity_fields import _QUANTITY_FLAGS, _QUANTITY_NUMBERS, _QUANTITY_TEXT
from kg.store.release import release

__all__ = ["Irregular", "construct", "read_columns"]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_SCHEMA = "https://schema.org/"
_C = "https://w3id.org/credkg/ns#"
_KINDS = {
    _C + "Person": "person", _C + "Organization": "organization",
    _C + "NewsOutlet": "news_outlet", _C + "GovernmentBody": "government_body",
    _C + "MilitaryBody": "military_body", _C + "AnonymousSource": "anonymous_source",
    _C + "UnnamedDocument": "unnamed_document", _C + "Study": "study", _C + "Poll": "poll",
    _C + "DataSet": "dataset",
}
_CLASSES = (*_KINDS, _C + "Source", _C + "Report", _C + "Claim", _C + "Assertion",
            _C + "Verdict")
_QUANTITY = ("measure", "unit", "per", "periodStart", "periodEnd", "quantityKind", "measureKey",
             "asOf", "quantityOf", "reference", "change", "currency", "exchangeCurrency",
             "madeOn", "vagueWord", "value", "minValue", "maxValue", "perPopulation",
             "exchangeRate", "approximate", "exact", "cumulative", "forecaster")
_PREDICATES = (
    _RDFS + "label", _SKOS + "altLabel", _C + "affiliatedWith", _C + "authoredBy",
    _SCHEMA + "sameAs", _C + "country", _C + "side", _C + "analystReliability",
    _RDFS + "comment", _C + "reliabilitySetBy", _C + "reliabilitySetAt",
    _C + "reliabilityReason", _C + "publishedBy", _SCHEMA + "datePublished", _SCHEMA + "url",
    _SCHEMA + "text", _C + "about", _C + "contradicts", _C + "hedgedContradicts",
    _C + "supports", _C + "quantity", _C + "assertedBy", _C + "claim", _C + "citesAssertion",
    _C + "inReport", _C + "hedged", _C + "headline", _C + "endorses", _C + "againstInterest",
    _C + "quote", _C + "ownText", _C + "copies", _SCHEMA + "itemReviewed", _C + "rating",
    _SCHEMA + "author", _C + "originalRating", *(_C + p for p in _QUANTITY))
_QUANTITY_PREDICATES = frozenset(_C + p for p in _QUANTITY)
_ID = r"[A-Za-z0-9][A-Za-z0-9._~-]{0,199}"
_ROW = re.compile(r"^([^\t\n]*)\t([^\n]*)$", re.MULTILINE)
_BARE = re.compile(r"[+-]?[0-9.][0-9.eE+-]*|true|false")
_RECORD_IRI = re.compile(r"^(?P<base>.*[/#])(?:source|report|claim|assertion|verdict)/[^/#]+$")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_CHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


class Irregular(Exception):
    """Something the column reader does not handle; the slower reader will say what."""


def read_columns(store: ox.Store, graphs: Iterable[str],
                 bases: Counter[str] | None = None) -> Dataset:
    """The dataset held in ``graphs`` of a pyoxigraph store (their union), read by columns.

    ``bases``, if given, is filled with the base of the records' IRIs.

    Raises:
        Irregular: the data are not in the plain form this reader handles (or not valid).
    """
    gs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.NamedNode(g) for g in graphs]
    if not gs:
        return Dataset()
    base = _base(store, gs)
    if base is None:
        if not store.query("ASK { ?s ?p ?o }", default_graph=gs):
            return Dataset()
        raise Irregular
    paused = gc.isenabled()
    gc.disable()  # millions of small objects, no cycles: the collector would rescan them all
    try:
        columns = _Columns(store, gs, base)
        try:
            ds = _build(columns, base)
        finally:
            columns.close()
    finally:
        _IDS.clear()
        if paused:
            gc.enable()
        release()  # the columns' pages (kg.store.release)
    if bases is not None:
        bases[base] += 1
    return ds


def _base(store: ox.Store, gs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]
          ) -> str | None:
    """The base of the first claim's (else source's) IRI."""
    for cls in ("Claim", "Source"):
        for row in store.query(f"SELECT ?s WHERE {{ ?s a <{_C}{cls}> }} LIMIT 1",
                               default_graph=gs):  # type: ignore[union-attr]
            match = _RECORD_IRI.match(row[0].value)
            if match is None:
                raise Irregular
            return match["base"]
    return None


class _Columns:
    """The predicates' values by subject key, and the subjects of each class."""

    def __init__(self, store: ox.Store, gs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph],
                 base: str) -> None:
        self._store, self._gs = store, gs
        self._distinct = "DISTINCT " if len(gs) > 1 else ""
        self._record = re.compile(
            "<" + re.escape(base) + f"((?:source|report|claim|assertion|verdict)/{_ID})>")
        self.one: dict[str, dict[str, str]] = {}
        self.many: dict[str, dict[str, list[str]]] = {}
        self.typed: dict[str, set[str]] = {}
        self._pool = ThreadPoolExecutor(2)  # pyoxigraph serialises without the GIL
        try:
            for i in range(0, len(_CLASSES), 2):  # two at a time: the texts are large
                pair = _CLASSES[i:i + 2]
                for c, text in zip(pair, self._pool.map(self._type_text, pair), strict=True):
                    self.typed[c] = set(text.split("\n")[:-1])
            self.load(_QUANTITY_PREDICATES)
        except BaseException:
            self.close()
            raise
        self.figured: set[str] = self.keys(_QUANTITY_PREDICATES)  # subjects with a figure

    def load(self, predicates: Iterable[str]) -> None:
        """Read the columns of ``predicates`` (those not read yet), two queries at a time."""
        wanted = [p for p in predicates if p not in self.one and p not in self.many]
        for i in range(0, len(wanted), 2):
            pair = wanted[i:i + 2]
            for p, text in zip(pair, self._pool.map(self._text, pair), strict=True):
                self._add(p, text)

    def drop(self, predicates: Iterable[str]) -> None:
        """Forget the columns of ``predicates`` (their records are made)."""
        for p in predicates:
            if p not in _QUANTITY_PREDICATES:
                self.one.pop(p, None)
                self.many.pop(p, None)

    def close(self) -> None:
        self._pool.shutdown()

    def keys(self, predicates: Iterable[str]) -> set[str]:
        """The subjects that have a value of any of ``predicates``."""
        predicates = list(predicates)
        self.load(predicates)
        found: set[str] = set()
        for p in predicates:
            found.update(self.one.get(p, ()), self.many.get(p, ()))
        return found

    def _add(self, p: str, text: str) -> None:
        rows = _ROW.findall(text)
        single = dict(rows)
        if len(single) == len(rows):
            self.one[p] = single
        else:
            many: dict[str, list[str]] = {}
            for s, o in rows:
                values = many.get(s)
                if values is None:
                    many[s] = [o]
                else:
                    values.append(o)
            self.many[p] = many

    def _text(self, p: str) -> str:
        query = f"SELECT {self._distinct}?s ?o WHERE {{ ?s <{p}> ?o }}"
        return self._cut(query)

    def _type_text(self, c: str) -> str:
        query = f"SELECT {self._distinct}?s WHERE {{ ?s a <{c}> }}"
        return self._cut(query)

    def _cut(self, query: str) -> str:
        found = self._store.query(query, default_graph=self._gs)
        assert isinstance(found, ox.QuerySolutions)
        data = found.serialize(format=ox.QueryResultsFormat.TSV) or b""
        del found  # made in this thread, it must go in this thread
        text = data.decode()
        del data
        text = self._record.sub(r"\1", text)
        if "\t_:" in text or "\n_:" in text or "\t<<" in text or "\n<<" in text:
            raise Irregular  # a blank node or a triple term, where the model reads
        return text[text.index("\n") + 1:] if "\n" in text else ""

    def values(self, p: str, key: str) -> list[str]:
        """Every value of ``p`` on ``key`` (raw TSV terms, record IRIs as keys)."""
        if p not in self.one and p not in self.many:
            self.load([p])
        single = self.one.get(p)
        if single is not None:
            value = single.get(key)
            return [] if value is None else [value]
        return self.many.get(p, {}).get(key, [])

    def value(self, p: str, key: str, required: bool = False) -> str | None:
        """The one value of ``p`` on ``key``, or None."""
        if p not in self.one and p not in self.many:
            self.load([p])
        single = self.one.get(p)
        if single is not None:
            value = single.get(key)
        else:
            values = self.many.get(p, {}).get(key, [])
            if len(values) > 1:
                raise Irregular
            value = values[0] if values else None
        if value is None and required:
            raise Irregular
        return value

    def text(self, p: str, key: str, required: bool = False) -> str | None:
        value = self.value(p, key, required)
        return None if value is None else literal(value)


def literal(term: str) -> str:
    """The lexical form of a TSV literal (``"a\\tb"@en``, ``true``, ``4.5``).

    Examples:
        >>> literal('"say \\\\"hi\\\\"\\\\n"'), literal("true"), literal('"5"^^<x:int>')
        ('say "hi"\\n', 'true', '5')
    """
    if term[:1] == '"':
        end = term.rfind('"')
        rest = term[end + 1:]
        if end == 0 or (rest and rest[:3] != "^^<" and rest[:1] != "@"):
            raise Irregular
        inner = term[1:end]
        return _ESCAPE.sub(_unescape, inner) if "\\" in inner else inner
    if _BARE.fullmatch(term) is None:
        raise Irregular  # an IRI or a record where a literal belongs
    return term


def _unescape(m: re.Match[str]) -> str:
    if m.group(3) is not None:
        return _CHARS[m.group(3)]
    return chr(int(m.group(1) or m.group(2), 16))


#: The ids made by :func:`ident` by record key, while :func:`read_columns` runs: a record's
#: id and the references to it are one string (at 100k claims, 908k ids name 322k records).
_IDS: dict[str, str] = {}


def ident(term: str) -> str:
    """The id of a record key ``kind/id`` (an IRI that names no record is irregular)."""
    found = _IDS.get(term)
    if found is not None:
        return found
    if term[:1] in ('"', "<", "_") or "/" not in term:
        raise Irregular
    found = _IDS[term] = term[term.index("/") + 1:]
    return found


def _term_text(term: str, base: str) -> str:
    """What ``.value`` gives for the term: an IRI's text, a literal's lexical form."""
    if term[:1] == "<":
        return term[1:-1]
    if term[:1] == '"' or _BARE.fullmatch(term):
        return literal(term)
    return base + term


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
_DEFAULTS: dict[type[BaseModel], dict[str, Any]] = {}


def construct(cls: type[BaseModel], values: dict[str, Any]) -> Any:
    """A record made without validation, as ``cls.model_validate(values)`` would make it
    from values already in their final form (ids checked, tuples sorted, flags bool).

    ``model_construct`` does the same but costs more than validating; the records of
    one shape share one fields-set (pydantic copies it before a ``model_copy`` changes it).
    """
    record = cls.__new__(cls)
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = _DEFAULTS[cls] = {name: None if f.is_required() else f.get_default()
                                     for name, f in cls.model_fields.items()}
    state = dict(defaults)  # the fields in their order, then the values given
    state.update(values)
    key = frozenset(values)
    shared = _FIELDS_SETS.get(key)
    if shared is None:
        shared = _FIELDS_SETS[key] = set(key)
    object.__setattr__(record, "__dict__", state)
    object.__setattr__(record, "__pydantic_fields_set__", shared)
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record


def _plain_text(value: str | None) -> bool:
    """A text the model keeps as it is (non-empty, not too long)."""
    return value is None or 0 < len(value) <= 100_000


_SOURCE_PREDICATES = (
    _RDFS + "label", _SKOS + "altLabel", _C + "affiliatedWith", _C + "authoredBy",
    _SCHEMA + "sameAs", _C + "country", _C + "side", _C + "analystReliability", _RDFS + "comment",
    _C + "reliabilitySetBy", _C + "reliabilitySetAt", _C + "reliabilityReason")
_CLAIM_PREDICATES = (_SCHEMA + "text", _C + "about", _C + "contradicts",
                     _C + "hedgedContradicts", _C + "supports", _RDFS + "comment",
                     _C + "quantity")
_ASSERTION_PREDICATES = (_C + "assertedBy", _C + "claim", _C + "citesAssertion",
                         _C + "inReport", _C + "hedged", _C + "headline", _C + "endorses",
                         _C + "againstInterest", _C + "quote", _C + "ownText", _C + "copies")


def _build(c: _Columns, base: str) -> Dataset:
    """The records, kind by kind; each kind's columns are read just before and forgotten
    after (at 1M claims they weigh as much as the records)."""
    c.load(_SOURCE_PREDICATES)
    sources = _sources(c, base)
    reports = [_validated(Report, _report(c, key)) for key in sorted(c.typed[_C + "Report"])]
    verdicts = [_validated(Verdict, _verdict(c, key, base))
                for key in sorted(c.typed[_C + "Verdict"])]
    c.drop(_SOURCE_PREDICATES)
    c.drop((_C + "publishedBy", _SCHEMA + "datePublished", _SCHEMA + "url",
            _SCHEMA + "itemReviewed", _C + "rating", _SCHEMA + "author", _C + "originalRating"))
    c.load(_CLAIM_PREDICATES)
    claims = _claims(c)
    c.drop(_CLAIM_PREDICATES)
    c.typed[_C + "Claim"] = set()
    c.load(_ASSERTION_PREDICATES)
    assertions = _assertions(c)
    c.drop(_PREDICATES)
    c.typed.clear()
    if not (sources or reports or claims or assertions or verdicts):
        raise Irregular
    try:
        return Dataset.model_validate({"base": base, "sources": sources, "reports": reports,
                                       "claims": claims, "assertions": assertions,
                                       "verdicts": verdicts})
    except (ValidationError, ValueError):
        raise Irregular from None


def _validated(cls: type[BaseModel], record: dict[str, Any]) -> Any:
    try:
        return cls.model_validate(record)
    except (ValidationError, ValueError):
        raise Irregular from None


def _sources(c: _Columns, base: str) -> list[Source]:
    kinds: dict[str, set[str]] = {}
    for cls, kind in _KINDS.items():
        for key in c.typed[cls]:
            kinds.setdefault(key, set()).add(kind)
    out = []
    for key in sorted(kinds.keys() | c.typed[_C + "Source"]):
        found = kinds.get(key, set())
        specific = found - {"organization"} or found
        if len(specific) != 1:
            raise Irregular
        record: dict[str, Any] = {
            "id": ident(key), "kind": next(iter(specific)),
            "name": c.text(_RDFS + "label", key, required=True),
            "aliases": sorted(literal(o) for o in c.values(_SKOS + "altLabel", key)),
            "affiliated_with": [ident(o) for o in c.values(_C + "affiliatedWith", key)],
            "authors": [ident(o) for o in c.values(_C + "authoredBy", key)],
            "same_as": sorted(_term_text(o, base) for o in c.values(_SCHEMA + "sameAs", key)),
        }
        for field, p in (("country", _C + "country"), ("side", _C + "side"),
                         ("reliability", _C + "analystReliability"),
                         ("note", _RDFS + "comment"),
                         ("reliability_set_by", _C + "reliabilitySetBy"),
                         ("reliability_set_at", _C + "reliabilitySetAt"),
                         ("reliability_why", _C + "reliabilityReason")):
            value = c.text(p, key)
            if value is not None:
                record[field] = value
        out.append(_validated(Source, record))
    return out


def _report(c: _Columns, key: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": ident(key)}
    for field, p in (("title", _RDFS + "label"), ("date", _SCHEMA + "datePublished"),
                     ("url", _SCHEMA + "url")):
        value = c.text(p, key)
        if value is not None:
            record[field] = value
    publisher = c.value(_C + "publishedBy", key)
    if publisher is not None:
        record["published_by"] = ident(publisher)
    return record


def _refs(c: _Columns, p: str, key: str) -> tuple[str, ...]:
    values = c.values(p, key)
    if not values:
        return ()
    return tuple(sorted({ident(o) for o in values}))


_CLAIM_LINKS = (("about", _C + "about"), ("contradicts", _C + "contradicts"),
                ("hedged_contradicts", _C + "hedgedContradicts"), ("supports", _C + "supports"))


def _links(c: _Columns, p: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    return c.one.get(p, {}), c.many.get(p, {})


def _ids(key: str, links: tuple[dict[str, str], dict[str, list[str]]]) -> tuple[str, ...]:
    one = links[0].get(key)
    if one is not None:
        return (ident(one),)
    many = links[1].get(key)
    return tuple(sorted({ident(o) for o in many})) if many else ()


def _claims(c: _Columns) -> list[Claim]:
    """The claims; those with only a text and links to other records are made directly."""
    keys = sorted(c.typed[_C + "Claim"])
    if _SCHEMA + "text" not in c.one:
        return [_claim(c, key) for key in keys]
    text = c.one[_SCHEMA + "text"]
    other = c.keys((_RDFS + "comment", _C + "quantity")) | c.figured
    links = [(field, _links(c, p)) for field, p in _CLAIM_LINKS]
    out = []
    for key in keys:
        said = text.get(key)
        if key in other or said is None or said[:1] != '"' or said[-1:] != '"' or "\\" in said:
            out.append(_claim(c, key))
            continue
        record: dict[str, Any] = {"id": ident(key), "text": said[1:-1]}
        for field, link in links:
            record[field] = _ids(key, link)
        if (not _plain_text(record["text"])
                or (record["contradicts"] and record["hedged_contradicts"])):
            out.append(_claim(c, key))
            continue
        out.append(construct(Claim, record))
    return out


def _claim(c: _Columns, key: str) -> Claim:
    record: dict[str, Any] = {
        "id": ident(key), "text": c.text(_SCHEMA + "text", key, required=True),
        "about": _refs(c, _C + "about", key),
        "contradicts": _refs(c, _C + "contradicts", key),
        "hedged_contradicts": _refs(c, _C + "hedgedContradicts", key),
        "supports": _refs(c, _C + "supports", key),
    }
    note = c.text(_RDFS + "comment", key)
    if note is not None:
        record["note"] = note
    figures = key in c.figured
    extras = c.values(_C + "quantity", key)
    if (figures or extras or not _plain_text(record["text"]) or not _plain_text(note)
            or (record["contradicts"] and record["hedged_contradicts"])):
        if figures:
            record["quantity"] = _quantity(c, key)
        if extras:
            if any(o[:1] != "<" for o in extras):
                raise Irregular  # a further figure's node is {claim}/quantity/{n}
            record["quantities"] = [_quantity(c, o) for o in sorted(extras)]
        return _validated(Claim, record)  # type: ignore[no-any-return]
    return construct(Claim, record)  # type: ignore[no-any-return]


_ASSERTION_FLAGS = (("hedged", "hedged"), ("headline", "headline"), ("endorses", "endorses"),
                    ("against_interest", "againstInterest"))
_ASSERTION_OTHER = (_C + "inReport", _C + "hedged", _C + "headline", _C + "endorses",
                    _C + "againstInterest", _C + "quote", _C + "ownText", _C + "copies")


def _assertions(c: _Columns) -> list[Assertion]:
    """The assertions; those with only a source, a claim and citations are made directly."""
    keys = sorted(c.typed[_C + "Assertion"])
    by, claim = c.one.get(_C + "assertedBy"), c.one.get(_C + "claim")
    if by is None or claim is None:
        return [_assertion(c, key) for key in keys]
    other = c.keys(_ASSERTION_OTHER) | c.figured
    cites = _links(c, _C + "citesAssertion")
    out = []
    for key in keys:
        source, what = by.get(key), claim.get(key)
        if key in other or source is None or what is None:
            out.append(_assertion(c, key))
            continue
        out.append(construct(Assertion, {"id": ident(key), "source": ident(source),
                                         "claim": ident(what), "cites": _ids(key, cites)}))
    return out


def _assertion(c: _Columns, key: str) -> Assertion:
    record: dict[str, Any] = {
        "id": ident(key),
        "source": ident(c.value(_C + "assertedBy", key, required=True) or ""),
        "claim": ident(c.value(_C + "claim", key, required=True) or ""),
        "cites": _refs(c, _C + "citesAssertion", key),
    }
    report = c.value(_C + "inReport", key)
    if report is not None:
        record["report"] = ident(report)
    for field, p in _ASSERTION_FLAGS:
        flag = c.text(_C + p, key)
        if flag is not None:
            record[field] = flag in ("true", "1")
    for field, p in (("quote", "quote"), ("text", "ownText")):
        value = c.text(_C + p, key)
        if value is not None:
            record[field] = value
    copies = _refs(c, _C + "copies", key)
    if copies:
        record["copies"] = copies
    figures = key in c.figured
    if (figures or not _plain_text(record.get("quote")) or not _plain_text(record.get("text"))
            or (record.get("endorses") and not record["cites"])):
        if figures:
            record["quantity"] = _quantity(c, key)
        return _validated(Assertion, record)  # type: ignore[no-any-return]
    return construct(Assertion, record)  # type: ignore[no-any-return]


def _verdict(c: _Columns, key: str, base: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": ident(key),
        "claim": ident(c.value(_SCHEMA + "itemReviewed", key, required=True) or ""),
        "rating": c.text(_C + "rating", key, required=True),
    }
    reviewer = c.value(_SCHEMA + "author", key)
    if reviewer is not None:
        record["reviewer"] = ident(reviewer)
    for field, p in (("original_rating", _C + "originalRating"),
                     ("date", _SCHEMA + "datePublished")):
        value = c.text(p, key)
        if value is not None:
            record[field] = value
    url = c.value(_SCHEMA + "url", key)
    if url is not None:
        record["url"] = _term_text(url, base)
    return record


def _quantity(c: _Columns, key: str) -> dict[str, Any]:
    quantity: dict[str, Any] = {}
    for field, p in _QUANTITY_TEXT:
        value = c.text(_C + p, key)
        if value is not None:
            quantity[field] = value
    for field, p in _QUANTITY_NUMBERS:
        number = c.text(_C + p, key)
        if number is not None:
            try:
                quantity[field] = float(number)
            except ValueError:
                raise Irregular from None
    for field, p in _QUANTITY_FLAGS:
        flag = c.text(_C + p, key)
        if flag is not None:
            quantity[field] = flag in ("true", "1")
    forecaster = c.value(_C + "forecaster", key)
    if forecaster is not None:
        quantity["forecaster"] = ident(forecaster)
    return quantity

