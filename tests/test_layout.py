"""The layout the README describes holds: small modules, benchmarks apart from the tests.

The layers themselves are import-linter contracts (``pyproject.toml``), checked by
``make test``.
"""

from __future__ import annotations

import ast

from .conftest import ROOT

#: The largest module kg/ may hold (prov's model/bundle.py is the warning, not the model).
MAX_LINES = 600


def test_no_module_is_over_the_limit() -> None:
    sizes = {p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in (ROOT / "kg").rglob("*.py")}
    assert {p: n for p, n in sizes.items() if n > MAX_LINES} == {}


def test_no_benchmark_imports_a_test_module() -> None:
    for script in (ROOT / "benchmarks").rglob("*.py"):
        tree = ast.parse(script.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] != "tests", script
            elif isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "tests" for a in node.names), script
