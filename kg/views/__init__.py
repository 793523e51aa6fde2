"""Interactive provenance views and static pictures of the graph.

Three views, each a function returning a :class:`View`: :func:`graph_view`
(the whole graph), :func:`claim_view` (one claim's provenance chains, left to
right from the claim to its origins) and :func:`source_view` (what a source
asserts, whom it cites, who cites it). A view renders as a self-contained page,
a fragment to paste into a report, a notebook display, or an SVG/PNG picture.

The pages work offline: vis-network and tom-select, which the ``pyvis``
package ships, are inlined. All text from the data reaches the page as JSON
in a ``<script type="application/json">`` element and is shown with
``textContent``, so names, claims and quotes cannot inject markup.

Examples:
    >>> from kg.seed import seed_dataset
    >>> page = graph_view(seed_dataset()).html()
    >>> 'src="http' in page or 'href="http' in page
    False
    >>> from kg.model import Claim, Dataset
    >>> "<img" in graph_view(Dataset(claims=[Claim(id="x", text="<img src=x>")])).html()
    False
"""

from kg.views.chain import claim_view
from kg.views.ego import source_view
from kg.views.info import NodeInfo, grade_text
from kg.views.inline import json_for_script
from kg.views.static import to_svg, write_png, write_svg
from kg.views.style import EDGE_STYLE, KIND_STYLE
from kg.views.view import View, page, write_fragment, write_html
from kg.views.whole import graph_view

__all__ = [
    "EDGE_STYLE",
    "KIND_STYLE",
    "NodeInfo",
    "View",
    "claim_view",
    "grade_text",
    "graph_view",
    "json_for_script",
    "page",
    "source_view",
    "to_svg",
    "write_fragment",
    "write_html",
    "write_png",
    "write_svg",
]
