// Pierwsze kroki w Pomorskim: pages read once stay readable without a connection.
// Network first, so readers online always get the current facts; the copy kept from the
// last visit is used only when the network fails. The worker trusts only itself: one cache,
// named after this guide and its scope (the site's or the edition's folder), holds its
// copies and is the only one it reads; other sites of the same origin (a github.io
// organisation) have caches of their own, which it never answers from or deletes.
"use strict";
var SCOPE = self.registration.scope;
var NAME = "pierwsze-kroki-w-pomorskim";
var CACHE = NAME + ":2:" + SCOPE;
// Names earlier versions of this worker gave their cache in this scope: deleted on activate.
var LEGACY = ["guide-offline-v1:" + SCOPE];
// Each language's page for an address not kept yet: <language root>offline.html.
var OFFLINE = "offline.html";

function mine(url) {
  return url.indexOf(SCOPE) === 0;
}

function keep(request, response) {
  if (request.method !== "GET" || !response || !response.ok || response.type !== "basic") {
    return;
  }
  var copy = response.clone();
  caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
}

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        var ours = name.indexOf(NAME + ":") === 0 && name.slice(-SCOPE.length - 1) === ":" + SCOPE;
        return name !== CACHE && (ours || LEGACY.indexOf(name) >= 0);
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

// Messages from the guide's pages, each answered on its port (when one is given) once done:
// {keep: urls} stores what is not kept yet (the first page, loaded before this worker existed,
// sends its own files and its language's offline page; keep.js a whole language), {has: urls}
// counts what is kept, {forget: urls} deletes ("Keep this guide": remove).
self.addEventListener("message", function (event) {
  var data = event.data || {};
  var port = event.ports && event.ports[0];
  function own(list) {
    return (list || []).map(function (url) { return new URL(url, SCOPE).href; }).filter(mine);
  }
  var work = caches.open(CACHE).then(function (cache) {
    if (data.forget) {
      return Promise.all(own(data.forget).map(function (url) { return cache.delete(url); }));
    }
    var urls = own(data.keep || data.has);
    // Only what is not kept yet: rewriting a copy would hide it while the write lasts.
    return Promise.all(urls.map(function (url) {
      return cache.match(url).then(function (found) { return found ? null : url; });
    })).then(function (missing) {
      missing = missing.filter(Boolean);
      return data.has ? { kept: urls.length - missing.length } : cache.addAll(missing);
    });
  });
  event.waitUntil(work.then(function (answer) {
    if (port) { port.postMessage(answer && answer.kept !== undefined ? answer : { ok: true }); }
  }, function () {
    if (port) { port.postMessage({ ok: false }); }  // offline, or a file is missing
  }));
});

// The offline page of the language whose folder `url` is in (the default language's at the
// scope's root), served at `url` with a <base> so its links resolve from its own address.
function offlinePage(cache, url) {
  var first = url.slice(SCOPE.length).split("/")[0];
  var own = SCOPE + first + "/" + OFFLINE;
  return cache.match(first ? own : SCOPE + OFFLINE).then(function (found) {
    return found ? [own, found] : cache.match(SCOPE + OFFLINE).then(function (root) {
      return root ? [SCOPE + OFFLINE, root] : null;
    });
  }).then(function (page) {
    if (!page) { return Response.error(); }
    return page[1].text().then(function (html) {
      var base = '<meta charset="utf-8"><base href="' + page[0] + '">';
      return new Response(html.replace('<meta charset="utf-8">', base), {
        status: 503,
        headers: { "Content-Type": "text/html; charset=utf-8" }
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !mine(request.url)) {
    return;
  }
  event.respondWith(
    fetch(request).then(function (response) {
      keep(request, response);
      return response;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) {
        // By address alone: a reload or a navigation asks with other headers than the copy.
        return cache.match(request.url, { ignoreSearch: true, ignoreVary: true }).then(function (kept) {
          if (kept) { return kept; }
          return request.mode === "navigate" ? offlinePage(cache, request.url) : Response.error();
        });
      });
    })
  );
});
