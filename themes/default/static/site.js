// acquis: "copy citation" buttons and the search page. The pages work without this script; it
// only adds copying (a paragraph's citation, or the document's citation as text, BibTeX or
// CSL-JSON) and starts Pagefind's search interface.
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }
  // A document whose annex is printed with another document: follow #annex.… links there.
  function followAnnex() {
    var note = document.querySelector("[data-annex-url]");
    var hash = decodeURIComponent(location.hash.slice(1));
    if (note && hash.indexOf("annex") === 0 && !document.getElementById(hash)) {
      location.replace(note.getAttribute("data-annex-url") + location.hash);
    }
  }
  document.addEventListener("DOMContentLoaded", followAnnex);
  window.addEventListener("hashchange", followAnnex);
  // The anchor registry: an old anchor that moved to another page leads there; one that moved
  // on this page is renamed to its new anchor (the browser has already scrolled to it).
  function followMoved() {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    if (target.hasAttribute("data-moved-to")) {
      location.replace(target.getAttribute("data-moved-to"));
    } else if (target.hasAttribute("data-alias-of")) {
      location.replace("#" + target.getAttribute("data-alias-of"));
    }
  }
  document.addEventListener("DOMContentLoaded", followMoved);
  window.addEventListener("hashchange", followMoved);

  // Versions. Without this script each paragraph links to its counterpart in the other versions
  // and ids such as "compilation:4" (an anchor in another version's numbering) land on it.
  // The script adds: the version switcher keeps the reader on the same paragraph; an anchor of
  // another version's numbering written bare ("#16") or naming a paragraph this version lacks
  // says so.
  function paragraphInView() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var paras = document.querySelectorAll(".text .para");
    if (target) {
      var para = target.closest(".para");
      if (para && para.getBoundingClientRect().bottom > 0 && para.getBoundingClientRect().top < innerHeight) return para;
    }
    for (var i = 0; i < paras.length; i++) {
      if (paras[i].getBoundingClientRect().bottom > 0) return paras[i];
    }
    return null;
  }
  function counterpartLink(para, version) {
    var all = Array.prototype.slice.call(document.querySelectorAll(".text .para"));
    for (var i = all.indexOf(para); i >= 0; i--) {
      var link = all[i].querySelector('a.counterpart[data-version="' + version + '"]');
      if (link) return link;
    }
    return null;
  }
  function switchKeepingPlace(event) {
    var link = event.target.closest(".versions a[data-version]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var para = paragraphInView();
    var counterpart = para && counterpartLink(para, link.getAttribute("data-version"));
    if (counterpart) {
      event.preventDefault();
      location.href = counterpart.href;
    }
  }
  function notice(html) {
    var text = document.querySelector(".text");
    if (!text) return;
    var old = document.getElementById("version-notice");
    if (old) old.remove();
    var p = document.createElement("p");
    p.id = "version-notice";
    p.className = "notice";
    p.setAttribute("role", "status");
    p.innerHTML = html;
    text.insertBefore(p, text.firstChild);
  }
  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  function followOtherNumbering() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (!hash || document.getElementById(hash)) return;
    var colon = hash.indexOf(":");
    var version = colon > 0 ? hash.slice(0, colon) : "";
    var switcher = version && document.querySelector('.versions a[data-version="' + version + '"]');
    if (switcher) {
      var url = switcher.getAttribute("href") + "#" + encodeURIComponent(hash.slice(colon + 1));
      notice("The paragraph <code>" + escapeHtml(hash.slice(colon + 1)) + "</code> of “" + escapeHtml(switcher.textContent) +
        "” has no counterpart in this version. <a href=\"" + escapeHtml(url) + "\">Read it there</a>.");
      return;
    }
    var aliases = document.querySelectorAll('.alias[id$=":' + (window.CSS ? CSS.escape(hash) : hash) + '"]');
    if (aliases.length === 1) {
      location.replace("#" + aliases[0].id);
    }
  }
  document.addEventListener("DOMContentLoaded", followOtherNumbering);
  window.addEventListener("hashchange", followOtherNumbering);
  document.addEventListener("click", switchKeepingPlace);
  // Screen readers hear what was copied from a status region (visually hidden; made once).
  function announce(message) {
    var status = document.getElementById("copy-status");
    if (!status) {
      status = document.createElement("p");
      status.id = "copy-status";
      status.className = "vh";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = message;
  }
  // What a copy button copies: a paragraph's citation and URL, or the text of an element
  // (the document's citation, its BibTeX, its CSL-JSON).
  function textFor(button) {
    var target = button.getAttribute("data-copy-target");
    if (target) {
      var element = document.getElementById(target);
      return element ? element.textContent.trim() : "";
    }
    return button.getAttribute("data-cite") + " " + button.getAttribute("data-url");
  }
  // Each paragraph's "Copy citation" button, after its ¶ link: made here rather than sent with
  // every paragraph of every page (a button the page cannot use without this script anyway). It
  // copies the ¶ link's title (the citation) and the page's URL with the paragraph's anchor.
  function addParagraphButtons() {
    document.querySelectorAll("[data-page-url]").forEach(function (text) {
      var pageUrl = text.getAttribute("data-page-url");
      text.querySelectorAll(".tools > a.self").forEach(function (self) {
        var citation = self.getAttribute("title");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "copy";
        button.setAttribute("data-cite", citation);
        button.setAttribute("data-url", pageUrl + self.getAttribute("href"));
        button.setAttribute("aria-label", "Copy citation: " + citation);
        button.textContent = "Copy citation";
        self.after(button);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    addParagraphButtons();
    var selector = "button.copy[data-cite], button.copy[data-copy-target]";
    var buttons = document.querySelectorAll(selector);
    buttons.forEach(function (b) { b.hidden = false; });
    if (buttons.length > 0) announce("");
    document.addEventListener("click", function (event) {
      var button = event.target.closest(selector);
      if (!button) return;
      var label = button.textContent;
      var text = textFor(button);
      copy(text).then(function () {
        announce(button.hasAttribute("data-cite") ? "Copied: " + text : label.replace(/^Copy/, "Copied"));
        button.classList.add("done");
        button.textContent = "Copied";
        setTimeout(function () { button.classList.remove("done"); button.textContent = label; }, 2000);
      });
    });
  });
  // The search page: Pagefind's interface, with paragraph results and the ?q= of the header form.
  window.addEventListener("load", function () {
    var element = document.getElementById("search");
    if (!element || typeof window.PagefindUI !== "function") return;
    var ui = new window.PagefindUI({ element: "#search", showSubResults: true, showImages: false });
    // Pagefind's field is named by its placeholder only: the page's visible label names it.
    var input = element.querySelector("input");
    if (input) input.setAttribute("aria-labelledby", "search-label");
    var query = new URLSearchParams(location.search).get("q");
    if (query) ui.triggerSearch(query);
  });
})();
// Print every "cited by" list and collapsed group, then close again what was closed.
(function () {
  "use strict";
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.setAttribute("data-print-opened", "");
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (d) {
      d.removeAttribute("data-print-opened");
      d.open = false;
    });
  });
})();
