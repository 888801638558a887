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
})();
