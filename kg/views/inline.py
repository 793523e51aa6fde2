"""The browser-side parts of a view, all inlined so a page works with no network.

vis-network 9.1.2 and tom-select 2.0 are read from the copies the ``pyvis``
package ships (both Apache-2.0/MIT); credkg's own script and style sit beside
this module. Libraries are wrapped so that a page may hold them twice (two
pasted fragments) and so that an AMD loader on the host page (RequireJS in a
classic notebook) does not capture them.

Examples:
    >>> json_for_script({"t": "</script><b>"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    >>> "sourceMappingURL" in library_script() or 'href="javascript' in library_script()
    False
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["json_for_script", "library_script", "library_style", "library_tags", "report_style",
           "view_script", "view_style"]

_HERE = Path(__file__).resolve().parent / "assets"


def json_for_script(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _pyvis_lib() -> Path:
    import pyvis

    return Path(pyvis.__file__).resolve().parent / "lib"


def _strip_map(text: str) -> str:
    # The bundles end with source-map comments naming files that are not shipped. Split on
    # "\n" only: str.splitlines would also split at U+2028 inside the bundles' string literals.
    return "\n".join(line for line in text.split("\n") if "sourceMappingURL=" not in line)


@lru_cache(maxsize=1)
def library_script() -> str:
    """vis-network and tom-select, each loaded once per page however often it is included."""
    lib = _pyvis_lib()
    vis = _strip_map((lib / "vis-9.1.2" / "vis-network.min.js").read_text(encoding="utf-8"))
    tom = _strip_map((lib / "tom-select" / "tom-select.complete.min.js").read_text(
        encoding="utf-8"))
    # tom-select's remove_button plugin (unused here) writes <a href="javascript:void(0)">;
    # make it a plain button-like <a>, so no javascript: URL appears in any page we write
    tom = tom.replace('<a href="javascript:void(0)" class="', '<a role="button" class="')
    # Shadowing define/exports/module makes each UMD bundle take its browser-global branch.
    return (
        "if (!window.vis) { (function (define, exports, module) {\n" + vis
        + "\n}).call(window); }\n"
        + "if (!window.TomSelect) { (function (define, exports, module) {\n" + tom
        + "\n}).call(window); }\n"
    )


@lru_cache(maxsize=1)
def library_tags() -> str:
    """vis-network and tom-select as two ``<script>`` elements: two shorter tasks for the
    browser than one."""
    vis, tom = library_script().split("\nif (!window.TomSelect)", 1)
    return f"<script>{vis}</script>\n<script>if (!window.TomSelect){tom}</script>"


@lru_cache(maxsize=1)
def library_style() -> str:
    """The style sheets of vis-network and tom-select."""
    lib = _pyvis_lib()
    return (
        _strip_map((lib / "vis-9.1.2" / "vis-network.css").read_text(encoding="utf-8"))
        + "\n"
        + _strip_map((lib / "tom-select" / "tom-select.css").read_text(encoding="utf-8"))
    )


@lru_cache(maxsize=1)
def view_script() -> str:
    """credkg's script for one view; ``__VID__`` stands for the view's element id."""
    return (_HERE / "view.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def view_style() -> str:
    """credkg's style for views, scoped under ``.credkg-view``."""
    return (_HERE / "view.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def report_style() -> str:
    """The report's own style (``assets/report.css``), on top of the views'."""
    return (_HERE / "report.css").read_text(encoding="utf-8")
