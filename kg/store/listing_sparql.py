"""The SPARQL bodies of the long listings, shaped so that their first page is cheap.

:mod:`kg.store.queries` puts its ``PREFIX`` lines before each of these and names them
(``single-origin``, ``anonymous-origins``, ``circular-reporting``,
``interested-parties``, ``distortions``, ``sources-ranked``). Each row of a listing costs index
look-ups, one per joined pattern (25-50 us each at 1M claims, nearly all of a page's
time), so the shapes keep the look-ups per row few:

* **Small sides joined by hash.** A pattern over something there are few of (every
  source's name, every source's claim count) is
  written as ``OPTIONAL { SELECT ... }``: pyoxigraph reads such a subquery once,
  whole, into a hash table, and probes it for each row, where a plain pattern is
  looked up row by row. Where the pattern is required, ``FILTER (BOUND(?x))`` then
  drops the rows it left unbound, so the rows are those of the plain join. (A
  subquery joined *without* ``OPTIONAL`` is the other way round: pyoxigraph reads
  the rest of the query whole first, 47 s at 1M claims.) Reading the side whole costs
  one scan of its predicate (20,000 labels at 1M claims), before the first row.
* **No IRI compared in a sort unless all else ties.** pyoxigraph compares IRIs by
  their text, looked up at each comparison, and an ordered listing sorts every row
  before its first: ``sources-ranked`` breaks ties of grade and score on the number
  of claims (a number, compared as it is stored), then on the source's name, and only
  then on its IRI; ``distortions`` sorts by the source's name before its IRI. A name
  of up to 16 bytes is compared as stored; a longer one is looked up as an IRI is, so
  on sources with long names the gain is the rarer IRI (sources share names rarely;
  they share grade, score and claim count often: 760 distinct among 20,000 sources at
  1M claims).

The rows are those of the plain joins (tests compare them on the seed and a synthetic
store, page by page). Measured in ``benchmarks/README.md`` ("First pages (branch
pages)").

Examples:
    >>> "OPTIONAL { SELECT DISTINCT ?source ?name" in SINGLE_ORIGIN
    True
"""

from __future__ import annotations

__all__ = [
    "ANONYMOUS_ORIGINS",
    "CIRCULAR_REPORTING",
    "DISTORTIONS",
    "INTERESTED_PARTIES",
    "SINGLE_ORIGIN",
    "SOURCES_RANKED",
]

#: Every name, read once and joined by hash (see the module's docstring); the
#: listing's ``FILTER (BOUND(?name))`` keeps the rows of sources with one. In the named
#: graphs, as the patterns beside it, or in the union default graph. Each (source,
#: name) once: a source named alike by many documents would otherwise multiply the
#: rows before the listing's DISTINCT.
_NAMES = ("OPTIONAL { SELECT DISTINCT ?source ?name WHERE { "
          "GRAPH ?gn { ?source rdfs:label ?name } } }")
_UNION_NAMES = "OPTIONAL { SELECT DISTINCT ?source ?name WHERE { ?source rdfs:label ?name } }"

def _origins_listing(count: str) -> str:
    """Claims whose kept ``count`` (a pattern on ``?claim``) holds, one row per origin
    source with its name: a scan of the claims the assessment counted, each origin's
    source looked up, the names joined by hash. Each pattern is matched in the named
    graphs (``GRAPH ?g``) rather than the union default graph, which every store's data is
    in: pyoxigraph looks a pattern up in the union more slowly (first 10,000 rows at 1M
    claims: 1.5 s against 2.0 s, machine load 6)."""
    return f"""SELECT DISTINCT ?claim ?source ?name WHERE {{
  GRAPH ?g1 {{ ?claim {count} ; cred:origin ?origin }}
  GRAPH ?g2 {{ ?origin cred:assertedBy ?source }}
  {_NAMES}
  FILTER (BOUND(?name))
}}"""


#: Claims resting on a single origin, as the assessment counts them: one independent
#: origin (origins whose sources are the same or affiliated count once), with each
#: origin's source and its name. Unordered (it can be most of the claims). The
#: assessment keeps the count, so this is a scan, not a GROUP BY over every assertion
#: (21 s against 2.6 s of CPU at 100k claims).
SINGLE_ORIGIN = _origins_listing("cred:independentOrigins 1")

#: Claims whose only origins are anonymous sources or unnamed documents, one row per
#: such origin source. Unordered. The assessment counts each claim's origins by named
#: sources (``cred:namedOrigins``), so this is a scan of the claims with none:
#: pyoxigraph runs a NOT EXISTS or MINUS over several patterns against the whole
#: store, 26 s at 1M claims before the first row.
ANONYMOUS_ORIGINS = _origins_listing("cred:namedOrigins 0")

