"""One run of truth discovery over a claims file, as ``kg discover`` does it.

:func:`run_discovery` takes typed arguments (``kg.cli.discover`` parses them),
reads the CSV, runs the method(s), writes the result files and prints a summary
to a console. Problems are raised as :class:`~kg.errors.CredkgError`; the
command line's one error handler turns them into a line and an exit code.

Examples:
    >>> import io, tempfile, pathlib
    >>> from rich.console import Console
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "c.csv").write_text("source,object,value\\na,x,1\\nb,x,1\\nc,x,2\\n")
    >>> quiet = Console(file=io.StringIO())
    >>> run_discovery(folder / "c.csv", "majority_vote", folder / "out", console=quiet)
    >>> sorted(p.name for p in (folder / "out").iterdir())
    ['beliefs.csv', 'trust.csv', 'truths.csv']
    >>> run_discovery(folder / "nope.csv", console=quiet)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.truth.errors.ClaimsFileError: ...nope.csv: no such file; check the path
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pandas as pd
from rich.console import Console
from rich.table import Table

from kg.errors import OutputError
from kg.truth._data import ClaimMatrix
from kg.truth.discover import DEFAULT_METHOD, METHODS, PEER_SETTINGS, Discovery, discover
from kg.truth.errors import ClaimsFileError, NotConvergedWarning, UnknownMethodError
from kg.truth.io import ClaimsFile, read_claims, write_results
from kg.truth.values import VALUE_KINDS, merge_close_numbers, normalise_values

__all__ = ["run_discovery"]

_GROUPED = ("accu", "accu_copy")
_SIMILAR = ("truthfinder", "accu", "accu_copy")
_SIMILARITIES = ("auto", "set", "numeric", "exact")


def _params(
    name: str, claims: ClaimsFile, max_iter: int | None, similarity: str | None
) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if max_iter is not None and name != "majority_vote":
        params["max_iter"] = max_iter
    if similarity is not None and name in _SIMILAR:
        params["similarity"] = similarity
    if claims.groups and name in _GROUPED:
        params["groups"] = claims.groups
    return params


def _check_numeric(path: Path, claims: ClaimsFile) -> None:
    for value, line in zip(claims.frame["value"], claims.first_line, strict=True):
        try:
            float(value)
        except ValueError:
            raise ClaimsFileError(
                path,
                f"value {value!r} is not a number, and --similarity numeric needs numbers; "
                "fix the value or use --similarity auto",
                line=line,
            ) from None


def _run(name: str, m: ClaimMatrix, params: dict[str, Any], console: Console) -> Discovery:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NotConvergedWarning)
        d = discover(m, name, **params)
    for w in caught:
        if issubclass(w.category, NotConvergedWarning):
            console.print(f"[yellow]warning:[/] {w.message}")
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return d


def _warmup(d: Discovery) -> str:
    w = d.fit.warmup_iterations
    return f" after {w} of ACCU warm-up" if w else ""


def _summary(d: Discovery, path: Path, out: Path, claims: ClaimsFile, console: Console) -> None:
    m = d.claims
    state = (
        "fixed count"
        if d.fit.fixed
        else "converged"
        if d.converged
        else "[yellow]stopped at its cap[/]"
    )
    console.print(
        f"[bold]{d.method}[/] on {path.name}: {m.n_rows:,} claims by {m.n_sources:,} sources "
        f"about {m.n_objects:,} objects ({m.n_claims:,} distinct values); "
        f"{d.iterations} iteration(s){_warmup(d)}, {state}, {d.seconds:.2f} s"
    )
    if claims.skipped:
        console.print(f"skipped {claims.skipped:,} row(s) with an empty value")
    ties = d.ties()
    console.print(
        f"{m.n_objects - len(ties):,} objects with one top value, "
        f"[bold]{len(ties):,} tied[/] (see truths.csv, tie=true)"
    )
    for obj, values in list(ties.items())[:5]:
        console.print(f"  tie: {obj}: {' | '.join(map(str, values))}")
    table = Table(title="most trusted sources", title_justify="left")
    table.add_column("source")
    table.add_column("trust", justify="right")
    for row in d.trust_frame().head(10).itertuples(index=False):
        table.add_row(str(row.source), f"{row.trust:.3f}")
    console.print(table)
    console.print(f"wrote {out / 'beliefs.csv'}, trust.csv and truths.csv")


def _compare(results: list[Discovery], console: Console) -> None:
    base = results[0].truths()
    table = Table(title="all methods", title_justify="left")
    for col in ("method", "iterations", "converged", "seconds", "ties", "agrees with vote"):
        table.add_column(col, justify="left" if col == "method" else "right")
    for d in results:
        truths = d.truths()
        same = sum(1 for k, v in truths.items() if len(v) == 1 and base.get(k) == v)
        table.add_row(
            d.method + (" (default)" if d.method == DEFAULT_METHOD else ""),
            str(d.iterations),
            "fixed" if d.fit.fixed else "yes" if d.converged else "no",
            f"{d.seconds:.2f}",
            f"{d.n_ties():,}",
            f"{same / max(len(truths), 1):.1%}",
        )
    console.print(table)


def run_discovery(
    claims_csv: Path,
    method: str | None = None,
    out: Path = Path("."),
    *,
    max_iter: int | None = None,
    similarity: str | None = None,
    values: str = "auto",
    list_sep: str | None = None,
    tolerance: float = 0.0,
    settings: str = "credkg",
    console: Console | None = None,
) -> None:
    """Run ``kg discover CLAIMS.csv [--method M] [--out DIR]``.

    Args:
        claims_csv: CSV with a header and the columns ``source,object,value``
            (optional ``attribute``, ``source_group``).
        method: A method name, ``"all"`` to compare every method (each writes
            into ``out/<method>/``), or ``None`` for the recommended default.
        out: Folder for ``beliefs.csv``, ``trust.csv`` and ``truths.csv``.
        max_iter: Iteration cap for iterative methods (their default if ``None``).
        similarity: Value similarity for truthfinder/accu/accu_copy:
            ``auto``, ``set``, ``numeric`` or ``exact``.
        values: How written values are made comparable
            (:func:`kg.truth.values.normalise_values`): ``auto``, ``names``,
            ``text`` or ``none``.
        list_sep: The separator of list values (detected if ``None``).
        tolerance: Relative tolerance within which numbers of one object are
            one value (0: exact).
        settings: ``credkg`` or ``peer`` (:data:`kg.truth.PEER_SETTINGS`).
        console: Where the summary goes (stdout by default).

    Raises:
        CredkgError: bad input (exit code 2), or a result that cannot be written
            (:class:`~kg.errors.OutputError`, exit code 1).
    """
    console = console or Console()
    try:
        if method is not None and method != "all" and method not in METHODS:
            raise UnknownMethodError(
                f"unknown method {method!r}; choose one of {', '.join(METHODS)}, or all"
            )
        if similarity is not None and similarity not in _SIMILARITIES:
            raise UnknownMethodError(
                f"unknown similarity {similarity!r}; choose one of {', '.join(_SIMILARITIES)}"
            )
        if max_iter is not None and max_iter < 1:
            raise UnknownMethodError(f"--max-iter must be at least 1, got {max_iter}")
        if values not in VALUE_KINDS:
            raise UnknownMethodError(
                f"unknown --values {values!r}; choose one of {', '.join(VALUE_KINDS)}"
            )
        if not 0 <= tolerance < 1:
            raise UnknownMethodError(f"--tolerance must lie in [0, 1), got {tolerance}")
        if settings not in ("credkg", "peer"):
            raise UnknownMethodError(f"unknown --settings {settings!r}; use credkg or peer")
        claims = read_claims(claims_csv)
        if similarity == "numeric":
            _check_numeric(Path(claims_csv), claims)
        frame = claims.frame.copy()
        frame["value"] = normalise_values(list(frame["value"]), values, list_sep=list_sep)
        if tolerance:
            frame = pd.DataFrame(
                merge_close_numbers(list(frame.itertuples(index=False, name=None)), tolerance),
                columns=list(frame.columns),
                dtype=object,
            )
        m = ClaimMatrix.from_frame(frame, multiple="first" if settings == "peer" else "split")
        names = list(METHODS) if method == "all" else [method or DEFAULT_METHOD]
        if settings == "peer":
            names = [n for n in names if n in PEER_SETTINGS]
            if not names:
                raise UnknownMethodError(
                    f"the peer has no method {method!r}; use one of {', '.join(PEER_SETTINGS)}"
                )
        results = []
        for name in names:
            params = _params(name, claims, max_iter, similarity)
            if settings == "peer":
                params = {**PEER_SETTINGS[name], **params}
            d = _run(name, m, params, console)
            target = Path(out) / name if method == "all" else Path(out)
            write_results(d, target)
            results.append(d)
        if method == "all":
            _compare(results, console)
            console.print(f"wrote beliefs.csv, trust.csv and truths.csv per method under {out}")
        else:
            _summary(results[0], Path(claims_csv), Path(out), claims, console)
    except OSError as e:
        raise OutputError(f"{out}: cannot write ({e.strerror})") from None
