// The web UI's texts in the user's language: English, Russian or Uzbek (Latin script). The language is the user's
// choice (the einthoven-lang cookie, which the server also reads, and their profile), else the browser's, else
// English. Texts live in wwwroot/i18n/{language}/{area}.json as flat "area.key": "text" objects with {name}
// placeholders; the server serves each language merged at /i18n/{language}.json, and a test fails when a key is
// missing in any language.
export const languages = ['en', 'ru', 'uz'];
export const languageNames = { en: 'English', ru: 'Русский', uz: 'Oʻzbekcha' };
const locales = { en: 'en-GB', ru: 'ru-RU', uz: 'uz-Latn-UZ' };
const cookie = 'einthoven-lang';

let current = 'en';
let texts = {};
let english = {};

/** The language in use. */
export const language = () => current;

/** The locale that formats dates, times and numbers in the language in use. */
export const locale = () => locales[current];

function fromCookie() {
  const match = document.cookie.split('; ').find(c => c.startsWith(`${cookie}=`));
  return match ? normalise(match.slice(cookie.length + 1)) : null;
}

const normalise = tag => {
  const primary = String(tag ?? '').toLowerCase().split(/[-_]/)[0];
  return languages.includes(primary) ? primary : null;
};

/** The user's chosen language, else the browser's best supported one, else English. */
export const preferredLanguage = (userLanguage = null) =>
  normalise(userLanguage) ?? fromCookie() ?? (navigator.languages ?? [navigator.language]).map(normalise).find(Boolean) ?? 'en';

async function fetchTexts(lang) {
  const response = await fetch(`/i18n/${lang}.json`, { credentials: 'same-origin' });
  return response.ok ? response.json() : {};
}

/** Loads the texts of a language (and English for anything missing) and marks the document with it. */
export async function useLanguage(lang) {
  current = normalise(lang) ?? 'en';
  [texts, english] = await Promise.all([fetchTexts(current), current === 'en' ? Promise.resolve(null) : fetchTexts('en')]);
  english ??= texts;
  document.documentElement.lang = current === 'uz' ? 'uz-Latn' : current;
  translateShell();
}

/** The texts of the static page (index.html): elements marked data-i18n="key" (text) or data-i18n-aria-label="key". */
export function translateShell(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  const manifest = root.querySelector?.('link[rel="manifest"]');
  if (manifest) manifest.href = `/manifest.webmanifest?lang=${current}`;
}

/** The text of a key in the language in use, its {name} placeholders filled from params. */
export function t(key, params = {}) {
  const text = texts[key] ?? english[key] ?? key;
  return text.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// Plural forms: a text with forms separated by "|" in the order of its language's plural categories (English and
// Uzbek: one|other; Russian: one|few|many), e.g. "{n} lead|{n} leads", "{n} отведение|{n} отведения|{n} отведений".
const pluralOrder = { en: ['one', 'other'], ru: ['one', 'few', 'many', 'other'], uz: ['one', 'other'] };

/** The text of a key in the form for the count n (also given to the text as {n}, formatted in the language's locale). */
export function tn(key, n, params = {}) {
  const forms = (texts[key] ?? english[key] ?? key).split('|');
  const source = texts[key] !== undefined ? current : 'en';
  const category = new Intl.PluralRules(locales[source]).select(n);
  const index = Math.max(0, pluralOrder[source].indexOf(category));
  const text = forms[Math.min(index, forms.length - 1)];
  const all = { n: Number(n).toLocaleString(locales[current]), ...params };
  return text.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (m, name) => (name in all ? String(all[name]) : m));
}

/** Remembers a choice (cookie for every later request; the server also saves it for a signed-in user) and reloads. */
export async function chooseLanguage(lang, signedIn) {
  const chosen = normalise(lang) ?? 'en';
  document.cookie = `${cookie}=${chosen}; path=/; max-age=31536000; samesite=lax`;
  if (signedIn) {
    await fetch('/api/me/language', {
      method: 'PUT', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ language: chosen }),
    });
  }
  location.reload();
}
