// Loupe: small enhancements only. Every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var FOCUS_KEY = "loupe-focus";

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

  // Narrow screens: the facets open from a « Filtres » button at the top.
  var panel = document.getElementById("filtres");
  var toggle = document.querySelector(".filters-toggle");
  function openFilters(open) {
    if (!panel || !toggle) return;
    panel.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  if (toggle) {
    toggle.addEventListener("click", function (event) {
      event.preventDefault();  // a button here: no jump, no history entry
      openFilters(!panel.classList.contains("open"));
    });
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        toggle.click();
      }
    });
  }
  if (/^#(filtres|facette-)/.test(location.hash)) openFilters(true);
  document.querySelectorAll('a.skip[href="#filtres"]').forEach(function (link) {
    link.addEventListener("click", function () {
      openFilters(true);
    });
  });

  // Ticking a facet value runs the search at once; focus comes back to it after the reload.
  var form = document.getElementById("recherche");
  if (form) {
    document.querySelectorAll('.facets input[type="checkbox"]').forEach(function (box) {
      box.addEventListener("change", function () {
        try {
          sessionStorage.setItem(FOCUS_KEY, JSON.stringify([box.name, box.value]));
        } catch (e) { /* private mode: no focus memory */ }
        // A tick refines this search: its filters stay, whatever the box holds.
        var shown = form.querySelector('input[name="prev"]');
        if (shown) shown.disabled = true;
        form.submit();
      });
    });
  }
  var remembered = null;
  try {
    remembered = JSON.parse(sessionStorage.getItem(FOCUS_KEY) || "null");
    sessionStorage.removeItem(FOCUS_KEY);
  } catch (e) { remembered = null; }
  if (remembered && panel) {
    var target = Array.prototype.find.call(
      panel.querySelectorAll('input[type="checkbox"]'),
      function (box) { return box.name === remembered[0] && box.value === remembered[1]; }
    ) || panel.querySelector('input[type="checkbox"]');
    if (target) {
      openFilters(true);
      target.focus();
    }
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
