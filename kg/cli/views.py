"""``kg view`` and ``kg report``: thin commands over :mod:`kg.views` and :mod:`kg.report`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import AsOf, SeedOrFiles, StoreOption, check_output, chosen_dataset
from kg.cli.common import dataset as _dataset
from kg.cli.common import out as out_console
from kg.errors import InputError

__all__ = ["register"]

VIEW_FORMATS = ("html", "svg", "png")


def register(app: typer.Typer) -> None:
    """Add ``kg view`` and ``kg report`` to the ``kg`` command."""

    @app.command()
    def view(
        files: SeedOrFiles = None,
        claim: Annotated[str | None, typer.Option(
            "--claim", "-c", help="Draw this claim's provenance chains, left to right.")] = None,
        source: Annotated[str | None, typer.Option(
            "--source", "-s", help="Draw what this source asserts, cites and is cited by.")
        ] = None,
        fragment: Annotated[bool, typer.Option(
            "--fragment", help="Write an HTML fragment (one container and its script) to "
            "paste into a report.")] = False,
        fmt: Annotated[str, typer.Option(
            "--format", "-f", help="html (interactive), svg or png (static picture).")] = "html",
        full: Annotated[bool, typer.Option(
            "--full", help="Draw every source and claim even past the size at which the "
            "whole graph opens as the source overview.")] = False,
        out: Annotated[Path | None, typer.Option(
            "--out", "-o", help="Output file (default: exports/view[-claim-ID|-source-ID]"
            ".EXT).")] = None,
        store: StoreOption = None,
        as_of: AsOf = None,
    ) -> None:
        """Draw the whole graph, one claim's provenance (--claim) or one source (--source)."""
        from kg.outputs import scored
        from kg.views import claim_view, graph_view, source_view, write_fragment, write_html
        from kg.views.static import write_png, write_svg

        if fmt not in VIEW_FORMATS:
            raise InputError(f"unknown format {fmt!r}; use one of " + ", ".join(VIEW_FORMATS))
        if claim and source:
            raise InputError("give --claim or --source, not both")
        if fragment and fmt != "html":
            raise InputError("--fragment is HTML; leave out --format or use --format html")
        ds, discovered = chosen_dataset(store, files, as_of)
        a, info = scored(ds, discovered)
        if claim:
            v, stem = claim_view(ds, claim, info, assessment=a), f"view-claim-{claim}"
        elif source:
            v, stem = source_view(ds, source, info, assessment=a), f"view-source-{source}"
        else:
            v, stem = graph_view(ds, info, title="credkg graph", assessment=a,
                                 full=True if full else None), "view"
        target = out or Path("exports") / f"{stem}{'-fragment' if fragment else ''}.{fmt}"
        check_output(target, files or [])
        if fmt == "svg":
            written = write_svg(v, target)
        elif fmt == "png":
            written = write_png(v, target)
        elif fragment:
            written = write_fragment(v, target)
        else:
            written = write_html(v, target)
        out_console.print(f"wrote {written} ({len(v.nodes)} nodes, {len(v.edges)} edges)",
                          markup=False)

    @app.command()
    def report(
        files: SeedOrFiles = None,
        claim: Annotated[list[str] | None, typer.Option(
            "--claim", "-c", help="Show this claim's chain view and explanation (repeatable; "
            "default: every claim, or the 20 most telling).")] = None,
        fmt: Annotated[str, typer.Option(
            "--format", "-f", help="html, md (with SVG chain pictures beside it) or pdf.")
        ] = "html",
        pdf: Annotated[bool, typer.Option(
            "--pdf", help="Write a PDF through headless Chromium (same as --format pdf).")
        ] = False,
        out: Annotated[Path | None, typer.Option(
            "--out", "-o", help="Output file (default: exports/report.html, .md or .pdf).")
        ] = None,
        title: Annotated[str, typer.Option(help="The report's heading.")] = "credkg report",
    ) -> None:
        """Write a self-contained credibility report: summary, grades, contradictions,
        chains, methods."""
        from kg.outputs import scored
        from kg.report import REPORT_FORMATS, Provenance, write_report

        if pdf:
            if fmt not in ("html", "pdf"):
                raise InputError(f"--pdf writes a PDF; leave out --format {fmt}")
            fmt = "pdf"
        if fmt not in REPORT_FORMATS:
            raise InputError(f"unknown format {fmt!r}; use one of " + ", ".join(REPORT_FORMATS))
        ds = _dataset(files)
        a, info = scored(ds)
        target = out or Path("exports") / f"report.{fmt}"
        check_output(target, files or [])
        prov = Provenance.of_files(files or [])
        written = write_report(ds, target, info, title, assessment=a, claims=claim, fmt=fmt,
                               provenance=prov)
        out_console.print(f"wrote {written}", markup=False)
