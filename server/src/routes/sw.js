// Exitgesprek service worker: the interviewer routes and the assets they need, from one
// versioned cache, so the app opens with no network. `routes/pwa.rs` prepends the constants
// VERSION, ASSETS, PAGES, INTERVIEW_PREFIX and INTERVIEW_SHELL; VERSION is a hash of the
// assets, so a new build gives a new worker and a new cache.
//
// Navigations to an interviewer route are answered from the cache of this version (the HTML
// and the wasm it hydrates with always come from the same build). Everything else, and every
// non-GET request, goes to the network untouched.
"use strict";

const CACHE = `exitgesprek-${VERSION}`;

self.addEventListener("install", (event) => {
  // `reload` skips the HTTP cache: the files must be the ones this version was hashed from.
  const urls = [...ASSETS, ...PAGES, INTERVIEW_SHELL];
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(urls.map((url) => new Request(url, { cache: "reload" })))),
  );
  // No skipWaiting here: a new version waits until the interviewer chooses to update.
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("exitgesprek-") && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") {
    self.skipWaiting();
  }
});

// The cached URL that answers `path`, or null when the network must.
function cachedUrlFor(request, path) {
  if (request.mode === "navigate") {
    if (PAGES.includes(path)) {
      return path;
    }
    // Every interview has the same server-rendered HTML: its data is read from the device
    // after hydration, so one shell serves them all (and nothing else).
    const rest = path.startsWith(INTERVIEW_PREFIX) ? path.slice(INTERVIEW_PREFIX.length) : "";
    return rest !== "" && !rest.includes("/") ? INTERVIEW_SHELL : null;
  }
  return ASSETS.includes(path) ? path : null;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  const cached = cachedUrlFor(request, url.pathname);
  if (cached === null) {
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(cached))
      .then((hit) => hit || fetch(request)),
  );
});
