"""``kg demo``, ``kg build``, ``kg validate``, ``kg schema`` and ``kg export``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.common import (
    AgentOption,
    Files,
    OutDir,
    SeedOrFiles,
    check_output,
    dataset,
    err,
    say,
)
from kg.errors import InputError
from kg.formats.registry import names

if TYPE_CHECKING:
    from kg.model import Dataset

__all__ = ["register"]

_EXPORTS = names(writes=True)


def register(app: typer.Typer) -> None:
    """Add the commands of this area to ``kg``."""

    @app.command()
    def demo(out_dir: OutDir = Path("exports")) -> None:
        """Build the bundled seed article's graph and write graph.ttl, graph.jsonld, graph.html
        and report.html."""
        from kg.seed import seed_dataset

        check_output(out_dir, folder=True)
        _build(seed_dataset(), out_dir, "seed article")

    @app.command()
    def build(
        files: Files,
        out_dir: OutDir = Path("exports"),
        store: Annotated[Path | None, typer.Option(
            "--store", help="Add the files to this persistent store (one document each) "
            "instead of writing the outputs.")] = None,
        doc: Annotated[str | None, typer.Option(
            "--doc", help="With --store: the document id of a single file (default: its "
            "name).")] = None,
        replace: Annotated[bool, typer.Option(
            "--replace", help="With --store: replace documents of the same id that hold other "
            "content (without it, that is an error).")] = False,
        agent: AgentOption = None,
    ) -> None:
        """Load, validate and score datasets; write the same outputs as `kg demo`, or add them
        to a store."""
        if store is not None:
            from kg.cli.store import print_changes
            from kg.store import add_files

            print_changes(add_files(store, files, doc=doc, progress=True, replace=replace,
                                    agent=agent))
            return
        from kg.formats.loading import load_datasets

        check_output(out_dir, files, folder=True)
        _build(load_datasets(files), out_dir, ", ".join(f.name for f in files))

    @app.command()
    def validate(
        files: Annotated[list[Path], typer.Argument(help="RDF files or datasets to check.")],
    ) -> None:
        """Check files against the SHACL shapes (and datasets against the model)."""
        from kg.formats.loading import load_dataset
        from kg.formats.rdf import parse_rdf, to_rdf
        from kg.formats.registry import by_suffix
        from kg.shapes import conforms

        failed = 0
        for path in files:
            # RDF is checked as it is; other files are first read as datasets
            g = (parse_rdf(path) if by_suffix(path).family == "rdf"
                 else to_rdf(load_dataset(path)))
            violations = conforms(g)
            if violations:
                failed += 1
                for v in violations:
                    err.print(f"{path}: {v}", markup=False)
            else:
                say(f"{path}: conforms ({len(g)} triples)")
        if failed:
            raise InputError(f"{failed} of {len(files)} file(s) do not conform to the shapes")

    @app.command()
    def schema(
        out_file: Annotated[Path | None, typer.Option("--out", "-o",
                                                      help="Write to this file.")] = None,
    ) -> None:
        """Print the JSON Schema of dataset files, for editors that validate as you type."""
        from kg.formats.loading import json_schema

        text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
        if out_file is None:
            sys.stdout.write(text)
        else:
            from kg.files import atomic_write_text

            atomic_write_text(out_file, text)
            say(f"wrote {out_file}")

    @app.command()
    def export(
        files: SeedOrFiles = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help=", ".join(_EXPORTS))
                       ] = "turtle",
        out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Output file.")
                            ] = None,
        assessment: Annotated[bool, typer.Option(
            "--assessment", help="With --store: export the provenance of the store's assessment "
            "as a PROV bundle (turtle, json-ld, nt, trig or nquads).")] = False,
        store: Annotated[Path | None, typer.Option(
            "--store", help="With --assessment: the store's folder.")] = None,
    ) -> None:
        """Export the graph in any format credkg writes (RDF, graph tools, CSV, ClaimReview),
        or a store's assessment provenance (--assessment --store)."""
        from kg.formats.registry import by_name

        if assessment or store is not None:
            from kg.cli.reassess import export_assessment

            export_assessment(store, files, fmt, out_file)
            return
        from kg.outputs import export_dataset

        f = by_name(fmt)
        if not f.writes:
            raise InputError(f"credkg does not write {fmt}; use one of " + ", ".join(_EXPORTS))
        target = out_file or Path("exports") / f"graph{f.suffix}"
        check_output(target, files or [])
        say(f"wrote {export_dataset(dataset(files), fmt, target)}")


def _build(ds: Dataset, out_dir: Path, what: str) -> None:
    from kg.outputs import write_outputs

    written = write_outputs(ds, out_dir, title=f"credkg: {what}")
    say(f"{what}: {ds.summary()}")
    for path in written:
        say(f"  wrote {path}")
    html = next(p for p in written if p.name == "graph.html")
    say(f"Open {html.resolve().as_uri()} in a browser, and report.html beside it.")
