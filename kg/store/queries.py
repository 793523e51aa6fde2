"""Ready-made SPARQL queries, each a named constant, and the function that runs them.

Every query reads the union of the store's graphs as its default graph (what
:class:`~kg.store.Store` does, and what Virtuoso does without ``FROM``), or, for
the two long listings, matches each pattern in any named graph (``GRAPH ?g``),
which is the same data and which pyoxigraph pages faster. That
union keeps a triple once per graph holding it (two documents may share facts),
so every query is DISTINCT or counts DISTINCT values. They
are written for pyoxigraph's planner: alternatives are UNIONs of basic graph
patterns, never ``p|^p`` paths inside a join (see PERF-NOTES).

Parameters are bound, never pasted into the text: a ``VALUES`` block is added
whose terms pyoxigraph has checked and serialised (:func:`bind_values`), or, on
the embedded store for queries marked ``substitute``, pyoxigraph's
``substitutions`` (SEP-0007; pyoxigraph 0.5 only substitutes projected
variables). Which of the two pyoxigraph plans faster differs by query (VALUES:
0.2 ms for ``chains``, substitution 88 ms; the reverse, 300 ms against 6 ms, for
``source-profile``, at 10k claims), so each query uses the faster. A
claim or source parameter is an id (``convicts-deserted``, turned into
``{base}claim/convicts-deserted``) or a full IRI.

Queries that read grades, scores or findings need the assessment graph that the
store writes after each load (``kg score`` / :mod:`kg.credibility`).

Examples:
    >>> sorted(QUERIES)[:3]
    ['anonymous-origins', 'chains', 'circular-reporting']
    >>> QUERIES["origins"].params
    {'claim': 'claim'}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import InputError, NotFoundError
from kg.model import DEFAULT_BASE
from kg.store import listing_sparql
from kg.store.results import Results

if TYPE_CHECKING:
    from kg.store.guard import QueryLimits
    from kg.store.store import Store

__all__ = [
    "ANONYMOUS_ORIGINS",
    "CHAINS",
    "CIRCULAR_REPORTING",
    "CONTRADICTIONS",
    "DISCOVERED_TRUST",
    "DISTORTIONS",
    "DOCUMENT_CHANGES",
    "INTERESTED_PARTIES",
    "ORIGINS",
    "PREFIXES",
    "QUERIES",
    "SINGLE_ORIGIN",
    "SOURCES_RANKED",
    "SOURCE_PROFILE",
    "NamedQuery",
    "bind_values",
    "parse_params",
    "resolve_query",
    "run_query",
    "run_sparql",
    "service_failure",
]

PREFIXES = """PREFIX cred: <https://w3id.org/credkg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""

#: Provenance chains of a claim, as citation steps: each assertion reached from
#: the claim's assertions, its source, and the assertion (and source) it cites;
#: an origin has no cited assertion. Parameter ``claim``.
CHAINS = PREFIXES + """SELECT DISTINCT ?assertion ?source ?name ?cites ?citedSource WHERE {
  ?tip cred:claim ?claim .
  ?tip cred:citesAssertion* ?assertion .
  ?assertion cred:assertedBy ?source .
  ?source rdfs:label ?name .
  OPTIONAL { ?assertion cred:citesAssertion ?cites . ?cites cred:assertedBy ?citedSource }
}
ORDER BY ?assertion ?cites"""

#: Origins of a claim (its assertions that cite nobody), their sources, and
#: ``origins``, the number of origins. Parameter ``claim``.
ORIGINS = PREFIXES + """SELECT ?origin ?source ?name (COUNT(DISTINCT ?other) AS ?origins) WHERE {
  ?origin cred:claim ?claim ; cred:assertedBy ?source .
  FILTER NOT EXISTS { ?origin cred:citesAssertion ?cited }
  ?source rdfs:label ?name .
  ?other cred:claim ?claim .
  FILTER NOT EXISTS { ?other cred:citesAssertion ?cited2 }
}
GROUP BY ?origin ?source ?name
ORDER BY ?origin"""

#: Claims resting on a single independent origin, with each origin's source and name
#: (:mod:`kg.store.listing_sparql` says how the long listings are shaped).
SINGLE_ORIGIN = PREFIXES + listing_sparql.SINGLE_ORIGIN

#: Claims whose only origins are anonymous sources or unnamed documents.
ANONYMOUS_ORIGINS = PREFIXES + listing_sparql.ANONYMOUS_ORIGINS

