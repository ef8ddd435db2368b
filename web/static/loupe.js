// Loupe: small enhancements only. Every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // "/" focuses the search box, unless the reader is typing somewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    var box = document.getElementById("q");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  // Ticking a facet value runs the search at once.
  var form = document.getElementById("recherche");
  if (form) {
    document.querySelectorAll('.facets input[type="checkbox"]').forEach(function (box) {
      box.addEventListener("change", function () {
        form.submit();
      });
    });
  }

  // A filter box for long facet lists: hides the values that do not match.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll(".facet[data-filterable]").forEach(function (facet) {
    var box = facet.querySelector(".facet-filter");
    var input = box && box.querySelector("input");
    if (!input) return;
    box.hidden = false;
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim());
      facet.querySelectorAll(".facet-value").forEach(function (item) {
        item.hidden = wanted !== "" && fold(item.dataset.label || "").indexOf(wanted) === -1;
      });
    });
  });
})();
