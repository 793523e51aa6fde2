"""``kg extract``: draft datasets from articles (text or HTML), one or many at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import check_output, err, need_extra
from kg.cli.common import say as _print
from kg.errors import DatasetError, InputError

__all__ = ["register"]

_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", "")


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--date {value!r}: give the article's date as YYYY-MM-DD") from None


def register(app: typer.Typer) -> None:
    """Add ``kg extract`` to ``kg``."""

    @app.command()
    def extract(
        articles: Annotated[list[Path], typer.Argument(
            help="News articles: plain UTF-8 text (.txt) or saved web pages (.html).")],
        out: Annotated[Path | None, typer.Option(
            "--out", "-o", help="Write the draft here; with several articles, a folder "
            "(one SLUG.yaml each). Default: print the draft.")] = None,
        url: Annotated[str | None, typer.Option(
            help="The article's URL (names the publisher when --outlet is not given).")] = None,
        outlet: Annotated[str | None, typer.Option(help="The publishing outlet's name.")] = None,
        date: Annotated[str | None, typer.Option(help="The article's date, YYYY-MM-DD.")] = None,
        report: Annotated[bool, typer.Option(
            "--report", help="Print what was found, what was skipped and why.")] = False,
    ) -> None:
        """Draft a dataset from article text: sources, attributed claims, figures, chains.

        The draft is YAML for `kg build`; its comments say what the analyst must check. Ids
        start with the file's name, so several drafts build together."""
        import sys

        from rich.progress import Progress

        from kg.drafting.extract import draft_yaml_and_report
        from kg.drafting.sources import slugify
        from kg.files import atomic_write_text
        from kg.formats.text import read_text

        when = _date(date)
        for a in articles:
            if a.suffix.lower() not in _SUFFIXES:
                raise InputError(f"{a}: give a plain-text article (.txt) or a web page (.html)")
        many = len(articles) > 1
        if many and (url or outlet or date):
            raise InputError("--url, --outlet and --date describe one article; give one "
                             "article with them, or none of them for many")
        if many and out is not None and out.exists() and not out.is_dir():
            raise InputError(f"{out}: with several articles, --out must be a folder")
        if many and out is None:
            raise InputError("several articles: give --out FOLDER for their drafts")
        if any(a.suffix.lower() in (".html", ".htm") for a in articles):
            need_extra("extract", "trafilatura")
        folder = out if out is not None and (many or out.is_dir()) else None
        if out is not None:
            check_output(out, articles, folder=folder is not None)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        with Progress(console=err, transient=True, disable=not many) as bar:
            task = bar.add_task("kg extract", total=len(articles))
            for a in articles:
                text = read_text(a, limit=64 * 2**20, error=DatasetError,
                                 expected="a news article (.txt or .html)", needs="text")
                slug = slugify(a.stem, 60)
                draft, rep = draft_yaml_and_report(
                    text, name=a.name, slug=slug, url=url, outlet=outlet, date=when,
                    html=True if a.suffix.lower() in (".html", ".htm") else None)
                if report:
                    for line in rep.lines():
                        err.print(line, markup=False, highlight=False)
                if folder is not None:
                    atomic_write_text(folder / f"{slug}.yaml", draft)
                elif out is not None:
                    atomic_write_text(out, draft)
                    _print(f"wrote {out}; check every item marked CHECK before `kg build {out}`")
                else:
                    sys.stdout.write(draft)
                bar.advance(task)
        if folder is not None:
            _print(f"wrote {len(articles)} drafts to {folder}; check every item marked CHECK")