#: Circular reporting and false confirmation, as found by the assessment: the subject
#: of each finding, its type, what it concerns and its explanation. Unordered:
#: ``ORDER BY ?subject`` cost 1.7 s for 10k rows at 1M claims (IRIs compared by
#: text). Joined row by row, not by hash: reading every ``cred:finding``,
#: ``cred:concerns`` and ``rdfs:comment`` whole (a shape that halved the first page on
#: the synthetic store, whose claims carry few findings) took 5.3 s before the first
#: row on the engine's own assessment of 1M claims, which writes findings for most
#: claims, against 4 ms joined row by row (``benchmarks/README.md``).
CIRCULAR_REPORTING = """SELECT DISTINCT ?subject ?type ?concerns ?comment WHERE {
  { ?finding cred:findingType cred:CircularReporting . BIND (cred:CircularReporting AS ?type) }
  UNION
  { ?finding cred:findingType cred:FalseConfirmation . BIND (cred:FalseConfirmation AS ?type) }
  ?subject cred:finding ?finding .
  OPTIONAL { ?finding cred:concerns ?concerns }
  OPTIONAL { ?finding rdfs:comment ?comment }
}"""

#: Claims by interested parties, as found by the assessment: the claim, the interested
#: source and the explanation. Unordered. The finding names its party
#: (``cred:interestedParty``); of the two subjects linking to it by ``cred:finding``
#: (the claim and the party) the claim is the other, so no type is looked up: the
#: first page of a store with 9,985 such findings at 1M claims took 0.56-0.75 s checking
#: both subjects' types, 0.31-0.37 s this way. All patterns in the assessment's graph,
#: where the assessment writes them (a pattern in the union is looked up more slowly).
#: An assessment written before ``cred:interestedParty`` lists none: ``kg reassess``.
INTERESTED_PARTIES = """SELECT DISTINCT ?claim ?party ?comment WHERE {
  GRAPH ?g {
    ?finding cred:findingType cred:InterestedParty ; cred:interestedParty ?party .
    ?claim cred:finding ?finding . FILTER (?claim != ?party)
    OPTIONAL { ?finding rdfs:comment ?comment }
  }
}"""

#: Sources ranked by reliability: the assessment's grade (A first), then its score
#: (highest first), then the number of claims each asserts (most first), as the
#: assessment counts them (``cred:claimsAsserted``: counting over every
#: ``cred:asserts`` took 1.2 s more at 1M claims), then the source's name, then its
#: IRI. Every source is read and sorted before the first row; the scores, counts and
#: names by hash. The score is read as ``cred:reliabilityScore``, which only sources
#: carry: ``cred:score`` is also every claim's, so it was looked up source by source
#: (~9 us each: first 10,000 rows at 1M claims 0.40 s, against 0.21 s this way, CPU
#: medians). (Ties broken on the IRI before the name: 0.96 s, against 0.54 s.) An
#: assessment written before ``cred:reliabilityScore`` lists none: ``kg reassess``.
SOURCES_RANKED = f"""SELECT DISTINCT ?source ?name ?grade ?score ?claims WHERE {{
  GRAPH ?assessment {{ ?source cred:reliability ?grade }}
  OPTIONAL {{ SELECT ?source ?assessment ?score WHERE {{
    GRAPH ?assessment {{ ?source cred:reliabilityScore ?score }} }} }}
  OPTIONAL {{ SELECT ?source ?assessment ?claims WHERE {{
    GRAPH ?assessment {{ ?source cred:claimsAsserted ?claims }} }} }}
  {_UNION_NAMES}
  FILTER (BOUND(?score) && BOUND(?claims) && BOUND(?name))
}}
ORDER BY ?grade DESC(?score) DESC(?claims) ?name ?source"""

#: Relays that change what they relay, as found by the assessment: the relaying source,
#: its name, the claim and the distortion's explanation, by the source's name, then its
#: IRI, the claim and the explanation (a source's rows together). Every distortion is
#: read and sorted before the first row (4,619 at 1M claims). The finding names its
#: relaying source (``cred:distortedBy``), so no type is looked up among the assertions
#: it also concerns; the names are joined by hash. First page at 1M claims: 0.63-0.74 s
#: sorted by IRI with names and types looked up per row, 0.35 s with the types and names
#: by hash, 0.18 s this way (CPU medians). An assessment written before
#: ``cred:distortedBy`` lists none: ``kg reassess``.
DISTORTIONS = f"""SELECT DISTINCT ?source ?name ?claim ?distortion WHERE {{
  GRAPH ?g {{
    ?finding cred:findingType cred:Distortion ; cred:distortedBy ?source .
    ?claim cred:finding ?finding .
    OPTIONAL {{ ?finding rdfs:comment ?distortion }}
  }}
  {_NAMES}
  FILTER (BOUND(?name))
}}
ORDER BY ?name ?source ?claim ?distortion"""
