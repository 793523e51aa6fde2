"""Entity resolution: ``kg resolve``, ``kg matches``, ``kg merge``, ``kg unmerge``,
``kg merges``. Each parses its arguments and calls :mod:`kg.resolution`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.common import check_output, say
from kg.errors import InputError

if TYPE_CHECKING:
    from kg.resolution.known import Registry
    from kg.resolution.log import MergeLog

__all__ = ["register"]

StoreOption = Annotated[Path | None, typer.Option(
    "--store", help="Work on this store (a folder) instead of dataset files.")]
OptionalData = Annotated[Path | None, typer.Option(
    "--data", "-d", help="The dataset file to change (YAML/JSON); it is rewritten in place.")]
LogFile = Annotated[Path | None, typer.Option(
    "--log", help="The merge log (JSON); default: DATA with the suffix .merges.json.")]


def _log_path(data: Path, log: Path | None) -> Path:
    return log if log is not None else data.with_suffix(".merges.json")


def _need_data(data: Path | None) -> Path:
    if data is None:
        raise InputError("give the dataset file with --data FILE (or a store with --store DIR)")
    return data


def _read_log(path: Path) -> MergeLog:
    from kg.resolution.log import MergeLog

    if not path.exists():
        return MergeLog()
    from pydantic import ValidationError

    from kg.formats.text import read_text

    try:
        return MergeLog.from_json(read_text(path))
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise InputError(f"{path}: {where}: {err['msg']}; is this a merge log written by kg?"
                         ) from None


def _registry(files: list[Path] | None) -> Registry:
    from kg.resolution.known import load_registry

    return load_registry(files or [])


def _print(line: str) -> None:
    say(line)


def register(app: typer.Typer) -> None:
    """Add the commands of this area to ``kg``."""

    @app.command()
    def resolve(
        files: Annotated[list[Path], typer.Argument(help="EXISTING INCOMING (two dataset "
                                                    "files), or INCOMING with --store.")],
        out: Annotated[Path, typer.Option("--out", "-o", help="Write the combined dataset "
                                          "here (YAML).")] = Path("merged.yaml"),
        log: LogFile = None,
        store: StoreOption = None,
        doc: Annotated[str | None, typer.Option(help="Document id in the store (default: "
                                                "the file name).")] = None,
        known: Annotated[list[Path] | None, typer.Option(
            "--known", help="Your own known-entity registry (YAML), added to the bundled "
            "one; repeatable.")] = None,
    ) -> None:
        """Add INCOMING to EXISTING (or to a store): sure matches merge, likely ones are
        listed for `kg merge`. Every merge is printed and recorded in the merge log."""
        from kg.files import atomic_write_text
        from kg.formats.loading import load_document
        from kg.formats.scoping import document_ids
        from kg.formats.writing import dataset_yaml
        from kg.resolution.log import MergeLog
        from kg.resolution.merging import resolve as resolve_

        if store is not None:
            if len(files) != 1:
                raise InputError("with --store give one dataset file: the one to add")
            from kg.resolution.storing import add_resolved
            from kg.store import Store
            from kg.store.index import document_id

            doc_id = doc or document_id(files[0])
            result = add_resolved(Store.open(store), load_document(files[0], doc_id), doc_id,
                                  registry=_registry(known))
            for line in result.report_lines():
                _print(line)
            _print(f"{len(result.merged)} merged, {len(result.likely)} likely match(es) to "
                   f"confirm; added {files[0]} to {store}")
            return
        if len(files) != 2:
            raise InputError("give two dataset files, EXISTING and INCOMING (or one with "
                             "--store)")
        existing, incoming = files
        check_output(out, files)
        merge_log = MergeLog()
        # each file is a document: equal local ids in the two are two records
        ids = document_ids(files)
        result = resolve_(load_document(existing, ids[0]), load_document(incoming, ids[1]),
                          merge_log, registry=_registry(known))
        log_path = _log_path(out, log)
        atomic_write_text(out, dataset_yaml(result.dataset, declare_base=True, header=(
            f"{existing.name} + {incoming.name}, resolved by `kg resolve`; merges are in "
            f"{log_path.name}")))
        atomic_write_text(log_path, merge_log.to_json())
        for line in result.report_lines():
            _print(line)
        _print(f"{len(result.merged)} merged, {len(result.likely)} likely match(es) to "
               f"confirm; wrote {out} and {log_path}")

    @app.command()
    def matches(
        data: Annotated[Path, typer.Argument(help="A dataset file.")],
        incoming: Annotated[Path | None, typer.Option(
            "--with", help="Compare with this dataset instead of within DATA.")] = None,
        known: Annotated[list[Path] | None, typer.Option(
            "--known", help="Your own known-entity registry (YAML); repeatable.")] = None,
    ) -> None:
        """List sources and claims that may be the same: sure and likely matches."""
        from kg.formats.loading import load_dataset, load_document
        from kg.formats.scoping import document_ids
        from kg.resolution.merging import find_duplicates, find_matches

        if incoming is not None:  # two documents: each a scope of its own
            ids = document_ids([data, incoming])
            found = find_matches(load_document(data, ids[0]), load_document(incoming, ids[1]),
                                 registry=_registry(known))
        else:
            found = find_duplicates(load_dataset(data))
        for m in found:
            _print(f"{m.summary()}: `kg merge {m.existing} {m.incoming} --data {data}`")
        _print(f"{len(found)} candidate match(es)")

    @app.command()
    def merge(
        keep: Annotated[str, typer.Argument(help="The id that stays.")],
        drop: Annotated[str, typer.Argument(help="The id merged into KEEP.")],
        data: OptionalData = None,
        why: Annotated[str | None, typer.Option(help="Why they are the same (logged).")] = None,
        who: Annotated[str | None, typer.Option(help="Who confirms (default: login).")] = None,
        log: LogFile = None,
        store: StoreOption = None,
    ) -> None:
        """Merge source or claim DROP into KEEP (in DATA or a store), recorded in the merge
        log; `kg unmerge` undoes it."""
        if store is not None:
            from kg.resolution.storing import merge_in_store
            from kg.store import Store

            entry = merge_in_store(Store.open(store), keep, drop, why=why, who=who)
            _print(f"merged {entry.summary()}; undo with `kg unmerge {entry.id} --store "
                   f"{store}`")
            return
        from kg.files import atomic_write_text
        from kg.formats.loading import load_dataset
        from kg.formats.writing import dataset_yaml
        from kg.resolution.merging import merge as merge_

        data = _need_data(data)
        log_path = _log_path(data, log)
        merge_log = _read_log(log_path)
        merged = merge_(load_dataset(data), keep, drop, merge_log, why=why, who=who)
        atomic_write_text(data, dataset_yaml(merged))
        atomic_write_text(log_path, merge_log.to_json())
        _print(f"merged {merge_log.entries[-1].summary()}; undo with "
               f"`kg unmerge {merge_log.entries[-1].id} --data {data}`")

    @app.command()
    def unmerge(
        merge_id: Annotated[str, typer.Argument(help="The merge's id in the log, e.g. m3.")],
        data: OptionalData = None,
        log: LogFile = None,
        store: StoreOption = None,
    ) -> None:
        """Undo a merge: the records (or store documents) it changed return to what they
        were."""
        if store is not None:
            from kg.resolution.storing import unmerge_in_store
            from kg.store import Store

            _print(f"undid {unmerge_in_store(Store.open(store), merge_id).summary()}")
            return
        from kg.files import atomic_write_text
        from kg.formats.loading import load_dataset
        from kg.formats.writing import dataset_yaml
        from kg.resolution.merging import unmerge as unmerge_

        data = _need_data(data)
        log_path = _log_path(data, log)
        if not log_path.exists():
            raise InputError(f"{log_path}: no merge log here; give it with --log")
        merge_log = _read_log(log_path)
        restored = unmerge_(load_dataset(data), merge_id, merge_log)
        atomic_write_text(data, dataset_yaml(restored))
        atomic_write_text(log_path, merge_log.to_json())
        _print(f"undid {merge_log.entry(merge_id).summary()}")

    @app.command()
    def merges(
        data: Annotated[Path | None, typer.Argument(help="The dataset file the log belongs "
                                                    "to.")] = None,
        log: LogFile = None,
        store: StoreOption = None,
    ) -> None:
        """List every merge recorded (for DATA or a store), sure and confirmed, undone ones
        marked."""

        if store is not None:
            from kg.resolution.storing import read_merge_log
            from kg.store import Store

            merge_log = read_merge_log(Store.open(store))
        else:
            merge_log = _read_log(_log_path(_need_data(data), log))
        for e in merge_log.entries:
            _print(f"{e.when} {e.summary()}")
        _print(f"{len(merge_log.entries)} merge(s)")
