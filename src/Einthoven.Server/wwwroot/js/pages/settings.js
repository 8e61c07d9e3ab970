// Settings: the signed-in user's password, their notifications (channels per kind, language), and screen calibration: match a drawn card to a real credit card (85.60 mm)
// so that on-screen millimetres are real ones.
import { post } from '../core/api.js';
import { h, message, replace } from '../core/dom.js';
import { notificationSettings } from '../components/notificationSettings.js';
import { CardWidthMm, CssPxPerMm, pxPerMm, setUserFactor, userFactor } from '../viewer/calibration.js';
import { locale, t } from '../core/i18n.js';
import { languagePicker } from '../components/languagePicker.js';

const MinPassword = 10;

export function render(main, { session }) {
  const card = h('div', { class: 'calibration-card', 'aria-hidden': 'true' }, h('span', {}, t('settings.holdCard')));
  const slider = h('input', { id: 'calibration', type: 'range', min: 50, max: 200, step: 0.5, value: userFactor() * 100 });
  const value = h('output', { for: 'calibration' });
  const ruler = h('div', { class: 'ruler-10cm', 'aria-hidden': 'true' });
  const show = () => {
    const mm = pxPerMm();
    card.style.width = `${CardWidthMm * mm}px`;
    card.style.height = `${53.98 * mm}px`;
    ruler.style.width = `${100 * mm}px`;
    value.textContent = t('settings.scaleValue', { percent: (userFactor() * 100).toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }), px: mm.toLocaleString(locale(), { minimumFractionDigits: 3, maximumFractionDigits: 3 }), ratio: window.devicePixelRatio });
  };
  slider.addEventListener('input', () => { setUserFactor(Number(slider.value) / 100); show(); });
  main.append(h('h1', {}, t('nav.settings')), languageSection(session), ...(session.user ? [passwordForm(), notificationSettings()] : []),
    h('section', { class: 'card' },
      h('h2', {}, t('settings.calibration')),
      h('p', {}, t('settings.calibrationHelp', { px: CssPxPerMm.toLocaleString(locale(), { minimumFractionDigits: 3, maximumFractionDigits: 3 }) })),
      h('label', { for: 'calibration' }, t('settings.scale')), slider, value,
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'button small', onclick: () => { setUserFactor(1); slider.value = 100; show(); } }, t('settings.reset'))),
      card, h('p', { class: 'muted' }, t('settings.bar')), ruler));
  show();
}

function passwordForm() {
  const field = (id, text) => [h('label', { for: id }, text),
    h('input', { id, type: 'password', required: true, autocomplete: id === 'password-current' ? 'current-password' : 'new-password' })];
  const [currentLabel, current] = field('password-current', t('settings.currentPassword'));
  const [freshLabel, fresh] = field('password-new', t('settings.newPassword', { n: MinPassword }));
  const [confirmLabel, confirm] = field('password-confirm', t('settings.newPasswordAgain'));
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, t('settings.changePassword'));
  return h('form', { class: 'card', onsubmit: change },
    h('h2', {}, t('auth.password')),
    h('p', { class: 'muted' }, t('settings.passwordHelp')),
    currentLabel, current, freshLabel, fresh, confirmLabel, confirm, status, submit);

  async function change(event) {
    event.preventDefault();
    status.replaceChildren();
    if (fresh.value.length < MinPassword) return status.append(message('error', t('settings.newPasswordTooShort', { n: MinPassword })));
    if (fresh.value !== confirm.value) return status.append(message('error', t('settings.newPasswordsDiffer')));
    submit.disabled = true;
    try {
      await post('/api/auth/password', { currentPassword: current.value, newPassword: fresh.value });
      current.value = fresh.value = confirm.value = '';
      replace(status, message('success', t('settings.passwordChanged')));
    } catch (e) {
      replace(status, message('error', e.message));
    } finally {
      submit.disabled = false;
    }
  }
}

/** The language of the UI, e-mails and messages (saved in the profile of a signed-in user). */
function languageSection(session) {
  return h('section', { class: 'card', 'aria-labelledby': 'language-title' },
    h('h2', { id: 'language-title' }, t('common.language')),
    h('p', { class: 'muted' }, t('settings.languageHelp')),
    languagePicker(!!session.user, { className: 'language-picker settings' }));
}
