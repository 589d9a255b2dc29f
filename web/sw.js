// Tanya's offline app shell. `cargo xtask dist` writes dist/sw.js from this
// file, filling in the build's files and a version that changes with every
// release (it is a hash of the content-hashed file names).
//
// - Content-hashed files (wasm, JS, CSS) are served from the cache first:
//   their names change with their content, so a cached copy is never stale.
// - Pages and questionnaires go to the network first; the cached copy is
//   used only when the network fails, so an online respondent always gets
//   the current release.
// - A new release installs a new cache and deletes every older one on
//   activation, so a stale wasm never stays.
// - Entries (POST) are never touched: the form's outbox queues and retries them.
// - Matches ignore `Vary`: a server that sends `Vary: Origin` (the
//   collector's CORS layer does) would otherwise never match the module
//   script and wasm requests, which carry an Origin header that the
//   precache requests lacked, and an offline reload would never load.

const VERSION = "__VERSION__";
const HASHED = __HASHED__;
const CACHE = `tanya-shell-${VERSION}`;

// The questionnaire URL the page's #tanya-config block names, if any, so a
// page deployed with `"survey": "/surveys/x.json"` also works offline.
async function configuredSurvey(cache) {
  try {
    const page = await cache.match("/", { ignoreVary: true });
    const html = page ? await page.text() : "";
    const block = html.match(/<script type="application\/json" id="tanya-config">([\s\S]*?)<\/script>/);
    const survey = block ? JSON.parse(block[1]).survey : null;
    if (typeof survey === "string") {
      const url = new URL(survey, self.location.href);
      if (url.origin === self.location.origin) await cache.add(url.pathname + url.search);
    }
  } catch (_) {
    // A page without a questionnaire URL, or one that cannot be fetched now.
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(["/", ...HASHED]).then(() => configuredSurvey(cache)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("tanya-shell-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Network first; a copy goes into the cache without holding up (or, if the
// cache refuses it, losing) the fresh response.
async function networkFirst(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const hit =
      (await cache.match(request, { ignoreVary: true })) ||
      (request.mode === "navigate" && (await cache.match("/", { ignoreVary: true })));
    if (hit) return hit;
    throw error;
  }
  if (response.status === 200) {
    event.waitUntil(cache.put(request, response.clone()).catch(() => {}));
  }
  return response;
}

async function cacheFirst(request) {
  const hit = await caches.match(request, { cacheName: CACHE, ignoreVary: true });
  return hit || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  event.respondWith(HASHED.includes(url.pathname) ? cacheFirst(request) : networkFirst(event));
});
