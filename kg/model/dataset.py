"""The dataset: records checked against each other and put in canonical form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Self

from pydantic import (
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from kg.errors import UnknownReferenceError
from kg.model.fields import (
    DEFAULT_BASE,
    RECORD_LISTS,
    Record,
)
from kg.model.records import (
    Assertion,
    Claim,
    Report,
    Source,
    Verdict,
)


class Dataset(Record):
    """Sources, reports, claims and assertions, checked and in canonical form."""

    base: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"{}|\\^`]+[/#]$")] = Field(
        default=DEFAULT_BASE, description="Base IRI for the dataset's ids; ends in / or #."
    )
    sources: tuple[Source, ...] = ()
    reports: tuple[Report, ...] = ()
    claims: tuple[Claim, ...] = ()
    assertions: tuple[Assertion, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    _index: dict[str, Source | Report | Claim | Assertion | Verdict] = PrivateAttr(
        default_factory=dict
    )

    @model_validator(mode="after")
    def _check_and_canonicalise(self) -> Self:
        _check_references(self)
        claims = _symmetric(self.claims, "contradicts")
        if any(c.hedged_contradicts for c in claims):
            claims = _symmetric(claims, "hedged_contradicts")
            for c in claims:
                if set(c.contradicts) & set(c.hedged_contradicts):
                    raise ValueError(f"claim {c.id!r} contradicts a claim both plainly and "
                                     "hedged; keep the pair under one of the two")
        for name, records in (
            ("sources", self.sources),
            ("reports", self.reports),
            ("claims", claims),
            ("assertions", self.assertions),
            ("verdicts", self.verdicts),
        ):
            object.__setattr__(self, name, tuple(sorted(records, key=lambda r: r.id)))
        self._index = {r.id: r for r in self.records()}
        return self

    def records(self) -> Iterator[Source | Report | Claim | Assertion | Verdict]:
        """Every record of the dataset, sources first."""
        yield from self.sources
        yield from self.reports
        yield from self.claims
        yield from self.assertions
        yield from self.verdicts

    def _get(self, kind: type[Any], id: str) -> Any:
        # reading the private dict directly: pydantic's attribute hook is slow in hot loops
        record = self.__pydantic_private__["_index"].get(id)  # type: ignore[index]
        if not isinstance(record, kind):
            from kg.errors import NotFoundError

            raise NotFoundError(f"no {kind.__name__.lower()} with id {id!r} in the dataset")
        return record

    def source(self, id: str) -> Source:
        """The source with this id (raises :class:`kg.errors.NotFoundError`)."""
        result: Source = self._get(Source, id)
        return result

    def report(self, id: str) -> Report:
        """The report with this id."""
        result: Report = self._get(Report, id)
        return result

    def claim(self, id: str) -> Claim:
        """The claim with this id."""
        result: Claim = self._get(Claim, id)
        return result

    def assertion(self, id: str) -> Assertion:
        """The assertion with this id."""
        result: Assertion = self._get(Assertion, id)
        return result

    def verdicts_of(self, claim_id: str) -> list[Verdict]:
        """The verdicts on one claim, sorted by id."""
        return [v for v in self.verdicts if v.claim == claim_id]

    def assertions_of(self, claim_id: str) -> list[Assertion]:
        """The assertions of one claim, sorted by id."""
        return [a for a in self.assertions if a.claim == claim_id]

    def summary(self) -> str:
        """The counts of the dataset's records, in one line.

        Examples:
            >>> Dataset().summary()
            '0 sources, 0 reports, 0 claims, 0 assertions, 0 contradictions'
        """
        contradictions = sum(len(c.contradicts) for c in self.claims) // 2
        return (f"{len(self.sources)} sources, {len(self.reports)} reports, "
                f"{len(self.claims)} claims, {len(self.assertions)} assertions, "
                f"{contradictions} contradictions")

    def merge(self, other: Dataset) -> Dataset:
        """A dataset with the records of both; a record with the same id must be equal.

        Examples:
            >>> a = Dataset(claims=[Claim(id="c1", text="x")])
            >>> b = Dataset(claims=[Claim(id="c2", text="y")])
            >>> [c.id for c in a.merge(b).claims]
            ['c1', 'c2']
        """
        merged: dict[str, dict[str, Any]] = {}
        for ds in (self, other):
            for name in RECORD_LISTS:
                for record in getattr(ds, name):
                    seen = merged.setdefault(name, {}).get(record.id)
                    if seen is not None and seen != record:
                        raise ValueError(
                            f"{name[:-1]} {record.id!r} differs between the two datasets"
                        )
                    merged[name][record.id] = record
        return Dataset(
            base=self.base,
            **{name: tuple(records.values()) for name, records in merged.items()},
        )


def _symmetric(claims: tuple[Claim, ...], field: str) -> tuple[Claim, ...]:
    """The claims with a list of other claims (``contradicts``) made symmetric."""
    links: dict[str, set[str]] = {c.id: set(getattr(c, field)) for c in claims}
    for claim in claims:
        for other in getattr(claim, field):
            links[other].add(claim.id)
    return tuple(
        c if set(getattr(c, field)) == links[c.id]
        else c.model_copy(update={field: tuple(sorted(links[c.id]))})
        for c in claims
    )


def _check_references(ds: Dataset) -> None:
    seen: dict[str, tuple[str, int]] = {}
    for name in RECORD_LISTS:
        for i, record in enumerate(getattr(ds, name)):
            if record.id in seen:
                first = seen[record.id]
                raise UnknownReferenceError(
                    (name, i, "id"),
                    f"duplicate id {record.id!r} (already used by {first[0]}[{first[1]}]);"
                    " give each record its own id",
                )
            seen[record.id] = (name, i)
    kinds: dict[str, str] = {record_id: where[0] for record_id, where in seen.items()}

    def need(ref: str, kind: str, loc: tuple[str | int, ...]) -> None:
        if kinds.get(ref) != kind:
            what = kind[:-1]
            hint = f" (it is one of the {kinds[ref]})" if ref in kinds else ""
            raise UnknownReferenceError(
                loc, f"unknown {what} {ref!r}{hint}; define it under {kind}:")

    for i, s in enumerate(ds.sources):
        for ref in s.affiliated_with:
            need(ref, "sources", ("sources", i, "affiliated_with"))
        for ref in s.authors:
            need(ref, "sources", ("sources", i, "authors"))
    for i, r in enumerate(ds.reports):
        if r.published_by is not None:
            need(r.published_by, "sources", ("reports", i, "published_by"))
    for i, c in enumerate(ds.claims):
        for ref in c.about:
            need(ref, "sources", ("claims", i, "about"))
        for ref in c.contradicts:
            need(ref, "claims", ("claims", i, "contradicts"))
            if ref == c.id:
                raise UnknownReferenceError(
                    ("claims", i, "contradicts"), "a claim cannot contradict itself"
                )
        for ref in c.supports:
            need(ref, "claims", ("claims", i, "supports"))
        for ref in c.hedged_contradicts:
            need(ref, "claims", ("claims", i, "hedged_contradicts"))
            if ref == c.id:
                raise UnknownReferenceError(
                    ("claims", i, "hedged_contradicts"), "a claim cannot contradict itself")
        for j, q in enumerate(c.all_quantities):
            if q.forecaster is not None:
                need(q.forecaster, "sources", ("claims", i, "quantity" if j == 0 else
                                               "quantities", "forecaster"))
    for i, a in enumerate(ds.assertions):
        need(a.source, "sources", ("assertions", i, "source"))
        need(a.claim, "claims", ("assertions", i, "claim"))
        if a.report is not None:
            need(a.report, "reports", ("assertions", i, "report"))
        for ref in a.cites:
            need(ref, "assertions", ("assertions", i, "cites"))
        for ref in a.copies:
            need(ref, "assertions", ("assertions", i, "copies"))
        if a.quantity is not None and a.quantity.forecaster is not None:
            need(a.quantity.forecaster, "sources", ("assertions", i, "quantity", "forecaster"))
    claim_of = {a.id: a.claim for a in ds.assertions}
    for i, a in enumerate(ds.assertions):
        for ref in a.relays:
            if claim_of[ref] != a.claim:
                raise UnknownReferenceError(
                    ("assertions", i, "cites" if ref in a.cites else "copies"),
                    f"{ref!r} asserts claim {claim_of[ref]!r}, not {a.claim!r}; a relay cites an"
                    " assertion of the same claim (link different claims with supports:)",
                )
    for i, v in enumerate(ds.verdicts):
        need(v.claim, "claims", ("verdicts", i, "claim"))
        if v.reviewer is not None:
            need(v.reviewer, "sources", ("verdicts", i, "reviewer"))
    _check_acyclic(ds)


def _check_acyclic(ds: Dataset) -> None:
    """A citation cycle is an error in a dataset: each act of relaying comes after what it relays.

    (Circular *reporting* between sources is a finding of the credibility engine,
    seen across assertions of different reports; a cycle of assertions cannot happen.)
    """
    index = {a.id: i for i, a in enumerate(ds.assertions)}
    state: dict[str, int] = {}  # 1 visiting, 2 done
    for start in ds.assertions:
        if state.get(start.id):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start.id, iter(start.relays))]
        state[start.id] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                continue
            if state.get(child) == 1:
                path = [n for n, _ in stack]
                cycle = [*path[path.index(child):], child]
                raise UnknownReferenceError(
                    ("assertions", index[node], "cites"),
                    "citation cycle " + " -> ".join(cycle) + "; an assertion cannot relay itself",
                )
            if not state.get(child):
                state[child] = 1
                stack.append((child, iter(ds.assertions[index[child]].relays)))

__all__ = ["Dataset"]
