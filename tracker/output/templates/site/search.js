// Search and filter the claims listed on this page. Without script every claim is
// listed; with it, typing hides the claims that do not match (case and accents aside).
(function () {
  "use strict";
  var input = document.getElementById("search");
  var state = document.getElementById("state");
  var list = document.getElementById("claims");
  var status = document.getElementById("search-status");
  if (!input || !state || !list || !status) { return; }
  var items = Array.prototype.slice.call(list.children);
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var texts = items.map(function (item) { return fold(item.textContent || ""); });
  function apply() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var wanted = state.value;
    var shown = 0;
    items.forEach(function (item, i) {
      var match = (!wanted || item.getAttribute("data-state") === wanted) &&
        words.every(function (word) { return texts[i].indexOf(word) !== -1; });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    status.textContent = shown + " of " + items.length + " claims";
  }
  input.addEventListener("input", apply);
  state.addEventListener("change", apply);
  var query = new URLSearchParams(window.location.search);
  if (query.get("q")) { input.value = query.get("q"); }
  if (query.get("state")) { state.value = query.get("state"); }
  apply();
})();
