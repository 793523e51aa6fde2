"""Loading datasets from YAML, JSON, CSV and RDF files.

:func:`load_dataset` picks the reader from the file's suffix in the registry
(:mod:`kg.formats.registry`) and returns a
checked :class:`~kg.model.Dataset`. Every problem is raised as a
:class:`~kg.errors.DatasetError` naming the file, the line and the field, so
that the command line can print it as one line.

Examples:
    >>> ds = parse_dataset('''
    ... sources:
    ...   - {id: ria, kind: news_outlet, name: RIA Novosti}
    ... claims:
    ...   - {id: c1, text: Thousands deserted.}
    ... assertions:
    ...   - {id: a1, source: ria, claim: c1, hedged: true}
    ... ''', "inline.yaml")
    >>> ds.assertion("a1").hedged
    True
    >>> parse_dataset("claims:\\n  - {id: c1, txt: oops}\\n", "bad.yaml")
    Traceback (most recent call last):
    ...
    kg.errors.DatasetError: bad.yaml:2: claims[0].txt: unknown key; check its spelling against `kg schema`
"""  # noqa: E501

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kg.errors import DatasetError, UnknownReferenceError
from kg.formats.registry import Format, by_suffix
from kg.formats.scoping import (
    declares_base,
    document_ids,
    document_slug,
    expand_raw,
    scope_dataset,
)
from kg.formats.text import read_text
from kg.model import Dataset

__all__ = [
    "json_schema",
    "load_dataset",
    "load_datasets",
    "parse_dataset",
    "read_json",
    "read_yaml",
    "validate",
]

Loc = tuple[str | int, ...]
LineOf = Callable[[Loc], int | None]


def load_dataset(path: str | Path) -> Dataset:
    """Load and check one dataset file, choosing the reader by its suffix.

    Args:
        path: A file in one of the dataset formats of :mod:`kg.formats.registry`:
            ``.yaml``/``.yml``, ``.json``, ``.csv`` or RDF (``.ttl``, ``.jsonld``,
            ``.nt``, ``.trig``, ``.nq``, ``.rdf``).

    Returns:
        The checked dataset.

    Raises:
        DatasetError: the file is missing, unreadable or invalid; the message
            names the file, line and field.
    """
    dataset: Dataset = by_suffix(path).read(path)
    return dataset


def read_yaml(path: Path, fmt: Format | None = None) -> Dataset:
    """Read a YAML dataset file (the reader of the ``yaml`` format)."""
    return parse_dataset(read_text(path), str(path))


def read_json(path: Path, fmt: Format | None = None) -> Dataset:
    """Read a JSON dataset file (the reader of the ``json`` format)."""
    return parse_dataset(read_text(path), str(path), json_syntax=True)


def load_datasets(paths: Iterable[str | Path]) -> Dataset:
    """Load several files into one dataset, each file a document with its own scope.

    One file keeps its ids; with several, each file's ids are scoped to it
    (``{doc}.{id}``), so files reusing the same local ids load together in any
    order (:mod:`kg.formats.scoping`). Two files that both name their base and give
    one id two different records are an error.
    """
    return _load_documents(paths)


def load_document(path: str | Path, doc: str | None = None, *, scope: bool = True) -> Dataset:
    """Load one file as a document: ids scoped to ``doc`` unless the file names its base.

    Args:
        path: A dataset file (any format of :mod:`kg.formats.registry`).
        doc: The document id (default :func:`document_slug` of the file name).
        scope: Scope the ids (off for a lone document in memory).
    """
    ds = load_dataset(path)
    keep = not scope or declares_base(ds)
    return scope_dataset(ds, None if keep else (doc or document_slug(path)))


def _load_documents(paths: Iterable[str | Path]) -> Dataset:
    """Load several files as one dataset, each a document (see the module docstring).

    One file keeps its ids; several are each scoped to their own document, so
    equal local ids never collide, whatever the order.

    Raises:
        DatasetError: no file, a bad file, or two files that both name their base
            and give one id two different records.
    """
    unique: dict[Path, str | Path] = {}
    for p in paths:  # the same file twice is one document
        unique.setdefault(Path(p).resolve(), p)
    paths = list(unique.values())
    if not paths:
        raise DatasetError("(none)", "no dataset files given")
    if len(paths) == 1:
        return load_document(paths[0], scope=False)
    result: Dataset | None = None
    for path, doc in zip(paths, document_ids(paths), strict=True):
        ds = load_document(path, doc)
        if result is None:
            result = ds
            continue
        try:
            result = result.merge(ds)
        except ValueError as e:
            raise DatasetError(path, f"{e}; both files name their base (base:), so their ids "
                               "must not clash; drop base: from one to scope it") from None
    assert result is not None
    return result


