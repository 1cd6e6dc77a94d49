// Pierwsze kroki w Pomorskim: "Keep this guide on my phone" (partials/guide/keep.html), loaded
// by boot.js on the button's first click. Shows what the language's files cost to download
// (offline-pack.json, measured at build time), hands them to sw.js in small batches to show
// the progress, and removes them again. The worker's cache is its own: this script only
// sends it addresses.
(function () {
  "use strict";
  var box = document.querySelector(".guide-keep");
  if (!box) { return; }
  var status = box.querySelector(".guide-keep__status");
  var bar = box.querySelector(".guide-keep__progress");
  var start = box.querySelector(".guide-keep__start");
  var confirm = box.querySelector(".guide-keep__confirm");
  var remove = box.querySelector(".guide-keep__remove");
  var lang = document.documentElement.lang;
  var packUrl = new URL(box.getAttribute("data-keep-pack"), location.href);
  var BATCH = 6;

  function say(key, values) {
    status.textContent = box.getAttribute("data-" + key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }
  function size(bytes) {
    var units = box.getAttribute("data-units").split(" ");
    var mega = bytes >= 1000000;
    var number = new Intl.NumberFormat(lang, { maximumFractionDigits: mega ? 1 : 0 })
      .format(bytes / (mega ? 1000000 : 1000));
    return number + "\u00a0" + units[mega ? 1 : 0];
  }
  function ask(message) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data); };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }
  function show(kept, pack) {
    start.hidden = true;
    bar.hidden = true;
    confirm.hidden = kept;
    remove.hidden = !kept;
    say(kept ? "done" : "size", { size: size(pack.bytes) });
  }

  function load() {
    return fetch(packUrl).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    }).then(function (pack) {
      var files = pack.files.map(function (file) { return new URL(file, packUrl).href; });
      var powiat = null;
      try { powiat = window.localStorage.getItem("guide.powiat"); } catch (e) { /* private mode */ }
      if (powiat && /^[a-z-]+$/.test(powiat)) {  // the reader's powiat: its offices too
        files.push(new URL("offices/" + powiat + ".json", packUrl).href);
      }
      return { bytes: pack.bytes, files: files };
    });
  }

  function keepAll(pack) {
    var done = 0;
    confirm.hidden = true;
    bar.hidden = false;
    function next() {
      bar.value = Math.round(100 * done / pack.files.length);
      say("progress", { percent: bar.value });
      if (done >= pack.files.length) { return Promise.resolve({ ok: true }); }
      var batch = pack.files.slice(done, done + BATCH);
      return ask({ keep: batch }).then(function (answer) {
        if (!answer.ok) { return answer; }
        done += batch.length;
        return next();
      });
    }
    return next().then(function (answer) {
      if (answer.ok) { show(true, pack); } else { bar.hidden = true; confirm.hidden = false; say("failed"); }
    });
  }

  load().then(function (pack) {
    confirm.addEventListener("click", function () { keepAll(pack); });
    remove.addEventListener("click", function () {
      ask({ forget: pack.files }).then(function () { show(false, pack); say("removed"); });
    });
    return ask({ has: pack.files }).then(function (answer) {
      show(answer.kept === pack.files.length, pack);
    });
  }).catch(function () { start.hidden = true; say("failed"); });
})();
