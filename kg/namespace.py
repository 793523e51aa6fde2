"""The ``cred:`` vocabulary as an rdflib namespace, and where the ontology files live.

``CRED`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a misspelt
term is an error, not a new IRI. A test checks that these terms and the ones
defined in ``ontology/credkg.ttl`` are the same set.

Examples:
    >>> CRED.assertedBy
    rdflib.term.URIRef('https://w3id.org/credkg/ns#assertedBy')
    >>> CRED.asertedBy
    Traceback (most recent call last):
    ...
    AttributeError: term 'asertedBy' not in namespace 'https://w3id.org/credkg/ns#'
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.model import SourceKind

__all__ = [
    "CLASS_KIND",
    "CRED",
    "CRED_IRI",
    "GRADING",
    "KIND_CLASS",
    "RECORD_IRI",
    "SCHEMA",
    "SCHEMA_IRI",
    "jsonld_context",
    "ontology_path",
    "record_iri",
]

#: The ``cred:`` namespace IRI, as a string (the store and queries work with strings).
CRED_IRI = "https://w3id.org/credkg/ns#"
#: schema.org, as a string.
SCHEMA_IRI = "https://schema.org/"
SCHEMA = Namespace(SCHEMA_IRI)


class CRED(DefinedNamespace):
    """credkg ontology terms (``https://w3id.org/credkg/ns#``)."""

    _fail = True
    _NS = Namespace(CRED_IRI)

    # classes
    Source: URIRef
    Person: URIRef
    Organization: URIRef
    NewsOutlet: URIRef
    GovernmentBody: URIRef
    MilitaryBody: URIRef
    AnonymousSource: URIRef
    UnnamedDocument: URIRef
    Study: URIRef
    Poll: URIRef
    DataSet: URIRef
    Report: URIRef
    Claim: URIRef
    Assertion: URIRef
    # assertion provenance
    assertedBy: URIRef
    claim: URIRef
    inReport: URIRef
    citesAssertion: URIRef
    hedged: URIRef
    quote: URIRef
    ownText: URIRef
    headline: URIRef
    endorses: URIRef
    copies: URIRef
    againstInterest: URIRef
    # shortcuts
    asserts: URIRef
    cites: URIRef
    # between claims
    contradicts: URIRef
    hedgedContradicts: URIRef
    supports: URIRef
    about: URIRef
    # sources and reports
    publishedBy: URIRef
    affiliatedWith: URIRef
    authoredBy: URIRef
    country: URIRef
    side: URIRef
    # structured quantities
    measure: URIRef
    value: URIRef
    minValue: URIRef
    maxValue: URIRef
    approximate: URIRef
    unit: URIRef
    per: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    # kinds of quantity
    Quantity: URIRef
    quantity: URIRef
    exact: URIRef
    quantityKind: URIRef
    measureKey: URIRef
    asOf: URIRef
    cumulative: URIRef
    quantityOf: URIRef
    perPopulation: URIRef
    reference: URIRef
    change: URIRef
    currency: URIRef
    exchangeRate: URIRef
    exchangeCurrency: URIRef
    forecaster: URIRef
    madeOn: URIRef
    vagueWord: URIRef
    # credibility
    reliability: URIRef
    analystReliability: URIRef
    reliabilitySetBy: URIRef
    reliabilitySetAt: URIRef
    reliabilityReason: URIRef
    credibility: URIRef
    score: URIRef
    # verdicts
    Verdict: URIRef
    rating: URIRef
    originalRating: URIRef
    # provenance of assessments
    Assessment: URIRef
    AssessmentActivity: URIRef
    Policy: URIRef
    Parameter: URIRef
    parameter: URIRef
    Document: URIRef
    documentId: URIRef
    contentHash: URIRef
    AnalystGrade: URIRef
    gradeOf: URIRef
    # assessment results
    explanation: URIRef
    origin: URIRef
    independentOrigins: URIRef
    claimsAsserted: URIRef
    reliabilityScore: URIRef
    namedOrigins: URIRef
    Finding: URIRef
    FindingType: URIRef
    finding: URIRef
    findingType: URIRef
    concerns: URIRef
    interestedParty: URIRef
    distortedBy: URIRef
    FalseConfirmation: URIRef
    CircularReporting: URIRef
    SingleOrigin: URIRef
    UnjudgeableOrigin: URIRef
    InterestedParty: URIRef
    DetectedContradiction: URIRef
    Distortion: URIRef
    Endorsement: URIRef
    AgainstInterest: URIRef
    HedgedContradiction: URIRef
    ForecastRevision: URIRef
    NotComparable: URIRef
    # discovered trust (kg discover --store)
    TruthDiscovery: URIRef
    discoveryMethod: URIRef
    discoverySettings: URIRef
    discoveredTrust: URIRef
    figuresCompared: URIRef


def jsonld_context() -> dict[str, Any]:
    """credkg's JSON-LD ``@context`` (``ontology/context.jsonld``): the one exports are
    compacted with, and the one a file may name by its IRI without anything being fetched.

    Examples:
        >>> jsonld_context()["cred"]
        'https://w3id.org/credkg/ns#'
    """
    context: dict[str, Any] = json.loads(_context_text())["@context"]
    return context


@lru_cache(maxsize=1)
def _context_text() -> str:
    return ontology_path("context.jsonld").read_text(encoding="utf-8")


def ontology_path(name: str = "credkg.ttl") -> Path:
    """Path of a file of the ontology (``credkg.ttl``, ``shapes.ttl``, ``context.jsonld``).

    The files live in the top-level ``ontology/`` folder of a checkout; a wheel
    carries them inside the package as ``kg/_ontology/``.
    """
    here = Path(__file__).resolve().parent
    for folder in (here / "_ontology", here.parent / "ontology"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"ontology file {name!r} is missing from the installation")


#: The ``cred:`` class of each kind of source.
KIND_CLASS: dict[SourceKind, URIRef] = {
    SourceKind.PERSON: CRED.Person,
    SourceKind.ORGANIZATION: CRED.Organization,
    SourceKind.NEWS_OUTLET: CRED.NewsOutlet,
    SourceKind.GOVERNMENT_BODY: CRED.GovernmentBody,
    SourceKind.MILITARY_BODY: CRED.MilitaryBody,
    SourceKind.ANONYMOUS_SOURCE: CRED.AnonymousSource,
    SourceKind.UNNAMED_DOCUMENT: CRED.UnnamedDocument,
    SourceKind.STUDY: CRED.Study,
    SourceKind.POLL: CRED.Poll,
    SourceKind.DATASET: CRED.DataSet,
}
#: Who set a source's analyst grade, when and why: each model field and its property.
GRADING: tuple[tuple[str, URIRef], ...] = (
    ("reliability_set_by", CRED.reliabilitySetBy),
    ("reliability_set_at", CRED.reliabilitySetAt),
    ("reliability_why", CRED.reliabilityReason),
)
#: The kind of source each ``cred:`` class IRI (a string) stands for.
CLASS_KIND: dict[str, SourceKind] = {str(cls): kind for kind, cls in KIND_CLASS.items()}

#: The IRI of a record: ``{base}{kind}/{id}``, with the three parts as groups.
RECORD_IRI = re.compile(
    r"^(?P<base>.*[/#])(?P<kind>source|report|claim|assertion|verdict)/(?P<id>[^/#]+)$"
)


def record_iri(base: str, kind: str, id: str) -> str:
    """The IRI of a record, as a string: ``{base}{kind}/{id}``.

    Examples:
        >>> record_iri("https://example.org/", "claim", "c1")
        'https://example.org/claim/c1'
        >>> RECORD_IRI.match(record_iri("https://example.org/", "claim", "c1"))["id"]
        'c1'
    """
    return f"{base}{kind}/{id}"
