"""The ``kg`` command: it parses arguments, calls the library and prints.

One module per area registers its commands on the one app: :mod:`.build`
(demo, build, validate, schema, export), :mod:`.score` (chain, score),
:mod:`.store` (add, list, remove, optimize, query, serve, push), :mod:`.reassess`
(reassess), :mod:`.views`
(view, report), :mod:`.discover`, :mod:`.resolve` (resolve, matches, merge,
unmerge, merges), :mod:`.claimreview` (import-claimreview) and :mod:`.extract`.
They share :mod:`.common` (consoles, options, dataset loading) and never import
this module back.

Errors from credkg become one line on stderr and exit code 2 (bad input or
usage) or 1 (a failure while working), never a traceback; that happens here
only, in :func:`main`. Set ``KG_DEBUG=1`` to see the traceback of an
unexpected error.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from kg.cli import (
    build,
    claimreview,
    discover,
    extract,
    reassess,
    resolve,
    score,
    store,
    views,
)
from kg.cli.common import err
from kg.errors import CredkgError

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="credkg: who says what, citing whom, back to which origin.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for _area in (build, score, store, reassess, views, discover, resolve, claimreview, extract):
    _area.register(app)


@app.callback()
def _options(
    jsonld_context: Annotated[list[str] | None, typer.Option(
        "--jsonld-context", metavar="IRI=FILE",
        help="Read the JSON-LD @context named IRI from this local file (repeatable). "
        "Contexts are otherwise never fetched from the network or read from disk.")] = None,
) -> None:
    """credkg: who says what, citing whom, back to which origin."""
    from kg.errors import InputError
    from kg.formats.guards import local_contexts

    for item in jsonld_context or []:
        iri, sep, file = item.partition("=")
        if not sep or not iri or not file:
            raise InputError(f"--jsonld-context {item!r}: give IRI=FILE")
        local_contexts[iri] = Path(file)


_INTERRUPTED = 130  # the shell's code for a process ended by SIGINT


def _interrupted() -> int:
    err.print("kg: interrupted; files being written were left as they were", markup=False)
    return _INTERRUPTED


def main(argv: list[str] | None = None) -> int:
    """Run ``kg`` and return its exit code (also the console-script entry point)."""
    try:
        # standalone mode: click prints usage errors itself and exits with 2
        app(args=argv, prog_name="kg")
    except SystemExit as e:
        if e.code == _INTERRUPTED:  # typer turns Ctrl-C into a silent exit 130
            return _interrupted()
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except CredkgError as e:
        err.print(f"kg: error: {e}", markup=False, soft_wrap=True)
        return e.exit_code
    except KeyboardInterrupt:
        return _interrupted()
    except Exception as e:
        if os.environ.get("KG_DEBUG"):
            raise
        err.print(
            f"kg: internal error: {type(e).__name__}: {e} (rerun with KG_DEBUG=1 for the "
            "traceback, and please report it)", markup=False, soft_wrap=True,
        )
        return 1
    return 0
