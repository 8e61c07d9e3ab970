// History-API routing: same-origin links navigate without reloading; each route renders a page into the main element.
const routes = [];
let current = null;
let onRoute = () => {};

export function route(pattern, load) {
  routes.push({ pattern: new RegExp(`^${pattern.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`), load });
}

export function start(handler) {
  onRoute = handler;
  document.addEventListener('click', event => {
    const link = event.target.closest('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || link.target || link.hasAttribute('download') || url.pathname.startsWith('/api/') || url.pathname.startsWith('/docs')) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
  window.addEventListener('popstate', () => resolve());
  return resolve();
}

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else if (path !== location.pathname + location.search) history.pushState(null, '', path);
  return resolve();
}

async function resolve() {
  const path = location.pathname;
  for (const r of routes) {
    const match = r.pattern.exec(path);
    if (match) {
      current = { path, params: match.groups ?? {}, query: new URLSearchParams(location.search), load: r.load };
      return onRoute(current);
    }
  }
  current = { path, params: {}, query: new URLSearchParams(location.search), load: null };
  return onRoute(current);
}
