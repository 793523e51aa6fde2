"""Entity resolution: the same source or claim under several names, matched and merged.

Modules: :mod:`~kg.names` (name normalisation and similarity),
:mod:`~kg.resolution.merging` (matches, reversible merges and the merge log) and
:mod:`~kg.resolution.storing` (resolution of a new document against a store). Name
normalisation and similarity, which drafting and the formats use too, are
:mod:`kg.names`.
"""

from pathlib import Path

__all__ = ["VARIANT_PATH"]

#: A hand-written dataset reporting the seed's events under variant names (resolution tests).
VARIANT_PATH = Path(__file__).resolve().parents[1] / "data" / "material" / "variant.yaml"
