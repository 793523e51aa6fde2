"""``kg discover``: truth discovery over ``source,object,value`` rows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import OutDir, out

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``kg discover`` to ``kg``."""

    @app.command()
    def discover(
        claims: Annotated[Path, typer.Argument(
            help="CSV with a header and the columns source,object,value (optional attribute, "
                 "source_group).")],
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
        (object,value,tie) into the output folder.
        """
        from kg.truth.run import run_discovery

        run_discovery(claims, method, out_dir, max_iter=max_iter, similarity=similarity,
                      values=values, list_sep=list_sep, tolerance=tolerance,
                      settings=settings, console=out)
