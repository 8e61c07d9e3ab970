import { post } from '../core/api.js';
import { h, message } from '../core/dom.js';
import { t } from '../core/i18n.js';

const MinPassword = 10;

export function render(main, { navigate, refreshSession }) {
  const field = (id, labelText, attrs) => [h('label', { for: id }, labelText), h('input', { id, ...attrs })];
  const [nameLabel, name] = field('register-name', t('auth.yourName'), { type: 'text', autocomplete: 'name', required: true, maxlength: 100 });
  const [emailLabel, email] = field('register-email', t('auth.email'), { type: 'email', autocomplete: 'username', required: true });
  const [passwordLabel, password] = field('register-password', t('auth.passwordAtLeast', { n: MinPassword }),
    { type: 'password', autocomplete: 'new-password', required: true, minlength: MinPassword });
  const [confirmLabel, confirm] = field('register-confirm', t('auth.passwordAgain'), { type: 'password', autocomplete: 'new-password', required: true });
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, t('auth.createAccount'));
  main.append(h('form', { class: 'card narrow', onsubmit: register },
    h('h1', {}, t('auth.createPatientAccount')),
    h('p', { class: 'muted' }, t('auth.registerIntro')),
    nameLabel, name, emailLabel, email, passwordLabel, password, confirmLabel, confirm, status, submit,
    h('p', { class: 'muted' }, t('auth.alreadyRegistered'), ' ', h('a', { href: '/signin' }, t('auth.signIn')))));
  name.focus();

  async function register(event) {
    event.preventDefault();
    status.replaceChildren();
    if (password.value.length < MinPassword) return status.append(message('error', t('auth.passwordTooShort', { n: MinPassword })));
    if (password.value !== confirm.value) return status.append(message('error', t('auth.passwordsDiffer')));
    submit.disabled = true;
    try {
      await post('/api/auth/register', { email: email.value.trim(), password: password.value, displayName: name.value.trim() });
      // The server answers alike whether or not the e-mail was taken (accounts are not discoverable): signing in tells.
      await post('/api/auth/login', { email: email.value.trim(), password: password.value });
      await refreshSession();
      navigate('/');
    } catch (e) {
      status.append(message('error', e.status === 401
        ? t('auth.emailTaken') : e.message));
      submit.disabled = false;
    }
  }
}