#: Contradicted claims, both sides and their sources: one row per contradicted
#: claim (stated, or detected by the assessment), source asserting it, and claim
#: contradicting it. A pair shows from both sides, each side with its own
#: sources (rather than every source of one side against every source of the
#: other: 88k rows instead of 97k at 1M claims, and no ``STR()`` comparison to
#: keep one direction). Unordered.
CONTRADICTIONS = PREFIXES + """SELECT DISTINCT ?claim ?source ?contradicts WHERE {
  ?claim cred:contradicts ?contradicts .
  ?source cred:asserts ?claim .
}"""

#: A source's profile: the claims it asserts, the sources it cites, the sources
#: citing it, its grade and score (from the assessment) and the analyst's grade.
#: Rows of (source, relation, value, label). Parameter ``source``.
SOURCE_PROFILE = PREFIXES + """SELECT DISTINCT ?source ?relation ?value ?label WHERE {
  {
    ?source cred:asserts ?value . BIND ("asserts" AS ?relation)
    OPTIONAL { ?value schema:text ?label }
  } UNION {
    ?source cred:cites ?value . BIND ("cites" AS ?relation)
    OPTIONAL { ?value rdfs:label ?label }
  } UNION {
    ?value cred:cites ?source . BIND ("cited by" AS ?relation)
    OPTIONAL { ?value rdfs:label ?label }
  } UNION {
    GRAPH ?assessment { ?source cred:reliability ?value ; cred:score ?score }
    BIND ("grade" AS ?relation)
    OPTIONAL { GRAPH ?assessment { ?source cred:explanation ?label } }
  } UNION {
    GRAPH ?assessment2 { ?source cred:score ?value ; cred:reliability ?grade2 }
    BIND ("score" AS ?relation)
  } UNION {
    ?source cred:analystReliability ?value . BIND ("analyst grade" AS ?relation)
  }
}
ORDER BY ?relation ?value"""

#: Circular reporting and false confirmation, as found by the assessment.
CIRCULAR_REPORTING = PREFIXES + listing_sparql.CIRCULAR_REPORTING

#: Claims by interested parties, as found by the assessment.
INTERESTED_PARTIES = PREFIXES + listing_sparql.INTERESTED_PARTIES

#: Relays that change what they relay, as found by the assessment
#: (:mod:`kg.credibility.distortion`), per source and per claim: the relaying
#: source, its name, the claim, and what changed, with the numbers.
DISTORTIONS = PREFIXES + listing_sparql.DISTORTIONS

#: Sources ranked by reliability: grade, then score, then claims asserted.
SOURCES_RANKED = PREFIXES + listing_sparql.SOURCES_RANKED


#: Sources with the trust ``kg discover --store`` found (:mod:`kg.store.trust`), most
#: trusted first, beside the assessment's grade and score, with how many of their figures
#: were compared and the run behind it: method and when. Kept apart from the grade.
DISCOVERED_TRUST = PREFIXES + """PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?source ?name ?trust ?figures ?grade ?score ?method ?when WHERE {
  GRAPH ?truth {
    ?source cred:discoveredTrust ?trust ; cred:figuresCompared ?figures .
    ?truth prov:wasGeneratedBy ?run .
    ?run cred:discoveryMethod ?method ; prov:endedAtTime ?when .
  }
  OPTIONAL { ?source rdfs:label ?name }
  OPTIONAL { GRAPH ?assessment {
    ?source cred:claimsAsserted ?claims ; cred:reliability ?grade ; cred:score ?score } }
}
ORDER BY DESC(?trust) ?source"""


#: What adding a document changed (kept by ``kg resolve FILE --store``, see
#: :mod:`kg.resolution.changes`): one row per new claim, new corroboration (a claim's
#: independent origins rose), new contradiction and moved grade, with the values
#: before and after. Parameter ``doc``: the document id.
DOCUMENT_CHANGES = PREFIXES + """PREFIX chg: <https://w3id.org/credkg/changes#>
SELECT DISTINCT ?kind ?claim ?text ?other ?before ?after WHERE {
  ?change chg:document ?doc ; chg:kind ?kind ; chg:claim ?claim .
  OPTIONAL { ?claim schema:text ?text }
  OPTIONAL { ?change chg:other ?other }
  OPTIONAL { ?change chg:before ?before }
  OPTIONAL { ?change chg:after ?after }
}
ORDER BY ?kind ?claim ?other"""


