"""``kg chain`` and ``kg score``: provenance chains and grades, printed."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.common import (
    AsOf,
    SeedOrFiles,
    StoreOption,
    chosen_dataset,
    dataset,
    err,
    out,
    say,
    table,
)
from kg.errors import InputError

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``kg chain`` and ``kg score`` to ``kg``."""

    @app.command()
    def chain(
        claim: Annotated[str, typer.Argument(help="The claim's id.")],
        files: SeedOrFiles = None,
    ) -> None:
        """Print every provenance chain of a claim, from each relay back to its origins."""
        from kg.credibility.provenance import format_chain, provenance_chains

        ds = dataset(files)
        say(f"{claim}: {ds.claim(claim).text}")
        for ch in provenance_chains(ds, claim):
            say("  " + format_chain(ds, ch, arrow=" \u2192 "))
            out.print("    " + " \u2192 ".join(ch), markup=False, style="dim")

    @app.command()
    def score(
        files: SeedOrFiles = None,
        explain: Annotated[str | None, typer.Option(
            "--explain", "-e", help="Explain the grade of this claim or source.")] = None,
        store: StoreOption = None,
        as_of: AsOf = None,
    ) -> None:
        """Grade sources (A-F) and claims (1-6) and print them, or explain one grade."""
        from kg.credibility import assess
        from kg.credibility.tables import CLAIM_COLUMNS, SOURCE_COLUMNS, claim_rows, source_rows

        ds, discovered = chosen_dataset(store, files, as_of)
        a = assess(ds, discovered=discovered)
        if explain is not None:
            if explain in a.claims:
                assessed = a.claims[explain]
                say(f"{explain}: {ds.claim(explain).text}")
                say(assessed.explanation)
                for ch in assessed.chains:
                    names = " \u2192 ".join(ds.source(ds.assertion(x).source).name for x in ch)
                    say(f"  chain: {names}")
            elif explain in a.sources:
                say(a.sources[explain].explanation)
            else:
                raise InputError(f"no claim with id {explain!r} (and no source); "
                                 "`kg score` lists the ids")
            return
        out.print(table("Source reliability", SOURCE_COLUMNS, source_rows(ds, a)))
        out.print(table("Claim credibility", CLAIM_COLUMNS, claim_rows(ds, a),
                        no_wrap=("claim",)))
        err.print("`kg score --explain ID` explains a grade.", style="dim", markup=False)