def parse_dataset(text: str, name: str = "<string>", *, json_syntax: bool = False) -> Dataset:
    """Parse a YAML (or JSON) dataset held in a string.

    Args:
        text: The document.
        name: The file name used in error messages.
        json_syntax: Parse as strict JSON rather than YAML.
    """
    if json_syntax:
        data = _parse_json(text, name)
    else:
        data, _ = _parse_yaml(text, name)
    return validate(data, name, lambda loc: _line_in(text, loc))


def validate(data: Any, name: str, line_of: LineOf) -> Dataset:
    """Validate parsed data as a dataset, turning the first error into a DatasetError."""
    if not isinstance(data, dict):
        raise DatasetError(
            name,
            "the top level must be a mapping with keys such as sources:, claims:, assertions:",
            line=1,
        )
    try:
        # same_as: [known:X] and [doc:id] are file syntax; the model sees IRIs only
        return Dataset.model_validate(expand_raw(data))
    except ValidationError as e:
        raise _dataset_error(e, name, line_of) from None


def _dataset_error(e: ValidationError, name: str, line_of: LineOf) -> DatasetError:
    errors = e.errors(include_url=False)
    # a misspelt key also shows up as a missing one: name the misspelling first
    err = min(errors, key=lambda x: x["type"] != "extra_forbidden")
    loc: Loc = tuple(err["loc"])
    cause = (err.get("ctx") or {}).get("error")
    if isinstance(cause, UnknownReferenceError):
        loc, message = cause.loc, str(cause)
    else:
        message = _message(err)
    # pydantic reports a tagged/enum/union member in the path; keep the data path only
    field = _dotted(loc)
    return DatasetError(name, message, line=line_of(loc), field=field or None)


def _message(err: Any) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown key; check its spelling against `kg schema`"
    if kind == "missing":
        return "required field is missing"
    msg = str(err["msg"])
    msg = msg.removeprefix("Value error, ")
    got = err.get("input")
    if kind.endswith("_type") or kind in ("enum", "literal_error", "string_pattern_mismatch"):
        shown = repr(got)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        return f"{msg[0].lower()}{msg[1:]} (got {shown})"
    return msg[0].lower() + msg[1:]


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML loader that refuses duplicate keys instead of keeping the last."""


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep)


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as e:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a valid date ({e})", node.start_mark
        ) from None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _parse_yaml(text: str, name: str) -> tuple[Any, yaml.Node | None]:
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_aliases(node, name)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or e.context or "malformed YAML"
        if not isinstance(e, yaml.constructor.ConstructorError):
            problem = f"YAML syntax: {problem}"
        raise DatasetError(name, problem, line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as e:
        raise DatasetError(name, f"YAML syntax: {e}") from None
    if data is None:
        raise DatasetError(name, "holds no data; a dataset needs at least one source or claim")
    return data, node


#: How many times larger than the file's own nodes the data may grow through YAML aliases.
ALIAS_GROWTH = 10


def _check_aliases(root: yaml.Node, name: str) -> None:
    """Refuse YAML whose aliases expand it far beyond its size (an "alias bomb").

    Aliases share one node, so the parsed data is small, but every reader after
    the parser (validation, the RDF mapping) walks it as a tree. The expanded
    size is counted on the node graph, each shared node once.
    """
    expanded: dict[int, int] = {}
    distinct = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in expanded and not done:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [x for pair in node.value for x in pair]
        if not done:
            expanded[key] = -1  # being counted
            distinct += 1
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in expanded)
            continue
        expanded[key] = 1 + sum(max(expanded.get(id(c), 1), 1) for c in children)
        if expanded[key] > ALIAS_GROWTH * distinct + 10_000:
            raise DatasetError(name, "YAML aliases expand this file more than "
                               f"{ALIAS_GROWTH} times over (an alias bomb?); write the "
                               "records out instead of aliasing them",
                               line=node.start_mark.line + 1)


def _parse_json(text: str, name: str) -> Any:
    def pairs(items: Sequence[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise ValueError(f"duplicate key {key!r}")
            result[key] = value
        return result

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as e:
        raise DatasetError(name, f"JSON syntax: {e.msg}", line=e.lineno) from None
    except ValueError as e:
        raise DatasetError(name, f"JSON: {e}") from None


def _line_in(text: str, loc: Loc) -> int | None:
    """The 1-based line of the node at ``loc``, or of its nearest ancestor found."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if key.value == part:
                    # an unknown key is best shown at the key itself
                    child, line = value, key.start_mark.line + 1
                    break
        elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
              and 0 <= part < len(node.value)):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def json_schema() -> dict[str, object]:
    """The JSON Schema of dataset files (``kg schema``), for editors that validate as you type.

    Examples:
        >>> json_schema()["title"]
        'credkg dataset'
    """
    schema: dict[str, object] = Dataset.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://w3id.org/credkg/dataset.schema.json"
    schema["title"] = "credkg dataset"
    return schema
