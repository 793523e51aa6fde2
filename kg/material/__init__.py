"""Real material in: entity resolution, fact-check verdicts, speaker track records, drafts.

Modules: :mod:`~kg.material.names` (name normalisation), :mod:`~kg.material.resolution`
(matching and reversible merges), :mod:`~kg.material.claimreview` (ClaimReview in and out),
:mod:`~kg.material.liar` (the LIAR speaker track records), :mod:`~kg.material.extract`
(draft datasets from article text) and :mod:`~kg.material.cli` (their commands).
"""

from pathlib import Path

__all__ = ["VARIANT_PATH"]

#: A hand-written dataset reporting the seed's events under variant names (resolution tests).
VARIANT_PATH = Path(__file__).resolve().parents[1] / "data" / "material" / "variant.yaml"