@dataclass(frozen=True)
class NamedQuery:
    """A ready-made query.

    Attributes:
        name: What ``kg query NAME`` calls it.
        title: One line saying what it answers.
        sparql: The query text.
        params: Parameter name -> kind ("claim" or "source": an id or IRI).
        needs_assessment: True when it reads grades or findings.
        substitute: Bind parameters by pyoxigraph substitution (the parameter
            must then be projected) rather than a ``VALUES`` block, on the
            embedded store; whichever pyoxigraph plans faster (measured).
    """

    name: str
    title: str
    sparql: str
    params: dict[str, str] = field(default_factory=dict)
    needs_assessment: bool = False
    substitute: bool = False


#: The ready-made queries by name.
QUERIES: dict[str, NamedQuery] = {
    q.name: q
    for q in (
        NamedQuery("chains", "provenance chains of a claim, as citation steps", CHAINS,
                   {"claim": "claim"}),
        NamedQuery("origins", "origins of a claim and their number", ORIGINS,
                   {"claim": "claim"}),
        NamedQuery("single-origin", "claims resting on a single independent origin",
                   SINGLE_ORIGIN, needs_assessment=True),
        NamedQuery("anonymous-origins",
                   "claims whose only origins are anonymous sources or unnamed documents",
                   ANONYMOUS_ORIGINS, needs_assessment=True),
        NamedQuery("contradictions",
                   "contradicted claims, both sides and their sources", CONTRADICTIONS),
        NamedQuery("source-profile",
                   "what a source asserts, whom it cites, who cites it, and its grade",
                   SOURCE_PROFILE, {"source": "source"}, substitute=True),
        NamedQuery("circular-reporting", "circular reporting and false confirmation",
                   CIRCULAR_REPORTING, needs_assessment=True),
        NamedQuery("interested-parties", "claims by interested parties",
                   INTERESTED_PARTIES, needs_assessment=True),
        NamedQuery("distortions", "relays that change what they relay, per source and claim",
                   DISTORTIONS, needs_assessment=True),
        NamedQuery("sources-ranked", "sources ranked by reliability grade and score",
                   SOURCES_RANKED, needs_assessment=True),
        NamedQuery("discovered-trust", "sources with the trust truth discovery found "
                   "(kg discover --store), beside their grade", DISCOVERED_TRUST),
        NamedQuery("document-changes", "what adding a document changed: new claims, "
                   "corroborations, contradictions, moved grades", DOCUMENT_CHANGES,
                   {"doc": "document"}),
    )
}

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _term(name: str, kind: str, value: str, base: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as a checked RDF term."""
    if kind in ("claim", "source"):
        if value.startswith("<") and value.endswith(">"):
            value = value[1:-1]
        if _ID.match(value) and not _SCHEME.match(value):
            value = f"{base}{kind}/{value}"
        elif not _SCHEME.match(value):
            raise InputError(
                f"--param {name}={value!r}: give a {kind} id (letters, digits, . _ ~ -) "
                "or a full IRI"
            )
        return _iri(name, value)
    # free parameters of the user's own queries: <iri>, an integer, or a string
    if value.startswith("<") and value.endswith(">"):
        return _iri(name, value[1:-1])
    if re.fullmatch(r"[+-]?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(value)


def _iri(name: str, value: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as e:
        raise InputError(f"--param {name}: {value!r} is not a valid IRI: {e}") from None


def parse_params(items: Iterable[str]) -> dict[str, str]:
    """``k=v`` strings (from ``--param``) as a dict.

    Examples:
        >>> parse_params(["claim=c1", "x=a=b"])
        {'claim': 'c1', 'x': 'a=b'}
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise InputError(f"--param {item!r}: write it as NAME=VALUE, NAME a SPARQL variable")
        out[key] = value
    return out


def resolve_query(query: str) -> tuple[str, NamedQuery | None]:
    """The SPARQL text of a query given as a name, ``@file.rq`` or SPARQL text.

    Raises:
        NotFoundError: an unknown name or a missing file.
    """
    if query in QUERIES:
        return QUERIES[query].sparql, QUERIES[query]
    if query.startswith("@"):
        path = Path(query[1:])
        try:
            return path.read_text(encoding="utf-8"), None
        except FileNotFoundError:
            raise NotFoundError(f"{path}: no such query file") from None
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"{path}: cannot read the query file: {e}") from None
    if re.fullmatch(r"[a-z][a-z0-9-]*", query.strip()):
        raise NotFoundError(
            f"no ready-made query {query!r}; `kg query --list` shows them: " + ", ".join(QUERIES)
        )
    return query, None


