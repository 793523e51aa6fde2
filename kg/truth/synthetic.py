"""Synthetic claim sets with a known answer, for tests and benchmarks.

:func:`synthetic_claims` draws a set like the deep-web sets of Li et al.
(VLDB 2012): many sources of mixed accuracy and coverage state values for many
objects; some sources copy most of their values from another source (a *copy
group*: one original, several copiers); wrong values are drawn from a small
pool of plausible alternatives per object, so that wrong sources often agree
with each other. Values can be rendered the way different sites write a time
of day (``"9:10 AM"``, ``"09:10"``, ``"9:10a"``), one style per source.

Everything is drawn from one seeded generator, so a set is reproducible.

Examples:
    >>> s = synthetic_claims(n_sources=5, n_objects=20, seed=1)
    >>> len(s.truth), len({src for src, _, _ in s.rows})
    (20, 5)
    >>> s = synthetic_claims(n_sources=3, n_objects=2, times=True, seed=2)
    >>> sorted({v for _, _, v in s.rows})[:2]
    ['09:42', '10:22a']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Synthetic", "synthetic_claims", "time_text"]

_STYLES = ("24h", "ampm", "short")


def time_text(minutes: int, style: str) -> str:
    """A time of day (minutes after midnight) written in one of three site styles.

    Examples:
        >>> [time_text(9 * 60 + 10, s) for s in ("24h", "ampm", "short")]
        ['09:10', '9:10 AM', '9:10a']
        >>> time_text(21 * 60 + 5, "ampm"), time_text(12 * 60, "short")
        ('9:05 PM', '12:00p')
    """
    h, m = divmod(int(minutes) % (24 * 60), 60)
    if style == "24h":
        return f"{h:02d}:{m:02d}"
    h12 = h % 12 or 12
    if style == "ampm":
        return f"{h12}:{m:02d} {'AM' if h < 12 else 'PM'}"
    return f"{h12}:{m:02d}{'a' if h < 12 else 'p'}"


@dataclass(frozen=True)
class Synthetic:
    """A synthetic claim set.

    Attributes:
        rows: ``(source, object, value)`` claims.
        truth: The true value of every object (in the canonical ``HH:MM`` form
            when ``times`` is on, else an integer string).
        accuracy: The accuracy each source was drawn with.
        copies: ``copier -> original`` for every copier.
    """

    rows: list[tuple[str, str, str]]
    truth: dict[str, str]
    accuracy: dict[str, float]
    copies: dict[str, str] = field(default_factory=dict)


def synthetic_claims(
    *,
    n_sources: int = 30,
    n_objects: int = 500,
    accuracy: tuple[float, float] = (0.5, 0.95),
    coverage: tuple[float, float] = (0.3, 1.0),
    n_false: int = 3,
    copy_groups: Sequence[int] = (),
    copy_rate: float = 0.9,
    original_accuracy: float | None = None,
    times: bool = False,
    seed: int = 0,
) -> Synthetic:
    """Draw a claim set with a known true value per object.

    Args:
        n_sources: Independent sources (copiers come on top of these).
        n_objects: Objects, each with one true value.
        accuracy: Range of the independent sources' accuracies (uniform).
        coverage: Range of the share of objects each source speaks about.
        n_false: Size of each object's pool of plausible wrong values.
        copy_groups: One entry per copy group: how many copiers copy from
            that group's original (the original is one of the independent
            sources, taken from the least accurate ones).
        copy_rate: Share of its original's values a copier copies (the rest
            it states on its own, with the original's accuracy).
        original_accuracy: If given, the accuracy of every original.
        times: Render values as times of day in a per-source style.
        seed: Seed of the generator.

    Returns:
        The :class:`Synthetic` set.
    """
    rng = np.random.default_rng(seed)
    truth_min = rng.integers(5 * 60, 23 * 60, size=n_objects)
    # plausible wrong values: a few minutes to an hour off, shared by all sources
    offsets = rng.choice(np.r_[-60:-4, 5:61], size=(n_objects, n_false))
    wrong = truth_min[:, None] + offsets
    names = [f"s{i:02d}" for i in range(n_sources)]
    acc = dict(zip(names, rng.uniform(*accuracy, size=n_sources).tolist(), strict=True))
    originals = sorted(names, key=lambda s: acc[s])[: len(copy_groups)]
    if original_accuracy is not None:
        for s in originals:
            acc[s] = original_accuracy
    style = {s: _STYLES[i % 3] for i, s in enumerate(names)}

    def render(source: str, minutes: int) -> str:
        return time_text(minutes, style[source]) if times else str(int(minutes))

    stated: dict[str, dict[int, int]] = {}
    for s in names:
        cover = rng.random(n_objects) < rng.uniform(*coverage)
        right = rng.random(n_objects) < acc[s]
        pick = rng.integers(0, n_false, size=n_objects)
        values = np.where(right, truth_min, wrong[np.arange(n_objects), pick])
        stated[s] = {int(o): int(values[o]) for o in np.flatnonzero(cover)}
    copies: dict[str, str] = {}
    for g, (orig, size) in enumerate(zip(originals, copy_groups, strict=True)):
        for k in range(size):
            name = f"c{g}_{k}"
            copies[name] = orig
            acc[name] = acc[orig]
            style[name] = _STYLES[(g + k) % 3]
            own = {}
            for o, v in stated[orig].items():
                if rng.random() < copy_rate:
                    own[o] = v
                elif rng.random() < acc[orig]:
                    own[o] = int(truth_min[o])
                else:
                    own[o] = int(wrong[o, rng.integers(0, n_false)])
            stated[name] = own
    rows = [
        (s, f"o{o:04d}", render(s, v))
        for s, vals in stated.items()
        for o, v in sorted(vals.items())
    ]
    truth = {
        f"o{o:04d}": (time_text(int(t), "24h") if times else str(int(t)))
        for o, t in enumerate(truth_min)
    }
    return Synthetic(rows=rows, truth=truth, accuracy=acc, copies=copies)
