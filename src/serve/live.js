// gazette serve: live reload and the build error overlay. Loaded only by
// pages served by `gazette serve`, never part of a built site.
//
// Long-polls /__gazette/poll: the answer comes when the site's version
// changes (or after a while). A new version without errors reloads the
// page when its own file changed (the answer says so: "reload"); a failed
// rebuild shows its errors over the last good page until a fix arrives.
(function () {
  "use strict";
  var seen = null;
  var overlay = null;

  function show(errors) {
    if (!errors.length) {
      if (overlay) {
        overlay.remove();
        overlay = null;
      }
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "gazette-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0 0 auto 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#fff0f0;color:#5c0000;border-bottom:4px solid #b00020;padding:1em 1.5em;" +
        "font:14px/1.5 monospace;white-space:pre-wrap;box-shadow:0 4px 16px rgba(0,0,0,.3)";
      document.body.appendChild(overlay);
    }
    overlay.textContent =
      "gazette: the last rebuild failed; this is the last good version of the site.\n\n" +
      errors.join("\n");
  }

  function poll() {
    var url =
      "/__gazette/poll" +
      (seen === null ? "" : "?v=" + seen + "&p=" + encodeURIComponent(location.pathname));
    fetch(url, { cache: "no-store" })
      .then(function (r) {
        return r.json();
      })
      .then(function (state) {
        if (
          seen !== null &&
          state.version !== seen &&
          state.errors.length === 0 &&
          state.reload !== false
        ) {
          location.reload();
          return;
        }
        seen = state.version;
        show(state.errors);
        poll();
      })
      .catch(function () {
        // The preview stopped or restarts: try again a little later.
        setTimeout(poll, 1000);
      });
  }

  poll();
})();
