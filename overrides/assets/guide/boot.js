// Pierwsze kroki w Pomorskim: the little every page starts with (a first view must stay
// under 80 KB): the search button, whose script search.js is fetched only when the reader
// opens search, the "keep this guide" button, whose keep.js waits for its first click too,
// and sw.js, which keeps pages read once for reading offline.

// Text folding for offices.js and search.js: guide/data/fold.py's twin (tests/test_fold.py).
(function () {
  "use strict";
  var APOSTROPHES = "'\u2019\u02bc`\u00b4";
  var chars = {};
  function searchChar(c) {
    if (chars[c] === undefined) {
      var lower = c.toLowerCase();
      chars[c] = lower === "\u0142" ? "l" : APOSTROPHES.indexOf(lower) >= 0 ? "'" : lower.normalize("NFD").charAt(0);
    }
    return chars[c];
  }
  window.guideFold = {
    place: function (text) {
      return text.toLowerCase().replace(/ł/g, "l").normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "").replace(/-/g, " ").replace(/\s+/g, " ").trim();
    },
    search: function (text) {
      text = text.normalize("NFC");
      var out = "";
      for (var i = 0; i < text.length; i++) { out += searchChar(text.charAt(i)); }
      return out;
    }
  };
})();

// The page painted from the rules inline in its head (guide/site/first_paint.py): every rule its
// first paint uses. Its stylesheets (media="print", never holding a paint back) add only what
// the reader causes (hover, focus, what Material's bundle changes): they are turned on for
// the screen at the first touch, key, wheel, scroll, pointer move or focus, not during load.
(function () {
  "use strict";
  var links = document.querySelectorAll("link[data-guide-later]");
  var EVENTS = ["pointerdown", "touchstart", "keydown", "wheel", "scroll", "pointermove", "focusin"];
  function screen() {
    EVENTS.forEach(function (name) { window.removeEventListener(name, screen, true); });
    links.forEach(function (link) { link.media = "all"; });
  }
  EVENTS.forEach(function (name) {
    window.addEventListener(name, screen, { capture: true, passive: true });
  });
})();

// Material's bundle (its header title, back to top, the contents following the reading, the
// drawer's links, the edition selector): none of it is needed before the reader touches
// the page, so it loads on the first touch, key, wheel or scroll, not on every first view.
// On an old edition's page it loads at once: it shows the notice that a newer one exists.
(function () {
  "use strict";
  var holder = document.getElementById("guide-bundle");
  if (!holder) { return; }
  var EVENTS = ["pointerdown", "touchstart", "keydown", "wheel", "scroll"];
  var loaded = false;
  function load() {
    if (loaded) { return; }
    loaded = true;
    EVENTS.forEach(function (name) { window.removeEventListener(name, load, true); });
    var script = document.createElement("script");
    script.src = new URL(holder.getAttribute("data-src"), location.href).href;
    // The bundle starts on DOMContentLoaded (a listener it adds once), long past by now.
    script.addEventListener("load", function () {
      document.dispatchEvent(new Event("DOMContentLoaded"));
    });
    document.head.appendChild(script);
  }
  EVENTS.forEach(function (name) {
    window.addEventListener(name, load, { capture: true, passive: true });
  });
  // An edition's page: is this edition still the one the default alias points at?
  var notice = document.querySelector(".guide-outdated[data-edition]");
  if (notice) {
    var edition = notice.getAttribute("data-edition");
    var latest = notice.getAttribute("data-default");
    fetch(new URL(notice.getAttribute("data-versions"), location.href))
      .then(function (response) { return response.json(); })
      .then(function (versions) {
        var here = versions.filter(function (v) { return v.version === edition; })[0];
        if (!here || here.aliases.indexOf(latest) < 0) { load(); }
      })
      .catch(load);
  }
})();

(function () {
  "use strict";
  var here = document.currentScript.src;

  var opener = document.querySelector(".guide-search__open");
  var dialog = document.getElementById("guide-search");
  if (opener && dialog && typeof dialog.showModal === "function") {
    var started = false;
    // A click on the button, or "/" outside a text field (as in Material's own search).
    var start = function (event) {
      if (event.type === "keydown") {
        var target = event.target;
        // Right after Escape the closed dialog's field still has the focus (the dialog's
        // "close" event moves it later): a "/" pressed then opens search again.
        var closedField = !dialog.open && dialog.contains(target);
        var typing = target && !closedField &&
          (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
        if (event.key !== "/" || typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
        event.preventDefault();
      }
      if (started) {  // search.js is loaded: its own click handler opens the dialog
        if (event.type === "keydown" && !dialog.open) { opener.click(); }
        return;
      }
      started = true;
      opener.removeEventListener("click", start);
      var script = document.createElement("script");
      script.src = new URL("search.js", here).href;  // opens the dialog once loaded
      document.head.appendChild(script);
    };
    opener.hidden = false;  // without JavaScript there is no search to offer
    opener.setAttribute("aria-expanded", "false");
    opener.addEventListener("click", start);
    document.addEventListener("keydown", start);
  }

  // "Keep this guide on my phone" (start pages): keep.js loads on the first click.
  var keep = document.querySelector(".guide-keep");
  if (keep && "serviceWorker" in navigator && location.protocol !== "file:") {
    keep.hidden = false;
    keep.querySelector("button").addEventListener("click", function () {
      var script = document.createElement("script");
      script.src = new URL(keep.getAttribute("data-keep-script"), location.href).href;
      document.head.appendChild(script);
    }, { once: true });
  }

  var controlled = "serviceWorker" in navigator && navigator.serviceWorker.controller !== null;
  // Once the page has loaded: the worker never competes with the first paint.
  function keepOffline() {
    var root = new URL("../../", here);  // sw.js sits at the root of the site or edition
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        // This first page loaded before the worker existed: hand it the page's own files.
        // From the second page on, also the language's offline.html (not on a first view).
        var files = performance.getEntriesByType("resource").map(function (entry) { return entry.name; });
        if (controlled && dialog) {
          files.push(new URL("offline.html", new URL(dialog.getAttribute("data-root"), location.href)).href);
        }
        registration.active.postMessage({ keep: [location.href.split("#")[0]].concat(files) });
      })
      .catch(function () { /* no offline copy: the page itself still works */ });
  }
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    if (document.readyState === "complete") { keepOffline(); }
    else { window.addEventListener("load", keepOffline); }
  }
})();
