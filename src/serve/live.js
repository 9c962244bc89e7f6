// acquis serve: reloads the page when the site is rebuilt, and shows build errors over it.
// Injected into pages by `acquis serve` only; never written into the site.
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = Number(script.getAttribute("data-generation"));
  var box = null;
  function show(error) {
    if (!error) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.id = "acquis-build-error";
      box.style.cssText = "position:fixed;inset:1rem;z-index:1000;overflow:auto;padding:1rem;" +
        "background:#fff;color:#1d1d1b;border:3px solid #a1260d;font:14px/1.4 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "The last edit does not build; the page shows the last good build.\n\n" + error;
  }
  function wait() {
    fetch("/_acquis/poll?since=" + generation)
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.generation !== generation && !state.error) { location.reload(); return; }
        generation = state.generation;
        show(state.error);
        wait();
      }, function () { setTimeout(wait, 1000); });
  }
  fetch("/_acquis/poll")
    .then(function (r) { return r.json(); })
    .then(function (state) { show(state.error); wait(); }, function () { setTimeout(wait, 1000); });
})();
