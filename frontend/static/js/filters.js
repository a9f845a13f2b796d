// Filter panels start folded on phones, where they would push the results off the screen,
// and open where there is room beside the results.
(function () {
  "use strict";
  if (!window.matchMedia("(min-width: 60rem)").matches) return;
  document.querySelectorAll("details.filters-panel").forEach(function (panel) {
    panel.open = true;
  });
})();
