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

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from typing import Any

import anyio

from kg.store.answer import Reply, Request, answer
from kg.store.guard import QueryLimits

__all__ = ["WorkerPool"]

_START_TIMEOUT = 120.0  # seconds for a worker to import pyoxigraph and open the store
#: Seconds a query holding a slot may wait for its worker to start (after a timeout killed
#: the last one), on top of its own time limit, which counts from when a worker has it.
_SPAWN_GRACE = 60.0


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


class _Wait:
    """No worker is idle yet: try again shortly."""


class WorkerPool:
    """At most ``size`` worker processes reading the store at ``path``.

    The server waits for answers without threads (:meth:`arun` awaits the pipe),
    so a query that runs out of time leaves nothing behind in the server: its
    worker is killed, and a replacement starts in a short-lived thread.

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
        self._workers = 0  # alive or starting
        self._error: str | None = None  # why the last worker could not start
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(size)
        self._aslots: anyio.Semaphore | None = None
        self.started = 0  # workers started so far (the first ``size``, then replacements)
        self.killed = 0  # workers killed because their query ran out of time or crashed

    # -- the workers -------------------------------------------------------------------

    def _spawn(self) -> None:
        """Start one worker (in the calling thread) and make it idle."""
        try:
            worker = _Worker(self._ctx, self)
        except RuntimeError as e:
            with self._lock:
                self._workers -= 1
                self._error = str(e)
            return
        with self._lock:
            self._error = None
            self._idle.append(worker)

    def _ensure(self) -> None:
        """Start a worker in the background if the pool is short of ``size``.

        Not only when none is idle: after two kills in a row the first replacement may be
        idle already, and the second must still be started, or the pool stays short.
        """
        with self._lock:
            if self._workers >= self.size:
                return
            self._workers += 1
            self.started += 1
        threading.Thread(target=self._spawn, daemon=True, name="credkg-worker-start").start()

    def _pop(self) -> _Worker | None:
        with self._lock:
            return self._idle.pop() if self._idle else None

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            self._idle.append(worker)

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker whose query ran out of time or crashed; start another."""
        worker.kill()
        with self._lock:
            self._workers -= 1
            self.killed += 1
        self._ensure()

    def warm(self) -> None:
        """Start every worker now (``kg serve`` does, so the first queries do not wait).

        Raises:
            RuntimeError: a worker cannot start (e.g. the store cannot be opened).
        """
        while True:
            with self._lock:
                if self._workers >= self.size:
                    break
                self._workers += 1
                self.started += 1
            self._spawn()
            if self._error is not None:
                raise RuntimeError(self._error)

    # -- queries -----------------------------------------------------------------------

    def _crashed(self, worker: _Worker) -> Reply:
        self._discard(worker)
        return Reply(500, "text/plain; charset=utf-8",
                     b"the query stopped its worker (out of memory, see kg serve "
                     b"--worker-memory; or a crash); narrow it\n")

    def _no_worker(self) -> Reply:
        return Reply(500, "text/plain; charset=utf-8",
                     f"the endpoint cannot run queries: {self._error}\n".encode())

    def _next_worker(self, deadline: float) -> _Worker | Reply | _Wait | None:
        """An idle worker; else an error reply, None past ``deadline``, or _Wait to retry."""
        worker = self._pop()
        if worker is not None:
            return worker
        self._ensure()
        if self._error is not None and self._workers == 0:
            return self._no_worker()
        if time.monotonic() > deadline:
            return None
        return _Wait()

    def _settle(self, worker: _Worker, reply: object) -> Reply | None:
        """Give ``worker`` back after its ``reply``; kill it when it gave none in time."""
        if reply is None:
            self._discard(worker)
            return None
        self._give_back(worker)
        assert isinstance(reply, Reply)
        return reply

    def run(self, request: Request, timeout: float) -> Reply | None:
        """Answer ``request`` in a worker, blocking; None when it runs ``timeout`` s first.

        Waits for a free slot (at most ``timeout``) and its worker (one being started
        after a kill: at most a minute more), then for the answer (at most
        ``timeout``); a worker still busy then is killed and replaced.
        """
        deadline = time.monotonic() + timeout + _SPAWN_GRACE
        if not self._slots.acquire(timeout=timeout):
            return None
        try:
            while isinstance(worker := self._next_worker(deadline), _Wait):
                time.sleep(0.02)
            if not isinstance(worker, _Worker):
                return worker
            try:
                worker.conn.send(request)
                reply = worker.conn.recv() if worker.conn.poll(timeout) else None
            except (EOFError, OSError):
                return self._crashed(worker)
            return self._settle(worker, reply)
        finally:
            self._slots.release()

    async def arun(self, request: Request, timeout: float) -> Reply | None:
        """:meth:`run` for the server's event loop: waits on the pipe, not in a thread."""
        if self._aslots is None:
            self._aslots = anyio.Semaphore(self.size)
        deadline = time.monotonic() + timeout + _SPAWN_GRACE
        with anyio.move_on_after(timeout) as waiting:
            await self._aslots.acquire()
        if waiting.cancelled_caught:
            return None
        try:
            while isinstance(worker := self._next_worker(deadline), _Wait):
                await anyio.sleep(0.02)
            if not isinstance(worker, _Worker):
                return worker
            try:
                worker.conn.send(request)
                with anyio.move_on_after(timeout):
                    await anyio.wait_readable(worker.conn.fileno())
                reply = worker.conn.recv() if worker.conn.poll(0) else None
            except (EOFError, OSError):
                return self._crashed(worker)
            except BaseException:  # cancelled (the server stops): the query must not go on
                self._discard(worker)
                raise
            return self._settle(worker, reply)
        finally:
            self._aslots.release()

    def close(self) -> None:
        """Stop every idle worker (busy ones die with their deadline or the server)."""
        with self._lock:
            idle, self._idle = self._idle, []
            self._workers -= len(idle)
        for w in idle:
            w.kill()

    def pids(self) -> list[int]:
        """Process ids of the idle workers (for tests and diagnostics)."""
        with self._lock:
            return [w.process.pid for w in self._idle if w.process.pid is not None]
