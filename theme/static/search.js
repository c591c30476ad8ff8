// gazette search page (search/index.html): runs Pagefind's index in the
// browser. Reads the site root from <meta name="gazette-root">, loads
// {root}pagefind/pagefind.js, offers the facets as selects, searches as the
// reader types, keeps ?q= in the address and lists the results. Load it as
// a classic script (not type=module) so that it can still explain itself
// when the page is opened from file://, where modules cannot load.
//
// Ranking (README, Search): the query and every text are folded the way
// the index was (search/fold.json: Traditional to Simplified, full-width
// to ASCII, lower case, one character for one) and compared without
// whitespace. Names, aliases and document numbers equal to the query are
// direct hits, listed first. Of the full-text results, the pages whose
// text holds the whole query come first (those with it in the title or a
// heading first, then shorter pages first), then the others in Pagefind's
// order; Pagefind is asked for the quoted phrase and for the words, so
// that the pages with the phrase are among those loaded (the first 8 are
// shown as soon as they are in, then all 30 ranked again). An excerpt is a
// window around the first place the page states the phrase (the title
// and its echoes aside), the whole phrase marked.
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
  // Results shown first, while the others load.
  var FIRST_SHOWN = 8;
  // Characters shown around the phrase in an excerpt.
  var EXCERPT = 60;
  // What starts the folded copy of a Traditional page in the index (see
  // FOLDED_MARK in src/search.rs): never shown.
  var FOLDED_MARK = "\u2042\u2042\u2042";
  var FOLD = new Map();
  var KIND_ORDER = { "文件": 1, "计划": 2, "部门": 3, "指标": 4 };
  var typedAt = 0;
  var NEEDS_SERVER = "搜索需要通过网页服务器访问本站（例如运行 gazette serve 后在浏览器中打开），直接打开本地文件时无法使用。";
  var names = document.getElementById("search-names");
  var relatedNames = document.getElementById("search-related-names");
  var nameFiles = new Map();
  var nameParts = 0;
  var pagefind = null;
  var selects = {};
  var timer = null;
  var generation = 0;

  function say(text) {
    status.textContent = text;
  }

  // One character as the index compares it (parse::script::fold_char).
  function foldChar(c) {
    var code = c.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0).toLowerCase();
    if (code === 0x3000) return " ";
    if (code < 128) return c.toLowerCase();
    return FOLD.get(c) || c;
  }

  function fold(text) {
    var out = "";
    for (var c of String(text || "")) out += foldChar(c);
    return out;
  }

  // Whitespace, and the zero-width spaces Pagefind puts between the
  // words it segments.
  var SPACE = /[\s\u200b-\u200d\u2060\ufeff]/;

  // A stretch of text as an excerpt shows it: zero-width spaces dropped,
  // whitespace as one space.
  function tidy(text) {
    return text.replace(/[\u200b-\u200d\u2060\ufeff]/g, "").replace(/\s+/g, " ");
  }

  // Marks a reader does not type: quotation and title marks.
  var UNTYPED = "\u201c\u201d\u2018\u2019\"'\u300a\u300b\u3008\u3009\u300c\u300d\u300e\u300f";

  // The folded text without whitespace and untyped marks, and where each
  // of its characters stands in the text.
  function squeeze(text) {
    var s = "", at = [], i = 0;
    for (var c of String(text || "")) {
      if (!SPACE.test(c) && UNTYPED.indexOf(c) < 0) {
        var f = foldChar(c);
        s += f;
        for (var k = 0; k < f.length; k++) at.push(i);
      }
      i += c.length;
    }
    return { s: s, at: at };
  }

  function compact(text) {
    return squeeze(text).s;
  }

  // A document number in any of its spellings (国发〔2024〕5号,
  // 国发[2024]5号, 国发2024-5) as one key: "国发|2024|5".
  function numberKey(text) {
    var m = compact(text).match(/^(.*?\D)[〔\[【(（{［]?(\d{4})[〕\]】)）}］]?[-－—_.、]?第?(\d+)号?$/);
    return m ? m[1] + "|" + m[2] + "|" + Number(m[3]) : null;
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

  // `text` with [start, end) marked.
  function markedInto(node, text, start, end) {
    node.appendChild(document.createTextNode(text.slice(0, start)));
    node.appendChild(document.createElement("mark")).textContent = text.slice(start, end);
    node.appendChild(document.createTextNode(text.slice(end)));
  }

  // The text of a result as printed (the folded copy cut off).
  function printedText(page) {
    var content = String(page.content || "");
    var cut = content.indexOf(FOLDED_MARK);
    return cut >= 0 ? content.slice(0, cut) : content;
  }

  // Where the page states `phrase` (squeezed): the first place that is
  // not the title or an echo of it, else the first; null when nowhere.
  function phrasePlace(sq, phrase, titleSq) {
    var echoes = [];
    if (titleSq.length >= phrase.length) {
      for (var t = sq.s.indexOf(titleSq); t >= 0; t = sq.s.indexOf(titleSq, t + 1)) echoes.push(t);
    }
    var first = null;
    for (var i = sq.s.indexOf(phrase); i >= 0; i = sq.s.indexOf(phrase, i + 1)) {
      if (first === null) first = i;
      var inEcho = echoes.some(function (t) { return i >= t && i + phrase.length <= t + titleSq.length; });
      if (!inEcho) return i;
    }
    return first;
  }

  // The longest part of the phrase (two characters at least) that the
  // page states, for a page without the whole phrase.
  function longestPart(sq, phrase) {
    for (var len = phrase.length - 1; len >= 2; len--) {
      for (var from = 0; from + len <= phrase.length; from++) {
        var i = sq.s.indexOf(phrase.slice(from, from + len));
        if (i >= 0) return { at: i, len: len };
      }
    }
    return null;
  }

  // How a loaded result ranks and what its excerpt shows.
  function judge(page, order, phrase) {
    var text = printedText(page);
    var sq = squeeze(text);
    var title = (page.meta && page.meta.title) || "";
    var titleSq = compact(title);
    var whole = phrase ? phrasePlace(sq, phrase, titleSq) : null;
    var place = whole !== null ? { at: whole, len: phrase.length } : phrase ? longestPart(sq, phrase) : null;
    var excerpt = null;
    if (place) {
      var start = sq.at[place.at], end = sq.at[place.at + place.len - 1] + 1;
      var before = Math.max(0, Math.floor((EXCERPT - (end - start)) / 3));
      var from = Math.max(0, start - before);
      var to = Math.min(text.length, Math.max(end, from + EXCERPT));
      // The stretch before the phrase, the phrase, the stretch after; the
      // mark counted in the excerpt as shown.
      var lead = (from > 0 ? "…" : "") + tidy(text.slice(from, start));
      var marked = tidy(text.slice(start, end));
      excerpt = {
        text: lead + marked + tidy(text.slice(end, to)) + (to < text.length ? "…" : ""),
        start: lead.length,
        end: lead.length + marked.length
      };
    }
    var heading = whole !== null && (page.sub_results || []).some(function (sub) {
      return compact(sub.title).indexOf(phrase) >= 0;
    });
    return {
      page: page,
      order: order,
      whole: whole !== null,
      named: whole !== null && (titleSq.indexOf(phrase) >= 0 || heading),
      words: page.word_count || 0,
      excerpt: excerpt
    };
  }

  function byRank(a, b) {
    if (a.whole !== b.whole) return a.whole ? -1 : 1;
    if (!a.whole) return a.order - b.order;
    if (a.named !== b.named) return a.named ? -1 : 1;
    return a.words - b.words || a.order - b.order;
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
    var named = showNames(term, mine);
    say("正在搜索…");
    var phrase = compact(term);
    var query = fold(term) || null;
    var asked = [pagefind.search(query, { filters: filters })];
    // The quoted phrase: the pages that state it, as Pagefind segments it.
    if (phrase.length >= 2) asked.push(pagefind.search('"' + fold(term) + '"', { filters: filters }));
    var answers = await Promise.all(asked);
    if (mine !== generation || !answers[0]) return;
    var seen = new Set();
    var results = [];
    (answers[1] ? answers[1].results : []).concat(answers[0].results).forEach(function (r) {
      if (!seen.has(r.id)) {
        seen.add(r.id);
        results.push(r);
      }
    });
    // The first results are shown as soon as their fragments are in (the
    // pages stating the phrase come first in `results`), then all of them,
    // ranked again.
    var load = function (from, to) {
      return Promise.all(results.slice(from, to).map(function (r) { return r.data(); }));
    };
    var data = await load(0, FIRST_SHOWN);
    if (mine !== generation) return;
    var more = load(FIRST_SHOWN, SHOWN);
    showResults(data, phrase, results.length);
    await named;
    if (mine !== generation) return;
    if (typedAt) app.dataset.latency = Math.round(performance.now() - typedAt);
    var rest = await more;
    if (mine !== generation || !rest.length) return;
    showResults(data.concat(rest), phrase, results.length);
  }

  function showResults(data, phrase, count) {
    var ranked = data.map(function (page, i) { return judge(page, i, phrase); }).sort(byRank);
    list.replaceChildren.apply(list, ranked.map(function (row) {
      var page = row.page;
      var item = document.createElement("li");
      var link = item.appendChild(document.createElement("a"));
      link.href = page.url;
      link.textContent = (page.meta && page.meta.title) || page.url;
      if (phrase && !row.whole) {
        item.appendChild(document.createTextNode(" "));
        item.appendChild(document.createElement("span")).className = "muted";
        item.lastChild.textContent = "（部分匹配）";
      }
      var p = item.appendChild(document.createElement("p"));
      if (row.excerpt) markedInto(p, row.excerpt.text, row.excerpt.start, row.excerpt.end);
      else excerptInto(p, page.excerpt);
      return item;
    }));
    if (!count) say("没有找到结果");
    else say("找到 " + count + " 条结果" + (count > SHOWN ? "，显示前 " + SHOWN + " 条" : ""));
  }

  // The names of search/names/ (see src/render/names.rs), each file
  // fetched once and prepared (folded names, 文号 key).
  function prepare(e) {
    e.folded = [e.name].concat(e.aliases || []).map(compact);
    e.numberKey = e.number ? numberKey(e.number) : null;
    return e;
  }

  function loadNames(file) {
    if (!nameFiles.has(file)) {
      nameFiles.set(file, fetch(new URL("search/names/" + file, root).href)
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (list) { return list.map(prepare); })
        .catch(function () { return []; }));
    }
    return nameFiles.get(file);
  }

  // The part of the names that begin with the first two characters of `q`
  // (compact): FNV-1a over their UTF-16 code units (render::names::bucket).
  function partOf(q) {
    var head = Array.from(q).slice(0, 2).join("");
    if (!nameParts || Array.from(head).length < 2) return null;
    var h = 0x811c9dc5;
    for (var i = 0; i < head.length; i++) {
      h ^= head.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % nameParts;
  }

  function nameItem(e, score, key) {
    var item = document.createElement("li");
    item.appendChild(document.createTextNode(e.kind + " "));
    var link = item.appendChild(document.createElement("a"));
    link.href = new URL(e.url.replace(/^\//, ""), root).href;
    link.textContent = e.name;
    if (e.number && score === 0 && key) item.appendChild(document.createTextNode(" " + e.number));
    return item;
  }

  // Direct hits (名称匹配, above the full-text results): the documents,
  // plans, departments and indicators whose name, alias or 文号 is the
  // query, then the departments whose name begins with it or holds it.
  // The plans, documents and indicators whose name begins with the query
  // are listed after the full-text results (相关名称). Names are compared
  // folded, as the query is.
  async function showNames(term, mine) {
    if (!names) return;
    var q = compact(term), key = numberKey(term);
    var asked = [loadNames("departments.json")];
    var part = q ? partOf(q) : null;
    if (part !== null) asked.push(loadNames("part-" + part + ".json"));
    if (key) asked.push(loadNames("numbers-" + key.split("|")[1] + ".json"));
    var lists = await Promise.all(asked);
    if (mine !== generation) return;
    var hits = [], seen = new Set();
    if (q) {
      lists.forEach(function (list) {
        list.forEach(function (e) {
          if (seen.has(e.url)) return;
          var score = 9;
          if (key && e.numberKey === key) score = 0;
          e.folded.forEach(function (n) {
            if (n === q) score = Math.min(score, 0);
            else if (n.indexOf(q) === 0) score = Math.min(score, 1);
            else if (n.indexOf(q) > 0) score = Math.min(score, 2);
          });
          if (score < 9) {
            seen.add(e.url);
            hits.push({ e: e, score: score });
          }
        });
      });
    }
    hits.sort(function (a, b) {
      return a.score - b.score || (KIND_ORDER[a.e.kind] || 9) - (KIND_ORDER[b.e.kind] || 9) ||
        a.e.name.length - b.e.name.length;
    });
    var direct = hits.filter(function (h) { return h.score === 0 || h.e.kind === "部门"; });
    var related = hits.filter(function (h) { return !(h.score === 0 || h.e.kind === "部门"); });
    names.replaceChildren.apply(names, direct.slice(0, 12).map(function (h) { return nameItem(h.e, h.score, key); }));
    names.parentNode.hidden = !direct.length;
    if (relatedNames) {
      relatedNames.replaceChildren.apply(relatedNames, related.slice(0, 12).map(function (h) { return nameItem(h.e, h.score, key); }));
      relatedNames.parentNode.hidden = !related.length;
    }
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
      var got = await Promise.all([
        pagefind.filters(),
        fetch(new URL("search/fold.json", root).href),
        fetch(new URL("search/names/index.json", root).href)
      ]);
      buildFilters(got[0]);
      if (got[1].ok) {
        var table = await got[1].json();
        var from = Array.from(table.from), to = Array.from(table.to);
        from.forEach(function (c, i) { FOLD.set(c, to[i]); });
      }
      if (got[2].ok) nameParts = (await got[2].json()).parts || 0;
      // Departments are asked by every query: fetched now.
      loadNames("departments.json");
    } catch (error) {
      fail("无法加载搜索索引。" + NEEDS_SERVER);
      return;
    }
    say("");
    typedAt = performance.now();
    input.addEventListener("input", function () {
      typedAt = performance.now();
      runSoon(60);
    });
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
