"""Commands for real material: resolve, matches, merge, unmerge, merges, import-claimreview,
extract. Each parses its arguments and calls the library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.errors import InputError

if TYPE_CHECKING:
    from kg.material.resolution import MergeLog

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
    from kg.material.resolution import MergeLog

    if not path.exists():
        return MergeLog()
    from pydantic import ValidationError

    from kg.loading import read_text

    try:
        return MergeLog.from_json(read_text(path))
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise InputError(f"{path}: {where}: {err['msg']}; is this a merge log written by kg?"
                         ) from None


def _print(line: str) -> None:
    from kg.cli import out_console

    out_console.print(line, markup=False, highlight=False)


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
    ) -> None:
        """Add INCOMING to EXISTING (or to a store): sure matches merge, likely ones are
        listed for `kg merge`. Every merge is printed and recorded in the merge log."""
        from kg.files import atomic_write_text
        from kg.loading import load_dataset
        from kg.material.resolution import MergeLog
        from kg.material.resolution import resolve as resolve_
        from kg.material.writing import dataset_yaml

        if store is not None:
            if len(files) != 1:
                raise InputError("with --store give one dataset file: the one to add")
            from kg.material.storing import add_resolved
            from kg.store import Store
            from kg.store.store import document_id

            result = add_resolved(Store.open(store), load_dataset(files[0]),
                                  doc or document_id(files[0]))
            for line in result.report_lines():
                _print(line)
            _print(f"{len(result.merged)} merged, {len(result.likely)} likely match(es) to "
                   f"confirm; added {files[0]} to {store}")
            return
        if len(files) != 2:
            raise InputError("give two dataset files, EXISTING and INCOMING (or one with "
                             "--store)")
        existing, incoming = files
        merge_log = MergeLog()
        result = resolve_(load_dataset(existing), load_dataset(incoming), merge_log)
        log_path = _log_path(out, log)
        atomic_write_text(out, dataset_yaml(result.dataset, header=(
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
    ) -> None:
        """List sources and claims that may be the same: sure and likely matches."""
        from kg.loading import load_dataset
        from kg.material.resolution import find_duplicates, find_matches

        ds = load_dataset(data)
        found = (find_matches(ds, load_dataset(incoming)) if incoming is not None
                 else find_duplicates(ds))
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
            from kg.material.storing import merge_in_store
            from kg.store import Store

            entry = merge_in_store(Store.open(store), keep, drop, why=why, who=who)
            _print(f"merged {entry.summary()}; undo with `kg unmerge {entry.id} --store "
                   f"{store}`")
            return
        from kg.files import atomic_write_text
        from kg.loading import load_dataset
        from kg.material.resolution import merge as merge_
        from kg.material.writing import dataset_yaml

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
            from kg.material.storing import unmerge_in_store
            from kg.store import Store

            _print(f"undid {unmerge_in_store(Store.open(store), merge_id).summary()}")
            return
        from kg.files import atomic_write_text
        from kg.loading import load_dataset
        from kg.material.resolution import unmerge as unmerge_
        from kg.material.writing import dataset_yaml

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
            from kg.material.storing import read_merge_log
            from kg.store import Store

            merge_log = read_merge_log(Store.open(store))
        else:
            merge_log = _read_log(_log_path(_need_data(data), log))
        for e in merge_log.entries:
            _print(f"{e.when} {e.summary()}")
        _print(f"{len(merge_log.entries)} merge(s)")

    @app.command("import-claimreview")
    def import_claimreview(
        files: Annotated[list[Path], typer.Argument(help="ClaimReview files: .json/.jsonld "
                                                    "(schema.org) or .csv (ClaimsKG shape).")],
        out: Annotated[Path, typer.Option("--out", "-o", help="Write the dataset here (YAML)."
                                          )] = Path("claimreview.yaml"),
    ) -> None:
        """Import fact-check verdicts: claims, claimants, reviewers and normalised ratings.

        Records that cannot be used are listed with the reason; the rest import."""
        from kg.files import atomic_write_text
        from kg.material.claimreview import load_claimreview
        from kg.material.writing import dataset_yaml
        from kg.model import Dataset

        results = load_claimreview(files)
        combined = Dataset()
        for path, result in zip(files, results, strict=True):
            combined = combined.merge(result.dataset)
            _print(f"{path}: {result.summary()}")
            for label, n in sorted(result.unmapped.items()):
                _print(f"  unmapped rating {label!r} x{n}: imported as 'other'")
            for r in result.rejected:
                _print(f"  rejected {r}")
        atomic_write_text(out, dataset_yaml(combined, header="Imported by `kg "
                                            "import-claimreview` from " + ", ".join(
                                                p.name for p in files)))
        _print(f"wrote {out}: {len(combined.claims)} claims, {len(combined.verdicts)} "
               f"verdicts, {len(combined.sources)} sources")

    @app.command()
    def extract(
        article: Annotated[Path, typer.Argument(help="A news article as plain UTF-8 text.")],
        out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the draft here "
                                                 "(default: print it).")] = None,
    ) -> None:
        """Draft a dataset from article text: sources, attributed claims, figures, chains.

        The draft is YAML for `kg build`; its comments say what the analyst must check."""
        import sys

        from kg.files import atomic_write_text
        from kg.loading import read_text
        from kg.material.extract import draft_yaml

        if article.suffix.lower() not in (".txt", ".text", ".md", ""):
            raise InputError(f"{article}: give a plain-text article (.txt)")
        text = read_text(article)
        draft = draft_yaml(text, name=article.name)
        if out is None:
            sys.stdout.write(draft)
        else:
            atomic_write_text(out, draft)
            _print(f"wrote {out}; check every item marked CHECK before `kg build {out}`")
