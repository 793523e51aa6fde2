"""`kg view` and `kg report`, run in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.seed import SEED_PATH

from .conftest import IN_CI, Result


@pytest.mark.parametrize("args, name, start", [
    ((), "view.html", "<!DOCTYPE html>"),
    (("--claim", "convicts-deserted"), "view-claim-convicts-deserted.html", "<!DOCTYPE html>"),
    (("--source", "ria"), "view-source-ria.html", "<!DOCTYPE html>"),
    (("--source", "ria", "--fragment"), "view-source-ria-fragment.html", '<div class="credkg'),
    (("--claim", "convicts-deserted", "--format", "svg"), "view-claim-convicts-deserted.svg",
     "<svg"),
], ids=["graph", "claim", "source", "fragment", "svg"])
def test_view_writes_default_names(args: tuple[str, ...], name: str, start: str, tmp_path: Path,
                                   kg: Callable[..., Result],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = kg("view", *args)
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "exports" / name
    assert out.read_text(encoding="utf-8").startswith(start)
    assert str(out.relative_to(tmp_path)) in result.stdout


def test_view_of_files(tmp_path: Path, kg: Callable[..., Result]) -> None:
    result = kg("view", SEED_PATH, "--claim", "monthly-desertions-30k", "--out",
                tmp_path / "x.html")
    assert result.exit_code == 0, result.stderr
    assert "5 nodes, 4 edges" in result.stdout


@pytest.mark.parametrize("args, message", [
    (("--format", "gif"), "unknown format 'gif'"),
    (("--claim", "a", "--source", "b"), "not both"),
    (("--fragment", "--format", "svg"), "--fragment is HTML"),
    (("--claim", "no-such-claim"), "no-such-claim"),
    (("--source", "no-such-source"), "no-such-source"),
])
def test_view_bad_input(args: tuple[str, ...], message: str, tmp_path: Path,
                        kg: Callable[..., Result]) -> None:
    result = kg("view", *args, "--out", tmp_path / "x")
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.browser
def test_view_png(tmp_path: Path, kg: Callable[..., Result]) -> None:
    from kg.views.static import find_chromium

    if find_chromium() is None and not IN_CI:
        pytest.skip("no Chromium here")
    result = kg("view", "--claim", "convicts-deserted", "--format", "png",
                "--out", tmp_path / "c.png")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_png_without_chromium_is_a_clear_error(tmp_path: Path, kg: Callable[..., Result],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CHROMIUM", str(tmp_path / "no-chromium"))
    result = kg("view", "--format", "png", "--out", tmp_path / "c.png")
    assert result.exit_code == 1
    assert "Chromium" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "c.png").exists()


@pytest.mark.parametrize("fmt, start", [("html", "<!DOCTYPE html>"), ("md", "# credkg report")])
def test_report(fmt: str, start: str, tmp_path: Path, kg: Callable[..., Result]) -> None:
    out = tmp_path / f"r.{fmt}"
    result = kg("report", "--claim", "convicts-deserted", "--claim", "monthly-desertions-30k",
                "--format", fmt, "--out", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith(start)
    assert text.count("id=\"claim-") == (2 if fmt == "html" else 0)


def test_report_bad_input(tmp_path: Path, kg: Callable[..., Result]) -> None:
    assert kg("report", "--format", "docx").exit_code == 2
    assert kg("report", "--pdf", "--format", "md").exit_code == 2
    result = kg("report", "--claim", "nope", "--out", tmp_path / "r.html")
    assert result.exit_code == 2 and "nope" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_demo_report_is_scored(tmp_path: Path, kg: Callable[..., Result]) -> None:
    result = kg("demo", "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "single independent origin" in html and 'class="grade g-6"' in html
    ttl = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "cred:credibility" in ttl and "cred:SingleOrigin" in ttl


def test_report_pdf_is_rendered(tmp_path: Path, kg: Callable[..., Result]) -> None:
    """``kg report --pdf`` through headless Chromium; the PDF drawn by pdftoppm and read."""
    import os
    import shutil
    import subprocess

    from .conftest import IN_CI

    for tool in ("pdftoppm", "pdftotext"):
        if shutil.which(tool) is None and not IN_CI:
            pytest.skip(f"{tool} is absent (apt-get install poppler-utils)")
    if not Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")).is_file() and not IN_CI:
        pytest.skip("Chromium is absent")
    pdf = tmp_path / "r.pdf"
    result = kg("report", "--pdf", "--out", pdf)
    assert result.exit_code == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3  # header and tables, then the claims in detail
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=120).stdout
    for words in ("credkg report", "Generated", "Source reliability", "Claim credibility",
                  "Claims in detail", "Thousands of convicts", "Methods"):
        assert words in text, words
    assert "convicts-deserted" not in text and "Click a node" not in text
    # the first page is drawn: ink on it (text, tables, grade chips), read as grey pixels
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "grey")], check=True, timeout=120)
    raw = next(tmp_path.glob("grey*.pgm")).read_bytes()
    fields = raw.split(maxsplit=4)  # P5, width, height, maxval, pixels
    assert fields[0] == b"P5"
    pixels = fields[4]
    ink = sum(1 for v in pixels if v < 160) / len(pixels)
    assert 0.01 < ink < 0.5, ink
