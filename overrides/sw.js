// Pierwsze kroki w Pomorskim: pages read once stay readable offline (MAINTAINING.md "Privacy, security, offline").
// Network first; the kept copy only when the network fails. Trusts only itself: one cache,
// named by this guide and its scope, is the only one it reads or cleans (SECURITY.md).
"use strict";
var SCOPE = self.registration.scope;
var NAME = "pierwsze-kroki-w-pomorskim:";
var CACHE = NAME + "2:" + SCOPE;
var LEGACY = "guide-offline-v1:" + SCOPE;  // an earlier worker's cache

function mine(url) { return url.indexOf(SCOPE) === 0; }

function kept() { return caches.open(CACHE); }

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name !== CACHE && (name === LEGACY ||
        (name.indexOf(NAME) === 0 && name.slice(-SCOPE.length - 1) === ":" + SCOPE));
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// From the pages, answered on the port given: {keep: urls} stores what is not kept yet,
// {has: urls} counts what is, {forget: urls} deletes (boot.js, keep.js).
self.addEventListener("message", function (event) {
  var data = event.data || {};
  var port = event.ports && event.ports[0];
  var urls = (data.keep || data.has || data.forget || []).map(function (url) {
    return new URL(url, SCOPE).href;
  }).filter(mine);
  event.waitUntil(kept().then(function (cache) {
    if (data.forget) { return Promise.all(urls.map(function (url) { return cache.delete(url); })); }
    // Rewriting a kept copy would hide it while the write lasts.
    return Promise.all(urls.map(function (url) {
      return cache.match(url).then(function (found) { return found ? null : url; });
    })).then(function (missing) {
      missing = missing.filter(Boolean);
      return data.has ? { kept: urls.length - missing.length } : cache.addAll(missing);
    });
  }).then(function (answer) {
    if (port) { port.postMessage(data.has ? answer : { ok: true }); }
  }, function () {
    if (port) { port.postMessage({ ok: false }); }
  }));
});

// A page not kept: offline.html of the language folder the address is in (the default
// language's at the root), with a <base> so that its links resolve from its own address.
function offlinePage(cache, url) {
  var first = url.slice(SCOPE.length).split("/")[0];
  var pages = [SCOPE + first + "/offline.html", SCOPE + "offline.html"];
  return cache.match(pages[0]).then(function (own) {
    return own ? [pages[0], own] : cache.match(pages[1]).then(function (root) { return [pages[1], root]; });
  }).then(function (page) {
    if (!page[1]) { return Response.error(); }
    return page[1].text().then(function (html) {
      var head = '<meta charset="utf-8">';
      return new Response(html.replace(head, head + '<base href="' + page[0] + '">'), {
        status: 503, headers: { "Content-Type": "text/html; charset=utf-8" }
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !mine(request.url)) { return; }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      kept().then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return kept().then(function (cache) {
      // By address alone: a reload or a navigation asks with other headers than the copy.
      return cache.match(request.url, { ignoreSearch: true, ignoreVary: true }).then(function (copy) {
        return copy || (request.mode === "navigate" ? offlinePage(cache, request.url) : Response.error());
      });
    });
  }));
});
