// gazette: small progressive enhancements; every page works without it.
(function () {
  "use strict";
  // Deadlines: filter the timeline by department.
  var select = document.getElementById("deadline-filter");
  if (select) {
    var apply = function () {
      var want = select.value;
      var items = document.querySelectorAll("[data-departments]");
      var shown = 0;
      items.forEach(function (li) {
        var ok = !want || (" " + li.getAttribute("data-departments") + " ").indexOf(" " + want + " ") >= 0;
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      document.querySelectorAll(".month, .year").forEach(function (g) {
        g.hidden = !g.querySelector("[data-departments]:not([hidden])");
      });
      var status = document.getElementById("deadline-status");
      if (status) status.textContent = want ? "显示 " + shown + " 项" : "";
      var url = new URL(window.location.href);
      if (want) url.searchParams.set("dept", want); else url.searchParams.delete("dept");
      window.history.replaceState(null, "", url);
    };
    var initial = new URL(window.location.href).searchParams.get("dept");
    if (initial) select.value = initial;
    select.addEventListener("change", apply);
    select.closest("form").addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    if (initial) apply();
  }
})();
// Section and task links (#): each heading with an anchor gets a link to
// itself, added here rather than written into every page (the anchors,
// the ids, are in the HTML; the links to them are a convenience).
(function () {
  "use strict";
  var add = function (h, id, label) {
    if (!id || h.querySelector("a.anchor")) return;
    var a = document.createElement("a");
    a.className = "anchor";
    a.href = "#" + id;
    a.setAttribute("aria-label", label);
    a.textContent = "#";
    h.appendChild(document.createTextNode(" "));
    h.appendChild(a);
  };
  document.querySelectorAll(".fulltext :is(h2, h3, h4, h5, h6)[id]:not(#h-text)").forEach(function (h) {
    add(h, h.id, "本节链接");
  });
  document.querySelectorAll(".fulltext section.task[id] > .task-title").forEach(function (h) {
    add(h, h.parentElement.id, "本任务链接");
  });
})();
