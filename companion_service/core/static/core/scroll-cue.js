/* Tables wider than their box scroll inside it (.table-wrap). While a box scrolls sideways this marks it
   (data-scrolls, data-scroll-more while there is more to the right) so the stylesheet shows the cue, and
   makes sure keyboard users can reach it: focusable, a region named by its table's caption. */
(function () {
  "use strict";
  var hint = document.body.getAttribute("data-scroll-hint") || "";
  var counter = 0;

  function name(box) {
    if (box.getAttribute("aria-label") || box.getAttribute("aria-labelledby")) return;
    var caption = box.querySelector("caption");
    if (!caption) {
      box.setAttribute("aria-label", hint);
      return;
    }
    if (!caption.id) caption.id = "bina-caption-" + (++counter);
    box.setAttribute("aria-labelledby", caption.id);
  }

  function update(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    box.toggleAttribute("data-scrolls", scrolls);
    box.toggleAttribute("data-scroll-more", scrolls && box.scrollLeft + box.clientWidth < box.scrollWidth - 1);
    if (!scrolls) return;
    box.setAttribute("data-scroll-hint", hint);
    if (box.tabIndex < 0) box.tabIndex = 0;
    if (!box.getAttribute("role")) box.setAttribute("role", "region");
    name(box);
  }

  function setUp() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".table-wrap"));
    boxes.forEach(function (box) {
      update(box);
      box.addEventListener("scroll", function () { update(box); }, { passive: true });
    });
    window.addEventListener("resize", function () { boxes.forEach(update); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
