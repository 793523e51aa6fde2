"""Guards on RDF input: what a hostile file must not make credkg do.

- **XML entities.** RDF/XML with a DOCTYPE (the only place entities can be
  declared) is refused before any parser sees it, so an entity bomb ("billion
  laughs") or an external entity costs nothing; both XML parsers credkg uses
  (rdflib's and pyoxigraph's) would expand them.
- **JSON-LD contexts** are never fetched from the network or read from disk: a
  file may use inline contexts and credkg's own context (by its IRI, served from
  the package). A context given by any other IRI is an error, unless the user
  maps that IRI to a local file (``kg --jsonld-context IRI=FILE``).
- **IRIs** from input are limited to ``http``, ``https`` and ``urn`` (so no
  ``file:`` via ``@base``, no ``javascript:``).

Examples:
    >>> check_iri("https://w3id.org/credkg/id/claim/c1")
    >>> check_iri("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    kg.errors.DatasetError: <input>: IRI 'javascript:alert(1)' has the scheme 'javascript'; input IRIs must be http(s) or urn
"""  # noqa: E501

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.errors import DatasetError
from kg.namespace import jsonld_context

__all__ = [
    "ALLOWED_SCHEMES",
    "CREDKG_CONTEXT",
    "check_iri",
    "check_iris",
    "check_xml",
    "check_xml_file",
    "inline_contexts",
    "local_contexts",
]

#: The schemes an IRI read from input may have.
ALLOWED_SCHEMES = frozenset({"http", "https", "urn"})
#: The IRI of credkg's own JSON-LD context, answered from the package, never fetched.
CREDKG_CONTEXT = "https://w3id.org/credkg/context.jsonld"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")

#: JSON-LD context IRIs mapped to local files by the user (``kg --jsonld-context``).
local_contexts: dict[str, Path] = {}


def check_iri(iri: str, where: str | Path = "<input>") -> None:
    """Refuse an IRI whose scheme is not http, https or urn.

    Raises:
        DatasetError: the IRI has another scheme, or none.
    """
    m = _SCHEME.match(iri)
    scheme = m.group(1).lower() if m else ""
    if scheme not in ALLOWED_SCHEMES:
        raise DatasetError(where, f"IRI {iri[:80]!r} has the scheme {scheme or '(none)'!r}; "
                           "input IRIs must be http(s) or urn")


def check_iris(iris: Iterable[str], where: str | Path) -> None:
    """:func:`check_iri` on each IRI (each distinct one once)."""
    seen: set[str] = set()
    for iri in iris:
        if iri not in seen:
            seen.add(iri)
            check_iri(iri, where)


def check_xml(data: str | bytes, where: str | Path) -> None:
    """Refuse XML with a DOCTYPE or an entity declaration (DTDs are off).

    Raises:
        DatasetError: the document declares a DTD or entities.
    """
    marks = ("<!DOCTYPE", "<!ENTITY") if isinstance(data, str) else (b"<!DOCTYPE", b"<!ENTITY")
    if any(m in data for m in marks):  # type: ignore[operator]
        raise DatasetError(where, "RDF/XML with a DOCTYPE or entity declarations is refused "
                           "(entity expansion can exhaust the machine); remove the DOCTYPE "
                           "and write the IRIs out", line=1)


def check_xml_file(path: Path) -> None:
    """:func:`check_xml` on a file, read in blocks (for files streamed into a store)."""
    tail = b""
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            check_xml(tail + block, path)
            tail = block[-16:]


def inline_contexts(text: str, where: str | Path) -> str:
    """JSON-LD text whose contexts are all inline: credkg's context by its IRI and the
    user's mapped files are put in place; any other context IRI is refused.

    Raises:
        DatasetError: a context is given by an IRI that is neither credkg's nor mapped.
    """
    try:
        data = json.loads(text)
    except ValueError:
        return text  # the parser reports the syntax error with its line

    changed = False

    def resolve(ctx: Any) -> Any:
        nonlocal changed
        if isinstance(ctx, list):
            return [resolve(c) for c in ctx]
        if not isinstance(ctx, str):
            return ctx
        changed = True
        if ctx == CREDKG_CONTEXT:
            return jsonld_context()
        if ctx in local_contexts:
            from kg.formats.text import read_text

            loaded = json.loads(read_text(local_contexts[ctx], expected="a JSON-LD context",
                                          needs="an @context"))
            return loaded.get("@context", loaded) if isinstance(loaded, dict) else loaded
        raise DatasetError(where, f"the JSON-LD context {ctx[:80]!r} is not fetched (credkg "
                           "never reads contexts from the network or disk); inline it, or "
                           "map it to a local file with kg --jsonld-context IRI=FILE")

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: (resolve(v) if k == "@context" else walk(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(x) for x in node]
        return node

    result = walk(data)
    return json.dumps(result) if changed else text
