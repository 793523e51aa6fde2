"""What every ``kg`` command shares: the consoles, the common options, loading datasets.

User text (claims, names, error messages) is printed with rich's markup and
emoji codes off, so that ``rdfs:label`` stays ``rdfs:label`` and ``[bold]`` in a
claim stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from rich.table import Table

    from kg.model import Dataset

__all__ = [
    "Files",
    "OutDir",
    "SeedOrFiles",
    "StoreOption",
    "dataset",
    "err",
    "need_extra",
    "out",
    "say",
    "table",
]

#: Standard output: results.
out = Console(highlight=False, soft_wrap=True, emoji=False)
#: Standard error: errors, progress, notes.
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder to write the outputs into.")]
Files = Annotated[list[Path], typer.Argument(help="Dataset files: YAML, JSON, CSV or RDF.")]
SeedOrFiles = Annotated[
    list[Path] | None, typer.Argument(help="Dataset files (default: the bundled seed).")
]
StoreOption = Annotated[Path | None, typer.Option(
    "--store", help="A persistent store folder (created if missing).")]


def need_extra(extra: str, *modules: str) -> None:
    """Refuse in one line when an optional extra a command needs is not installed.

    Raises:
        InputError: a module of the extra is missing; the message says what to install.
    """
    import importlib.util

    from kg.errors import InputError

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise InputError(f"this command needs credkg's {extra!r} extra ({', '.join(missing)} "
                         f"is missing); install it with: pip install 'credkg[{extra}]'")


def say(line: str) -> None:
    """Print one line of plain text (no markup, no emoji codes) to standard output."""
    out.print(line, markup=False, highlight=False)


def dataset(files: list[Path] | None) -> Dataset:
    """The files loaded as one dataset, or the bundled seed when none are given."""
    from kg.formats.loading import load_datasets
    from kg.seed import seed_dataset

    return load_datasets(files) if files else seed_dataset()


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str]], *,
          no_wrap: Sequence[str] = ()) -> Table:
    """A terminal table of plain-text cells (never read as markup)."""
    from rich.table import Table
    from rich.text import Text

    t = Table(title=title, title_justify="left")
    for c in columns:
        t.add_column(c, no_wrap=c in no_wrap, overflow="fold")
    for row in rows:
        t.add_row(*(Text(cell) for cell in row))
    return t
