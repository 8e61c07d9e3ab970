import { post } from '../core/api.js';
import { h, message } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { languagePicker } from '../components/languagePicker.js';

export function render(main, { query, navigate, refreshSession, session, startPage }) {
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, id: 'signin-email' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, id: 'signin-password' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, t('auth.signIn'));
  const form = h('form', { class: 'card narrow', onsubmit: signIn },
    h('h1', {}, t('auth.signIn')),
    h('label', { for: 'signin-email' }, t('auth.email')), email,
    h('label', { for: 'signin-password' }, t('auth.password')), password,
    status, submit,
    h('p', { class: 'muted' }, t('auth.newHere'), ' ', h('a', { href: '/register' }, t('auth.createPatientAccount'))),
    languagePicker(!!session.user, { className: 'language-picker signin' }));
  main.append(form);
  if (session.user) status.append(message('info', t('auth.signedInAs', { email: session.user.email })));
  email.focus();

  async function signIn(event) {
    event.preventDefault();
    submit.disabled = true;
    status.replaceChildren();
    try {
      const user = await post('/api/auth/login', { email: email.value.trim(), password: password.value });
      await refreshSession();
      const next = query.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : startPage(user.roles));
    } catch (e) {
      status.append(message('error', e.status === 401 ? t('auth.wrongPassword') : e.message));
      submit.disabled = false;
    }
  }
}
