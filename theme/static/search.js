// gazette search page (search/index.html): runs Pagefind's index in the
// browser. Reads the site root from <meta name="gazette-root">, loads
// {root}pagefind/pagefind.js, offers the facets as selects, searches as the
// reader types, keeps ?q= in the address and lists the results. Load it as
// a classic script (not type=module) so that it can still explain itself
// when the page is opened from file://, where modules cannot load.
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  if (!app) return;
  var input = document.getElementById("search-input");
  var filterBox = document.getElementById("search-filters");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var rootMeta = document.querySelector('meta[name="gazette-root"]');
  var root = new URL((rootMeta && rootMeta.getAttribute("content")) || "./", location.href);
  var FACETS = [["document", "文件"], ["plan", "规划"], ["department", "部门"], ["year", "年份"]];
  var SHOWN = 30;
  var NEEDS_SERVER = "搜索需要通过网页服务器访问本站（例如运行 gazette serve 后在浏览器中打开），直接打开本地文件时无法使用。";
  var names = document.getElementById("search-names");
  var directory = [];
  var pagefind = null;
  var selects = {};
  var timer = null;
  var generation = 0;

  function say(text) {
    status.textContent = text;
  }

  function fail(text) {
    say(text);
    input.disabled = true;
  }

  // Pagefind escapes < and > in excerpts and adds <mark>; rebuild it as
  // text nodes and <mark> elements so that nothing else becomes markup.
  function excerptInto(node, excerpt) {
    var parts = String(excerpt || "").split(/(<mark>|<\/mark>)/);
    var target = node;
    parts.forEach(function (part) {
      if (part === "<mark>") {
        target = node.appendChild(document.createElement("mark"));
      } else if (part === "</mark>") {
        target = node;
      } else if (part) {
        target.appendChild(document.createTextNode(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">")));
      }
    });
  }

  function chosenFilters() {
    var chosen = {};
    Object.keys(selects).forEach(function (name) {
      if (selects[name].value) chosen[name] = selects[name].value;
    });
    return chosen;
  }

  function keepQueryInAddress(term) {
    var url = new URL(location.href);
    if (term) url.searchParams.set("q", term);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  // data-started / data-done on #search-app hold the number of the latest
  // search begun / finished, so that a test can wait for the results.
  async function run() {
    var mine = ++generation;
    app.dataset.started = mine;
    try {
      await show(mine);
    } catch (error) {
      if (mine === generation) say("搜索出错：" + error.message);
    }
    if (mine === generation) app.dataset.done = mine;
  }

  async function show(mine) {
    var term = input.value.trim();
    var filters = chosenFilters();
    keepQueryInAddress(term);
    if (!term && !Object.keys(filters).length) {
      list.replaceChildren();
      say("");
      return;
    }
    showNames(term);
    say("正在搜索…");
    var found = await pagefind.search(term || null, { filters: filters });
    if (mine !== generation || !found) return;
    var data = await Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); }));
    if (mine !== generation) return;
    list.replaceChildren.apply(list, data.map(function (page) {
      var item = document.createElement("li");
      var link = item.appendChild(document.createElement("a"));
      link.href = page.url;
      link.textContent = (page.meta && page.meta.title) || page.url;
      excerptInto(item.appendChild(document.createElement("p")), page.excerpt);
      return item;
    }));
    var count = found.results.length;
    if (!count) say("没有找到结果");
    else say("找到 " + count + " 条结果" + (count > SHOWN ? "，显示前 " + SHOWN + " 条" : ""));
  }

  // Direct hits: documents, plans, departments and indicators whose name
  // (or alias) contains the words typed, from search/names.json.
  function showNames(term) {
    if (!names) return;
    var hits = !term ? [] : directory.filter(function (e) {
      return e.name.indexOf(term) >= 0 || (e.aliases || []).some(function (a) { return a.indexOf(term) >= 0; });
    });
    hits.sort(function (a, b) { return (a.name === term ? 0 : 1) - (b.name === term ? 0 : 1) || a.name.length - b.name.length; });
    names.replaceChildren.apply(names, hits.slice(0, 12).map(function (e) {
      var item = document.createElement("li");
      item.appendChild(document.createTextNode(e.kind + " "));
      var link = item.appendChild(document.createElement("a"));
      link.href = new URL(e.url.replace(/^\//, ""), root).href;
      link.textContent = e.name;
      return item;
    }));
    names.parentNode.hidden = !hits.length;
  }

  function runSoon(delay) {
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  }

  function buildFilters(available) {
    var collator = new Intl.Collator("zh-CN", { numeric: true });
    FACETS.forEach(function (facet) {
      var name = facet[0];
      var values = Object.keys(available[name] || {});
      if (!values.length) return;
      values.sort(name === "year" ? function (a, b) { return collator.compare(b, a); } : collator.compare);
      var label = filterBox.appendChild(document.createElement("label"));
      label.appendChild(document.createTextNode(facet[1] + " "));
      var select = label.appendChild(document.createElement("select"));
      select.id = "search-filter-" + name;
      select.name = name;
      select.appendChild(new Option("全部", ""));
      values.forEach(function (value) {
        select.appendChild(new Option(value + "（" + available[name][value] + "）", value));
      });
      select.addEventListener("change", function () { runSoon(0); });
      selects[name] = select;
    });
  }

  async function start() {
    if (location.protocol === "file:") {
      fail(NEEDS_SERVER);
      return;
    }
    input.value = new URL(location.href).searchParams.get("q") || input.value;
    say("正在加载搜索索引…");
    try {
      pagefind = await import(new URL("pagefind/pagefind.js", root).href);
      var settings = { baseUrl: root.pathname, excerptLength: 40 };
      await pagefind.options(settings);
      // A large site's index comes in parts (pagefind/parts.json lists
      // the folders of those after the first): all are searched together.
      var parts = await fetch(new URL("pagefind/parts.json", root).href);
      if (parts.ok) {
        var folders = await parts.json();
        for (var i = 0; i < folders.length; i++) {
          await pagefind.mergeIndex(new URL("pagefind/" + folders[i], root).pathname, settings);
        }
      }
      buildFilters(await pagefind.filters());
      var listed = await fetch(new URL("search/names.json", root).href);
      if (listed.ok) directory = await listed.json();
    } catch (error) {
      fail("无法加载搜索索引。" + NEEDS_SERVER);
      return;
    }
    say("");
    input.addEventListener("input", function () { runSoon(250); });
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        event.preventDefault();
        runSoon(0);
      });
    }
    runSoon(0);
  }

  start();
})();
