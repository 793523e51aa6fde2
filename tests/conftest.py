"""Shared fixtures: paths to the shared data, and the command line run in-process."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def kg(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``kg ARGS...`` in-process through :func:`kg.cli.main`, capturing its output."""
    from kg.cli import main

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def article_text() -> str:
    """The seed article from ../shared (skips when the shared folder is absent)."""
    path = SHARED / "seed" / "article.txt"
    if not path.is_file():
        pytest.skip("../shared/seed/article.txt is not here")
    return path.read_text(encoding="utf-8")
