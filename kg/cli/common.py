"""What every ``kg`` command shares: the consoles, the common options, loading datasets.

User text (claims, names, error messages) is printed with rich's markup and
emoji codes off, so that ``rdfs:label`` stays ``rdfs:label`` and ``[bold]`` in a
claim stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer
from rich.console import Console

if TYPE_CHECKING:
    from rich.table import Table

    from kg.credibility import DiscoveredTrust
    from kg.model import Dataset

__all__ = [
    "AgentOption",
    "AsOf",
    "AsOfDocuments",
    "Files",
    "OutDir",
    "SeedOrFiles",
    "StoreOption",
    "check_output",
    "chosen_dataset",
    "dataset",
    "documents_as_of",
    "err",
    "need_extra",
    "notes",
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
#: Who asks for an assessment, recorded in its provenance (kg.store.provenance).
AgentOption = Annotated[str | None, typer.Option(
    "--agent", envvar="CREDKG_AGENT", show_envvar=True,
    help="Who asks for the assessment (a name or an IRI), recorded in its provenance.")]


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


def check_output(target: Path, inputs: Iterable[Path] = (), *, folder: bool = False) -> None:
    """Refuse an output path that is one of the inputs, or a file where a folder is meant.

    Raises:
        InputError: the message names the path and what to do.
    """
    from kg.errors import InputError

    for p in inputs:
        if p.exists() and target.exists() and target.resolve() == p.resolve():
            raise InputError(f"-o {target} is one of the input files; write the output "
                             "elsewhere, the input is left as it is")
    if folder and target.exists() and not target.is_dir():
        raise InputError(f"-o {target} is a file; give a folder for the outputs")
    if not folder and target.is_dir():
        raise InputError(f"-o {target} is a folder; give a file name")


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


AsOf = Annotated[str | None, typer.Option(
    "--as-of", help="Answer from the documents published on or before this date "
    "(YYYY-MM-DD; a document's date is its latest report's).")]


def notes(lines: Iterable[str]) -> None:
    """Print notes to standard error, one a line, as plain text."""
    for line in lines:
        err.print(line, markup=False, highlight=False)


def chosen_dataset(store: Path | None, files: list[Path] | None, as_of: str | None
                   ) -> tuple[Dataset, Mapping[str, DiscoveredTrust] | None]:
    """What a reading command works on: the documents as of ``as_of`` (when given), else
    a store's, else the files (the seed without any); with a store, also its discovered
    trust (``kg discover --store``), which the engine takes as track-record evidence
    (as of a date, only when learned from the documents kept)."""
    if as_of is not None:
        found = documents_as_of(store, files, as_of)
        return found.then, found.trust_then
    if store is None:
        return dataset(files), None
    from kg.store import Store
    from kg.store.trust import discovered_trust

    opened = Store.open(store, read_only=True)  # once: the documents and the trust
    ds = opened.dataset()
    return ds, discovered_trust(opened.ox, ds.base) or None


class AsOfDocuments(NamedTuple):
    """The documents as of a date (``then``), all of them (``now``, when asked for), and
    the discovered trust each side takes (a store's only)."""

    then: Dataset
    now: Dataset | None = None
    trust_then: Mapping[str, DiscoveredTrust] | None = None
    trust_now: Mapping[str, DiscoveredTrust] | None = None


def documents_as_of(
    store: Path | None, files: list[Path] | None, as_of: str, *, now: bool = False
) -> AsOfDocuments:
    """The documents as of ``as_of`` as one dataset, from a store, files or the seed, and
    with ``now`` all of them too; a line on stderr says how many were kept, one more
    each undated document left out, and one when a store's discovered trust is left out
    (:func:`kg.store.trust.trust_as_of`).

    Raises:
        InputError: a bad date, or no document on or before it.
    """
    from kg.formats.as_of import Selection, document_date, files_as_of, load_kept, parse_day

    day = parse_day(as_of)
    if store is not None:
        from kg.store.as_of import store_selection
        from kg.store.store import Store
        from kg.store.trust import discovered_trust, trust_as_of

        s = Store.open(store, read_only=True)
        selection, graphs = store_selection(s, day)
        notes(selection.notes())
        selection.require_some()
        kept = [graphs[d] for d in selection.kept]
        then = s.dataset_of(kept)
        trust = discovered_trust(s.ox, then.base) or None
        left_out = trust_as_of(s, kept)
        if left_out is not None:
            notes([left_out])
        return AsOfDocuments(then, s.dataset() if now else None,
                             None if left_out else trust, trust)
    if files:
        selection = files_as_of(files, day)
        notes(selection.notes())
        selection.require_some()
        return AsOfDocuments(load_kept(files, selection), dataset(files) if now else None)
    seed = dataset(None)
    selection = Selection(day)
    selection.add("the seed", document_date(seed))
    notes(selection.notes())
    selection.require_some()
    return AsOfDocuments(seed, seed if now else None)
