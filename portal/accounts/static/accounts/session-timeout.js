// Idle-session warning. The server ends a session after the idle timeout whatever this script does;
// this only warns first and lets the person stay. Settings come from data- attributes (CSP: no inline script).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var timeout = parseInt(script.dataset.timeout, 10) * 1000;
  var warn = parseInt(script.dataset.warn, 10) * 1000;
  var statusUrl = script.dataset.statusUrl;
  var loginUrl = script.dataset.loginUrl;
  var timer = null;
  var box = null;

  function goToLogin() {
    window.location.assign(loginUrl + "?next=" + encodeURIComponent(window.location.pathname));
  }

  function ask(method) {
    var headers = { "X-Protikar-Session-Poll": method === "GET" ? "1" : "" };
    if (method === "POST") { headers["X-CSRFToken"] = script.dataset.csrf; }
    return fetch(statusUrl, { method: method, headers: headers, credentials: "same-origin" })
      .then(function (r) { return r.json(); });
  }

  function hideWarning() { if (box) { box.remove(); box = null; } }

  function showWarning() {
    if (box) { return; }
    box = document.createElement("div");
    box.className = "session-warning";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-live", "assertive");
    // Styled here (CSSOM, allowed by the CSP) because this box can appear on any page.
    box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;z-index:1000;max-width:32rem;margin:auto;" +
      "padding:1rem;background:#fff8e1;border:2px solid #8a6d00;border-radius:.5rem;box-shadow:0 2px 8px #0004;";
    var p = document.createElement("p");
    p.textContent = script.dataset.message;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = script.dataset.stay;
    button.addEventListener("click", function () {
      ask("POST").then(function (data) {
        hideWarning();
        if (data.signed_in) { schedule(data.remaining * 1000); } else { goToLogin(); }
      });
    });
    box.appendChild(p);
    box.appendChild(button);
    document.body.appendChild(box);
    button.focus();
  }

  // Check with the server before warning: another tab may have kept the session alive.
  function check() {
    ask("GET").then(function (data) {
      if (!data.signed_in || data.remaining <= 0) { goToLogin(); return; }
      if (data.remaining * 1000 <= warn + 1000) {
        showWarning();
        timer = window.setTimeout(check, Math.max(data.remaining * 1000, 1000));
      } else {
        hideWarning();
        schedule(data.remaining * 1000);
      }
    }).catch(function () { timer = window.setTimeout(check, 30000); });
  }

  function schedule(remainingMs) {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, Math.max(remainingMs - warn, 1000));
  }

  schedule(timeout);
})();
