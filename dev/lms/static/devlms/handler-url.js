// Handler URLs with the platform's shapes (ADR 0080), replacing the workbench's "?student=" URLs.
// The runtime wraps each block in an element whose data-handler-prefix is the part before the
// handler name: /courses/<course>/xblock/<usage>/handler/ in the LMS, /xblock/<usage>/handler/ in
// Studio's editor, /preview/xblock/<usage>/handler/ in Studio's preview. As in the LMS's runtime,
// an empty suffix leaves no trailing slash and a query string follows "?".
(function () {
  "use strict";
  if (typeof RuntimeProvider === "undefined") { return; }
  RuntimeProvider.versions[1].handlerUrl = function (block, handlerName, suffix, query) {
    var url = $(block).data("handler-prefix") + handlerName;
    if (suffix) { url += "/" + suffix; }
    if (query) { url += "?" + query; }
    return url;
  };
}());
