/* Render every chart of an evaluation page: Vega-Lite specs (in <script type="application/json">)
   drawn as SVG by the vendored vega-embed, with ARIA labels from each spec's description. Numbers
   follow the page's language (1.234,5 in Bahasa Indonesia). The table beside each chart keeps every
   number when scripts are off or a chart cannot be drawn. */
(function () {
  "use strict";
  var INDONESIAN = { decimal: ",", thousands: ".", grouping: [3], currency: ["Rp", ""] };

  function render(container) {
    var source = document.getElementById(container.getAttribute("data-spec"));
    if (!source || typeof window.vegaEmbed !== "function") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var options = { renderer: "svg", actions: false, ast: false };
    if ((document.documentElement.lang || "").indexOf("id") === 0) {
      options.formatLocale = INDONESIAN;
    }
    window.vegaEmbed(container, spec, options).then(function () {
      container.setAttribute("data-rendered", "true");
    }).catch(function (error) {
      container.setAttribute("data-rendered", "failed");
      if (window.console) { window.console.warn("chart not drawn", error); }
    });
  }

  function start() {
    var charts = document.querySelectorAll(".chart[data-spec]");
    for (var i = 0; i < charts.length; i += 1) {
      render(charts[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
