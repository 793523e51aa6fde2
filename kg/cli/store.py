"""The store's commands: ``kg add``, ``kg list``, ``kg remove``, ``kg optimize``,
``kg query``, ``kg serve``, ``kg push``.

``kg build FILE... --store PATH`` (in :mod:`kg.cli.build`) and its alias ``kg add
FILE... --store PATH`` load files through :func:`kg.store.add_files`. Commands
are thin: they parse arguments and call the library.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from kg.cli.common import AgentOption, AsOf, documents_as_of, err, need_extra, notes, out
from kg.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from kg.store import Change
    from kg.store.guard import QueryLimits
    from kg.store.results import Results
    from kg.store.store import Store

__all__ = ["print_changes", "register"]

StorePath = Annotated[
    Path | None, typer.Option("--store", "-s", help="The store's folder (kg build --store).")
]
RequiredStore = Annotated[Path, typer.Option("--store", "-s", help="The store's folder.")]
DataFiles = Annotated[
    list[Path] | None,
    typer.Option("--data", "-d", help="Dataset files to query in memory instead of a store "
                 "(repeat the option for several)."),
]
User = Annotated[str | None, typer.Option("--user", "-u", help="User name for the endpoint.")]
Password = Annotated[
    str | None, typer.Option("--password", "-p", help="Password for the endpoint.")
]

AllowService = Annotated[
    list[str] | None,
    typer.Option("--allow-service", help="Let SERVICE call this SPARQL endpoint (repeatable; "
                 "by default SERVICE is refused)."),
]

_OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "xml")
_T = TypeVar("_T")


def _interruptible(work: Callable[[], _T]) -> _T:
    """Run ``work`` in a thread, so that Ctrl-C stops the command at once.

    pyoxigraph evaluates a query step without coming back to Python (a ``COUNT``
    over a large join is one step), so Ctrl-C would wait for the step's end; the
    main thread only waits here, and the interrupt ends the process, the thread
    with it (it only reads).
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as e:  # handed to the main thread
            # without its traceback: pyoxigraph's results may not be dropped on another thread
            e.__context__ = e.__cause__ = None
            box["error"] = e.with_traceback(None)

    thread = threading.Thread(target=target, daemon=True, name="credkg-query")
    thread.start()
    while thread.is_alive():
        thread.join(0.1)
    if "error" in box:
        raise box["error"]
    value: _T = box["value"]
    return value


