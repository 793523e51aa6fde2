"""``kg push`` failing half-way (issue #19, row 13): staged pushes change nothing, direct
ones say exactly what reached the target. The target is a small SPARQL 1.1 store (Graph
Store Protocol and Update) in memory, on pyoxigraph, behind httpx's mock transport."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import httpx
import pyoxigraph as ox
import pytest

from kg.seed import seed_dataset
from kg.store import Store
from kg.store.index import DOCUMENT_BASE
from kg.store.push import PushError, push

TARGET = DOCUMENT_BASE + "seed"
OLD = [ox.Quad(ox.NamedNode(f"https://example.org/old/{i}"), ox.NamedNode("https://example.org/p"),
               ox.Literal(str(i)), ox.NamedNode(TARGET)) for i in range(10)]


class FakeStore:
    """GSP at /gsp, SPARQL Update at /update; from request ``fail_at`` on, answers ``status``."""

    def __init__(self, fail_at: int | None, status: int = 400, *, once: bool = False) -> None:
        self.store = ox.Store()
        self.store.extend(OLD)
        self.fail_at = fail_at
        self.status = status
        self.once = once  # fail request fail_at only, not every one after it
        self.calls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        failing = self.fail_at is not None and (
            self.calls == self.fail_at if self.once else self.calls >= self.fail_at)
        if failing:
            update = parse_qs(request.content.decode()).get("update", [""])[0]
            if not update.startswith("DROP SILENT GRAPH <urn:credkg:push-staging"):
                return httpx.Response(self.status, text="refused by the fake store")
        if request.url.path == "/gsp":
            graph = ox.NamedNode(request.url.params["graph"])
            if request.method in ("GET", "DELETE"):
                if not self.store.contains_named_graph(graph):
                    return httpx.Response(404)
                if request.method == "DELETE":
                    self.store.remove_graph(graph)
                    return httpx.Response(204)
                triples = [q.triple for q in self.store.quads_for_pattern(None, None, None,
                                                                          graph)]
                return httpx.Response(200, content=ox.serialize(
                    triples, format=ox.RdfFormat.N_TRIPLES) or b"")
            if request.method == "PUT" and self.store.contains_named_graph(graph):
                self.store.remove_graph(graph)
            self.store.extend(ox.Quad(q.subject, q.predicate, q.object, graph) for q in
                              ox.parse(request.content, format=ox.RdfFormat.N_TRIPLES))
            return httpx.Response(201)
        form = parse_qs(request.content.decode())
        self.store.update(form["update"][0])
        return httpx.Response(200)

    def graph(self, iri: str) -> set[ox.Triple]:
        return {q.triple for q in self.store.quads_for_pattern(None, None, None,
                                                                 ox.NamedNode(iri))}

    def graphs(self) -> set[str]:
        return {g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)}


@pytest.fixture(scope="module")
def seed_store() -> Store:
    store = Store()
    store.add_dataset(seed_dataset(), "seed")
    return store


@pytest.fixture
def target() -> Iterator[Any]:
    original = httpx.Client
    fakes: list[FakeStore] = []

    def install(fake: FakeStore) -> FakeStore:
        fakes.append(fake)
        return fake

    class Mocked(original):  # type: ignore[misc, valid-type]
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(transport=httpx.MockTransport(fakes[-1]), **kwargs)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(httpx, "Client", Mocked)
        m.setattr("kg.store.push.time.sleep", lambda s: None)
        yield install


def expected(seed_store: Store) -> set[ox.Triple]:
    graph = ox.NamedNode(seed_store.document("seed").graph)
    return {q.triple for q in seed_store.ox.quads_for_pattern(None, None, None, graph)}


@pytest.mark.parametrize("protocol", ["update", "gsp+update"])
def test_a_staged_push_that_fails_changes_nothing(
    seed_store: Store, target: Any, protocol: str
) -> None:
    for status in (400, 500):
        fake = target(FakeStore(fail_at=4, status=status))
        kwargs: dict[str, Any] = (
            {"protocol": "update"} if protocol == "update"
            else {"protocol": "gsp", "update_endpoint": "http://fake/update"})
        url = "http://fake/update" if protocol == "update" else "http://fake/gsp"
        with pytest.raises(PushError) as info:
            push(seed_store, url, doc="seed", batch=100, retries=1, **kwargs)
        message = str(info.value)
        assert f"HTTP {status}" in message and "nothing reached the target graphs" in message
        assert "dropped" in message and info.value.reached == {}
        assert fake.graph(TARGET) == {q.triple for q in OLD}  # the old content, whole
        assert fake.graphs() == {TARGET}  # no staging graph left behind


@pytest.mark.parametrize("protocol", ["update", "gsp+update"])
def test_a_staged_push_moves_everything_at_the_end(
    seed_store: Store, target: Any, protocol: str
) -> None:
    fake = target(FakeStore(fail_at=None))
    kwargs: dict[str, Any] = (
        {"protocol": "update"} if protocol == "update"
        else {"protocol": "gsp", "update_endpoint": "http://fake/update"})
    url = "http://fake/update" if protocol == "update" else "http://fake/gsp"
    result = push(seed_store, url, batch=100, **kwargs)
    assert fake.graph(TARGET) == expected(seed_store)
    assert all(not g.startswith("urn:credkg:push-staging") for g in fake.graphs())
    assert result.graphs[TARGET] == len(expected(seed_store))


def test_a_direct_push_that_fails_says_exactly_what_arrived(
    seed_store: Store, target: Any
) -> None:
    fake = target(FakeStore(fail_at=4, status=500))
    with pytest.raises(PushError) as info:
        push(seed_store, "http://fake/gsp", doc="seed", batch=100, retries=2)
    arrived = len(fake.graph(TARGET))
    total = len(expected(seed_store))
    assert 0 < arrived < total
    assert info.value.reached == {TARGET: arrived}
    message = str(info.value)
    assert "HTTP 500" in message
    assert f"holds only {arrived:,} of {total:,} triples" in message
    assert "previous content was replaced" in message and "--update-endpoint" in message


def test_a_direct_push_that_fails_once_is_rolled_back(seed_store: Store, target: Any) -> None:
    """Graph Store Protocol alone cannot stage: the push keeps a copy of each target graph
    before replacing it, and puts it back when a later request fails."""
    fake = target(FakeStore(fail_at=4, status=400, once=True))
    with pytest.raises(PushError) as info:
        push(seed_store, "http://fake/gsp", doc="seed", batch=100, retries=0)
    message = str(info.value)
    assert "HTTP 400" in message and "rolled back" in message
    assert fake.graph(TARGET) == {q.triple for q in OLD}  # the old content, whole
    assert info.value.reached == {}


def test_a_new_graph_is_deleted_again_when_the_push_fails(seed_store: Store, target: Any) -> None:
    fake = target(FakeStore(fail_at=4, status=400, once=True))
    fake.store.remove_graph(ox.NamedNode(TARGET))
    with pytest.raises(PushError, match="rolled back"):
        push(seed_store, "http://fake/gsp", doc="seed", batch=100, retries=0)
    assert TARGET not in fake.graphs()
