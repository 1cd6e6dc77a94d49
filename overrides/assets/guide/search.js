// Pierwsze kroki w Pomorskim: search in the reader's language, loaded on first use
// (by boot.js, when the reader first opens search: it opens the dialog at once).
// The index of this language only (assets/guide/search-index.json, written by
// hooks/search_index.py) is fetched when the reader first opens the dialog. Matching follows
// guide/site/search_index.py: case and diacritics folded by boot.js (ł -> l, ę -> e, й -> и),
// every query word a prefix of a word of the section, the best section of each page; a query
// holding a synonym's variant (the termbase's avoided variants) also runs with its rendering.
(function () {
  "use strict";
  var dialog = document.getElementById("guide-search");
  var opener = document.querySelector(".guide-search__open");
  if (!dialog || !opener || typeof dialog.showModal !== "function") { return; }
  var input = dialog.querySelector("input");
  var status = dialog.querySelector("[role=status]");
  var list = dialog.querySelector("ol");
  var closer = dialog.querySelector(".guide-search__close");
  var WORD = /(?:[\p{L}\p{N}]|')+/gu;
  var LIMIT = 10;
  var index = null;
  var synonyms = [];
  var loading = null;
  var timer = 0;

  // boot.js (loaded on every page): one character for one, so a match in the folded text is
  // at the same offset in the text.
  var fold = window.guideFold.search;
  function words(text) {
    return (fold(text).match(WORD) || []).map(function (w) {
      return w.replace(/'/g, "");
    }).filter(Boolean);
  }

  function prepare(data) {
    var pages = data.pages.map(function (p) { return { url: p[0], title: p[1], words: words(p[1]) }; });
    return data.sections.map(function (s) {
      return { page: pages[s[0]], order: s[0], anchor: s[1], heading: s[2], text: s[3],
               folded: fold(s[3]), headingWords: words(s[2]), words: words(s[3]) };
    });
  }

  function termScore(term, section) {
    function prefix(w) { return w.indexOf(term) === 0; }
    if (section.page.words.some(prefix)) { return section.page.words.indexOf(term) >= 0 ? 15 : 10; }
    if (section.headingWords.some(prefix)) { return section.headingWords.indexOf(term) >= 0 ? 9 : 6; }
    var count = 0;
    for (var i = 0; i < section.words.length && count < 5; i++) { if (prefix(section.words[i])) { count++; } }
    return count;
  }

  function unique(list) { return list.filter(function (t, i, all) { return all.indexOf(t) === i; }); }

  // A query word against a synonym's word: the same word, or any ending of a stem ("*").
  function matches(term, word) {
    return word.slice(-1) === "*" ? term.indexOf(word.slice(0, -1)) === 0 : term === word;
  }

  // guide/site/search_index.py expanded(): the words, then each variant found replaced by its rendering.
  function expanded(terms) {
    var found = [terms];
    synonyms.forEach(function (synonym) {
      var variant = synonym[0];
      for (var start = 0; start + variant.length <= terms.length; start++) {
        if (variant.every(function (word, i) { return matches(terms[start + i], word); })) {
          found.push(unique(terms.slice(0, start).concat(synonym[1], terms.slice(start + variant.length))));
          break;
        }
      }
    });
    return found;
  }

  // The sum of the scores of every word of one alternative, 0 when one word is missing.
  function alternativeScore(terms, section) {
    var score = 0;
    for (var i = 0; i < terms.length; i++) {
      var s = termScore(terms[i], section);
      if (!s) { return 0; }
      score += s;
    }
    return score;
  }

  function search(query) {
    var terms = unique(words(query));
    if (!terms.length) { return null; }
    var queries = expanded(terms);
    var best = {};
    index.forEach(function (section) {
      var score = 0;
      queries.forEach(function (alternative) { score = Math.max(score, alternativeScore(alternative, section)); });
      if (!score) { return; }
      var current = best[section.order];
      if (!current || score > current.score) { best[section.order] = { section: section, score: score }; }
    });
    return { terms: unique([].concat.apply([], queries)), hits: Object.keys(best).map(function (k) { return best[k]; }).sort(function (a, b) {
      return b.score - a.score || a.section.order - b.section.order;
    }).slice(0, LIMIT) };
  }

  // A short piece of the section around the first word starting with a query word.
  function excerpt(section, terms) {
    var at = -1;
    var length = 0;
    terms.forEach(function (term) {
      var re = new RegExp("(^|[^\\p{L}\\p{N}'])" + term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u");
      var m = re.exec(section.folded);
      if (m && (at < 0 || m.index + m[1].length < at)) { at = m.index + m[1].length; length = term.length; }
    });
    var text = section.text;
    var start = Math.max(0, at < 0 ? 0 : at - 60);
    var end = Math.min(text.length, start + 180);
    if (start > 0) { start = text.indexOf(" ", start) + 1 || start; }
    var span = document.createElement("span");
    span.className = "guide-search__excerpt";
    var before = (start > 0 ? "… " : "") + text.slice(start, at < 0 ? end : at);
    span.appendChild(document.createTextNode(before));
    if (at >= 0) {
      var mark = document.createElement("mark");
      mark.textContent = text.slice(at, at + length);
      span.appendChild(mark);
      span.appendChild(document.createTextNode(text.slice(at + length, end) + (end < text.length ? " …" : "")));
    }
    return span;
  }

  function show() {
    clearTimeout(timer);
    list.textContent = "";
    if (!index) { return; }
    var found = search(input.value);
    if (!found) { status.textContent = ""; return; }
    var root = dialog.getAttribute("data-root");
    found.hits.forEach(function (hit) {
      var section = hit.section;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + section.page.url + (section.anchor ? "#" + section.anchor : "");
      var title = document.createElement("span");
      title.className = "guide-search__title";
      title.textContent = section.page.title + (section.heading ? " › " + section.heading : "");
      link.appendChild(title);
      link.appendChild(excerpt(section, found.terms));
      link.addEventListener("click", function () { dialog.close(); });
      item.appendChild(link);
      list.appendChild(item);
    });
    status.textContent = found.hits.length
      ? dialog.getAttribute("data-count").replace("{count}", String(found.hits.length))
      : dialog.getAttribute("data-none");
  }

  function load() {
    if (!loading) {
      status.textContent = dialog.getAttribute("data-loading");
      loading = fetch(dialog.getAttribute("data-index")).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(function (data) {
        index = prepare(data);
        synonyms = data.synonyms;
        status.textContent = "";
        show();
      }).catch(function () {
        loading = null;
        status.textContent = dialog.getAttribute("data-failed");
      });
    }
  }

  function open() {
    if (!dialog.open) { dialog.showModal(); }
    opener.setAttribute("aria-expanded", "true");
    input.focus();
    input.select();
    load();
  }

  // boot.js showed the button and loads this script when the reader first opens search.
  opener.addEventListener("click", open);
  closer.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    if (dialog.open) { return; }  // opened again ("/" right after Escape) before this event
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
  });
  // A click on the backdrop (outside the panel) closes the dialog too.
  dialog.addEventListener("click", function (event) { if (event.target === dialog) { dialog.close(); } });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 80); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {  // close at once (a search field would first clear itself)
      event.preventDefault();
      dialog.close();
    } else if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) { event.preventDefault(); first.click(); }
    }
  });
  open();
})();
