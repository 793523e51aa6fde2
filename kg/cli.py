"""The ``kg`` command: thin wrappers that parse arguments and call the library.

Errors from credkg become one line on stderr and exit code 2 (bad input or
usage) or 1 (a failure while working), never a traceback. Set ``KG_DEBUG=1``
to see the traceback of an unexpected error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kg.errors import CredkgError, InputError
from kg.model import Dataset

app = typer.Typer(
    name="kg",
    help="credkg: who says what, citing whom, back to which origin.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out_console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False)

OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder to write the outputs into.")]
Files = Annotated[list[Path], typer.Argument(help="Dataset files: YAML, JSON, CSV or RDF.")]
SeedOrFiles = Annotated[
    list[Path] | None, typer.Argument(help="Dataset files (default: the bundled seed).")
]


@app.command()
def demo(out: OutDir = Path("exports")) -> None:
    """Build the bundled seed article's graph and write graph.ttl, graph.jsonld, graph.html
    and report.html."""
    from kg.seed import seed_dataset

    _build(seed_dataset(), out, "seed article")


StoreOption = Annotated[Path | None, typer.Option(
    "--store", help="A persistent store folder (created if missing).")]


@app.command()
def build(
    files: Files,
    out: OutDir = Path("exports"),
    store: Annotated[Path | None, typer.Option(
        "--store", help="Add the files to this persistent store (one document each) "
        "instead of writing the outputs.")] = None,
    doc: Annotated[str | None, typer.Option(
        "--doc", help="With --store: the document id of a single file (default: its name).")
    ] = None,
) -> None:
    """Load, validate and score datasets; write the same outputs as `kg demo`, or add them
    to a store."""
    if store is not None:
        from kg.store import add_files

        for c in add_files(store, files, doc=doc, progress=True):
            note = "; assessment recomputed" if c.assessed else ""
            out_console.print(f"{c.doc}: {c.status} ({c.triples:,} triples){note}",
                              markup=False)
        return
    from kg.loading import load_datasets

    _build(load_datasets(files), out, ", ".join(f.name for f in files))


def _build(ds: Dataset, out: Path, what: str) -> None:
    from kg.outputs import write_outputs

    written = write_outputs(ds, out, title=f"credkg: {what}")
    contradictions = sum(len(c.contradicts) for c in ds.claims) // 2
    out_console.print(
        f"[bold]{what}[/]: {len(ds.sources)} sources, {len(ds.reports)} reports, "
        f"{len(ds.claims)} claims, {len(ds.assertions)} assertions, "
        f"{contradictions} contradictions"
    )
    for path in written:
        out_console.print(f"  wrote {path}")
    html = next(p for p in written if p.name == "graph.html")
    out_console.print(f"Open {html.resolve().as_uri()} in a browser, and report.html beside it.")


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="RDF files or datasets to check.")],
) -> None:
    """Check files against the SHACL shapes (and datasets against the model)."""
    from kg.loading import RDF_FORMATS, load_dataset
    from kg.rdf import parse_rdf, to_rdf
    from kg.shapes import conforms

    failed = 0
    for path in files:
        # RDF is checked as it is; other files are first read as datasets
        g = (parse_rdf(path) if path.suffix.lower() in RDF_FORMATS
             else to_rdf(load_dataset(path)))
        violations = conforms(g)
        if violations:
            failed += 1
            for v in violations:
                err_console.print(f"{path}: {v}", markup=False)
        else:
            out_console.print(f"{path}: conforms ({len(g)} triples)", markup=False)
    if failed:
        raise InputError(f"{failed} of {len(files)} file(s) do not conform to the shapes")


@app.command()
def schema(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
) -> None:
    """Print the JSON Schema of dataset files, for editors that validate as you type."""
    from kg.model import Dataset

    text = json.dumps(_json_schema(Dataset), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        from kg.files import atomic_write_text

        atomic_write_text(out, text)
        out_console.print(f"wrote {out}")


def _json_schema(model: type) -> dict[str, object]:
    schema: dict[str, object] = model.model_json_schema()  # type: ignore[attr-defined]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://w3id.org/credkg/dataset.schema.json"
    schema["title"] = "credkg dataset"
    return schema


@app.command()
def export(
    files: SeedOrFiles = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, json-ld, nt, trig, "
                                     "nquads, graphml, gexf, csv or claimreview")] = "turtle",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file.")] = None,
) -> None:
    """Export the graph in an RDF format, as GraphML/GEXF, or as CSV tables."""
    from kg.exports import EXPORT_FORMATS, export_dataset

    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of " + ", ".join(EXPORT_FORMATS))
    ds = _dataset(files)
    target = out or Path("exports") / f"graph{EXPORT_FORMATS[fmt]}"
    written = export_dataset(ds, fmt, target)
    out_console.print(f"wrote {written}")


@app.command()
def chain(
    claim: Annotated[str, typer.Argument(help="The claim's id.")],
    files: SeedOrFiles = None,
) -> None:
    """Print every provenance chain of a claim, from each relay back to its origins."""
    from kg.provenance import format_chain, provenance_chains

    ds = _dataset(files)
    c = ds.claim(claim)
    out_console.print(f"[bold]{claim}[/]: ", end="")
    out_console.print(c.text, markup=False)
    for ch in provenance_chains(ds, claim):
        out_console.print("  " + format_chain(ds, ch, arrow=" \u2192 "), markup=False)
        out_console.print("    " + " \u2192 ".join(ch), markup=False, style="dim")


@app.command()
def score(
    files: SeedOrFiles = None,
    explain: Annotated[str | None, typer.Option(
        "--explain", "-e", help="Explain the grade of this claim or source.")] = None,
    store: StoreOption = None,
) -> None:
    """Grade sources (A-F) and claims (1-6) and print them, or explain one grade."""
    from rich.table import Table

    from kg.credibility import GRADE_MEANING, assess

    if store is not None:
        from kg.store import Store

        ds = Store.open(store, read_only=True).dataset()
    else:
        ds = _dataset(files)
    a = assess(ds)
    if explain is not None:
        if explain in a.claims:
            assessed = a.claims[explain]
            out_console.print(f"[bold]{explain}[/]: ", end="")
            out_console.print(ds.claim(explain).text, markup=False)
            out_console.print(assessed.explanation, markup=False)
            for chain in assessed.chains:
                names = " \u2192 ".join(ds.source(ds.assertion(x).source).name for x in chain)
                out_console.print(f"  chain: {names}", markup=False)
        elif explain in a.sources:
            out_console.print(a.sources[explain].explanation, markup=False)
        else:
            raise InputError(f"no claim with id {explain!r} (and no source); "
                             "`kg score` lists the ids")
        return
    sources = Table(title="Source reliability", title_justify="left")
    for col in ("source", "kind", "grade", "score", "basis", "flags"):
        sources.add_column(col)
    for s in sorted(ds.sources, key=lambda s: (-a.sources[s.id].score, s.name)):
        sa = a.sources[s.id]
        sources.add_row(s.name, s.kind.value.replace("_", " "), sa.grade, f"{sa.score:.2f}",
                        sa.basis, ", ".join(sa.flags).replace("_", " "))
    claims = Table(title="Claim credibility", title_justify="left")
    claims.add_column("claim", no_wrap=True)
    for col in ("grade", "score", "origins", "findings"):
        claims.add_column(col, overflow="fold")
    for c in sorted(ds.claims, key=lambda c: (a.claims[c.id].grade, -a.claims[c.id].score)):
        ca = a.claims[c.id]
        claims.add_row(c.id, f"{ca.grade} {GRADE_MEANING[ca.grade]}", f"{ca.score:.2f}",
                       str(ca.independent_origins), ", ".join(ca.flags).replace("_", " "))
    out_console.print(sources)
    out_console.print(claims)
    out_console.print("`kg score --explain ID` explains a grade.", style="dim")


@app.command()
def discover(
    claims: Annotated[Path, typer.Argument(
        help="CSV with a header and the columns source,object,value (optional attribute, "
             "source_group).")],
    method: Annotated[str | None, typer.Option(
        "--method", "-m", help="A method (majority_vote, sums, average_log, investment, "
        "pooled_investment, truthfinder, accu, accu_copy), or all to compare them; "
        "default: accu.")] = None,
    out: OutDir = Path("exports"),
    max_iter: Annotated[int | None, typer.Option(
        "--max-iter", help="Iteration cap for the iterative methods.")] = None,
    similarity: Annotated[str | None, typer.Option(
        help="Value similarity: auto, set, numeric or exact.")] = None,
) -> None:
    """Truth discovery: the likely true value per object and a learned trust per source.

    Writes beliefs.csv (object,value,belief), trust.csv (source,trust) and truths.csv
    (object,value,tie) into the output folder.
    """
    from kg.truth.cli import discover_command

    code = discover_command(claims, method, out, max_iter=max_iter, similarity=similarity,
                            console=out_console, err_console=err_console)
    if code:
        raise typer.Exit(code)


def _dataset(files: list[Path] | None) -> Dataset:
    from kg.loading import load_datasets
    from kg.seed import seed_dataset

    return load_datasets(files) if files else seed_dataset()


def _register_areas() -> None:
    """Commands of the larger areas live beside their library code and add themselves."""
    from kg.material.cli import register as material
    from kg.store.cli import register as store
    from kg.views_cli import register as views

    for register in (store, views, material):
        register(app)


_register_areas()


def main(argv: list[str] | None = None) -> int:
    """Run ``kg`` and return its exit code (also the console-script entry point)."""
    try:
        # standalone mode: click prints usage errors itself and exits with 2
        app(args=argv, prog_name="kg")
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except CredkgError as e:
        err_console.print(f"kg: error: {e}", markup=False, soft_wrap=True)
        return e.exit_code
    except KeyboardInterrupt:
        err_console.print("kg: interrupted; files being written were left as they were")
        return 130
    except Exception as e:
        if os.environ.get("KG_DEBUG"):
            raise
        err_console.print(
            f"kg: internal error: {type(e).__name__}: {e} (rerun with KG_DEBUG=1 for the "
            "traceback, and please report it)", markup=False, soft_wrap=True,
        )
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
