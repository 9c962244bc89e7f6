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
  document.addEventListener("DOMContentLoaded", function () {
    var selector = "button.copy[data-cite], button.copy[data-copy-target]";
    document.querySelectorAll(selector).forEach(function (b) { b.hidden = false; });
    document.addEventListener("click", function (event) {
      var button = event.target.closest(selector);
      if (!button) return;
      var label = button.textContent;
      copy(textFor(button)).then(function () {
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
    var query = new URLSearchParams(location.search).get("q");
    if (query) ui.triggerSearch(query);
  });
})();
