// Settings: the signed-in user's password, their notifications (channels per kind, language), and screen calibration: match a drawn card to a real credit card (85.60 mm)
// so that on-screen millimetres are real ones.
import { post } from '../core/api.js';
import { h, message, replace } from '../core/dom.js';
import { notificationSettings } from '../components/notificationSettings.js';
import { CardWidthMm, CssPxPerMm, pxPerMm, setUserFactor, userFactor } from '../viewer/calibration.js';

const MinPassword = 10;

export function render(main, { session }) {
  const card = h('div', { class: 'calibration-card', 'aria-hidden': 'true' }, h('span', {}, 'Hold a bank card here'));
  const slider = h('input', { id: 'calibration', type: 'range', min: 50, max: 200, step: 0.5, value: userFactor() * 100 });
  const value = h('output', { for: 'calibration' });
  const ruler = h('div', { class: 'ruler-10cm', 'aria-hidden': 'true' });
  const show = () => {
    const mm = pxPerMm();
    card.style.width = `${CardWidthMm * mm}px`;
    card.style.height = `${53.98 * mm}px`;
    ruler.style.width = `${100 * mm}px`;
    value.textContent = `${(userFactor() * 100).toFixed(1)} % · ${mm.toFixed(3)} CSS px per mm · device pixel ratio ${window.devicePixelRatio}`;
  };
  slider.addEventListener('input', () => { setUserFactor(Number(slider.value) / 100); show(); });
  main.append(h('h1', {}, 'Settings'), ...(session.user ? [passwordForm(), notificationSettings()] : []),
    h('section', { class: 'card' },
      h('h2', {}, 'Screen calibration'),
      h('p', {}, `The viewer draws ECG paper in millimetres: CSS defines one millimetre as ${CssPxPerMm.toFixed(3)} CSS pixels, and the browser
        scales CSS pixels to the screen by the device pixel ratio. Screens that misreport their size draw millimetres a little too large
        or small, so hold a credit or bank card against the screen and move the slider until the drawn card matches it exactly.
        The setting is kept in this browser only.`),
      h('label', { for: 'calibration' }, 'Scale'), slider, value,
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'button small', onclick: () => { setUserFactor(1); slider.value = 100; show(); } }, 'Reset to 100 %')),
      card, h('p', { class: 'muted' }, 'This bar should measure 10 cm:'), ruler));
  show();
}

function passwordForm() {
  const field = (id, text) => [h('label', { for: id }, text),
    h('input', { id, type: 'password', required: true, autocomplete: id === 'password-current' ? 'current-password' : 'new-password' })];
  const [currentLabel, current] = field('password-current', 'Current password');
  const [freshLabel, fresh] = field('password-new', `New password (at least ${MinPassword} characters)`);
  const [confirmLabel, confirm] = field('password-confirm', 'New password again');
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Change password');
  return h('form', { class: 'card', onsubmit: change },
    h('h2', {}, 'Password'),
    h('p', { class: 'muted' }, 'Changing it signs you out everywhere else. Personal access tokens (the command-line tool, devices) stay valid: revoke them separately.'),
    currentLabel, current, freshLabel, fresh, confirmLabel, confirm, status, submit);

  async function change(event) {
    event.preventDefault();
    status.replaceChildren();
    if (fresh.value.length < MinPassword) return status.append(message('error', `The new password needs at least ${MinPassword} characters.`));
    if (fresh.value !== confirm.value) return status.append(message('error', 'The two new passwords differ.'));
    submit.disabled = true;
    try {
      await post('/api/auth/password', { currentPassword: current.value, newPassword: fresh.value });
      current.value = fresh.value = confirm.value = '';
      replace(status, message('success', 'Your password is changed.'));
    } catch (e) {
      replace(status, message('error', e.message));
    } finally {
      submit.disabled = false;
    }
  }
}
