(function () {
  "use strict";
  // One closure per view: only window.credkgViews[id] is shared, so views on one page never clash.
  var root = document.getElementById("__VID__");
  if (!root || root.getAttribute("data-started")) { return; }
  root.setAttribute("data-started", "true");
  var data = JSON.parse(root.querySelector("script.credkg-data").textContent);
  var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
  var panel = root.querySelector(".credkg-panel");
  var status = root.querySelector(".credkg-status");
  var t0 = performance.now();
  var network = new vis.Network(root.querySelector(".credkg-net"),
                                {nodes: nodes, edges: edges}, data.options);
  var done = false;
  function settle() {
    if (done) { return; }
    done = true;
    network.setOptions({physics: {enabled: false}});
    network.fit();
    root.setAttribute("data-settle-ms", String(Math.round(performance.now() - t0)));
    root.setAttribute("data-settled", "true");
    status.textContent = "";
  }
  if (data.options.physics && data.options.physics.enabled) {
    status.textContent = "Laying out\u2026";
    network.on("stabilizationProgress", function (p) {
      status.textContent = "Laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", settle);
    network.once("stabilized", settle);
  } else {
    settle();
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function httpUrl(url) { return /^https?:\/\//i.test(String(url).trim()) ? String(url).trim() : ""; }
  function show(item) {
    panel.textContent = "";
    if (!item) { panel.appendChild(el("p", "Click a node or an edge for its details.")); return; }
    panel.appendChild(el("h3", item.heading, "credkg-heading"));
    if (item.grade) { panel.appendChild(el("p", item.grade, "credkg-grade")); }
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
  }
  function showNode(id) { var n = nodes.get(id); if (n) { show(n.info); } }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    show(e.info || {heading: e.title, details: [["relation", e.relation]]});
  }
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); } else if (p.edges.length) { showEdge(p.edges[0]); }
  });
  function focus(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: 1.1, animation: false});
    showNode(id);
  }

  var find = root.querySelector(".credkg-find");
  if (window.TomSelect && find) {
    var options = data.nodes.map(function (n) { return {value: n.id, text: n.find || n.label}; });
    var ts = new TomSelect(find, {
      options: options, maxOptions: 50, create: false, allowEmptyOption: true,
      placeholder: "Find a source or claim\u2026",
      onChange: function (value) { if (value) { focus(value); } }
    });
    root.credkgFind = ts;
  }
  Array.prototype.forEach.call(root.querySelectorAll("input.credkg-filter"), function (box) {
    box.addEventListener("change", function () {
      var kind = box.getAttribute("data-kind");
      nodes.update(nodes.get({filter: function (n) { return n.kind === kind; }})
        .map(function (n) { return {id: n.id, hidden: !box.checked}; }));
    });
  });
  show(null);
  window.credkgViews = window.credkgViews || {};
  window.credkgViews["__VID__"] = {network: network, nodes: nodes, edges: edges,
                                   show: showNode, showEdge: showEdge, focus: focus};
})();
