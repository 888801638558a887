// Polls the import's status while it runs and moves the bar; reloads for the result when it ends.
// The state lives on the server (ImportJob), so a reload or a second tab shows the same progress.
(function () {
  "use strict";
  var box = document.querySelector(".import-progress");
  if (!box || box.dataset.running !== "1") { return; }
  var bar = document.getElementById("import-bar");
  var state = document.getElementById("import-state");
  var count = document.getElementById("import-count");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        bar.value = data.percent;
        bar.textContent = data.percent + "%";
        state.textContent = data.status_label;
        if (count && data.count_label) { count.textContent = data.count_label; }  // "N of M rows", in the reader's digits
        if (data.running) { window.setTimeout(poll, 1000); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
