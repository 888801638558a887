// The "Print" button on the backup-codes page (CSP allows no inline onclick).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
