"""Query worker processes for ``kg serve``: a query that runs out of time is killed.

pyoxigraph cannot interrupt a query inside one evaluation step (a ``COUNT`` over
a cross product is one step), so a thread running it would go on using a core
and memory after its client was told 503. Each query therefore runs in a worker
*process* that opens the store read-only; when the time runs out, the worker is
killed (its memory goes back to the system at once) and a fresh one is started
for the next query. A worker that crashes (an out-of-memory abort) is replaced
the same way, and the server goes on.

Workers are started with ``spawn`` (never ``fork``: the server has threads) and
die with the server: each watches that its parent is still there, and ends
when its pipe closes. Each may get an address-space limit (``memory_mb``), so one query
cannot take the machine's memory.

A worker gets a :class:`~kg.store.answer.Request` and sends back a
:class:`~kg.store.answer.Reply`, already written in the negotiated format, so
that only bytes cross the pipe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from typing import Any

from kg.store.answer import Reply, Request, answer
from kg.store.guard import QueryLimits

__all__ = ["WorkerPool"]

_START_TIMEOUT = 120.0  # seconds for a worker to import pyoxigraph and open the store


def _die_with_parent() -> None:
    """Exit when the parent (the server) goes, even while a query runs in this process."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True, name="credkg-parent-watch").start()


def _worker_main(conn: multiprocessing.connection.Connection, path: str, max_rows: int,
                 memory_mb: int | None, limits: QueryLimits) -> None:  # pragma: no cover
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which kills us
    if memory_mb is not None:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        import pyoxigraph as ox

        store = ox.Store.read_only(path)
    except BaseException as e:  # reported to the parent, which says it in one line
        conn.send(("error", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", ""))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = answer(store, request, max_rows, limits)
        except MemoryError:
            reply = Reply(503, "text/plain; charset=utf-8",
                          b"the query needs more memory than a query may use; narrow it\n")
        conn.send(reply)


class _Worker:
    def __init__(self, ctx: Any, pool: WorkerPool) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(
            child, pool.path, pool.max_rows, pool.memory_mb, pool.limits),
                                   daemon=True, name="credkg-query-worker")
        self.process.start()
        child.close()
        if not self.conn.poll(_START_TIMEOUT):
            self.kill()
            raise RuntimeError("a query worker did not start in time")
        try:
            kind, message = self.conn.recv()
        except EOFError:
            self.kill()
            raise RuntimeError("a query worker died while starting") from None
        if kind != "ready":
            self.kill()
            raise RuntimeError(f"a query worker cannot open the store: {message}")

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=30)
        self.conn.close()


class WorkerPool:
    """At most ``size`` worker processes reading the store at ``path``.

    Args:
        path: The store's folder (opened read-only by each worker).
        size: Most workers (queries running at once).
        max_rows: Row cap of an answer.
        memory_mb: Address-space limit of each worker, or None.
        limits: What a query may be (checked again in the worker).
    """

    def __init__(self, path: str, size: int, max_rows: int, memory_mb: int | None,
                 limits: QueryLimits) -> None:
        self.path = path
        self.limits = limits
        self.size = size
        self.max_rows = max_rows
        self.memory_mb = memory_mb
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(size)
        self.started = 0  # workers started so far (the first ``size``, then replacements)
        self.killed = 0  # workers killed because their query ran out of time or crashed

    def _take(self) -> _Worker:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._take_new()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if len(self._idle) < self.size:
                self._idle.append(worker)
                return
        worker.kill()  # one too many (a replacement raced a lazy start)

    def _replace(self) -> None:
        """Start a worker in place of a killed one, in the background."""

        def start() -> None:
            # if it cannot start, the next query starts one and reports why
            with contextlib.suppress(RuntimeError):
                self._give_back(self._take_new())

        threading.Thread(target=start, daemon=True, name="credkg-worker-start").start()

    def _take_new(self) -> _Worker:
        with self._lock:
            self.started += 1
        return _Worker(self._ctx, self)

    def warm(self) -> None:
        """Start every worker now (``kg serve`` does, so the first queries do not wait)."""
        workers = [self._take_new() for _ in range(self.size - len(self._idle))]
        for w in workers:
            self._give_back(w)

    def run(self, request: Request, timeout: float) -> Reply | None:
        """Answer ``request`` in a worker; None when it runs ``timeout`` seconds first.

        Blocks the calling thread until a worker is free (at most ``timeout``),
        then until the answer or the time limit; a worker still busy at the limit
        is killed, and another one started in the background.
        """
        if not self._slots.acquire(timeout=timeout):
            return None
        try:
            worker = self._take()
            try:
                worker.conn.send(request)
                ready = worker.conn.poll(timeout)
                reply = worker.conn.recv() if ready else None
            except (EOFError, OSError):
                worker.kill()
                with self._lock:
                    self.killed += 1
                self._replace()
                return Reply(500, "text/plain; charset=utf-8",
                             b"the query stopped its worker (out of memory, see kg serve "
                             b"--worker-memory; or a crash); narrow it\n")
            if reply is None:
                worker.kill()
                with self._lock:
                    self.killed += 1
                self._replace()
                return None
            self._give_back(worker)
            assert isinstance(reply, Reply)
            return reply
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop every idle worker (busy ones die with their deadline or the server)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for w in idle:
            w.kill()

    def pids(self) -> list[int]:
        """Process ids of the idle workers (for tests and diagnostics)."""
        with self._lock:
            return [w.process.pid for w in self._idle if w.process.pid is not None]

