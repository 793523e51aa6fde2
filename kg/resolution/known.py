"""The registry of known entities: wire services, outlets, state and international bodies.

Articles name the same few dozen agencies and bodies again and again, under
abbreviations ("DW", "UP", "AP"), translations ("Ukrainian Truth" for
Ukrainska Pravda) and other scripts ("РИА Новости"). The registry, shipped as
package data (``kg/data/known_entities.yaml``), lists them with those names, their
country, their state affiliation and side, their kind and, where certain, their
Wikidata entity. Entity resolution recognises a source as a known entity
(:meth:`Registry.recognise`), merges sources recognised as the same entity, never
those recognised as different ones, and fills in what the registry knows
(:meth:`Registry.enrich`): e.g. TASS is Russian state media, side Russia, which
credkg's interested-party rule reads.

Recognition is by name key (:func:`~kg.names.name_key`) of the name
or an alias, or by an acronym written exactly. A generic head ("Office", "the
Ministry") is recognised only when the source's country is the entity's; a
source whose name says it is unnamed, and anonymous sources, never are.

Users extend the registry with YAML files of the same form (``kg resolve
--known mine.yaml``); an entry with a bundled id replaces the bundled one.

Examples:
    >>> from kg.model import Source
    >>> reg = load_registry()
    >>> def known(name, kind="news_outlet", country=None):
    ...     e = reg.recognise(Source(id="x", kind=kind, name=name, country=country))
    ...     return e.id if e else None
    >>> [known(n) for n in ("DW", "DV", "Deutsche Welle", "Дойче Велле")]
    ['deutsche-welle', 'deutsche-welle', 'deutsche-welle', 'deutsche-welle']
    >>> [known(n) for n in ("UP", "Ukrainska Pravda", "Ukrainian Truth", "Українська правда")]
    ['ukrainska-pravda', 'ukrainska-pravda', 'ukrainska-pravda', 'ukrainska-pravda']
    >>> known("Office", "government_body", "Ukraine") is None
    True
    >>> reg.entity("tass").side, reg.entity("tass").affiliation
    ('Russia', 'state_media')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kg.errors import DatasetError
from kg.formats.scoping import KNOWN_BASE
from kg.model import UNNAMED_KINDS, Source, SourceKind
from kg.names import fold, is_generic, name_key, says_unnamed

__all__ = [
    "BUNDLED",
    "KnownEntity",
    "Registry",
    "kinds_compatible",
    "load_registry",
]

#: The bundled registry file.
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "known_entities.yaml"

Affiliation = Literal["state_media", "public_broadcaster", "government", "intergovernmental",
                      "private"]
_OUTLETS = frozenset({SourceKind.NEWS_OUTLET, SourceKind.ORGANIZATION})
_STATE = frozenset({SourceKind.GOVERNMENT_BODY, SourceKind.MILITARY_BODY,
                    SourceKind.ORGANIZATION})


def kinds_compatible(a: SourceKind, b: SourceKind) -> bool:
    """Whether two kinds of source can be one entity (an outlet is also an organisation).

    Examples:
        >>> kinds_compatible(SourceKind.NEWS_OUTLET, SourceKind.ORGANIZATION)
        True
        >>> kinds_compatible(SourceKind.NEWS_OUTLET, SourceKind.PERSON)
        False
    """
    return a == b or ({a, b} <= _OUTLETS) or ({a, b} <= _STATE)


class KnownEntity(BaseModel):
    """One entry of the registry."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    kind: SourceKind
    country: str | None = None
    affiliation: Affiliation | None = None
    side: str | None = None
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    wikidata: str | None = Field(default=None, pattern=r"^http://www\.wikidata\.org/entity/Q\d+$")

    @property
    def iri(self) -> str:
        """``https://w3id.org/credkg/known/{id}``."""
        return KNOWN_BASE + self.id

    @property
    def identifiers(self) -> tuple[str, ...]:
        """The IRIs that name it: its own and its Wikidata entity."""
        return (self.iri,) if self.wikidata is None else (self.iri, self.wikidata)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    entities: list[KnownEntity]


def _keys(name: str) -> set[str]:
    return {k for k in (name_key(name, outlet=True), name_key(name)) if k}


