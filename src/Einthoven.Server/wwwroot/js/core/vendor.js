// The vendored libraries (wwwroot/vendor, from npm by web-deps/update.sh) are classic scripts that set a global;
// they are loaded on first use, once, from this origin (the CSP allows nothing else).
const loading = new Map();

function once(key, start) {
  if (!loading.has(key)) loading.set(key, start().catch(e => { loading.delete(key); throw e; }));
  return loading.get(key);
}

function script(src, global) {
  return once(src, () => new Promise((resolve, reject) => {
    if (window[global]) return resolve(window[global]);
    const el = document.createElement('script');
    el.src = src;
    el.onload = () => resolve(window[global]);
    el.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(el);
  }));
}

function style(href) {
  return once(href, () => new Promise((resolve, reject) => {
    const el = document.createElement('link');
    el.rel = 'stylesheet';
    el.href = href;
    el.onload = () => resolve();
    el.onerror = () => reject(new Error(`${href} did not load`));
    document.head.append(el);
  }));
}

/** The SignalR client (@microsoft/signalr), as the global `signalR`. */
export const signalR = () => script('/vendor/signalr.min.js', 'signalR');

/** Leaflet with its stylesheet, as the global `L`. */
export const leaflet = () => Promise.all([style('/vendor/leaflet.css'), script('/vendor/leaflet.js', 'L')]).then(([, L]) => L);
