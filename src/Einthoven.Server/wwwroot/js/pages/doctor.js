// The doctor's start page: the patients who granted access, and the form to claim a patient's key.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, utc } from '../core/format.js';

export async function render(main, { isDoctor }) {
  if (!isDoctor()) return main.append(h('h1', {}, 'Patients'), message('info', 'This page is for doctors. An administrator gives the doctor role.'));
  const list = h('section', { class: 'card', 'aria-labelledby': 'patients-title' });
  const email = h('input', { id: 'claim-email', type: 'email', required: true, autocomplete: 'off' });
  const key = h('input', { id: 'claim-key', required: true, autocomplete: 'off', spellcheck: false, placeholder: 'XXXX-XXXX-XXXX-XXXX-XXXX', class: 'key-input' });
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Add patient');
  main.append(h('h1', {}, 'Patients'),
    h('form', { class: 'card', onsubmit: claim },
      h('h2', {}, 'Add a patient'),
      h('p', { class: 'muted' }, 'Enter the e-mail address and the access key your patient gave you.'),
      h('div', { class: 'row' },
        h('label', { class: 'control', for: 'claim-email' }, h('span', {}, 'Patient e-mail'), email),
        h('label', { class: 'control', for: 'claim-key' }, h('span', {}, 'Access key'), key), submit),
      status),
    list);
  await refresh();

  async function claim(event) {
    event.preventDefault();
    submit.disabled = true;
    try {
      const grant = await post('/api/grants', { patientEmail: email.value.trim(), key: key.value.trim() });
      replace(status, message('success', `You now have access to ${grant.patient.displayName}'s recordings.`));
      email.value = key.value = '';
      await refresh();
    } catch (e) {
      replace(status, message('error', e.status === 400 ? 'The e-mail and key do not match an active access key. Check both with your patient: ' +
        'a key admits only as many doctors as your patient chose (usually one) and only until it expires.' : e.message));
    } finally {
      submit.disabled = false;
    }
  }

  async function refresh() {
    const patients = await get('/api/doctor/patients');
    replace(list, h('h2', { id: 'patients-title' }, 'Patients who share with you'),
      patients.length === 0 ? h('p', { class: 'muted' }, 'No patient shares recordings with you yet.') :
        h('ul', { class: 'patients' }, patients.map(p => h('li', { dataset: { patient: p.patientId } },
          h('a', { href: `/doctor/patients/${p.patientId}` }, h('strong', {}, p.displayName), h('span', { class: 'muted' }, ` ${p.email}`)),
          h('span', { class: 'muted small' }, ` · shared since ${dateTime(utc(p.grantedAt))}${p.expiresAt ? `, until ${dateTime(utc(p.expiresAt))}` : ''}`)))));
  }
}
