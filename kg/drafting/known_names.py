"""The sources of a draft recognised in the registry of known entities.

"UN", "the United Nations" and "U.N." are one body; "DW" is Deutsche Welle. A draft's
source that :meth:`kg.resolution.known.Registry.recognise` knows takes the registry's
name, keeps the article's wording as an alias, and gains the registry's aliases,
acronyms, country, side and identifiers; two sources of one draft recognised as the same
entity become one.

Examples:
    >>> recs = {"d-un": {"id": "d-un", "kind": "organization", "name": "UN"},
    ...         "d-united-nations": {"id": "d-united-nations", "kind": "organization",
    ...                              "name": "the United Nations"}}
    >>> merged = recognise(recs)
    >>> merged, recs["d-un"]["name"]
    ({'d-united-nations': 'd-un'}, 'United Nations')
"""

from __future__ import annotations

from functools import cache
from typing import Any

from kg.model import Source
from kg.names import fold
from kg.resolution.known import Registry, load_registry

__all__ = ["recognise"]


#: Kinds the rules may have guessed wrong, and what else the source may be.
_GUESSES = {"person": ("organization", "government_body", "news_outlet"),
            "organization": ("government_body", "news_outlet", "military_body"),
            "government_body": ("organization", "military_body"),
            "military_body": ("government_body",)}


#: Kinds whose bodies belong to one country's state.
_STATE_KINDS = ("government_body", "military_body")


@cache
def _registry() -> Registry:
    return load_registry()


def _country_named(country: str, folded_text: str) -> bool:
    """Whether the text names ``country`` or its people ("Ukraine", "Ukrainian": the
    country's first five letters, or the whole of a shorter name, as a word's start)."""
    stem = fold(country)[:5]
    return f" {stem}" in folded_text


def recognise(records: dict[str, dict[str, Any]], text: str | None = None) -> dict[str, str]:
    """Give known sources the registry's names (in place); the ids merged into another.

    With the article's ``text``, a state body of one country (a prosecutor's office, a
    ministry, an army) is recognised only when the source's name or the text names that
    country: "the Prosecutor General's Office" is Ukraine's in an article about Ukraine,
    nobody's in one about another country.

    Examples:
        >>> pgo = {"d-pgo": {"id": "d-pgo", "kind": "government_body",
        ...                  "name": "Prosecutor General's Office"}}
        >>> recognise(pgo, "Kenya's Prosecutor General's Office said on Monday...")
        {}
        >>> pgo["d-pgo"]["name"]
        "Prosecutor General's Office"
        >>> recognise(pgo, "Ukrainian prosecutors said..."), pgo["d-pgo"]["name"]
        ({}, 'Office of the Prosecutor General of Ukraine')
    """
    reg = _registry()
    folded = None if text is None else " " + " ".join(fold(text).split())
    first: dict[str, str] = {}  # entity id -> the draft's source id
    merged: dict[str, str] = {}
    for sid, rec in records.items():
        entity = None
        for kind in (rec["kind"], *_GUESSES.get(rec["kind"], ())):
            entity = reg.recognise(Source.model_validate({**rec, "kind": kind}))
            if entity is not None:
                break
        if entity is None:
            continue
        if (folded is not None and entity.country and entity.kind in _STATE_KINDS
                and not _country_named(entity.country, " " + fold(rec["name"]))
                and not _country_named(entity.country, folded)):
            continue  # a state body of a country the article does not name
        rec["kind"] = entity.kind  # the rules' guess ("United Nations" a person) corrected
        if entity.id in first:
            merged[sid] = first[entity.id]
            continue
        first[entity.id] = sid
        names = {rec["name"], *rec.get("aliases", ()), *entity.aliases, *entity.acronyms}
        rec["name"] = entity.name
        rec["aliases"] = sorted(n for n in names if n and n != entity.name)
        enriched = reg.enrich(Source.model_validate(rec), entity)
        for key in ("same_as", "country", "side"):
            value = getattr(enriched, key)
            if value:
                rec[key] = list(value) if key == "same_as" else value
    return merged
