// The language selector (header and sign-in page): English, Russian, Uzbek, each named in its own language.
import { h } from '../core/dom.js';
import { chooseLanguage, language, languageNames, languages, t } from '../core/i18n.js';

let count = 0;

/** A compact select; choosing reloads the page in that language (and saves it for a signed-in user). */
export function languagePicker(signedIn, { className = 'language-picker' } = {}) {
  const id = `language-${++count}`;
  const select = h('select', { id, class: 'language-select', onchange: () => chooseLanguage(select.value, signedIn) },
    languages.map(l => h('option', { value: l, lang: l === 'uz' ? 'uz-Latn' : l, selected: l === language() }, languageNames[l])));
  return h('span', { class: className },
    h('label', { for: id, class: 'visually-hidden' }, t('common.language')), select);
}
