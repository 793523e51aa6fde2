"""``kg discover``: truth discovery over ``source,object,value`` rows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import OutDir, out
from kg.errors import InputError, NotFoundError

__all__ = ["register"]


def _discover_store(path: Path, method: str | None, tolerance: float,
                    similarity: str | None, max_iter: int | None) -> None:
    """``kg discover --store``: run, write, and show what the store now holds."""
    from rich.table import Table

    from kg.store import Store
    from kg.store.queries import run_query
    from kg.trust import discover_store

    if not (path / "CURRENT").exists():
        raise NotFoundError(f"{path}: no store here; create one with kg build FILE --store")
    if method == "all":
        raise InputError("--method all compares methods on a CSV; with --store give one method")
    store = Store.open(path)
    found = discover_store(store, method, tolerance=tolerance, similarity=similarity,
                           max_iter=max_iter)
    store.flush()
    if found.run is None:
        what = (f"{found.figures:,} figures, but no measure has figures from two sources"
                if found.figures else "no figure claims")
        gone = "; the previous discovered trust was removed" if found.cleared else ""
        out.print(f"{path}: {what}: nothing to discover, nothing written{gone}", markup=False)
        return
    for message in found.warnings:
        out.print(f"[yellow]warning:[/] {message}")
    out.print(
        f"[bold]{found.run.method}[/] on {path}: {found.figures:,} figures by origin sources, "
        f"{found.contested:,} of {found.objects:,} measures given by two or more sources; "
        f"trust written for {found.written:,} sources into {found.graph}"
        + (f" ({found.unchecked:,} whose figures no one else gives: none)"
           if found.unchecked else ""))
    if found.reassessed:
        out.print("the assessment was recomputed with it: each checked figure is track-record "
                  "evidence of its source's grade (the analyst's grade still wins)", markup=False)
    table = Table(title="discovered trust (kg query discovered-trust)", title_justify="left")
    for col in ("source", "trust", "figures compared", "grade"):
        table.add_column(col, justify="left" if col == "source" else "right")
    for row in run_query(store, "discovered-trust", limit=10):
        name, grade = row["name"] or row["source"], row["grade"] or "-"
        table.add_row(str(name), f"{float(row['trust']):.3f}", str(row["figures"]), str(grade))
    out.print(table)


def register(app: typer.Typer) -> None:
    """Add ``kg discover`` to ``kg``."""

    @app.command()
    def discover(
        claims: Annotated[Path | None, typer.Argument(
            help="CSV with a header and the columns source,object,value (optional attribute, "
                 "source_group); or give --store.")] = None,
        store: Annotated[Path | None, typer.Option(
            "--store", "-s", help="Discover over a store's figure claims instead, and write "
            "the trust found into the store (graph .../graph/assessment/truth).")] = None,
        method: Annotated[str | None, typer.Option(
            "--method", "-m", help="A method (majority_vote, sums, average_log, investment, "
            "pooled_investment, truthfinder, accu, accu_copy), or all to compare them; "
            "default: accu.")] = None,
        out_dir: OutDir = Path("exports"),
        max_iter: Annotated[int | None, typer.Option(
            "--max-iter", help="Iteration cap for the iterative methods.")] = None,
        similarity: Annotated[str | None, typer.Option(
            help="Value similarity: auto, set, numeric or exact.")] = None,
        values: Annotated[str, typer.Option(
            help="How written values are made comparable: auto (times, dates, numbers with "
                 "units, lists, case and spaces), names (lists of person names), text (case "
                 "and spaces only) or none.")] = "auto",
        list_sep: Annotated[str | None, typer.Option(
            "--list-sep", help="Separator of list values (default: detected among | ; /).")
        ] = None,
        tolerance: Annotated[float, typer.Option(
            help="Relative tolerance within which numbers of one object are one value.")] = 0.0,
        settings: Annotated[str, typer.Option(
            help="credkg (default settings) or peer (the settings of truthdiscovery 1.0.4).")
        ] = "credkg",
    ) -> None:
        """Truth discovery: the likely true value per object and a learned trust per source.

        Writes beliefs.csv (object,value,belief), trust.csv (source,trust) and truths.csv
        (object,value,tie) into the output folder. With --store, reads the store's figure
        claims (sources giving figures for the same measure) and writes each source's
        discovered trust into the store, with the run's provenance; `kg query
        discovered-trust` lists it beside the grades.
        """
        if store is not None:
            if claims is not None:
                raise InputError("give a claims CSV or --store, not both")
            if values != "auto" or list_sep is not None or settings != "credkg":
                raise InputError("--values, --list-sep and --settings apply to a claims CSV; "
                                 "a store's figures are numbers already")
            _discover_store(store, method, tolerance, similarity, max_iter)
            return
        if claims is None:
            raise InputError("give a claims CSV (source,object,value), or --store STORE")
        from kg.truth.run import run_discovery

        run_discovery(claims, method, out_dir, max_iter=max_iter, similarity=similarity,
                      values=values, list_sep=list_sep, tolerance=tolerance,
                      settings=settings, console=out)
