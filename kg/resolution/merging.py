"""Entity resolution across documents: sure matches merge, likely ones wait for the analyst.

When a dataset (*incoming*) is added to another (*existing*), its sources and
claims are matched to the ones already there:

=================  ===========================================================  ======
match              rule                                                          merges
=================  ===========================================================  ======
same id            the same id in both, the same kind of source                  sure
same identifier    a shared ``same_as`` IRI (e.g. a Wikidata entity)             sure
same name          a shared :func:`~kg.names.name_key` of name or        sure
                   alias, the same kind, the match unique, and the kind not
                   ``anonymous_source``/``unnamed_document`` (a description
                   such as "a source" identifies nobody)
same quantity      claims whose quantities have the same measure, unit, value,   sure
                   bounds, rate and period (or whose folded texts are equal)
similar name       names within 20% edits, or one name's words inside the        likely
                   other's, or a sure rule that was ambiguous or anonymous
similar claim      the same measure and figures but another period, or texts     likely
                   within 20% edits
=================  ===========================================================  ======

Every merge, sure or confirmed with ``kg merge``, is a :class:`MergeEntry` in a
:class:`MergeLog`: who, when, why, and the records before and after. Undoing it
(:func:`unmerge`) puts the "before" records back, so the dataset after a merge
and its unmerge equals the one before it. A merge rewrites every reference of
the dropped id to the kept one; the kept record gains the dropped one's name as
an alias, its aliases, identifiers and affiliations.

Examples:
    >>> from kg.model import Dataset, Source
    >>> old = Dataset(sources=[Source(id="ria", kind="news_outlet", name="RIA Novosti")])
    >>> new = Dataset(sources=[Source(id="ria-ru", kind="news_outlet", name="РИА Новости")])
    >>> log = MergeLog()
    >>> result = resolve(old, new, log, when="2024-12-20T00:00:00+00:00")
    >>> [s.id for s in result.dataset.sources], result.dataset.source("ria").aliases
    (['ria'], ('РИА Новости',))
    >>> print(log.entries[0].summary())
    m1: source ria-ru -> ria (same name: 'ria'; sure; by credkg resolver)
    >>> unmerge(result.dataset, "m1", log) == old.merge(new)
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, NotFoundError
from kg.model import (
    RECORD_LISTS,
    Assertion,
    Claim,
    Dataset,
    Report,
    Source,
    Verdict,
)
from kg.resolution.log import Kind, MergeEntry, MergeLog, Snapshot, login, now
from kg.resolution.matching import MatchIndex, claim_candidate, source_candidate

if TYPE_CHECKING:
    from kg.resolution.known import Registry

__all__ = [
    "Match",
    "Resolution",
    "find_duplicates",
    "find_matches",
    "merge",
    "resolve",
    "unmerge",
]

AUTO_AGENT = "credkg resolver"
_CLASSES: dict[str, type[Any]] = {
    "sources": Source, "reports": Report, "claims": Claim,
    "assertions": Assertion, "verdicts": Verdict,
}

AnyRecord = Source | Report | Claim | Assertion | Verdict


@dataclass(frozen=True)
class Match:
    """A candidate pair: an incoming record that may be an existing one."""

    kind: Kind
    incoming: str
    existing: str
    reason: str
    sure: bool
    score: float

    def summary(self) -> str:
        """One line for the analyst."""
        how = "sure" if self.sure else f"likely, {self.score:.2f}"
        return f"{self.kind} {self.incoming} ~ {self.existing} ({self.reason}; {how})"


@dataclass
class Resolution:
    """What :func:`resolve` did: the combined dataset, its merges, what waits, what was renamed."""

    dataset: Dataset
    merged: list[MergeEntry] = field(default_factory=list)
    likely: list[Match] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    #: Incoming source id -> the known entity it was recognised as.
    known: dict[str, str] = field(default_factory=dict)

    def report_lines(self) -> list[str]:
        """Every recognition, merge, rename and open candidate, one line each."""
        lines = [f"known source {s} is known:{k}" for s, k in sorted(self.known.items())]
        lines += [f"merged {e.summary()}" for e in self.merged]
        lines += [f"renamed incoming {old} -> {new} (its id was taken by a different record)"
                  for old, new in sorted(self.renamed.items())]
        lines += [f"likely {m.summary()}: confirm with `kg merge {m.existing} {m.incoming}`"
                  for m in self.likely]
        return lines


# --- matching -------------------------------------------------------------------------------


def _source_candidate(s: Source, e: Source) -> tuple[str, bool, float] | None:
    return source_candidate(s, e)


def _claim_candidate(c: Claim, e: Claim) -> tuple[str, bool, float] | None:
    return claim_candidate(c, e)


def find_matches(existing: Dataset, incoming: Dataset, *, registry: Registry | None = None,
                 index: MatchIndex | None = None) -> list[Match]:
    """Candidate matches of incoming sources and claims to existing ones (ids may be equal).

    The rules are those of :mod:`kg.resolution.matching`. A sure rule that points one
    incoming record at two existing ones (or two at one) is ambiguous, so those
    matches are reported as likely instead.

    Args:
        existing: The records already held.
        incoming: The records being added.
        registry: Known entities: two sources recognised as one entry match (sure),
            as two different entries never.
        index: A :class:`~kg.resolution.matching.MatchIndex` of ``existing``: each
            incoming record is compared with the records sharing a blocking key only
            (what a store does). Without it, every pair is compared.

    Examples:
        >>> from kg.model import Dataset, Source
        >>> a = Dataset(sources=[Source(id="v", kind="person", name="Christoph Vanner")])
        >>> b = Dataset(sources=[Source(id="w", kind="person", name="Christoph Wanner")])
        >>> print(find_matches(a, b)[0].summary())
        source w ~ v (similar names 'christoph wanner' and 'christoph vanner'; likely, 0.94)
    """
    found: list[Match] = []
    base = existing.base
    old_sources = {s.id: s for s in existing.sources}
    old_claims = {c.id: c for c in existing.claims}
    for rec in incoming.sources:
        if rec.id in old_sources:
            continue  # same id: handled by resolve()
        ids = (sorted(index.source_candidates(rec, base)) if index is not None
               else list(old_sources))
        for oid in ids:
            old = old_sources.get(oid)
            if old is None:
                continue
            hit = source_candidate(rec, old, base=base, registry=registry)
            if hit is not None:
                found.append(Match("source", rec.id, old.id, *hit))
    for crec in incoming.claims:
        if crec.id in old_claims:
            continue
        ids = sorted(index.claim_candidates(crec)) if index is not None else list(old_claims)
        for oid in ids:
            cold = old_claims.get(oid)
            if cold is None:
                continue
            hit = claim_candidate(crec, cold)
            if hit is not None:
                found.append(Match("claim", crec.id, cold.id, *hit))
    sure_from: dict[tuple[str, str], int] = {}
    sure_to: dict[tuple[str, str], int] = {}
    for m in found:
        if m.sure:
            sure_from[m.kind, m.incoming] = sure_from.get((m.kind, m.incoming), 0) + 1
            sure_to[m.kind, m.existing] = sure_to.get((m.kind, m.existing), 0) + 1
    result = []
    for m in found:
        if m.sure and (sure_from[m.kind, m.incoming] > 1 or sure_to[m.kind, m.existing] > 1):
            m = Match(m.kind, m.incoming, m.existing, m.reason + ", but ambiguous", False, 0.99)
        result.append(m)
    return sorted(result, key=lambda m: (not m.sure, m.kind != "source", -m.score, m.incoming,
                                         m.existing))


def find_duplicates(ds: Dataset) -> list[Match]:
    """Pairs of sources or claims within one dataset that may be the same (each pair once).

    Examples:
        >>> from kg.model import Dataset, Source
        >>> ds = Dataset(sources=[Source(id="a", kind="news_outlet", name="Die Welt"),
        ...                       Source(id="b", kind="news_outlet", name="WELT")])
        >>> print(find_duplicates(ds)[0].summary())
        source b ~ a (same name: 'welt'; sure)
    """
    found: list[Match] = []
    for i, s_old in enumerate(ds.sources):
        for s_new in ds.sources[i + 1:]:
            hit = _source_candidate(s_new, s_old)
            if hit is not None:
                found.append(Match("source", s_new.id, s_old.id, *hit))
    for i, c_old in enumerate(ds.claims):
        for c_new in ds.claims[i + 1:]:
            hit = _claim_candidate(c_new, c_old)
            if hit is not None:
                found.append(Match("claim", c_new.id, c_old.id, *hit))
    return sorted(found, key=lambda m: (not m.sure, m.kind != "source", -m.score, m.incoming,
                                        m.existing))


# --- merging --------------------------------------------------------------------------------


def _records(ds: Dataset) -> dict[tuple[str, str], AnyRecord]:
    return {(name, r.id): r for name in RECORD_LISTS for r in getattr(ds, name)}


def _rebuild(base: str, records: Mapping[tuple[str, str], AnyRecord]) -> Dataset:
    lists: dict[str, list[AnyRecord]] = {name: [] for name in RECORD_LISTS}
    for (name, _), record in records.items():
        lists[name].append(record)
    return Dataset(base=base, **lists)


def _rewrite(record: AnyRecord, sources: Mapping[str, str], claims: Mapping[str, str],
             others: Mapping[str, str]) -> AnyRecord:
    """The record with its references (and, via ``others``, its own id) renamed."""
    def s(x: str) -> str:
        return sources.get(x, x)

    def c(x: str) -> str:
        return claims.get(x, x)

    def o(x: str) -> str:
        return others.get(x, x)

    update: dict[str, Any]
    if isinstance(record, Source):
        update = {"id": s(record.id),
                  "affiliated_with": tuple(s(x) for x in record.affiliated_with)}
    elif isinstance(record, Report):
        update = {"id": o(record.id),
                  "published_by": None if record.published_by is None
                  else s(record.published_by)}
    elif isinstance(record, Claim):
        update = {"id": c(record.id), "about": tuple(s(x) for x in record.about),
                  "contradicts": tuple(c(x) for x in record.contradicts),
                  "supports": tuple(c(x) for x in record.supports)}
    elif isinstance(record, Assertion):
        update = {"id": o(record.id), "source": s(record.source), "claim": c(record.claim),
                  "report": None if record.report is None else o(record.report),
                  "cites": tuple(o(x) for x in record.cites)}
    else:
        update = {"id": o(record.id), "claim": c(record.claim),
                  "reviewer": None if record.reviewer is None else s(record.reviewer)}
    return type(record).model_validate({**record.model_dump(), **update})


def _mentions(record: AnyRecord, id: str) -> bool:
    """Whether a record refers to ``id`` (ids are unique across a dataset's lists)."""
    if isinstance(record, Source):
        return id in record.affiliated_with
    if isinstance(record, Report):
        return record.published_by == id
    if isinstance(record, Claim):
        return id in record.about or id in record.contradicts or id in record.supports
    if isinstance(record, Assertion):
        return id in (record.source, record.claim)
    return id in (record.claim, record.reviewer)


def _absorb(keep: AnyRecord, drop: AnyRecord) -> AnyRecord:
    """The kept record, gaining what the dropped one adds."""
    if isinstance(keep, Source) and isinstance(drop, Source):
        aliases = {*keep.aliases, *drop.aliases, drop.name} - {keep.name}
        return Source.model_validate({
            **keep.model_dump(),
            "aliases": tuple(aliases),
            "same_as": tuple({*keep.same_as, *drop.same_as}),
            "affiliated_with": tuple({*keep.affiliated_with, *drop.affiliated_with} - {keep.id}),
            **{f: getattr(drop, f) for f in ("country", "side", "reliability", "note")
               if getattr(keep, f) is None and getattr(drop, f) is not None},
        })
    if isinstance(keep, Claim) and isinstance(drop, Claim):
        both = {*keep.contradicts, *drop.contradicts}
        if keep.id in both:
            raise InputError(f"claims {keep.id!r} and {drop.id!r} contradict each other, so "
                             "they cannot be one claim; merge other claims")
        return Claim.model_validate({
            **keep.model_dump(),
            "about": tuple({*keep.about, *drop.about}),
            "contradicts": tuple(both),
            "supports": tuple({*keep.supports, *drop.supports} - {keep.id}),
            **{f: getattr(drop, f) for f in ("quantity", "note")
               if getattr(keep, f) is None and getattr(drop, f) is not None},
        })
    raise InputError(f"{keep.id!r} and {drop.id!r} are not both sources or both claims")


def _snap(name: str, record: AnyRecord) -> Snapshot:
    return Snapshot(list=name, record=record.model_dump(mode="json", exclude_defaults=True))


def merge(ds: Dataset, keep: str, drop: str, log: MergeLog, *, reason: str = "named by "
          "the analyst", why: str | None = None, who: str | None = None,
          when: str | None = None, sure: bool = False) -> Dataset:
    """Merge record ``drop`` into ``keep`` (two sources or two claims) and log it.

    Args:
        ds: The dataset holding both.
        keep: The id that stays.
        drop: The id that goes; every reference to it now names ``keep``.
        log: The merge log the entry is appended to.
        reason: The matching rule (for sure merges) or "named by the analyst".
        why: The analyst's reason, free text.
        who: Who merged (default: the login name).
        when: ISO timestamp (default: now, UTC).
        sure: Whether the resolver merged it on its own.

    Returns:
        The merged dataset.

    Raises:
        NotFoundError: an id is not a source or claim of the dataset.
        InputError: the two are of different record types, are the same, or are
            claims that contradict each other.
    """
    if keep == drop:
        raise InputError(f"cannot merge {keep!r} with itself; give two different ids")
    records = _records(ds)
    kind: Kind | None = None
    for name, k in (("sources", "source"), ("claims", "claim")):
        if (name, keep) in records and (name, drop) in records:
            kind = k  # type: ignore[assignment]
    if kind is None:
        for x in (keep, drop):
            if ("sources", x) not in records and ("claims", x) not in records:
                raise NotFoundError(f"no source or claim {x!r} in the dataset; "
                                    "see `kg matches` for candidates")
        raise InputError(f"{keep!r} and {drop!r} are not both sources or both claims")
    name = kind + "s"
    kept = _absorb(records[name, keep], records[name, drop])
    mapping = {drop: keep}
    new: dict[tuple[str, str], AnyRecord] = {}
    for key, record in records.items():
        if key == (name, drop):
            continue
        rec = kept if key == (name, keep) else record
        if rec is record and not _mentions(record, drop):
            new[key] = record  # (most records: rewriting them all made merges O(n) each)
            continue
        new[key] = _rewrite(rec, mapping if kind == "source" else {},
                            mapping if kind == "claim" else {}, {})
    merged = _rebuild(ds.base, new)
    after_records = _records(merged)
    before = tuple(_snap(k[0], r) for k, r in records.items()
                   if after_records.get(k) != r)
    after = tuple(_snap(k[0], r) for k, r in after_records.items() if records.get(k) != r)
    log.add(MergeEntry(
        id=log.next_id(), kind=kind, keep=keep, drop=drop, reason=reason, sure=sure,
        who=who or login(), when=when or now(), why=why, before=before, after=after,
    ))
    return merged


def unmerge(ds: Dataset, merge_id: str, log: MergeLog) -> Dataset:
    """Undo one merge: the records it changed go back to what they were.

    Raises:
        NotFoundError: no such merge in the log.
        InputError: it was undone already, or a record it changed has changed since
            (undo the later merges first).
    """
    entry = log.entry(merge_id)
    if entry.undone:
        raise InputError(f"merge {merge_id} was undone already")
    records = _records(ds)
    for snap in entry.after:
        current = records.get(snap.key())
        if current is None or _snap(snap.list, current) != snap:
            raise InputError(
                f"{snap.list[:-1]} {snap.key()[1]!r} has changed since merge {merge_id}; "
                "unmerge the later merges first (see `kg merges`)")
    for snap in entry.after:
        del records[snap.key()]
    for snap in entry.before:
        records[snap.key()] = _CLASSES[snap.list].model_validate(snap.record)
    restored = _rebuild(ds.base, records)
    log.mark_undone(merge_id)
    return restored


# --- resolution -----------------------------------------------------------------------------


def _enrich(ds: Dataset, registry: Registry) -> tuple[Dataset, dict[str, str]]:
    """Sources the registry recognises, with its identifiers, country and side added."""
    known: dict[str, str] = {}
    sources = []
    for s in ds.sources:
        entity = registry.recognise(s)
        if entity is not None:
            known[s.id] = entity.id
            s = registry.enrich(s, entity)
        sources.append(s)
    if not known:
        return ds, known
    return ds.model_copy(update={"sources": tuple(sources)}), known


def _free_id(taken: set[str], id: str) -> str:
    n = 2
    while f"{id}~{n}" in taken:
        n += 1
    return f"{id}~{n}"


def resolve(existing: Dataset, incoming: Dataset, log: MergeLog, *,
            when: str | None = None,
            veto: frozenset[tuple[str, str]] = frozenset(),
            registry: Registry | None = None,
            index: MatchIndex | None = None) -> Resolution:
    """Add ``incoming`` to ``existing``, merging sure matches and listing likely ones.

    Incoming records whose id is taken by a different record are renamed
    ``id~2`` first (sources and claims of the same kind are then merged back as
    "same id"). Every merge is appended to ``log``.

    Args:
        existing: The dataset already held (e.g. a store's).
        incoming: The dataset being added.
        log: The merge log.
        when: Timestamp for the log entries (default: now).
        veto: ``(incoming id, existing id)`` pairs never to merge (merges undone before);
            they are listed as likely instead.
        registry: Known entities (:mod:`kg.resolution.known`): incoming sources it
            recognises gain the entity's identifiers, country and side (listed in
            ``known``), and match by it.
        index: A blocking index of ``existing`` (see :func:`find_matches`).

    Returns:
        The :class:`Resolution`.
    """
    known: dict[str, str] = {}
    if registry is not None:
        incoming, known = _enrich(incoming, registry)
    old = _records(existing)
    old_by_id = {i: r for (_, i), r in old.items()}
    taken = set(old_by_id) | {r.id for r in incoming.records()}
    renames: dict[str, str] = {}
    same_id: list[tuple[Kind, str, str]] = []
    for (name, id), record in _records(incoming).items():
        other = old_by_id.get(id)
        if other is None or other == record:
            continue
        new_id = _free_id(taken, id)
        taken.add(new_id)
        renames[id] = new_id
        if (isinstance(record, Source) and isinstance(other, Source)
                and record.kind == other.kind) or (
                isinstance(record, Claim) and isinstance(other, Claim)):
            same_id.append(("source" if name == "sources" else "claim", id, new_id))
    src = {k: v for k, v in renames.items() if any(s.id == k for s in incoming.sources)}
    clm = {k: v for k, v in renames.items() if any(c.id == k for c in incoming.claims)}
    rest = {k: v for k, v in renames.items() if k not in src and k not in clm}
    rewritten = [(n, _rewrite(r, src, clm, rest)) for (n, _), r in _records(incoming).items()]
    renamed_incoming = _rebuild(incoming.base, {(n, r.id): r for n, r in rewritten})
    combined = existing.merge(renamed_incoming)
    result = Resolution(combined, known=known)
    same_id = [x for x in same_id if (x[2], x[1]) not in veto]
    merged_away = {drop for _, _, drop in same_id}
    for _kind, keep, drop in same_id:
        result.dataset = merge(result.dataset, keep, drop, log, reason="same id", sure=True,
                               who=AUTO_AGENT, when=when)
        result.merged.append(log.entries[-1])
    for m in find_matches(existing, renamed_incoming, registry=registry, index=index):
        if m.incoming in merged_away:
            continue
        present = _records(result.dataset)
        if (m.kind + "s", m.incoming) not in present or (m.kind + "s", m.existing) not in present:
            continue
        if m.sure and (m.incoming, m.existing) in veto:
            result.likely.append(Match(m.kind, m.incoming, m.existing,
                                       f"{m.reason}, but unmerged before", False, m.score))
        elif m.sure:
            try:
                result.dataset = merge(result.dataset, m.existing, m.incoming, log,
                                       reason=m.reason, sure=True, who=AUTO_AGENT, when=when)
            except InputError as e:  # e.g. the two claims contradict each other
                result.likely.append(Match(m.kind, m.incoming, m.existing,
                                           f"{m.reason}, but {e}", False, 0.5))
                continue
            merged_away.add(m.incoming)
            result.merged.append(log.entries[-1])
        else:
            result.likely.append(m)
    result.likely = [m for m in result.likely if m.incoming not in merged_away]
    result.renamed = {k: v for k, v in renames.items() if v not in merged_away}
    return result
