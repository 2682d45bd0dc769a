// The offline copy. /sw.js sets self.COPEJAR_OFFLINE (what to keep, named by the server) and
// then loads this file and copejar-queue.js.
//
// What it keeps, in the browser's storage on this device only:
// - the shell: static files, the offline page and the public help page (nothing of anyone's);
// - a person's journal and help page, only when the server marks the page as one this device
//   may keep (never on a shared device), dropped at log-out and whenever a page here is seen
//   signed out;
// - taps saved without a signal (copejar-queue.js), until they are sent or the person logs out.
"use strict";

const config = self.COPEJAR_OFFLINE;
const SHELL = `copejar-shell-${config.version}`;
const PAGES = `copejar-pages-${config.version}`;
const SYNC_TAG = "copejar-taps";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await cache.addAll(config.shell.map((url) => new Request(url, { cache: "reload" })));
      for (const url of config.publicPages) {
        // As a visitor with no session sees it, so it holds nothing of anyone's, in the
        // language of the person who opened the app here.
        const response = await fetch(url, {
          credentials: "omit",
          cache: "no-store",
          headers: { "Accept-Language": config.language },
        });
        if (response.ok) await cache.put(url, response);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // An older version's copies name older static files: they go, and pages are kept anew.
      for (const name of await caches.keys()) {
        if (name.startsWith("copejar-") && name !== SHELL && name !== PAGES) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
    })(),
  );
});

async function forgetPages() {
  for (const name of await caches.keys()) {
    if (name.startsWith("copejar-pages-")) await caches.delete(name);
  }
}

function mayKeep(response) {
  return (
    response.ok &&
    !response.redirected &&
    response.headers.get("X-Offline-Copy") === "allowed" &&
    (response.headers.get("Content-Type") || "").startsWith("text/html")
  );
}

async function keep(path, response) {
  if (mayKeep(response)) await (await caches.open(PAGES)).put(path, response);
}

// Pages shown from the phone's copies: a copy of a public page says "signed out" about
// whoever it was kept for, so what such a page says about the visitor is not taken as news.
const servedFromCopies = new Set();

async function navigate(event) {
  const request = event.request;
  const url = new URL(request.url);
  const keepable = request.method === "GET" && !url.search && config.keptPages.includes(url.pathname);
  try {
    const response = await fetch(request);
    if (keepable) event.waitUntil(keep(url.pathname, response.clone()));
    return response;
  } catch (error) {
    servedFromCopies.add(event.resultingClientId);
    const kept = keepable && (await caches.match(url.pathname, { cacheName: PAGES }));
    const shell = await caches.open(SHELL);
    const known = request.method === "GET" && (await shell.match(url.pathname));
    return kept || known || (await shell.match(config.offlinePage)) || Response.error();
  }
}

async function fromShell(request) {
  const cached = await caches.match(request, { cacheName: SHELL });
  return cached || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
  } else if (request.method === "GET" && config.shell.includes(url.pathname)) {
    event.respondWith(fromShell(request));
  }
  // Everything else (htmx requests, quick logs) goes to the network as it would without a
  // worker: a tap that cannot get through is saved by the page, which knows what it was.
});

// --- sending the saved taps: one run at a time, in the order they were tapped ----------------

let sending = Promise.resolve();

async function tellPages(result) {
  for (const client of await self.clients.matchAll({ type: "window" })) {
    client.postMessage({ type: "sent", ...result });
  }
}

function sendNow(account, token) {
  const run = sending.then(async () => {
    const result = await self.copejarQueue.send({ account, token });
    await tellPages(result);
    return result;
  });
  sending = run.catch(() => null);
  return run;
}

async function cookieToken() {
  if (!self.cookieStore) return null;
  const cookie = await self.cookieStore.get(config.csrfCookie);
  return cookie ? cookie.value : null;
}

// Background Sync: the browser wakes the worker once the network is back, page open or not.
self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    (async () => {
      const token = await cookieToken();
      if (!token) return; // the journal sends them when it next opens
      const result = await sendNow(null, token);
      if (result.problem === "network") throw new Error("Still no network; the browser retries.");
    })(),
  );
});

async function hello({ state, account }) {
  if (state !== "keep") await forgetPages();
  if (state === "shared") await self.copejarQueue.keepOnly(account);
  if (state !== "keep") return;
  // A first visit (or a new version) has no copy yet of the pages worth having offline.
  const cache = await caches.open(PAGES);
  for (const path of config.keptPages) {
    if (await cache.match(path)) continue;
    try {
      await keep(path, await fetch(path, { credentials: "same-origin", redirect: "manual" }));
    } catch (error) {
      return; // no network: next time
    }
  }
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "hello") {
    if (!servedFromCopies.has(event.source && event.source.id)) event.waitUntil(hello(message));
  } else if (message.type === "send") {
    event.waitUntil(sendNow(message.account, message.token));
  } else if (message.type === "forget") {
    event.waitUntil(forgetPages());
  }
});
