// acquis: the /cite page. Reads a pasted citation with the same grammar as `acquis resolve`: the
// regular expressions, the names and the documents' facts come from cite/index.js, which the
// compiler writes from its own sources (src/cite/), and this file follows src/cite/grammar.rs,
// catalog.rs and query.rs step by step. A test runs both on a table of citations and compares.
// Without this script the page says so; nothing else depends on it.
(function (global) {
  "use strict";

  var PRE_WINDOW = 200;

  // ---- words and boundaries (names.rs) -------------------------------------------------------

  function isAlnum(c) {
    return c !== undefined && /[\p{L}\p{N}]/u.test(c);
  }

  function lastChar(s) {
    var chars = Array.from(s);
    return chars[chars.length - 1];
  }

  function isWord(text, start, end) {
    if (start > 0 && isAlnum(lastChar(text.slice(0, start)))) return false;
    var after = Array.from(text.slice(end, end + 4));
    if (after.length === 0) return true;
    if (isAlnum(after[0])) return false;
    if (after[0] === "/" || after[0] === ".") return !isAlnum(after[1]);
    return true;
  }

  function normaliseSpace(s) {
    return s.split(/\s+/u).filter(Boolean).join(" ");
  }

  // ---- the grammar (grammar.rs) ----------------------------------------------------------------

  function Grammar(index) {
    var p = index.patterns;
    this.re = {};
    for (var name in p) {
      if (Object.prototype.hasOwnProperty.call(p, name)) this.re[name] = p[name];
    }
    this.names = index.names;
    this.referents = index.referents;
    this.places = new Set(index.places);
  }

  Grammar.prototype.regex = function (name, flags) {
    return new RegExp(this.re[name], "u" + (flags || ""));
  };

  Grammar.prototype.findNames = function (text) {
    var all = [];
    for (var i = 0; i < this.names.length; i++) {
      var name = this.names[i][0];
      var at = text.indexOf(name);
      while (at >= 0) {
        if (isWord(text, at, at + name.length)) {
          all.push({ start: at, end: at + name.length, referent: this.referents[this.names[i][1]] });
        }
        at = text.indexOf(name, at + 1);
      }
    }
    all.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var out = [];
    var end = 0;
    all.forEach(function (m) {
      if (m.start >= end) {
        out.push(m);
        end = m.end;
      }
    });
    return out;
  };

  function free(taken, start, end) {
    return taken.every(function (t) { return t.end <= start || end <= t.start; });
  }

  Grammar.prototype.subjects = function (text) {
    var taken = this.findNames(text).map(function (m) {
      return { start: m.start, end: m.end, subject: { name: m.referent }, year: null };
    });
    var extra = [];
    var sym = this.regex("symbol", "g");
    var m;
    while ((m = sym.exec(text)) !== null) {
      var s = m.index, e = m.index + m[0].length;
      if (isWord(text, s, e) && free(taken, s, e)) {
        extra.push({ start: s, end: e, subject: { symbol: m[0] }, year: null });
      }
    }
    var desc = this.regex("description", "gd");
    while ((m = desc.exec(text)) !== null) {
      var self = this;
      this.descriptions(text, m).forEach(function (d) {
        if (free(taken, d.start, d.end) && free(extra, d.start, d.end)) {
          extra.push({ start: d.start, end: d.end, subject: { description: d.description }, year: d.description.year });
        }
      });
      void self;
    }
    taken = taken.concat(extra);
    taken.sort(function (a, b) { return a.start - b.start; });
    return taken;
  };

  function group(m, name) {
    var v = m.groups && m.groups[name];
    if (v === undefined) return null;
    return { text: v, start: m.indices.groups[name][0], end: m.indices.groups[name][1] };
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  Grammar.prototype.descriptions = function (text, m) {
    var wholeStart = m.index, wholeEnd = m.index + m[0].length;
    var num = group(m, "num"), dates = group(m, "dates");
    if (!num && !dates) return [];
    var places = this.places;
    function known(g) {
      var v = group(m, g);
      return v && places.has(v.text) ? v.text : null;
    }
    var start = wholeStart;
    if (group(m, "place") && !known("place")) {
      var b = group(m, "body") || group(m, "kind");
      if (b) start = b.start;
    }
    if (!isWord(text, start, wholeEnd)) return [];
    var body = group(m, "body");
    var yy = group(m, "yy");
    var year = group(m, "year");
    var base = {
      body: body ? (body.text.charAt(0) === "P" ? "permanent-council" : "ministerial-council") : null,
      kind: group(m, "kind").text.indexOf("Decl") === 0 ? "declaration" : "decision",
      number: num ? parseInt(num.text, 10) : null,
      yy: yy ? parseInt(yy.text, 10) : null,
      place: known("place") || known("place2"),
      year: year && start === wholeStart ? parseInt(year.text, 10) : null,
      month: null
    };
    if (!dates) return [{ start: start, end: wholeEnd, description: base }];
    var out = [];
    var re = this.regex("month_year", "gd");
    var d, i = 0;
    while ((d = re.exec(dates.text)) !== null) {
      var at = dates.start + d.index, end = at + d[0].length;
      var desc = Object.assign({}, base);
      desc.year = parseInt(d.groups.year, 10);
      desc.month = d.groups.month ? MONTHS.indexOf(d.groups.month) + 1 : null;
      out.push({ start: i === 0 ? start : at, end: end, description: desc });
      i++;
    }
    return out;
  };

  Grammar.prototype.recognise = function (text) {
    var subjects = this.subjects(text);
    var self = this;
    var windows = subjects.map(function (s, i) {
      var prevEnd = i === 0 ? 0 : subjects[i - 1].end;
      return Math.max(prevEnd, s.start - PRE_WINDOW);
    });
    var pres = subjects.map(function (s, i) { return self.prePinpoints(text, windows[i], s.start); });
    var out = [];
    for (var i = 0; i < subjects.length; i++) {
      var s = subjects[i];
      var nextStart = text.length;
      if (i + 1 < subjects.length) {
        nextStart = pres[i + 1] && pres[i + 1].length
          ? Math.min.apply(null, pres[i + 1].map(function (p) { return p.start; }))
          : subjects[i + 1].start;
      }
      if (s.subject.name && s.subject.name.kind === "not-a-citation") continue;
      var m = { subject: s.subject, start: s.start, end: s.end, pinpoints: [], annex: false, year: s.year };
      var from = windows[i];
      var pre = pres[i];
      var post = this.postPinpoints(text, s.end, Math.max(nextStart, s.end));
      if (!pre && m.year === null) m.year = this.yearBefore(text.slice(from, s.start));
      if (!post && m.year === null) m.year = this.yearAfter(text.slice(s.end, nextStart));
      if (pre) m.pinpoints = m.pinpoints.concat(pre);
      if (post) {
        m.pinpoints = m.pinpoints.concat(post.pins);
        m.annex = post.annex;
      }
      out.push(m);
    }
    return out;
  };

  Grammar.prototype.prePinpoints = function (text, from, to) {
    var m = this.regex("pre", "d").exec(text.slice(from, to));
    if (!m) return null;
    var pin = group(m, "pin");
    var start = from + pin.start;
    if (start > 0 && isAlnum(lastChar(text.slice(0, start)))) return null;
    return this.sequence(pin.text, start, null);
  };

  Grammar.prototype.postPinpoints = function (text, from, to) {
    var rest = text.slice(from, to);
    var m = this.regex("post", "d").exec(rest);
    if (!m) return null;
    var wholeEnd = m.index + m[0].length;
    if (isAlnum(Array.from(rest.slice(wholeEnd))[0])) return null;
    var seq = group(m, "seq");
    var label = group(m, "label");
    var labelled = label !== null || group(m, "annex") !== null;
    if (!labelled && !structured(seq.text, rest.slice(wholeEnd))) return null;
    var indentG = group(m, "indent");
    var indent = indentG ? parseInt(indentG.text, 10) : null;
    var start = from + (label || seq).start;
    var pins = this.sequence(text.slice(start, from + seq.end), start, indent);
    if (pins.length && indent !== null) pins[pins.length - 1].end = from + wholeEnd;
    pins = pins.filter(function (p) { return !isYear(p.parts); });
    return pins.length ? { pins: pins, annex: group(m, "annex") !== null } : null;
  };

  function structured(seq, after) {
    var first = seq.split(/[,\s]/u)[0] || "";
    var core = first.replace(/\.+$/u, "");
    if (core.indexOf(".") >= 0 || core.indexOf("(") >= 0) return true;
    var plain = core.length > 0 && core.length <= 3 && /^[0-9]+$/.test(core);
    var next = after.replace(/^\s+/u, "").charAt(0);
    var ends = next === "" || ".;:)".indexOf(next) >= 0;
    return plain && ends && seq.replace(/\.+$/u, "") === core;
  }

  function isYear(parts) {
    return parts.length === 1 && parts[0].length === 4 && /^(19|20)/.test(parts[0]);
  }

  function roman(s) {
    return s.length > 0 && /^[IVXLC]+$/.test(s);
  }

  Grammar.prototype.numParts = function (num) {
    return num.match(this.regex("num_part", "g")) || [];
  };

  Grammar.prototype.sequence = function (seq, offset, indent) {
    var out = [];
    var labelAt = null, sep = null;
    var re = this.regex("seq_token", "gd");
    var t;
    while ((t = re.exec(seq)) !== null) {
      if (t.groups.label !== undefined) {
        if (labelAt === null) labelAt = t.index;
        continue;
      }
      if (t.groups.and !== undefined) { sep = "and"; continue; }
      if (t.groups.comma !== undefined) { if (sep === null) sep = ","; continue; }
      var parts = this.numParts(t[0]);
      var prev = out[out.length - 1];
      var joins = prev !== undefined && sep === "," && (labelAt !== null || deeper(prev.parts, parts));
      if (joins) {
        prev.parts = prev.parts.concat(parts);
        prev.end = offset + t.index + t[0].length;
      } else {
        out.push({ start: offset + (labelAt !== null ? labelAt : t.index), end: offset + t.index + t[0].length, parts: parts, indent: null });
      }
      labelAt = null;
      sep = null;
    }
    if (out.length) out[out.length - 1].indent = indent;
    return out;
  };

  function deeper(prev, next) {
    var p = prev[prev.length - 1], n = next[0];
    if (p === undefined || n === undefined) return false;
    return (roman(p) && /^[0-9]/.test(n)) || n.charAt(0) === "(";
  }

  Grammar.prototype.yearBefore = function (before) {
    var m = this.regex("year_before", "d").exec(before);
    if (!m) return null;
    var y = group(m, "year");
    if (y.start > 0 && isAlnum(lastChar(before.slice(0, y.start)))) return null;
    return parseInt(y.text, 10);
  };

  Grammar.prototype.yearAfter = function (after) {
    var m = this.regex("year_after", "d").exec(after);
    if (!m) return null;
    var y = group(m, "year");
    if (isAlnum(Array.from(after.slice(y.end))[0])) return null;
    return parseInt(y.text, 10);
  };

  // ---- resolution (catalog.rs, query.rs) -------------------------------------------------------

  function Catalog(index, docs) {
    this.grammar = new Grammar(index);
    this.docs = index.docs;
    this.externals = index.externals;
    this.pages = docs; // slug -> {anchors: [[anchor, citation, text]]}, loaded on demand
    this.exact = {};
    for (var i = 0; i < index.names.length; i++) {
      if (!(index.names[i][0] in this.exact)) this.exact[index.names[i][0]] = index.referents[index.names[i][1]];
    }
  }

  function NeedPage(slug) {
    this.slug = slug;
  }

  Catalog.prototype.anchorsOf = function (slug) {
    var page = this.pages[slug];
    if (!page) throw new NeedPage(slug);
    if (!page.map) {
      page.map = {};
      page.anchors.forEach(function (a) { page.map[a[0]] = { citation: a[1], text: a[2] }; });
    }
    return page;
  };

  Catalog.prototype.pageOf = function (slug, anchor) {
    var doc = this.docs[slug];
    var inAnnex = anchor !== null && (anchor === "annex" || anchor.indexOf("annex.") === 0);
    if (inAnnex && doc.annex_printed_in && this.docs[doc.annex_printed_in]) return doc.annex_printed_in;
    return slug;
  };

  function pretty(anchor) {
    if (anchor === "annex") return "Annex";
    if (anchor.indexOf("annex") === 0) return "Annex, " + anchor.slice(5).replace(/^\.+/u, "");
    return anchor;
  }

  Catalog.prototype.target = function (slug, anchor) {
    var doc = this.docs[slug];
    var page = this.pageOf(slug, anchor);
    var make = function (a, citation) {
      return { kind: "document", doc: slug, page: page, anchor: a, citation: citation };
    };
    if (anchor === null) return { ok: make(null, doc.cite_name) };
    if (!this.docs[page].has_text) return { ok: make(null, doc.cite_name + ", " + pretty(anchor)) };
    var info = this.anchorsOf(page).map[anchor];
    if (!info) return { error: doc.cite_name + " has no paragraph " + pretty(anchor) };
    return { ok: make(anchor, info.citation) };
  };

  function pinAnchor(prefix, pin) {
    var out = prefix || "";
    pin.parts.forEach(function (part) {
      if (part.charAt(0) !== "(" && out.length) out += ".";
      out += part;
    });
    if (pin.indent !== null) out += ".indent" + pin.indent;
    return out;
  }

  function fits(doc, d) {
    var k = doc.key;
    if (!k) return false;
    var date = doc.date;
    return (k.kind === d.kind || d.number === null) &&
      (d.body === null || d.body === k.body) &&
      (d.number === null || k.number === d.number) &&
      (d.yy === null || date.year % 100 === d.yy) &&
      (d.place === null || k.place === d.place) &&
      (d.year === null || date.year === d.year) &&
      (d.month === null || date.month === d.month);
  }

  Catalog.prototype.subject = function (text, m) {
    var s = m.subject;
    if (s.name) {
      if (s.name.kind === "document") return { doc: s.name.slug, part: s.name.part };
      if (s.name.kind === "external") return { external: s.name.id };
      return { error: "not a citation" };
    }
    if (s.symbol) {
      var compact = s.symbol.split(". ").join(".");
      var base = compact.replace(/\/Corr\.\s?\d*$/u, "");
      var names = [compact, base];
      for (var i = 0; i < names.length; i++) {
        var r = this.exact[names[i]];
        if (r && r.kind === "document") return { doc: r.slug, part: r.part };
        if (r && r.kind === "external") return { external: r.id };
      }
      return { error: "no document of the corpus has the symbol `" + s.symbol + "`" };
    }
    var self = this;
    var found = Object.keys(this.docs).sort().filter(function (slug) { return fits(self.docs[slug], s.description); });
    var said = text.slice(m.start, m.end);
    if (found.length === 1) return { doc: found[0], part: null };
    if (found.length === 0) return { error: "no document of the corpus matches `" + said + "`" };
    return {
      error: "`" + said + "` could be any of " + found.length + " documents; the text does not say which",
      candidates: found.map(function (slug) { return self.docs[slug].cite_name; })
    };
  };

  Catalog.prototype.resolve = function (text, m) {
    var cited = this.subject(text, m);
    if (cited.error) return { problems: [cited.error], links: [] };
    if (m.year !== null) {
      var name, date;
      if (cited.doc) { name = this.docs[cited.doc].cite_name; date = this.docs[cited.doc].date; }
      else { name = this.externals[cited.external].short; date = this.externals[cited.external].date; }
      if (date && date.year !== m.year) {
        return { problems: ["`" + text.slice(m.start, m.end) + "` is dated " + m.year + " by the text, but " + name + " is dated " + date.year], links: [] };
      }
    }
    var links = [], problems = [];
    if (cited.external) {
      var ext = this.externals[cited.external];
      var target = { kind: "external", id: cited.external, label: ext.label };
      links.push({ start: m.start, end: m.end, target: target });
      m.pinpoints.forEach(function (p) { links.push({ start: p.start, end: p.end, target: target }); });
    } else {
      var whole = this.target(cited.doc, cited.part || null);
      if (whole.ok) links.push({ start: m.start, end: m.end, target: whole.ok });
      else problems.push(whole.error);
      var prefix = cited.part || (m.annex ? "annex" : null);
      for (var i = 0; i < m.pinpoints.length; i++) {
        var p = m.pinpoints[i];
        var t = this.target(cited.doc, pinAnchor(prefix, p));
        if (t.ok) links.push({ start: p.start, end: p.end, target: t.ok });
        else problems.push("`" + text.slice(p.start, p.end) + "`: " + t.error);
      }
    }
    links.sort(function (a, b) { return a.start - b.start; });
    return { problems: problems, links: links, cited: cited };
  };

  function comparable(s) {
    var kept = s.replace(/[“”"…]/gu, "");
    return normaliseSpace(kept).replace(/[. ]+$/u, "").toLowerCase();
  }

  Catalog.prototype.answer = function (target) {
    if (target.kind === "external") {
      return { ok: true, citation: this.externals[target.id].short, url: null, text: target.label };
    }
    var text = this.docs[target.doc].title;
    if (target.anchor !== null) text = this.anchorsOf(target.page).map[target.anchor].text;
    var url = target.page + "/" + (target.anchor !== null ? "#" + target.anchor : "");
    return { ok: true, citation: target.citation, url: url, text: text };
  };

  Catalog.prototype.byCanonicalCitation = function (q, m) {
    if (!m.subject.name || m.subject.name.kind !== "document") return null;
    var slug = m.subject.name.slug;
    var want = comparable(q);
    var pages = [slug, this.pageOf(slug, "annex")];
    for (var i = 0; i < pages.length; i++) {
      if (!this.docs[pages[i]].has_text) continue;
      var page = this.anchorsOf(pages[i]);
      for (var j = 0; j < page.anchors.length; j++) {
        if (comparable(page.anchors[j][1]) === want) {
          var t = this.target(slug, page.anchors[j][0]);
          if (t.ok) return this.answer(t.ok);
        }
      }
    }
    return null;
  };

  // One citation written on its own: {ok, citation, url, text} or {ok: false, message}; throws
  // NeedPage when a document's paragraphs must be loaded first.
  Catalog.prototype.lookup = function (query) {
    var q = normaliseSpace(query);
    var mentions = this.grammar.recognise(q);
    if (!mentions.length) return { ok: false, message: "`" + q + "` names no document of the corpus", candidates: this.nearest(q) };
    var m = mentions[0];
    var exact = this.byCanonicalCitation(q, m);
    if (exact) return exact;
    var res = this.resolve(q, m);
    if (res.problems.length) return { ok: false, message: res.problems[0], candidates: [] };
    var start = m.pinpoints.length ? m.pinpoints[0].start : m.start;
    var end = m.pinpoints.length ? m.pinpoints[0].end : m.end;
    var link = res.links.filter(function (l) { return l.start === start && l.end === end; })[0];
    if (!link) return { ok: false, message: "`" + q + "` does not resolve", candidates: [] };
    return this.answer(link.target);
  };

  // Names sharing the most words with the query.
  Catalog.prototype.nearest = function (q) {
    var words = new Set(q.toLowerCase().split(/\W+/u).filter(Boolean));
    var self = this;
    var scored = this.grammar.names.map(function (n) {
      var score = n[0].toLowerCase().split(/\W+/u).filter(function (w) { return words.has(w); }).length;
      return [score, n[0], self.grammar.referents[n[1]]];
    }).filter(function (s) { return s[0] > 0 && s[2].kind !== "not-a-citation"; });
    scored.sort(function (a, b) { return b[0] - a[0] || a[1].length - b[1].length; });
    return scored.slice(0, 3).map(function (s) { return s[1]; });
  };

  // ---- the page ---------------------------------------------------------------------------------

  function loadPage(root, slug) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = root + "cite/docs/" + encodeURIComponent(slug) + ".js";
      s.onload = resolve;
      s.onerror = function () { reject(new Error("cannot load the paragraphs of " + slug)); };
      document.head.appendChild(s);
    });
  }

  function run(catalog, root, query) {
    try {
      return Promise.resolve(catalog.lookup(query));
    } catch (e) {
      if (!(e instanceof NeedPage)) return Promise.reject(e);
      return loadPage(root, e.slug).then(function () {
        catalog.pages[e.slug] = global.ACQUIS_CITE_DOCS[e.slug];
        return run(catalog, root, query);
      });
    }
  }

  function show(out, answer, root, base) {
    out.textContent = "";
    if (!answer.ok) {
      var p = document.createElement("p");
      p.textContent = "Not found: " + answer.message + ".";
      out.appendChild(p);
      if (answer.candidates && answer.candidates.length) {
        var c = document.createElement("p");
        c.textContent = "Closest: " + answer.candidates.join("; ");
        out.appendChild(c);
      }
      return;
    }
    var cite = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = answer.citation;
    cite.appendChild(strong);
    out.appendChild(cite);
    if (answer.url) {
      var link = document.createElement("p");
      var a = document.createElement("a");
      a.href = root + answer.url;
      a.textContent = base + "/" + answer.url;
      link.appendChild(a);
      out.appendChild(link);
    }
    var q = document.createElement("blockquote");
    q.textContent = answer.text;
    out.appendChild(q);
  }

  function start() {
    var form = document.getElementById("cite-form");
    if (!form || !global.ACQUIS_CITE) return;
    var root = form.getAttribute("data-root");
    var base = form.getAttribute("data-base");
    var input = document.getElementById("cite-query");
    var out = document.getElementById("cite-result");
    global.ACQUIS_CITE_DOCS = global.ACQUIS_CITE_DOCS || {};
    var catalog = new Catalog(global.ACQUIS_CITE, {});
    function go() {
      var query = input.value.trim();
      if (!query) return;
      if (history.replaceState) history.replaceState(null, "", "#" + encodeURIComponent(query));
      run(catalog, root, query).then(function (answer) { show(out, answer, root, base); }, function (e) {
        out.textContent = String(e.message || e);
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      go();
    });
    if (location.hash.length > 1) {
      input.value = decodeURIComponent(location.hash.slice(1));
      go();
    }
  }

  if (typeof document !== "undefined") document.addEventListener("DOMContentLoaded", start);
  if (typeof module !== "undefined" && module.exports) {
    module.exports = { Catalog: Catalog, NeedPage: NeedPage };
  }
})(typeof window !== "undefined" ? window : globalThis);