def _bindings(
    named: NamedQuery | None, params: Mapping[str, str], base: str
) -> dict[str, ox.NamedNode | ox.Literal]:
    if named is not None:
        unknown = sorted(set(params) - set(named.params))
        if unknown:
            raise InputError(
                f"query {named.name!r} takes no parameter {unknown[0]!r}; it takes: "
                + (", ".join(named.params) or "none")
            )
        missing = [p for p in named.params if p not in params]
        if missing:
            raise InputError(
                f"query {named.name!r} needs --param {missing[0]}=ID "
                f"(a {named.params[missing[0]]} id or IRI)"
            )
        return {k: _term(k, named.params[k], v, base) for k, v in params.items()}
    return {k: _term(k, "value", v, base) for k, v in params.items()}


def bind_values(sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with a ``VALUES`` block binding ``bindings``, for remote endpoints.

    The block goes right after the first ``WHERE {`` (the outermost group of a
    SELECT, ASK or CONSTRUCT); terms are written by pyoxigraph, which escapes them.

    Examples:
        >>> q = "SELECT ?x WHERE { ?x ?p ?o }"
        >>> print(bind_values(q, {"o": ox.Literal('say "hi"')}))
        SELECT ?x WHERE { VALUES ?o { "say \\"hi\\"" }
         ?x ?p ?o }
    """
    if not bindings:
        return sparql
    match = re.search(r"\bWHERE\s*\{", sparql, flags=re.IGNORECASE)
    if match is None:
        raise InputError("cannot bind parameters: the query has no WHERE { ... } group")
    block = " ".join(f"VALUES ?{k} {{ {v} }}" for k, v in bindings.items())
    return f"{sparql[: match.end()]} {block}\n{sparql[match.end():]}"


def run_sparql(
    store: ox.Store,
    sparql: str,
    bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
    *,
    limit: int | None = None,
    deadline: float | None = None,
    substitute: bool = False,
    limits: QueryLimits | None = None,
) -> Results:
    """Run SPARQL on a pyoxigraph store (union default graph) and collect the results.

    Args:
        store: The pyoxigraph store.
        sparql: The query text.
        bindings: Values bound to variables by a ``VALUES`` block of checked terms.
        limit: Keep at most this many rows (``truncated`` is then set).
        deadline: A ``time.monotonic()`` after which collecting stops with TimeoutError.
        substitute: Bind by pyoxigraph substitution instead of a ``VALUES`` block.
        limits: Size, nesting and SERVICE limits checked before parsing
            (:mod:`kg.store.guard`); its defaults when None.

    Raises:
        InputError: the query does not parse.
        QueryRefused: the query breaks ``limits`` (too deep, too long, SERVICE).
        RemoteError: an allowed SERVICE endpoint failed.
    """
    from kg.store.guard import check_query

    check_query(sparql, limits)
    try:
        return _collect(store, sparql, bindings, limit, deadline, substitute)
    except OSError as e:  # an allowed SERVICE endpoint that failed
        from kg.errors import RemoteError

        raise RemoteError(f"a SERVICE endpoint failed: {service_failure(e)}") from None


def service_failure(error: OSError) -> str:
    """What a failed SERVICE call says, without the remote server's answer (never echoed).

    Examples:
        >>> service_failure(OSError("Error 500 returned by http://h/x with payload:\\nsecret"))
        'Error 500 returned by http://h/x'
    """
    text = " ".join(str(error).split(" with payload")[0].split())
    return text[:300]


def _collect(
    store: ox.Store,
    sparql: str,
    bindings: Mapping[str, ox.NamedNode | ox.Literal] | None,
    limit: int | None,
    deadline: float | None,
    substitute: bool,
) -> Results:
    import time

    try:
        if substitute:
            answer = store.query(
                sparql, use_default_graph_as_union=True,
                substitutions={ox.Variable(k): v for k, v in (bindings or {}).items()},
            )
        else:
            answer = store.query(
                bind_values(sparql, bindings or {}), use_default_graph_as_union=True
            )
    except SyntaxError as e:
        raise InputError(f"the query does not parse: {e}") from None
    if isinstance(answer, ox.QueryBoolean):
        return Results(boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        triples: list[ox.Triple] = []
        for i, t in enumerate(answer):
            if limit is not None and i >= limit:
                return Results(triples=triples, truncated=True)
            if deadline is not None and i % 1000 == 0 and time.monotonic() > deadline:
                raise TimeoutError("the query ran out of time")
            triples.append(t)
        return Results(triples=triples)
    variables = [v.value for v in answer.variables]
    rows: list[tuple[Any, ...]] = []
    for i, solution in enumerate(answer):
        if limit is not None and i >= limit:
            return Results(variables, rows, truncated=True)
        if deadline is not None and i % 1000 == 0 and time.monotonic() > deadline:
            raise TimeoutError("the query ran out of time")
        rows.append(tuple(solution))
    return Results(variables, rows)


def run_query(
    target: Store | ox.Store | str,
    query: str,
    params: Mapping[str, str] | None = None,
    *,
    base: str = DEFAULT_BASE,
    limit: int | None = None,
    offset: int = 0,
    timeout: float | None = None,
    auth: tuple[str, str] | None = None,
    limits: QueryLimits | None = None,
) -> Results:
    """Run a ready-made query by name, a ``@file.rq``, or SPARQL text.

    Args:
        target: A :class:`~kg.store.Store`, a pyoxigraph store, or the URL of a
            SPARQL endpoint (``kg query --endpoint``).
        query: A name from :data:`QUERIES`, ``@path/to/file.rq`` or SPARQL text.
        params: Parameter values (``--param k=v``), bound safely.
        base: The base IRI that turns ids into IRIs.
        limit: Keep at most this many rows (a SELECT is cut by SPARQL's own LIMIT,
            :mod:`kg.store.paging`; ``truncated`` says whether more rows follow).
        offset: Skip this many rows first (SELECT only).
        timeout: Seconds (remote queries: the HTTP timeout).
        auth: User and password for a remote endpoint.
        limits: What a query on a store may be (:class:`~kg.store.guard.QueryLimits`;
            by default no SERVICE, bounded size and nesting).

    Returns:
        The results; iterate for rows of Python values.

    Raises:
        NotFoundError: an unknown query name.
        InputError: a bad parameter or a query that does not parse.

    Examples:
        >>> from kg.store import Store
        >>> from kg.seed import seed_dataset
        >>> store = Store()
        >>> _ = store.add_dataset(seed_dataset(), "seed", assess=False)
        >>> rows = run_query(store, "contradictions")
        >>> sorted({(r["claim"].rsplit("/")[-1], r["contradicts"].rsplit("/")[-1]) for r in rows})[:2]
        [('monthly-desertions-30k', 'october-desertions-21600'), ('monthly-desertions-30k', 'ytd-desertions-180k')]
    """  # noqa: E501
    sparql, named = resolve_query(query)
    bindings = _bindings(named, params or {}, base)
    substitute = named is not None and named.substitute and not isinstance(target, str)
    sparql, bound = _page(sparql, bindings, limit, offset, substitute)
    if isinstance(target, str):
        from kg.store.client import remote_query

        return remote_query(target, sparql, timeout=timeout, auth=auth, limit=limit)
    import time

    store = target if isinstance(target, ox.Store) else target.ox
    deadline = None if timeout is None else time.monotonic() + timeout
    return run_sparql(store, sparql, bound, limit=limit, deadline=deadline,
                      substitute=substitute, limits=limits)


def _page(
    sparql: str,
    bindings: Mapping[str, ox.NamedNode | ox.Literal],
    limit: int | None,
    offset: int,
    substitute: bool,
) -> tuple[str, Mapping[str, ox.NamedNode | ox.Literal]]:
    """The query with its parameters bound (unless substituted) and, for a SELECT with
    a limit or an offset, cut by SPARQL (one row more than ``limit``, which says
    whether more follow)."""
    from kg.store.sparql_text import paged_sparql, split_prologue

    if not substitute:
        sparql, bindings = bind_values(sparql, bindings), {}
    if limit is None and not offset:
        return sparql, bindings
    try:
        split_prologue(sparql)
    except InputError:
        if offset:
            raise
        return sparql, bindings  # ASK, CONSTRUCT: the rows collected are cut instead
    return paged_sparql(sparql, None if limit is None else limit + 1, offset), bindings
