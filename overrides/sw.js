// Pierwsze kroki w Pomorskim: pages read once stay readable without a connection.
// Network first, so readers online always get the current facts; the copy kept from the
// last visit is used only when the network fails. Only this site's own files are kept.
"use strict";
var CACHE = "guide-offline-v1:" + self.registration.scope;

function keep(request, response) {
  if (request.method !== "GET" || !response || !response.ok || response.type !== "basic") {
    return;
  }
  var copy = response.clone();
  caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
}

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

// The first page was loaded before this worker existed: the page sends its own addresses.
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.keep) || [];
  var own = urls.filter(function (url) { return new URL(url).origin === self.location.origin; });
  // Only what is not kept yet: rewriting a copy would hide it while the write lasts.
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(own.map(function (url) {
        return cache.match(url).then(function (found) { return found ? null : url; });
      })).then(function (missing) {
        return cache.addAll(missing.filter(Boolean));
      });
    }).catch(function () { /* offline already: nothing to keep */ })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    fetch(request).then(function (response) {
      keep(request, response);
      return response;
    }).catch(function () {
      // By address alone: a reload or a navigation asks with other headers than the copy.
      return caches.match(request.url, { ignoreSearch: true, ignoreVary: true }).then(function (cached) {
        return cached || Response.error();
      });
    })
  );
});
