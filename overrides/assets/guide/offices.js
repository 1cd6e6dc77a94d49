// Pierwsze kroki w Pomorskim: the reader's powiat, chosen once and kept on this device.
// Fills every "Your office" box from offices/<powiat>.json and runs the town search of powiaty/.
// Without JavaScript the boxes link to the powiat pages and the map and list still work.
(function () {
  "use strict";
  var KEY = "guide.powiat";

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(slug) {
    try { window.localStorage.setItem(KEY, slug); } catch (e) { /* private mode: this page only */ }
  }
  // boot.js (loaded before this script): town names folded as guide/data/fold.py does.
  var fold = window.guideFold.place;

  function picker(data, current, onPick) {
    var label = document.createElement("label");
    label.className = "guide-box__picker";
    label.appendChild(document.createTextNode((current ? data.labels.change_powiat : data.labels.choose_powiat) + " "));
    var select = document.createElement("select");
    var empty = document.createElement("option");
    empty.value = "";
    empty.textContent = "—";
    select.appendChild(empty);
    data.powiaty.forEach(function (powiat) {
      var option = document.createElement("option");
      option.value = powiat.slug;
      option.textContent = powiat.name;
      option.lang = "pl";
      option.selected = powiat.slug === current;
      select.appendChild(option);
    });
    select.addEventListener("change", function () { if (select.value) { onPick(select.value); } });
    label.appendChild(select);
    return label;
  }

  // offices/<slug>.json beside offices.json: one powiat's boxes, fetched once it is chosen;
  // null for no powiat, a rejection when the fetch fails (offline).
  function powiatOffices(data, slug) {
    if (!slug || !data.powiaty.some(function (p) { return p.slug === slug; })) {
      return Promise.resolve(null);
    }
    return fetch(new URL("offices/" + slug + ".json", data.url)).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    });
  }

  // The box's "Report a mistake" link names the powiat whose office the reader sees.
  function reportPowiat(box, slug) {
    var link = box.querySelector("a[data-feedback]");
    if (!link) { return; }
    var url = new URL(link.href);
    var office = url.searchParams.get("office");
    url.searchParams.set("powiat", slug || "");
    url.searchParams.set("title", "[" + url.searchParams.get("lang") + "] " + (slug || "-") + " / " + office);
    link.href = url.toString();
  }

  // All boxes are drawn from one answer: two powiats never mix. A choice is stored only once
  // its offices arrived, so a reload offline shows the last powiat that loaded.
  function fillBoxes(data, boxes) {
    var shown = { slug: null, offices: null };

    function draw(notice) {
      boxes.forEach(function (box) {
        reportPowiat(box, shown.slug);
        var body = box.querySelector("[data-office-body]");
        // The no-JS link to the powiat pages stays while no powiat is chosen (and prints).
        var fallback = box.guideFallback || (box.guideFallback = body.querySelector("p"));
        body.innerHTML = "";  // the JSON holds HTML rendered and escaped at build time
        var html = shown.offices ? shown.offices[box.getAttribute("data-office-type")] : "";
        if (html) {
          // Every slot a powiat lists has an office or a route (check-data fails on `missing`);
          // an optional office type (ui.yml `required: false`) the powiat lacks keeps the link.
          var content = document.createElement("div");
          content.innerHTML = html;
          body.appendChild(content);
        } else if (fallback) {
          body.appendChild(fallback);
        }
        if (notice) {
          var note = document.createElement("p");
          note.className = "guide-box__notice";
          note.setAttribute("role", "status");
          note.textContent = data.labels.powiat_needs_connection;
          body.appendChild(note);
        }
        body.appendChild(picker(data, shown.slug, choose));
      });
    }

    function choose(slug) {
      powiatOffices(data, slug).then(function (offices) {
        shown = { slug: offices ? slug : null, offices: offices };
        if (offices) { store(slug); }
        draw(false);
      }, function () { draw(true); });
    }

    choose(stored());
  }

  function townSearch(finder, data) {
    var input = finder.querySelector("input");
    var results = finder.querySelector("ul");
    var names = {};
    var towns = null;  // towns.json: fetched when the reader first uses the search, not before
    var loading = false;
    data.powiaty.forEach(function (powiat) { names[powiat.slug] = powiat.name; });
    function show() {
      var query = fold(input.value);
      results.innerHTML = "";
      if (query.length < 2 || towns === null) { return; }
      var found = towns.filter(function (t) { return t[0].indexOf(query) === 0; }).slice(0, 8);
      if (!found.length) {
        var none = document.createElement("li");
        none.textContent = results.getAttribute("data-not-found");
        results.appendChild(none);
      }
      found.forEach(function (town) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = town[2] + "/";
        link.textContent = town[1] + " → " + names[town[2]];
        link.lang = "pl";
        link.addEventListener("click", function () { store(town[2]); });
        item.appendChild(link);
        results.appendChild(item);
      });
    }
    function load() {
      if (loading) { return; }
      loading = true;
      fetch(finder.getAttribute("data-towns")).then(function (r) { return r.json(); }).then(function (found) {
        towns = found;
        show();
      });
    }
    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load(); show(); });
    finder.hidden = false;
  }

  // The reader's powiat on the map and in the list of powiaty/ (guide.css draws aria-current).
  function markChosen(slug) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-powiat]"), function (link) {
      if (link.getAttribute("data-powiat") === slug) { link.setAttribute("aria-current", "true"); } else { link.removeAttribute("aria-current"); }
    });
  }

  function start() {
    markChosen(stored());
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".guide-box:not([data-regional])"));
    var finder = document.querySelector(".guide-finder");
    var source = document.querySelector("[data-offices]");
    if (!source || (!boxes.length && !finder)) { return; }
    var url = new URL(source.getAttribute("data-offices"), document.baseURI);
    fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      data.url = url;
      if (boxes.length) { fillBoxes(data, boxes); }
      if (finder) {
        finder.insertBefore(picker(data, stored(), function (choice) { store(choice); window.location.href = choice + "/"; }), finder.querySelector("label"));
        townSearch(finder, data);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
