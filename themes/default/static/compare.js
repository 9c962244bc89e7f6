// acquis: the compare page. Reads two references (document/version#paragraph), loads the
// versions' paragraphs.json files from this site, and shows the word diff computed here in the
// browser with jsdiff (vendor/diff.min.js): the same tokens and the same algorithm (Myers) as the
// site's static diff pages and `acquis diff`.
(function () {
  "use strict";
  var TOKEN = /[\p{Alphabetic}\p{N}]+(?:['’\-.][\p{Alphabetic}\p{N}]+)*|\S/gu;
  var form, result, root, documents = null;

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function load(path) {
    return fetch(root + path).then(function (r) {
      if (!r.ok) throw new Error("cannot load " + path + " (" + r.status + ")");
      return r.json();
    });
  }
  function docs() {
    if (!documents) {
      documents = load("compare/documents.json").then(function (d) {
        var bySlug = {};
        d.documents.forEach(function (doc) { bySlug[doc.slug] = doc; });
        return bySlug;
      });
    }
    return documents;
  }
  // "slug[/version]#anchor", or a paragraph's address pasted whole.
  function parse(text, bySlug) {
    text = text.trim();
    var at = text.indexOf("#");
    if (at < 0) throw new Error("“" + text + "” names no paragraph: add #paragraph, e.g. mc-8-dec-1/issued#5");
    var anchor = decodeURIComponent(text.slice(at + 1));
    var segs = text.slice(0, at).split("/").filter(function (s) { return s && s !== "index.html" && s.indexOf(":") < 0; });
    var n = segs.length;
    if (n >= 2 && bySlug[segs[n - 2]] && bySlug[segs[n - 2]].versions.some(function (v) { return v.id === segs[n - 1]; })) {
      return { doc: bySlug[segs[n - 2]], version: segs[n - 1], anchor: anchor };
    }
    if (n >= 1 && bySlug[segs[n - 1]]) {
      var doc = bySlug[segs[n - 1]];
      return { doc: doc, version: doc.canonical, anchor: anchor };
    }
    throw new Error("no document “" + (segs[n - 2] || segs[n - 1] || text) + "” with text in the corpus");
  }
  function paragraph(ref) {
    return load(ref.doc.slug + "/" + ref.version + "/paragraphs.json").then(function (data) {
      for (var i = 0; i < data.paragraphs.length; i++) {
        if (data.paragraphs[i].anchor === ref.anchor) {
          var p = data.paragraphs[i];
          p.url = root + ref.doc.slug + "/" + ref.version + "/#" + encodeURIComponent(p.anchor);
          p.ref = ref.doc.slug + "/" + ref.version + "#" + p.anchor;
          return p;
        }
      }
      throw new Error(ref.doc.slug + "/" + ref.version + " has no paragraph #" + ref.anchor);
    });
  }
  function tokens(text) {
    var out = [], m, last = 0;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) {
      out.push({ text: m[0], space: m.index > last });
      last = m.index + m[0].length;
    }
    return out;
  }
  function words(toks) {
    return toks.filter(function (t) { return /^[\p{Alphabetic}\p{N}]/u.test(t.text); })
      .map(function (t) { return t.text.toLowerCase().replace(/’/g, "'"); });
  }
  function similarity(a, b) {
    var common = 0;
    Diff.diffArrays(a, b).forEach(function (c) { if (!c.added && !c.removed) common += c.count; });
    return a.length + b.length ? Math.round(200 * common / (a.length + b.length)) : 100;
  }
  function join(toks) {
    return toks.map(function (t, i) { return (i && t.space ? " " : "") + escapeHtml(t.text); }).join("");
  }
  function change(tag, toks) {
    var label = tag === "del" ? ["deleted", "[−", "−]"] : ["inserted", "[+", "+]"];
    return (toks[0].space ? " " : "") + "<" + tag + "><span class=\"vh\">" + label[0] + ": </span><span class=\"sign\" aria-hidden=\"true\">" +
      label[1] + "</span>" + join(toks) + "<span class=\"sign\" aria-hidden=\"true\">" + label[2] + "</span></" + tag + ">";
  }
  // Inline (side "both"), or one side of the side-by-side view ("a", "b").
  function render(ta, tb, side) {
    var changes = Diff.diffArrays(ta.map(function (t) { return t.text; }), tb.map(function (t) { return t.text; }));
    var ia = 0, ib = 0, html = "";
    changes.forEach(function (c) {
      if (c.removed) {
        if (side !== "b") html += change("del", ta.slice(ia, ia + c.count));
        ia += c.count;
      } else if (c.added) {
        if (side !== "a") html += change("ins", tb.slice(ib, ib + c.count));
        ib += c.count;
      } else {
        var run = side === "b" ? tb.slice(ib, ib + c.count) : ta.slice(ia, ia + c.count);
        html += (run[0].space ? " " : "") + join(run);
        ia += c.count;
        ib += c.count;
      }
    });
    return html.trim();
  }
  function notes(p) {
    return p.notes.length ? "<ul class=\"ed-notes\">" + p.notes.map(function (n) { return "<li>" + escapeHtml(n) + "</li>"; }).join("") + "</ul>" : "";
  }
  function show(a, b) {
    var ta = tokens(a.text), tb = tokens(b.text);
    var head = function (p) { return "<a href=\"" + escapeHtml(p.url) + "\">" + escapeHtml(p.citation) + "</a>"; };
    result.innerHTML =
      "<h2>Word diff</h2>" +
      "<p>From " + head(a) + " to " + head(b) + ": " + similarity(words(ta), words(tb)) + "% of words in common. " +
      "Words only in the first are shown as <del><span class=\"sign\" aria-hidden=\"true\">[−</span>deleted<span class=\"sign\" aria-hidden=\"true\">−]</span></del>, words only in the second as <ins><span class=\"sign\" aria-hidden=\"true\">[+</span>inserted<span class=\"sign\" aria-hidden=\"true\">+]</span></ins>.</p>" +
      "<section class=\"row aligned\"><h3 class=\"row-head\">Inline</h3><p>" + render(ta, tb, "both") + "</p>" + notes(a) + notes(b) + "</section>" +
      "<h3>Side by side</h3><table class=\"side-by-side\"><thead><tr><th scope=\"col\">" + escapeHtml(a.ref) + "</th><th scope=\"col\">" + escapeHtml(b.ref) +
      "</th></tr></thead><tbody><tr><td><p>" + render(ta, tb, "a") + "</p></td><td><p>" + render(ta, tb, "b") + "</p></td></tr></tbody></table>";
  }
  function fail(error) {
    result.innerHTML = "<p class=\"notice\">" + escapeHtml(error.message) +
      (location.protocol === "file:" ? " (this page loads files from the site: serve the folder, e.g. <code>python3 -m http.server -d site</code>)" : "") + "</p>";
  }
  function run() {
    var a = form.elements.a.value, b = form.elements.b.value;
    if (!a.trim() || !b.trim()) return;
    result.textContent = "Comparing…";
    docs().then(function (bySlug) {
      return Promise.all([paragraph(parse(a, bySlug)), paragraph(parse(b, bySlug))]);
    }).then(function (pair) { show(pair[0], pair[1]); }, fail);
  }
  document.addEventListener("DOMContentLoaded", function () {
    form = document.getElementById("compare-form");
    result = document.getElementById("compare-result");
    if (!form || !window.Diff) return;
    root = form.getAttribute("data-root");
    var params = new URLSearchParams(location.search);
    if (params.get("a")) form.elements.a.value = params.get("a");
    if (params.get("b")) form.elements.b.value = params.get("b");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      history.replaceState(null, "", "?" + new URLSearchParams({ a: form.elements.a.value, b: form.elements.b.value }));
      run();
    });
    docs().then(function (bySlug) {
      var list = document.getElementById("documents");
      Object.keys(bySlug).sort().forEach(function (slug) {
        var o = document.createElement("option");
        o.value = slug + "#";
        o.label = bySlug[slug].cite_name;
        list.appendChild(o);
      });
    }, fail);
    if (params.get("a") && params.get("b")) run();
  });
})();