def _loopback(host: str) -> bool:
    """Whether ``host`` is a loopback interface.

    Examples:
        >>> [_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "10.0.0.2")]
        [True, True, True, False, False]
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port``, or a one-line error (busy port, bad host)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise InputError(f"--port {port}: the port is already in use on {host} (another "
                             "kg serve?); stop that server or pick another --port") from None
        raise InputError(f"--host {host} --port {port}: cannot listen there: "
                         f"{e.strerror or e}") from None
    sock.set_inheritable(True)
    return sock


def _open(store: Path | None, data: list[Path] | None, *, read_only: bool = True) -> object:
    """The store to read: on disk, files in memory, or the seed in memory."""
    from kg.store.store import Store

    if store is not None and data:
        raise InputError("give --store or --data, not both")
    if store is not None:
        return Store.open(store, read_only=read_only)
    memory = Store()
    if data:
        from kg.formats.scoping import document_ids

        # a lone file keeps its ids; several are each scoped to their document
        for path, doc in zip(data, document_ids(data), strict=True):
            memory.add_file(path, doc, assess=False, scope=len(data) > 1)
        memory.reassess()
    else:
        from kg.seed import seed_dataset

        memory.add_dataset(seed_dataset(), "seed")
    return memory


def _open_as_of(store: Path | None, data: list[Path] | None, as_of: str) -> object:
    """A store in memory holding the documents published on or before ``as_of``, with
    their own assessment (the notes of the choice go to stderr)."""
    if store is not None and data:
        raise InputError("give --store or --data, not both")
    if store is not None:
        from kg.formats.as_of import parse_day
        from kg.store.as_of import as_of_store, store_selection
        from kg.store.store import Store

        s = Store.open(store, read_only=True)
        selection, graphs = store_selection(s, parse_day(as_of))
        notes(selection.notes())
        selection.require_some()
        return as_of_store(s, selection, graphs)
    from kg.store.store import Store

    memory = Store()
    memory.add_dataset(documents_as_of(None, data, as_of).then, f"as-of-{as_of}")
    return memory


def _as_of_query(name: str, store: Path | None, data: list[Path] | None, as_of: str | None,
                 fmt: str, limit: int | None, offset: int) -> None:
    """Run ``believed-on`` or ``changes-since``: the assessment as of a date, and now."""
    from kg.store.as_of import believed_on, changes_since
    from kg.store.paging import Count, page_line
    from kg.store.results import Results, format_results, table

    if as_of is None:
        raise InputError(f"query {name!r} needs --as-of DATE (YYYY-MM-DD)")
    if store is not None and data:
        raise InputError("give --store or --data, not both")
    found = documents_as_of(store, data, as_of, now=name == "changes-since")
    whole = (believed_on(found.then, found.trust_then) if found.now is None
             else changes_since(found.then, found.now, found.trust_then, found.trust_now))
    end = None if limit is None else offset + limit
    results = Results(whole.variables, whole.terms[offset:end])
    if fmt == "table":
        out.print(table(results))
    else:
        sys.stdout.write(format_results(results, fmt))
    err.print(page_line(offset, len(results), Count(len(whole), "rows")), markup=False)


def _say_page(where: object, query: str, params: dict[str, str], results: Results,
              offset: int, auth: tuple[str, str] | None, limits: QueryLimits) -> None:
    """Say on stderr which rows were shown and how many there are in all: counted by
    the query's COUNT form only when the page does not show where the answer ends."""
    from kg.store.paging import Count, count_answer, page_line

    if results.truncated or (offset and not results):
        total = _interruptible(lambda: count_answer(
            where, query, params, auth=auth, limits=limits))  # type: ignore[arg-type]
    else:
        total = Count(offset + len(results), "rows")
    err.print(page_line(offset, len(results), total), markup=False)


def _say_stale_trust(store: Path, opened: Store | None = None) -> None:
    """After ``kg add``/``kg remove``: say when the discovered trust the grades take as
    evidence was learned from other documents than the store now holds."""
    from kg.store.store import Store
    from kg.store.trust import trust_staleness

    stale = trust_staleness(opened if opened is not None else Store.open(store, read_only=True))
    if stale:
        err.print(f"note: {stale}; the grades took it as it was (learn it anew: "
                  f"kg discover --store {store})", markup=False)


def print_changes(changes: Iterable[Change]) -> None:
    """One line per document added to a store (``kg add``, ``kg build --store``)."""
    for change in changes:
        note = "; assessment recomputed" if change.assessed else ""
        out.print(f"{change.doc}: {change.status} ({change.triples:,} triples){note}",
                  markup=False)


