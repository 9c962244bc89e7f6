// acquis: "copy citation" buttons. The page works without this script; it only adds copying.
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
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("button.copy[data-cite]");
    buttons.forEach(function (b) { b.hidden = false; });
    document.addEventListener("click", function (event) {
      var button = event.target.closest("button.copy[data-cite]");
      if (!button) return;
      var text = button.getAttribute("data-cite") + " " + button.getAttribute("data-url");
      copy(text).then(function () {
        button.classList.add("done");
        button.textContent = "Copied";
        setTimeout(function () { button.classList.remove("done"); button.textContent = "Copy citation"; }, 2000);
      });
    });
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
