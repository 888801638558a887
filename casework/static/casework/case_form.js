// Quicker place selects: the form works without this (optgroups and an "update the lists" button).
(function () {
  "use strict";
  var form = document.getElementById("case-form");
  if (!form) return;
  document.documentElement.classList.add("js");
  var division = form.querySelector("#id_case-division");
  var district = form.querySelector("#id_case-district");
  var upazila = form.querySelector("#id_case-upazila");
  var union = form.querySelector("#id_js-union");

  // Keep only the optgroup of the chosen parent visible in a grouped select.
  function filterGroups(select, groupLabel) {
    if (!select) return;
    Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
      var show = !groupLabel || group.label === groupLabel;
      group.hidden = !show;
      group.disabled = !show;
    });
  }
  function selectedText(select) {
    return select && select.selectedIndex > 0 ? select.options[select.selectedIndex].text : "";
  }
  function loadUnions() {
    if (!union || !upazila || !upazila.value) return;
    var url = form.dataset.placesUrl + "?level=union&parent=" + encodeURIComponent(upazila.value);
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : { options: [] }; })
      .then(function (data) {
        var keep = union.value;
        union.innerHTML = "";
        union.appendChild(new Option("---------", ""));
        data.options.forEach(function (o) { union.appendChild(new Option(o.name, o.id, false, String(o.id) === keep)); });
      });
  }
  if (division && district) {
    division.addEventListener("change", function () { filterGroups(district, selectedText(division)); district.value = ""; });
    filterGroups(district, selectedText(division));
  }
  if (district && upazila) {
    district.addEventListener("change", function () { filterGroups(upazila, selectedText(district)); upazila.value = ""; });
    filterGroups(upazila, selectedText(district));
  }
  if (upazila) upazila.addEventListener("change", loadUnions);

  // Sub-categories: only those of the ticked categories show (each group names its category).
  // A hidden group's ticks are cleared, so the form never sends a sub-category of an unticked category.
  var categoryBoxes = form.querySelectorAll("input[name='case-categories']");
  var subGroups = form.querySelectorAll(".field-sub_categories .check-group");
  function showSubCategories() {
    var chosen = {};
    Array.prototype.forEach.call(categoryBoxes, function (box) { if (box.checked) chosen[box.value] = true; });
    var any = false;
    Array.prototype.forEach.call(subGroups, function (group) {
      var show = !!chosen[group.dataset.group];
      group.hidden = !show;
      any = any || show;
      if (!show) Array.prototype.forEach.call(group.querySelectorAll("input"), function (i) { i.checked = false; });
    });
    var field = form.querySelector(".field-sub_categories");
    if (field) field.hidden = !any;
  }
  if (subGroups.length) {
    Array.prototype.forEach.call(categoryBoxes, function (box) { box.addEventListener("change", showSubCategories); });
    showSubCategories();
  }

  // The applicant's block matters only when someone else made the complaint for the worker.
  var applicant = form.querySelector("#applicant");
  var filedBy = form.querySelectorAll("input[name='case-filed_by']");
  function showApplicant() {
    var onBehalf = false;
    Array.prototype.forEach.call(filedBy, function (r) { if (r.checked && r.value === "on_behalf") onBehalf = true; });
    applicant.hidden = !onBehalf && !applicant.querySelector(".errorlist");
  }
  if (applicant && filedBy.length) {
    Array.prototype.forEach.call(filedBy, function (r) { r.addEventListener("change", showApplicant); });
    showApplicant();
  }
})();