def register(app: typer.Typer) -> None:
    """Add the store's commands to the ``kg`` app."""

    @app.command()
    def add(
        files: Annotated[list[Path], typer.Argument(help="Dataset or RDF files, one document "
                                                    "each.")],
        store: RequiredStore,
        doc: Annotated[
            str | None, typer.Option("--doc", help="Document id for a single file (default: "
                                     "the file name without extension).")
        ] = None,
        no_assess: Annotated[
            bool, typer.Option("--no-assess", help="Do not recompute the assessment graph.")
        ] = False,
        replace: Annotated[
            bool, typer.Option("--replace", help="Replace documents of the same id that hold "
                               "other content (without it, that is an error).")
        ] = False,
        agent: AgentOption = None,
    ) -> None:
        """Add files to a store, one document each, all or none; the same file again adds
        nothing."""
        from kg.store.store import add_files

        print_changes(add_files(store, files, doc=doc, progress=True, assess=not no_assess,
                                replace=replace, agent=agent))
        _say_stale_trust(store)

    @app.command("list")
    def list_(store: RequiredStore) -> None:
        """List the documents in a store."""
        from rich.table import Table
        from rich.text import Text

        from kg.store.store import Store

        s = Store.open(store, read_only=True)
        docs = s.documents()
        table = Table(title=f"{store}: {len(docs)} document(s), {len(s)} quads in all")
        for name in ("document", "triples", "added", "source", "graph"):
            table.add_column(name, justify="right" if name == "triples" else "left")
        for d in docs:
            table.add_row(Text(d.id), f"{d.triples:,}", d.added, Text(d.source), Text(d.graph))
        out.print(table)

    @app.command()
    def remove(
        doc: Annotated[str, typer.Argument(help="The document id (see kg list).")],
        store: RequiredStore,
    ) -> None:
        """Remove one document from a store and recompute the assessment."""
        from kg.resolution.storing import forget_documents
        from kg.store.drop import copy_is_cheaper
        from kg.store.store import Store

        s = Store.open(store)
        rest = [d for d in s.documents() if d.id != doc]
        copied = any(d.id == doc for d in s.documents()) and copy_is_cheaper(
            s, s.document(doc), rest)
        change = s.remove(doc)
        forget_documents(s)  # its matching keys and recorded changes go too
        s.flush()
        note = "; assessment recomputed" if change.assessed else ""
        if copied:
            note += "; the store was rebuilt without it, so its disk space is free already"
        elif change.triples >= 50_000:
            note += (f"; the disk space of its quads comes back at the next compaction: "
                     f"kg optimize --store {store}")
        out.print(f"removed {doc} ({change.triples:,} triples){note}", markup=False)
        _say_stale_trust(store, s)

    @app.command()
    def optimize(store: RequiredStore) -> None:
        """Compact a store on disk after large loads (faster corpus-wide queries)."""
        import time

        from kg.store.store import Store

        if not store.exists():
            raise NotFoundError(f"{store}: no store here; create one with kg build FILE --store")
        s = Store.open(store)
        start = time.perf_counter()
        s.optimize()
        out.print(f"compacted {store} in {time.perf_counter() - start:.1f} s", markup=False)

    @app.command()
    def query(
        query: Annotated[
            str | None,
            typer.Argument(help="A ready-made query's name, SPARQL text, or @file.rq."),
        ] = None,
        store: StorePath = None,
        data: DataFiles = None,
        param: Annotated[
            list[str] | None,
            typer.Option("--param", "-P", help="A parameter as NAME=VALUE (repeatable); "
                         "bound safely, never pasted into the query."),
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", "-f", help="table, csv, tsv, json or xml.")
        ] = "table",
        endpoint: Annotated[
            str | None, typer.Option("--endpoint", "-e", help="Run on a remote SPARQL endpoint.")
        ] = None,
        user: User = None,
        password: Password = None,
        limit: Annotated[
            int | None, typer.Option("--limit", help="Show at most this many rows (a page; "
                                     "the total goes to stderr).")
        ] = None,
        offset: Annotated[
            int, typer.Option("--offset", help="Skip this many rows first (SELECT only).")
        ] = 0,
        list_queries: Annotated[
            bool, typer.Option("--list", "-l", help="List the ready-made queries.")
        ] = False,
        allow_service: AllowService = None,
        as_of: AsOf = None,
    ) -> None:
        """Run a ready-made query or your own SPARQL on a store, files, the seed or an endpoint.

        With neither --store nor --data nor --endpoint it runs on the bundled seed."""
        from kg.store.queries import QUERIES, parse_params, run_query
        from kg.store.results import format_results, table

        if list_queries:
            from rich.table import Table

            t = Table(title="ready-made queries (kg query NAME [--param k=v])")
            for name in ("query", "parameters", "answers"):
                t.add_column(name)
            for q in QUERIES.values():
                params = ", ".join(f"{k}=<{v} id>" for k, v in q.params.items())
                t.add_row(q.name, params, q.title + (" (needs the assessment)"
                                                     if q.needs_assessment else ""))
            from kg.store.as_of import AS_OF_QUERIES

            for name, title in AS_OF_QUERIES.items():
                t.add_row(name, "--as-of DATE", title + " (assessed twice, in Python)")
            out.print(t)
            return
        if query is None:
            raise InputError("give a query name, SPARQL text or @file.rq; "
                             "`kg query --list` shows the ready-made ones")
        if fmt not in _OUTPUT_FORMATS:
            raise InputError(f"--format {fmt!r}: use one of " + ", ".join(_OUTPUT_FORMATS))
        if (limit is not None and limit < 0) or offset < 0:
            raise InputError("--limit and --offset must be 0 or more")
        bound = parse_params(param or [])
        if as_of is not None and endpoint is not None:
            raise InputError("--as-of works on a store, files or the seed, not on --endpoint")
        from kg.store.as_of import AS_OF_QUERIES

        if query in AS_OF_QUERIES:
            _as_of_query(query, store, data, as_of, fmt, limit, offset)
            return
        if as_of is not None:
            store, data, memory = None, None, _open_as_of(store, data, as_of)
        from kg.store.guard import QueryLimits, check_service_url

        limits = QueryLimits(services=tuple(check_service_url(u) for u in allow_service or []))
        if endpoint is None and limit is None and fmt != "table":
            # the whole answer, streamed as it is computed (bounded memory at any size)
            from kg.store.streaming import stream_query

            target = memory if as_of is not None else _open(store, data)
            _interruptible(lambda: stream_query(
                target, query, sys.stdout.buffer, fmt, bound, limits=limits,  # type: ignore[arg-type]
                offset=offset))
            sys.stdout.buffer.flush()
            return
        auth: tuple[str, str] | None = None
        if endpoint is not None:
            need_extra("serve", "httpx")
            if store is not None or data:
                raise InputError("give --endpoint, or --store/--data, not both")
            if (user is None) != (password is None):
                raise InputError("give both --user and --password, or neither")
            auth = (user, password) if user is not None and password is not None else None
            results = run_query(endpoint, query, bound, limit=limit, offset=offset, auth=auth)
            where: object = endpoint
        else:
            where = target = memory if as_of is not None else _open(store, data)
            results = _interruptible(lambda: run_query(
                target, query, bound, limit=limit, offset=offset,  # type: ignore[arg-type]
                limits=limits))
        if fmt == "table":
            out.print(table(results))
        else:
            sys.stdout.write(format_results(results, "nt" if results.kind == "graph" else fmt))
        if results.kind == "select":
            _say_page(where, query, bound, results, offset, auth, limits)

    @app.command()
    def serve(
        store: StorePath = None,
        data: DataFiles = None,
        port: Annotated[int, typer.Option("--port", help="TCP port.")] = 7878,
        host: Annotated[
            str, typer.Option("--host", help="Interface to listen on (loopback by default; "
                              "any other prints a warning).")
        ] = "127.0.0.1",
        timeout: Annotated[
            float, typer.Option("--timeout", help="Seconds a query may run; then it is "
                                "stopped and answered with 503.")
        ] = 30.0,
        max_rows: Annotated[
            int, typer.Option("--max-rows", help="Most rows in one answer.")
        ] = 10_000,
        workers: Annotated[
            int, typer.Option("--workers", help="Queries running at once (worker processes).")
        ] = 4,
        cors: Annotated[
            list[str] | None,
            typer.Option("--cors-origin", help="Origin whose pages may read answers (CORS; "
                         "repeatable; default: none)."),
        ] = None,
        max_body: Annotated[
            int, typer.Option("--max-body", help="Largest request body, in bytes.")
        ] = 1_000_000,
        max_query_chars: Annotated[
            int, typer.Option("--max-query-chars", help="Longest query, in characters.")
        ] = 100_000,
        max_depth: Annotated[
            int, typer.Option("--max-depth", help="Deepest nesting of { ( [ in a query.")
        ] = 100,
        max_operators: Annotated[
            int, typer.Option("--max-operators", help="Most operators in a query.")
        ] = 2_000,
        worker_memory: Annotated[
            int, typer.Option("--worker-memory", help="Memory (MiB of address space) a query "
                              "worker may use; 0 for no limit.")
        ] = 4096,
        allow_service: AllowService = None,
    ) -> None:
        """Serve a store (or files, or the seed) as a read-only SPARQL 1.1 endpoint at /sparql.

        The store is locked while the server runs: kg add and kg remove refuse it."""
        need_extra("serve", "starlette", "uvicorn", "anyio")
        import uvicorn

        from kg.store.guard import QueryLimits, check_service_url
        from kg.store.serve import ServeOptions, create_app

        if not 0 < port < 65536:
            raise InputError(f"--port {port}: give a port between 1 and 65535")
        if timeout <= 0 or max_rows < 1 or workers < 1:
            raise InputError("--timeout must be positive, --max-rows and --workers at least 1")
        if min(max_body, max_query_chars, max_depth, max_operators) < 1 or worker_memory < 0:
            raise InputError("--max-body, --max-query-chars, --max-depth and --max-operators "
                             "must be at least 1, --worker-memory 0 or more")
        limits = QueryLimits(max_chars=max_query_chars, max_depth=max_depth,
                             max_operators=max_operators,
                             services=tuple(check_service_url(u) for u in allow_service or []))
        if not _loopback(host):
            err.print(f"kg: warning: listening on {host}, not loopback: anyone who can reach "
                      "this machine can query the store; put it behind a firewall or a "
                      "proxy with authentication", markup=False)
        sock = _bind(host, port)
        lock = None
        try:
            if store is not None and store.is_dir():
                from kg.store.lock import hold

                lock = hold(store, shared=True)  # writers refuse the store while we serve it
            target = _open(store, data)
            options = ServeOptions(timeout=timeout, max_rows=max_rows, workers=workers,
                                   cors_origins=tuple(cors or []), max_body=max_body,
                                   limits=limits, worker_memory_mb=worker_memory or None)
            app_ = create_app(target, options)  # type: ignore[arg-type]
            # the reader's HTML pages (issue #17), mounted here: kg.views sits above kg.store
            from kg.views.site import mount_pages

            mount_pages(app_, target)  # type: ignore[arg-type]
            app_.state.pool.warm()
        except BaseException:
            sock.close()
            if lock is not None:
                lock.close()
            raise
        err.print(f"SPARQL endpoint on http://{host}:{port}/sparql (read-only); "
                  "Ctrl-C stops it", markup=False)
        config = uvicorn.Config(app_, log_level="warning")
        try:
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            app_.state.pool.close()
            sock.close()
            if lock is not None:
                lock.close()

    @app.command()
    def push(
        endpoint: Annotated[
            str, typer.Option("--endpoint", "-e", help="Graph Store URL (gsp) or SPARQL "
                              "Update URL (update) of the target store.")
        ],
        store: StorePath = None,
        data: DataFiles = None,
        graph: Annotated[
            str | None, typer.Option("--graph", help="Send everything into this graph IRI.")
        ] = None,
        doc: Annotated[
            str | None, typer.Option("--doc", help="Send only this document.")
        ] = None,
        user: User = None,
        password: Password = None,
        protocol: Annotated[
            str, typer.Option("--protocol", help="gsp (Graph Store Protocol) or update.")
        ] = "gsp",
        batch: Annotated[int, typer.Option("--batch", help="Triples per request.")] = 50_000,
        graph_param: Annotated[
            str, typer.Option("--graph-param", help="GSP parameter naming the graph "
                              "(graph; graph-uri for Virtuoso).")
        ] = "graph",
        update_endpoint: Annotated[
            str | None, typer.Option("--update-endpoint", help="With gsp: the store's SPARQL "
                                     "Update URL, for a staged push (all or nothing).")
        ] = None,
    ) -> None:
        """Send the store's graphs (or one document's) to an external SPARQL 1.1 store.

        With --protocol update (or --update-endpoint) the push is staged and the target
        graphs change only when everything has arrived; a failure says what reached them."""
        need_extra("serve", "httpx")
        from kg.store.push import push as push_graphs

        target = _open(store, data)
        result = push_graphs(
            target, endpoint, graph=graph, doc=doc, protocol=protocol,  # type: ignore[arg-type]
            user=user, password=password, batch=batch, graph_param=graph_param,
            update_endpoint=update_endpoint,
        )
        for iri, n in result.graphs.items():
            out.print(f"  {iri}: {n:,} triples", markup=False)
        out.print(f"pushed {sum(result.graphs.values()):,} triples in {result.requests} "
                  f"request(s) to {endpoint}", markup=False)
