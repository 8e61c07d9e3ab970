// Service worker: keeps the app shell for offline start and installability. Pages and scripts come from the network
// first (so a new version shows at once) and from the cache only when offline. API answers - medical data - are never
// cached.
const Cache = 'einthoven-shell-v1';
const Shell = ['/', '/css/app.css', '/css/risk.css', '/js/app.js', '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(Cache).then(cache => cache.addAll(Shell)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k !== Cache).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/docs')) return;
  event.respondWith(fromNetwork(event.request, event.request.mode === 'navigate'));
});

async function fromNetwork(request, isPage) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(Cache);
      await cache.put(isPage ? '/' : request, response.clone());
    }
    return response;
  } catch (e) {
    const cached = await caches.match(isPage ? '/' : request);
    if (cached) return cached;
    throw e;
  }
}
