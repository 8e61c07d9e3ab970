import { t } from './i18n.js';

// JSON calls to the server's REST API with the session cookie; failures become ApiError with the problem details.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || t('errors.requestFailed', { status }));
    this.status = status;
    this.problem = problem ?? {};
  }
}

export async function api(method, url, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, { title: t('errors.networkTitle'), detail: t('errors.network') });
  }
  if (response.status === 401 && !url.startsWith('/api/auth/')) window.dispatchEvent(new CustomEvent('einthoven:signed-out'));
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  if (response.status === 204) return null;
  return response.json();
}

export async function problemOf(response) {
  const text = await response.text();
  try { return JSON.parse(text); } catch { return { title: response.statusText, detail: text.slice(0, 300) }; }
}

export const get = url => api('GET', url);
export const post = (url, body) => api('POST', url, body ?? {});
export const del = url => api('DELETE', url);