@dataclass
class Registry:
    """Known entities, indexed by name key, acronym and identifier."""

    entities: dict[str, KnownEntity] = field(default_factory=dict)
    _by_key: dict[str, set[str]] = field(default_factory=dict)
    _by_acronym: dict[str, set[str]] = field(default_factory=dict)
    _by_iri: dict[str, str] = field(default_factory=dict)
    _seen: dict[Source, KnownEntity | None] = field(default_factory=dict)

    def add(self, entity: KnownEntity) -> None:
        """Add (or replace) an entity."""
        self._seen.clear()
        if entity.id in self.entities:
            self._drop(entity.id)
        self.entities[entity.id] = entity
        for n in (entity.name, *entity.aliases):
            for k in _keys(n):
                self._by_key.setdefault(k, set()).add(entity.id)
        for a in entity.acronyms:
            self._by_acronym.setdefault(a.strip(), set()).add(entity.id)
        for iri in entity.identifiers:
            self._by_iri[iri] = entity.id

    def _drop(self, id: str) -> None:
        for index in (self._by_key, self._by_acronym):
            for ids in index.values():
                ids.discard(id)
        self._by_iri = {k: v for k, v in self._by_iri.items() if v != id}
        del self.entities[id]

    def entity(self, id: str) -> KnownEntity:
        """The entity with this id (KeyError if none)."""
        return self.entities[id]

    def by_iri(self, iri: str) -> KnownEntity | None:
        """The entity a ``same_as`` IRI names (its known IRI or its Wikidata entity)."""
        id = self._by_iri.get(iri)
        return None if id is None else self.entities[id]

    def recognise(self, source: Source) -> KnownEntity | None:
        """The known entity a source is, if exactly one fits; else None.

        By identifier first (``same_as``), then by an exact acronym, then by name key
        of the name or an alias. The kinds must be compatible and the countries must
        not differ. Anonymous and unnamed sources are never recognised; a generic
        name only when the countries agree.
        """
        if source not in self._seen:
            self._seen[source] = self._recognise(source)
        return self._seen[source]

    def _recognise(self, source: Source) -> KnownEntity | None:
        for iri in source.same_as:
            hit = self.by_iri(iri)
            if hit is not None:
                return hit
        if source.kind in UNNAMED_KINDS or says_unnamed(source.name):
            return None
        names = _names(source)
        found: set[str] = set()
        for n in names:
            found |= self._by_acronym.get(n.strip(), set())
        if not found:
            for n in names:
                generic = is_generic(n)
                for k in _keys(n):
                    for id in self._by_key.get(k, ()):
                        e = self.entities[id]
                        if generic and (source.country is None or e.country is None
                                        or fold(source.country) != fold(e.country)):
                            continue
                        found.add(id)
        fits = [self.entities[i] for i in sorted(found)
                if kinds_compatible(source.kind, self.entities[i].kind)
                and (source.country is None or self.entities[i].country is None
                     or fold(source.country) == fold(self.entities[i].country or ""))]
        return fits[0] if len(fits) == 1 else None

    def enrich(self, source: Source, entity: KnownEntity) -> Source:
        """The source with the entity's identifiers, and its country and side if missing."""
        update: dict[str, object] = {
            "same_as": tuple(sorted({*source.same_as, *entity.identifiers}))}
        if source.country is None and entity.country is not None:
            update["country"] = entity.country
        if source.side is None and entity.side is not None:
            update["side"] = entity.side
        return source.model_copy(update=update)


def _names(source: Source) -> list[str]:
    """Name and aliases, plus what stands in brackets: "Deutsche Welle (DW)" gives "DW"."""
    out = [source.name, *source.aliases]
    for n in list(out):
        if "(" in n and n.endswith(")"):
            head, _, inner = n[:-1].partition("(")
            out += [head.strip(), inner.strip()]
    return [n for n in out if n]


def _read(path: Path) -> list[KnownEntity]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise DatasetError(path, f"cannot read the registry: {e.strerror or e}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise DatasetError(path, "YAML syntax error in the registry",
                           line=mark.line + 1 if mark else None) from None
    try:
        return _File.model_validate(data).entities
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise DatasetError(path, f"{err['msg']}; see kg/data/known_entities.yaml for the form",
                           field=where) from None


@cache
def _bundled() -> tuple[KnownEntity, ...]:
    return tuple(_read(BUNDLED))


def load_registry(extra: Sequence[str | Path] | Iterable[str | Path] = ()) -> Registry:
    """The bundled registry, extended (and overridden by id) by the user's YAML files.

    Raises:
        DatasetError: a file is missing or not in the registry's form.
    """
    reg = Registry()
    for e in _bundled():
        reg.add(e)
    for path in extra:
        for e in _read(Path(path)):
            reg.add(e)
    return reg
