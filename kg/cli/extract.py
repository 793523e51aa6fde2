"""``kg extract``: a draft dataset from an article's text."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import say as _print
from kg.errors import InputError

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``kg extract`` to ``kg``."""

    @app.command()
    def extract(
        article: Annotated[Path, typer.Argument(help="A news article as plain UTF-8 text.")],
        out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the draft here "
                                                 "(default: print it).")] = None,
    ) -> None:
        """Draft a dataset from article text: sources, attributed claims, figures, chains.

        The draft is YAML for `kg build`; its comments say what the analyst must check."""
        import sys

        from kg.drafting.extract import draft_yaml
        from kg.files import atomic_write_text
        from kg.formats.text import read_text

        if article.suffix.lower() not in (".txt", ".text", ".md", ""):
            raise InputError(f"{article}: give a plain-text article (.txt)")
        text = read_text(article)
        draft = draft_yaml(text, name=article.name)
        if out is None:
            sys.stdout.write(draft)
        else:
            atomic_write_text(out, draft)
            _print(f"wrote {out}; check every item marked CHECK before `kg build {out}`")
