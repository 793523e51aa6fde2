"""``kg discover`` as a function: files in, files out, one-line errors with exit code 2."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kg.cli import main
from kg.truth import ClaimsFileError, read_claims

GOOD = "source,object,value\na,x,1\nb,x,1\nc,x,2\na,y,7\nc,y,8\n"


def run(
    path: Path,
    method: str | None = None,
    out: Path = Path("."),
    *,
    max_iter: int | None = None,
    similarity: str | None = None,
) -> tuple[int, str, str]:
    """``kg discover`` through the command line's own entry point and error handler."""
    args = ["discover", str(path), "--out", str(out)]
    if method is not None:
        args += ["--method", method]
    if max_iter is not None:
        args += ["--max-iter", str(max_iter)]
    if similarity is not None:
        args += ["--similarity", similarity]
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(args)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "claims.csv"
    path.write_text(GOOD)
    return path


def test_default_method_writes_the_three_files(good: Path, tmp_path: Path) -> None:
    code, out, err = run(good, None, tmp_path / "out")
    assert (code, err) == (0, "")
    assert "accu on claims.csv" in out
    beliefs = pd.read_csv(tmp_path / "out" / "beliefs.csv", dtype=str)
    assert list(beliefs.columns) == ["object", "value", "belief"]
    assert beliefs[beliefs.object == "x"].value.tolist() == ["1", "2"]  # best first
    trust = pd.read_csv(tmp_path / "out" / "trust.csv")
    assert list(trust.columns) == ["source", "trust"]
    assert set(trust.source) == {"a", "b", "c"}
    truths = pd.read_csv(tmp_path / "out" / "truths.csv", dtype=str)
    # a sides with b on x, c does not: a is trusted more, so y is a's 7, not a tie
    assert truths.values.tolist() == [["x", "1", "False"], ["y", "7", "False"]]


def test_ties_are_written_and_printed(tmp_path: Path) -> None:
    path = tmp_path / "tie.csv"
    path.write_text("source,object,value\na,x,1\nb,x,2\n")
    code, out, _ = run(path, "majority_vote", tmp_path)
    assert code == 0
    assert "1 tied" in out and "tie: x: 1 | 2" in out
    truths = pd.read_csv(tmp_path / "truths.csv", dtype=str)
    assert truths.values.tolist() == [["x", "1", "True"], ["x", "2", "True"]]


def test_all_methods_compared(good: Path, tmp_path: Path) -> None:
    code, out, _ = run(good, "all", tmp_path)
    assert code == 0
    for method in ("majority_vote", "sums", "accu_copy", "accu (default)"):
        assert method in out
    assert (tmp_path / "truthfinder" / "beliefs.csv").exists()


def test_attribute_and_source_group_columns(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "Value,Source,Object,Attribute,source_group\n"
        "2.1M,a,paris,population,registered\n,b,paris,population,anon\n105,a,paris,area,\n"
    )
    claims = read_claims(path)
    assert claims.frame.values.tolist() == [
        ["a", "paris|population", "2.1M"],
        ["a", "paris|area", "105"],
    ]
    assert claims.skipped == 1
    assert claims.groups == {"a": "registered"}
    code, out, _ = run(path, "accu", tmp_path / "o")
    assert code == 0 and "skipped 1 row(s)" in out


def test_a_cap_warning_is_printed_not_raised(good: Path, tmp_path: Path) -> None:
    code, out, _ = run(good, "accu", tmp_path, max_iter=1)
    assert code == 0
    assert "warning: accu stopped at its cap of 1 iterations" in out


BAD = [
    ("missing.csv", None, "no such file; check the path"),
    ("empty.csv", "", "is empty; it needs a header"),
    ("binary.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "binary.csv:1: is a binary file"),
    (
        "latin1.csv",
        "source,object,value\na,x,caf\xe9\n".encode("latin-1"),
        "latin1.csv:2: is not UTF-8 text",
    ),
    (
        "nocol.csv",
        "source,object,val\na,x,1\n",
        "nocol.csv:1: header lacks column(s) value; the header must name source, object and value",
    ),
    (
        "ragged.csv",
        "source,object,value\na,x,1\nb,x,2,3\n",
        "ragged.csv:3: has 4 fields where the header has 3",
    ),
    ("nosource.csv", "source,object,value\n,x,1\n", "nosource.csv:2: empty source"),
    ("header.csv", "source,object,value\n", "has a header but no claim"),
    ("novalues.csv", "source,object,value\na,x,\n", "has a header but no claim"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_line_and_exit_code_2(
    tmp_path: Path, name: str, content: str | bytes | None, message: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    code, out, err = run(path, None, tmp_path / "out")
    assert code == 2
    assert out == ""
    assert err.startswith(f"kg: error: {path}")
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    with pytest.raises(ClaimsFileError):
        read_claims(path)


def test_a_folder_is_not_a_claims_file(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, None, tmp_path / "out")
    assert code == 2 and "is a folder" in err


def test_non_numeric_value_where_numbers_are_needed(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text("source,object,value\na,x,10\nb,x,ten\n")
    code, _, err = run(path, "truthfinder", tmp_path, similarity="numeric")
    assert code == 2
    assert f"{path}:3: value 'ten' is not a number" in err
    code, _, _ = run(path, "truthfinder", tmp_path, similarity="auto")
    assert code == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "pagerank"}, "unknown method 'pagerank'"),
        ({"method": "accu", "similarity": "fuzzy"}, "unknown similarity 'fuzzy'"),
        ({"method": "accu", "max_iter": 0}, "--max-iter must be at least 1"),
    ],
)
def test_bad_options(good: Path, tmp_path: Path, kwargs: dict[str, Any], message: str) -> None:
    code, _, err = run(good, out=tmp_path, **kwargs)
    assert code == 2 and message in err


def test_unwritable_output_is_exit_code_1(good: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, _, err = run(good, None, blocker / "out")
    assert code == 1 and "cannot write" in err
