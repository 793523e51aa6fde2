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
from kg.resolution.known import Registry, load_registry

__all__ = ["recognise"]


#: Kinds the rules may have guessed wrong, and what else the source may be.
_GUESSES = {"person": ("organization", "government_body", "news_outlet"),
            "organization": ("government_body", "news_outlet", "military_body"),
            "government_body": ("organization", "military_body"),
            "military_body": ("government_body",)}


@cache
def _registry() -> Registry:
    return load_registry()


def recognise(records: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Give known sources the registry's names (in place); the ids merged into another."""
    reg = _registry()
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
