"""``kg reassess``: recompute a store's assessment, or check that it is current; and the
PROV bundle of ``kg export --assessment``.

The assessment's provenance (:mod:`kg.store.provenance`) says which credkg made it,
with which parameters, when, from which documents and for whom;
:func:`kg.store.freshness.check_assessment` compares that, and the grades, with what
credkg would make now.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import AgentOption, check_output, say
from kg.errors import InputError, NotFoundError

__all__ = ["export_assessment", "register"]


def _existing(store: Path) -> Path:
    """The store's folder, which must hold a store (these commands never create one)."""
    if not (store / "CURRENT").exists():
        raise NotFoundError(f"{store}: no store here; create one with kg build FILE --store "
                            f"{store}")
    return store


def export_assessment(store: Path | None, files: list[Path] | None, fmt: str,
                      out_file: Path | None) -> None:
    """``kg export --assessment --store S [-o FILE] [--format F]``.

    The format follows ``--format`` or, left at its default, the suffix of ``-o``.
    """
    from kg.store.provenance import BUNDLE_FORMATS, write_provenance_bundle
    from kg.store.store import Store

    if store is None:
        raise InputError("--assessment exports a store's assessment provenance; give "
                         "--store PATH")
    if files:
        raise InputError("--assessment --store reads the store; give no dataset files")
    if out_file is not None and fmt == "turtle":  # the default: the suffix decides
        fmt = next((k for k, v in BUNDLE_FORMATS.items() if out_file.name.endswith(v)),
                   "turtle")
    if fmt not in BUNDLE_FORMATS:
        raise InputError(f"--format {fmt}: a provenance bundle is written as one of "
                         + ", ".join(BUNDLE_FORMATS))
    target = out_file or Path("exports") / f"assessment-provenance{BUNDLE_FORMATS[fmt]}"
    check_output(target)
    s = Store.open(_existing(store), read_only=True)
    n = write_provenance_bundle(s, target, fmt)
    say(f"wrote {target} ({n} statements of provenance, {fmt})")


def register(app: typer.Typer) -> None:
    """Add ``kg reassess`` to ``kg``."""

    @app.command()
    def reassess(
        store: Annotated[Path, typer.Option("--store", "-s", help="The store's folder.")],
        check: Annotated[bool, typer.Option(
            "--check", help="Write nothing; say whether the stored grades still follow from "
            "the stored documents and this credkg (exit 0, 'current') or what differs "
            "(exit 1).")] = False,
        agent: AgentOption = None,
    ) -> None:
        """Recompute a store's assessment in full, with its provenance (or --check it)."""
        from kg.store.store import Store

        if check:
            from kg.store.freshness import check_assessment

            found = check_assessment(Store.open(_existing(store), read_only=True))
            for line in found.lines():
                say(line)
            if not found.current:
                raise typer.Exit(1)
            return
        s = Store.open(_existing(store))
        s.agent = agent
        if not s.reassess():
            raise InputError("the credibility engine is not installed; nothing was assessed")
        s.flush()
        note = (f"; the store was compacted after it ({s.compacted:.0f} s), so that the next "
                "adds read few files" if s.compacted is not None else "")
        say(f"{store}: assessment recomputed over {len(s.documents())} document(s){note}")
