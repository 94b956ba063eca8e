// Keeps the verifier working offline. The page's own files (listed with a build
// hash by build.mjs in sw-assets.js) come from the cache first; config.json and
// the trust bundle come from the network first, so a newer bundle is picked up
// whenever there is a connection, and from the cache when there is none; such
// a saved copy is marked (X-Poura-Saved-Copy) so that the page can say so.
/* global PAGE_ASSETS, PAGE_BUILD */
importScripts('./sw-assets.js');

const SHELL_PREFIX = 'poura-verifier-shell-';
const SHELL = SHELL_PREFIX + PAGE_BUILD;
const DATA = 'poura-verifier-data';

const scope = new URL(self.registration.scope);
// PAGE_ASSETS: { path: "sha256-..." } of every file of this build.
const shellAssets = Object.entries(PAGE_ASSETS).map(([path, integrity]) => ({ url: new URL(path, scope).href, integrity }));
const shellUrls = new Set(shellAssets.map((asset) => asset.url));

// On a first visit the page has just downloaded its scripts and the verifier's
// .wasm: they are taken from the browser's HTTP cache rather than downloaded a
// second time. The build's hash of each file makes sure that a copy left there
// by an older build is not kept in its place: it fails the integrity check and
// the file is fetched afresh.
async function shellResponse({ url, integrity }) {
  try {
    return await fetch(new Request(url, { cache: 'force-cache', integrity }));
  } catch {
    return fetch(new Request(url, { cache: 'reload', integrity }));
  }
}

async function cacheData() {
  const data = await caches.open(DATA);
  const configUrl = new URL('config.json', scope).href;
  const config = await fetch(configUrl, { cache: 'no-cache' });
  if (!config.ok) return;
  await data.put(configUrl, config.clone());
  const { trustBundleUrl } = await config.json();
  const bundleUrl = new URL(trustBundleUrl, scope).href;
  const bundle = await fetch(bundleUrl, { cache: 'no-cache' });
  if (bundle.ok) await data.put(bundleUrl, bundle);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL);
      await Promise.all(
        shellAssets.map(async (asset) => {
          const response = await shellResponse(asset);
          if (!response.ok) throw new Error(`${asset.url}: HTTP ${response.status}`);
          await shell.put(asset.url, response);
        }),
      );
      await cacheData();
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_PREFIX) && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

function withoutQuery(request) {
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  return url.href;
}

async function shellFirst(request) {
  const cached = await caches.match(withoutQuery(request), { cacheName: SHELL });
  return cached || fetch(request);
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const data = await caches.open(DATA);
      await data.put(withoutQuery(request), response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(withoutQuery(request), { cacheName: DATA });
    if (!cached) throw error;
    const headers = new Headers(cached.headers);
    headers.set('X-Poura-Saved-Copy', cached.headers.get('Date') || 'yes');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = withoutQuery(request);
  if (shellUrls.has(url)) event.respondWith(shellFirst(request));
  else if (url.startsWith(scope.href) || request.destination === '') event.respondWith(networkFirst(request));
});
