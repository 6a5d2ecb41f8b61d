// Small form behaviours used across pages, loaded from a file (the Content-Security-Policy allows
// no inline script): data-autosubmit, form.once, formsets with an "add a row" button.
(function () {
  "use strict";

  // <select data-autosubmit>: choosing a value submits its form (a <noscript> button covers no-JS).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) { field.form.submit(); }
  });

  // form.once: a double click sends once, the buttons are disabled as the form leaves.
  document.querySelectorAll("form.once").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    });
  });

  // [data-shown-by=NAME][data-shown-for=VALUE]: shown while the form's NAME field is empty or
  // holds VALUE (the what-if's quota numbers of the standard chosen; all while none is).
  document.querySelectorAll("[data-shown-by]").forEach(function (part) {
    var form = part.closest("form");
    var field = form ? form.elements[part.getAttribute("data-shown-by")] : null;
    if (!field) { return; }
    function show() {
      part.hidden = field.value !== "" && field.value !== part.getAttribute("data-shown-for");
    }
    field.addEventListener("change", show);
    show();
  });

  // [data-formset]: add a row by cloning its empty form, numbering it and bumping TOTAL_FORMS;
  // a ticked "-DELETE" box greys its row out.
  document.querySelectorAll("[data-formset]").forEach(function (set) {
    var prefix = set.getAttribute("data-formset");
    var total = set.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var add = set.querySelector("[data-add]");
    if (!total || !add) { return; }
    add.addEventListener("click", function () {
      var holder = document.createElement("div");
      holder.innerHTML = set.querySelector("template[data-empty]").innerHTML.replace(/__prefix__/g, total.value);
      var row = holder.firstElementChild;
      set.querySelector("[data-rows]").appendChild(row);
      total.value = parseInt(total.value, 10) + 1;
      var first = row.querySelector("input:not([type=hidden]), textarea, select");
      if (first) { first.focus(); }
    });
    set.addEventListener("change", function (event) {
      if (event.target.name && event.target.name.endsWith("-DELETE")) {
        event.target.closest("[data-row]").classList.toggle("removed", event.target.checked);
      }
    });
  });
})();

// select[data-search]: a search box above a long picker; typing (with or without diacritics)
// keeps only the matching options, the chosen one always stays. select[data-remote] (a person
// picker too long to list) holds only the chosen person: typing asks the server (people the user
// may see, those of the form's unit picker data-unit-field first) and lists its answers to pick.
(function () {
  "use strict";
  function remote(select, box) {
    var asked = 0;
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    status.className = "muted picker-status";
    box.parentNode.insertBefore(status, box.nextSibling);
    function unit() {
      var name = select.getAttribute("data-unit-field");
      var field = name && select.form ? select.form.elements[name] : null;
      return field && field.value ? field.value : "";
    }
    box.addEventListener("input", function () {
      var query = box.value.trim();
      var ticket = ++asked;
      if (query.length < 2) { return; }
      var base = select.getAttribute("data-remote");  // may carry its source: ?nguon=…
      var url = base + (base.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query) +
        (unit() ? "&don_vi=" + encodeURIComponent(unit()) : "");
      fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (data) {
          if (ticket !== asked) { return; }  // an older answer arriving late
          Array.prototype.slice.call(select.options).forEach(function (option) {
            if (!option.selected && option.value !== "") { option.remove(); }
          });
          var kept = Array.prototype.map.call(select.options, function (o) { return o.value; });
          data.results.forEach(function (person) {
            if (kept.indexOf(String(person.id)) >= 0) { return; }
            select.add(new Option(person.label, person.id));
          });
          select.size = Math.min(8, Math.max(2, select.options.length));
          status.textContent = data.results.length ?
            "Tìm thấy " + data.results.length + " người, chọn trong danh sách." :
            "Không tìm thấy ai khớp với từ đã gõ.";
        })
        .catch(function () {
          if (ticket === asked) { status.textContent = "Không tìm được lúc này, hãy gõ lại."; }
        });
    });
    select.addEventListener("change", function () { select.size = 0; });
  }
  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  document.querySelectorAll("select[data-search]").forEach(function (select) {
    var box = document.createElement("input");
    box.type = "search";
    box.placeholder = select.getAttribute("data-search");
    box.setAttribute("aria-label", select.getAttribute("data-search"));
    box.className = "picker-search";
    // Outside the picker's own <label>, so the label names the picker alone.
    var anchor = select.closest("label") || select;
    anchor.parentNode.insertBefore(box, anchor);
    if (select.hasAttribute("data-remote")) { remote(select, box); return; }
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        var text = fold(option.text);
        option.hidden = !option.selected && option.value !== "" &&
          !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    });
  });
})();
