import { post } from '../core/api.js';
import { h, message } from '../core/dom.js';

const MinPassword = 10;

export function render(main, { navigate, refreshSession }) {
  const field = (id, labelText, attrs) => [h('label', { for: id }, labelText), h('input', { id, ...attrs })];
  const [nameLabel, name] = field('register-name', 'Your name', { type: 'text', autocomplete: 'name', required: true, maxlength: 100 });
  const [emailLabel, email] = field('register-email', 'E-mail', { type: 'email', autocomplete: 'username', required: true });
  const [passwordLabel, password] = field('register-password', `Password (at least ${MinPassword} characters)`,
    { type: 'password', autocomplete: 'new-password', required: true, minlength: MinPassword });
  const [confirmLabel, confirm] = field('register-confirm', 'Password again', { type: 'password', autocomplete: 'new-password', required: true });
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Create account');
  main.append(h('form', { class: 'card narrow', onsubmit: register },
    h('h1', {}, 'Create a patient account'),
    h('p', { class: 'muted' }, 'Store your ECG recordings, see their analysis and share them with the doctors you choose.'),
    nameLabel, name, emailLabel, email, passwordLabel, password, confirmLabel, confirm, status, submit,
    h('p', { class: 'muted' }, 'Already registered? ', h('a', { href: '/signin' }, 'Sign in'))));
  name.focus();

  async function register(event) {
    event.preventDefault();
    status.replaceChildren();
    if (password.value.length < MinPassword) return status.append(message('error', `The password needs at least ${MinPassword} characters.`));
    if (password.value !== confirm.value) return status.append(message('error', 'The two passwords differ.'));
    submit.disabled = true;
    try {
      await post('/api/auth/register', { email: email.value.trim(), password: password.value, displayName: name.value.trim() });
      // The server answers alike whether or not the e-mail was taken (accounts are not discoverable): signing in tells.
      await post('/api/auth/login', { email: email.value.trim(), password: password.value });
      await refreshSession();
      navigate('/');
    } catch (e) {
      status.append(message('error', e.status === 401
        ? 'This e-mail already has an account: sign in with its password.' : e.message));
      submit.disabled = false;
    }
  }
}
