"""``kg import-claimreview``: fact-check verdicts in (out: ``kg export -f claimreview``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import check_output
from kg.cli.common import say as _print

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``kg import-claimreview`` to ``kg``."""

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
        from kg.formats.claimreview import load_claimreview
        from kg.formats.writing import dataset_yaml
        from kg.model import Dataset

        check_output(out, files)
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
