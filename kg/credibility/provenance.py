"""Provenance chains: from each assertion of a claim back through what it cites to the origins.

An assertion that cites nobody is an *origin* of its claim. A *chain* is a
path of assertions ``(a_0, a_1, ..., a_k)`` where each cites the next and
``a_k`` is an origin. The chains of a claim start at its *tips*, the
assertions that no other assertion of the claim cites.

Examples:
    >>> from kg.seed import seed_dataset
    >>> ds = seed_dataset()
    >>> for chain in provenance_chains(ds, "convicts-deserted"):
    ...     print(format_chain(ds, chain))
    Publisher of the article (unnamed) -> RIA Novosti -> Sources within Ukraine's security forces
    >>> [a.id for a in origins(ds, "ytd-desertions-180k")]
    ['data-ytd-180k']
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.model import Assertion, Dataset

__all__ = ["Chain", "format_chain", "origins", "provenance_chains", "tips"]

Chain = tuple[str, ...]


def tips(ds: Dataset, claim_id: str) -> list[Assertion]:
    """The assertions of a claim that no other assertion cites."""
    own = ds.assertions_of(claim_id)
    cited = {c for a in own for c in a.cites}
    return [a for a in own if a.id not in cited]


def _walk(ds: Dataset, start: str, path: tuple[str, ...]) -> Iterator[Chain]:
    a = ds.assertion(start)
    path = (*path, start)
    if not a.cites:
        yield path
        return
    for cited in a.cites:
        if cited in path:  # a cycle cannot come from a checked dataset; never loop anyway
            yield path
            continue
        yield from _walk(ds, cited, path)


def provenance_chains(ds: Dataset, claim_id: str, *, start: str | None = None) -> list[Chain]:
    """Every chain of a claim, from each tip (or from ``start``) back to an origin.

    Args:
        ds: The dataset.
        claim_id: The claim.
        start: Begin at this assertion instead of at every tip.

    Returns:
        Chains as tuples of assertion ids, tip first, origin last, sorted.
    """
    ds.claim(claim_id)  # raises NotFoundError for an unknown claim
    starts = [start] if start is not None else [a.id for a in tips(ds, claim_id)]
    return sorted({chain for s in starts for chain in _walk(ds, s, ())})


def origins(ds: Dataset, claim_id: str) -> list[Assertion]:
    """The origin assertions of a claim (those that cite nobody), sorted by id."""
    return [a for a in ds.assertions_of(claim_id) if not a.cites]


def format_chain(ds: Dataset, chain: Chain, *, arrow: str = " -> ") -> str:
    """A chain as readable text, naming the source of each assertion."""
    return arrow.join(ds.source(ds.assertion(a).source).name for a in chain)
