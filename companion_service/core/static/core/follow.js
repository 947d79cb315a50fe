/* Follow background work without reloading the page (no meta refresh: WCAG 2.2.1).
 *
 * An element with data-follow-url (a JSON endpoint answering {"active": bool, "text": "..."}) is
 * asked every data-follow-every seconds while the work is active; its text goes into the element's
 * live region. When the work ends, the page goes to data-follow-done (or reloads once). */
(function () {
  "use strict";
  function follow(element) {
    var url = element.getAttribute("data-follow-url");
    var every = parseFloat(element.getAttribute("data-follow-every") || "3") * 1000;
    var done = element.getAttribute("data-follow-done");
    var live = element.querySelector("[data-follow-text]") || element;
    function ask() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (!state) { window.setTimeout(ask, every * 2); return; }
          if (state.text) { live.textContent = state.text; }
          if (state.active) { window.setTimeout(ask, every); return; }
          if (done) { window.location.assign(done); } else { window.location.reload(); }
        })
        .catch(function () { window.setTimeout(ask, every * 2); });
    }
    window.setTimeout(ask, every);
  }
  document.querySelectorAll("[data-follow-url]").forEach(follow);
})();
