(function () {
  "use strict";
  // One closure per view: only window.credkgViews[id] is shared, so views on one page never clash.
  var root = document.getElementById("__VID__");
  if (!root || root.getAttribute("data-started")) { return; }
  root.setAttribute("data-started", "true");
  // The view starts in a task of its own, after the libraries' start-up, rather than in the
  // same task as theirs: the page's longest block is then the libraries' alone
  // (benchmarks/views/startup.py, "split"). The search box comes in a later task still.
  setTimeout(start, 0);
  function start() {
  var data = JSON.parse(root.querySelector("script.credkg-data").textContent);
  // The panels' contents: a separate JSON, parsed on the first click (a big graph's would
  // hold up the first drawing), and never given to vis-network, which deep-copies its data.
  var panels = null;
  function panelData() {
    if (!panels) { panels = JSON.parse(root.querySelector("script.credkg-panels").textContent); }
    return panels;
  }
  function nodeInfo(id) { return panelData().nodes[id]; }
  function edgeInfo(id) { return panelData().edges[id]; }
  var findText = {};
  data.nodes.forEach(function (n) { findText[n.id] = n.find || n.label; delete n.find; });
  // A big graph is handed to vis-network in slices, one per task, so that the page never
  // freezes: its positions are computed beforehand, so every slice draws where it belongs.
  var SLICE = 150;
  var big = data.nodes.length > SLICE;
  var nodes = new vis.DataSet(big ? data.nodes.slice(0, SLICE) : data.nodes);
  var edges = new vis.DataSet(big ? [] : data.edges);
  var panel = root.querySelector(".credkg-panel");
  var status = root.querySelector(".credkg-status");
  var box = root.querySelector(".credkg-net");
  var t0 = performance.now();
  var network = new vis.Network(box, {nodes: nodes, edges: edges}, data.options);
  var done = false;

  function visibleIds() {
    return nodes.getIds({filter: function (n) { return !n.hidden; }});
  }
  // Fit the shown nodes with a margin, so that no label is cut at an edge.
  function fit() {
    var ids = visibleIds();
    if (!ids.length) { return; }
    network.fit({nodes: ids, animation: false});
    var s = network.getScale();
    network.moveTo({scale: s * 0.94, animation: false});
  }
  function hideTips() {
    Array.prototype.forEach.call(root.querySelectorAll("div.vis-tooltip"), function (t) {
      t.style.visibility = "hidden";
    });
  }
  // Labels by priority. Where the scale makes labels too small to draw, the labels of the
  // most important nodes (their "rank", 0 first: computed in Python) are drawn at a readable
  // size, as many as fit inside the view with no overlap, most important first; the others
  // wait for the reader to zoom in. Worked out again after each zoom, fit and filter.
  var PRIORITY_PX = 12, PRIORITY_MAX = 40;
  var ranked = data.nodes.filter(function (n) { return typeof n.rank === "number"; })
    .sort(function (a, b) { return a.rank - b.rank; }).map(function (n) { return n.id; });
  var baseFont = {};
  data.nodes.forEach(function (n) { baseFont[n.id] = (n.font && n.font.size) || 14; });
  var scaling = ((data.options.nodes || {}).scaling || {}).label || {};
  var threshold = scaling.drawThreshold || 5;
  var raised = [];
  function boxOf(id) {
    var n = network.body.nodes[id];
    if (!n || n.options.hidden) { return null; }
    var bb = n.shape.boundingBox;
    var a = network.canvasToDOM({x: bb.left, y: bb.top});
    var b = network.canvasToDOM({x: bb.right, y: bb.bottom});
    return {l: a.x, t: a.y, r: b.x, b: b.y};
  }
  // A node's label at another size: set on the drawn node itself (a DataSet update would
  // make vis-network go over every node and edge), its label's measures and its box worked
  // out at once, without drawing (vis-network would leave them stale for nodes outside the
  // view until they are drawn).
  function resize(ids, size) {
    if (!ids.length) { return; }
    var ctx = network.canvas.getContext();
    ids.forEach(function (id) {
      var n = network.body.nodes[id];
      if (!n) { return; }
      var raise = size !== undefined;
      n.setOptions({font: {size: raise ? size : baseFont[id],
                           background: raise ? "rgba(255,255,255,0.85)" : "none"}});
      if (n.labelModule && n.labelModule.calculateLabelSize) {
        n.labelModule.calculateLabelSize(ctx, n.selected, n.hover, n.x, n.y);
        n.updateBoundingBox(ctx);
      }
    });
  }
  function lower(ids) { resize(ids); }
  function meets(p, q) {
    return Math.min(p.r, q.r) - Math.max(p.l, q.l) > 1 && Math.min(p.b, q.b) - Math.max(p.t, q.t) > 1;
  }
  function redrawThen(then) {
    network.once("afterDrawing", function () { then(); });
    network.body.emitter.emit("_requestRedraw");
  }
  function prioritise(then) {
    then = then || function () {};
    if (!ranked.length) { then(); return; }
    var s = network.getScale();
    raisedAt = s;
    var want = [], wanted = {};
    for (var i = 0; i < ranked.length && want.length < 3 * PRIORITY_MAX; i++) {
      var id = ranked[i], n = network.body.nodes[id];
      // only labels too small to be drawn at their own size
      if (n && !n.options.hidden && baseFont[id] * s < threshold - 1) { want.push(id); wanted[id] = true; }
    }
    lower(raised.filter(function (id) { return !wanted[id]; }));
    raised = [];
    if (!want.length) {
      root.setAttribute("data-priority-labels", "0");
      redrawThen(then);
      return;
    }
    resize(want, PRIORITY_PX / s);
    var w = box.clientWidth, h = box.clientHeight, fixed = [], kept = [], drop = [];
    for (var id2 in network.body.nodes) {
      if (!wanted[id2]) { var bx = boxOf(id2); if (bx) { fixed.push(bx); } }
    }
    want.forEach(function (id) {
      var b = boxOf(id);
      var fits = b && kept.length < PRIORITY_MAX && b.l >= 0 && b.t >= 0 && b.r <= w && b.b <= h &&
        !fixed.some(function (f) { return meets(b, f); }) && !kept.some(function (k) { return meets(b, k); });
      if (fits) { kept.push(b); raised.push(id); } else { drop.push(id); }
    });
    lower(drop);
    root.setAttribute("data-priority-labels", String(kept.length));
    redrawThen(then);
  }
  // Any change of scale (a zoom, a focus, a fit, an animation) puts the raised labels back
  // to their own size at once, so that they never grow with the zoom, and works the
  // priority out again once the scale has stayed put.
  var labelTimer = null, raisedAt = null;
  if (ranked.length) {
    var view = network.body.view, scaleNow = view.scale;
    Object.defineProperty(view, "scale", {
      configurable: true, enumerable: true,
      get: function () { return scaleNow; },
      set: function (v) {
        scaleNow = v;
        if (raised.length && v !== raisedAt) {
          var back = raised;
          raised = [];
          lower(back);
        }
        if (done) {
          clearTimeout(labelTimer);
          labelTimer = setTimeout(function () { prioritise(); }, 200);
        }
      }
    });
  }
  function settle(refit) {
    if (done) { return; }
    done = true;
    network.setOptions({physics: {enabled: false}});
    if (refit !== false) { fit(); }
    root.setAttribute("data-settle-ms", String(Math.round(performance.now() - t0)));
    prioritise(function () {
      root.setAttribute("data-settled", "true");
      if (status) { status.textContent = ""; }
    });
  }
  if (data.options.physics && data.options.physics.enabled) {
    if (status) { status.textContent = "Laying out\u2026"; }
    network.on("stabilizationProgress", function (p) {
      if (status) { status.textContent = "Laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%"; }
    });
    network.once("stabilizationIterationsDone", settle);
    network.once("stabilized", settle);
  } else if (big) {
    // the whole extent is known from the positions: fit it first, then fill it in
    var xs = data.nodes.map(function (n) { return n.x; }), ys = data.nodes.map(function (n) { return n.y; });
    var corners = [{id: "__a", x: Math.min.apply(null, xs), y: Math.min.apply(null, ys)},
                   {id: "__b", x: Math.max.apply(null, xs), y: Math.max.apply(null, ys)}];
    nodes.add(corners.map(function (c) { return {id: c.id, x: c.x, y: c.y, shape: "dot", size: 1,
                                                 color: "rgba(0,0,0,0)", label: undefined}; }));
    fit();
    nodes.remove(["__a", "__b"]);
    var at = SLICE, atEdge = 0;
    if (status) { status.textContent = "Drawing\u2026"; }
    var step = function () {
      if (at < data.nodes.length) {
        nodes.add(data.nodes.slice(at, at + SLICE));
        at += SLICE;
      } else if (atEdge < data.edges.length) {
        edges.add(data.edges.slice(atEdge, atEdge + 4 * SLICE));
        atEdge += 4 * SLICE;
      } else {
        settle(false);  // already fitted to the whole extent
        return;
      }
      setTimeout(step, 0);
    };
    setTimeout(step, 0);
  } else {
    settle();
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function chip(grade) {
    var c = el("span", grade || "\u2013", "credkg-chip");
    var key = root.querySelector('.credkg-legend .credkg-chip[data-grade="' + (grade || "") + '"]');
    if (key) { c.style.background = key.style.background; }
    return c;
  }
  function httpUrl(url) { return /^https?:\/\//i.test(String(url).trim()) ? String(url).trim() : ""; }
  // A link inside the page's own site (kg serve): a path, never a scheme.
  function localUrl(url) { return /^\/[A-Za-z0-9_\-\/.%~]*$/.test(String(url)) ? String(url) : ""; }
  function openPanel() {
    if (root.classList.contains("credkg-collapsed")) { toggle(); }
  }
  function show(item) {
    if (!panel) { return; }
    panel.textContent = "";
    if (!item) { panel.appendChild(el("p", "Click a node or an edge for its details.", "credkg-hint")); return; }
    var h = el("h3", null, "credkg-heading");
    if (item.gradeKey !== undefined) { h.appendChild(chip(item.gradeKey)); h.appendChild(document.createTextNode(" ")); }
    h.appendChild(document.createTextNode(item.heading));
    panel.appendChild(h);
    if (item.grade) { panel.appendChild(el("p", item.grade, "credkg-grade")); }
    if (item.href && localUrl(item.href)) {
      var more = el("a", item.hrefText || "Open its page", "credkg-more");
      more.href = localUrl(item.href);
      panel.appendChild(more);
    }
    function pairs(list) {
      var dl = el("dl");
      (list || []).forEach(function (kv) {
        if (!kv[1]) { return; }
        dl.appendChild(el("dt", kv[0]));
        dl.appendChild(el("dd", kv[1]));
      });
      if (dl.childNodes.length) { panel.appendChild(dl); }
    }
    pairs(item.details);
    var listed = item.items || [];
    if (listed.length) {
      panel.appendChild(el("h4", item.itemsTitle || "Claims"));
      var ul = el("ul", null, "credkg-items");
      listed.forEach(function (it) {
        var li = el("li");
        li.appendChild(chip(it.grade));
        li.appendChild(document.createTextNode(" "));
        var href = it.href ? localUrl(it.href) : "";
        if (href) { var a = el("a", it.text); a.href = href; li.appendChild(a); }
        else { li.appendChild(document.createTextNode(it.text)); }
        ul.appendChild(li);
      });
      panel.appendChild(ul);
      if (item.itemsMore) { panel.appendChild(el("p", item.itemsMore, "credkg-hint")); }
    }
    var quotes = item.quotes || [];
    if (quotes.length) { panel.appendChild(el("h4", item.quotesTitle || "Assertions")); }
    quotes.forEach(function (q) {
      var fig = el("figure", null, "credkg-quote");
      fig.appendChild(el("blockquote", q.quote ? "\u201c" + q.quote + "\u201d" : "(no quote recorded)"));
      var cap = el("figcaption");
      cap.appendChild(el("strong", q.source));
      if (q.hedged) { cap.appendChild(el("span", " hedged", "credkg-hedged")); }
      var where = [q.report, q.date].filter(Boolean).join(", ");
      if (where) { cap.appendChild(document.createTextNode(" \u2014 " + where)); }
      if (q.cites) { cap.appendChild(document.createTextNode("; citing " + q.cites)); }
      if (q.url) {
        var href = httpUrl(q.url);
        cap.appendChild(document.createTextNode(" "));
        if (href) {
          var a = el("a", "source link");
          a.href = href; a.rel = "noopener noreferrer"; a.target = "_blank";
          cap.appendChild(a);
        } else {
          cap.appendChild(el("span", q.url, "credkg-url"));  // not http(s): text, never a link
        }
      }
      fig.appendChild(cap);
      panel.appendChild(fig);
    });
    pairs(item.after);
    openPanel();
  }
  function showNode(id) { var i = nodeInfo(id); if (i) { show(i); } }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    show(edgeInfo(id) || {heading: e.title, details: [["relation", e.relation]]});
  }
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); } else if (p.edges.length) { showEdge(p.edges[0]); }
  });
  // Tooltips close when the pointer leaves what they describe, or the graph.
  network.on("blurNode", hideTips);
  network.on("blurEdge", hideTips);
  network.on("dragStart", hideTips);
  network.on("zoom", hideTips);
  box.addEventListener("mouseleave", hideTips);
  function focus(id) {
    hideTips();
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(1.1, network.getScale()), animation: false});
    prioritise();
    showNode(id);
  }

  var find = root.querySelector(".credkg-find");
  var ts = null;
  function makeFind() {
    if (!window.TomSelect || !find) { return; }
    var options = data.nodes.map(function (n) { return {value: n.id, text: findText[n.id]}; });
    ts = new TomSelect(find, {
      options: options, maxOptions: 50, create: false, allowEmptyOption: true,
      placeholder: "Find a source or claim\u2026",
      onChange: function (value) { if (value) { focus(value); } }
    });
    root.credkgFind = ts;
  }
  setTimeout(makeFind, 0);
  var fitButton = root.querySelector(".credkg-fit");
  if (fitButton) {
    fitButton.addEventListener("click", function () {
      hideTips();
      network.unselectAll();
      if (ts) { ts.clear(true); }
      fit();
      prioritise();
      show(null);
    });
  }
  function toggle() {
    var collapsed = root.classList.toggle("credkg-collapsed");
    var b = root.querySelector(".credkg-toggle");
    if (b) { b.setAttribute("aria-expanded", collapsed ? "false" : "true"); }
    network.redraw();
  }
  var toggleButton = root.querySelector(".credkg-toggle");
  if (toggleButton) { toggleButton.addEventListener("click", toggle); }
  // On a narrow screen the panel starts folded away, and opens below the graph when needed.
  if (panel && root.clientWidth < 900) { toggle(); }
  Array.prototype.forEach.call(root.querySelectorAll("input.credkg-filter"), function (input) {
    input.addEventListener("change", function () {
      var kind = input.getAttribute("data-kind");
      nodes.update(nodes.get({filter: function (n) { return n.kind === kind; }})
        .map(function (n) { return {id: n.id, hidden: !input.checked}; }));
      hideTips();
      fit();  // filters refit: what is left fills the view again
      prioritise();
    });
  });
  show(null);
  window.credkgViews = window.credkgViews || {};
  window.credkgViews["__VID__"] = {network: network, nodes: nodes, edges: edges,
                                   show: showNode, showEdge: showEdge, focus: focus, fit: fit,
                                   prioritise: prioritise,
                                   info: nodeInfo, edgeInfo: edgeInfo};
  }
})();
