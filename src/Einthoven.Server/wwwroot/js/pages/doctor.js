// The doctor's start page: the patients who granted access, and the form to claim a patient's key.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, utc } from '../core/format.js';
import { t } from '../core/i18n.js';

export async function render(main, { isDoctor }) {
  if (!isDoctor()) return main.append(h('h1', {}, t('doctor.patients')), message('info', t('doctor.onlyDoctors')));
  const list = h('section', { class: 'card', 'aria-labelledby': 'patients-title' });
  const email = h('input', { id: 'claim-email', type: 'email', required: true, autocomplete: 'off' });
  const key = h('input', { id: 'claim-key', required: true, autocomplete: 'off', spellcheck: false, placeholder: 'XXXX-XXXX-XXXX-XXXX-XXXX', class: 'key-input' });
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, t('doctor.addPatient'));
  main.append(h('h1', {}, t('doctor.patients')),
    h('form', { class: 'card', onsubmit: claim },
      h('h2', {}, t('doctor.addAPatient')),
      h('p', { class: 'muted' }, t('doctor.claimIntro')),
      h('div', { class: 'row' },
        h('label', { class: 'control', for: 'claim-email' }, h('span', {}, t('doctor.patientEmail')), email),
        h('label', { class: 'control', for: 'claim-key' }, h('span', {}, t('doctor.accessKey')), key), submit),
      status),
    list);
  await refresh();

  async function claim(event) {
    event.preventDefault();
    submit.disabled = true;
    try {
      const grant = await post('/api/grants', { patientEmail: email.value.trim(), key: key.value.trim() });
      replace(status, message('success', t('doctor.claimed', { name: grant.patient.displayName })));
      email.value = key.value = '';
      await refresh();
    } catch (e) {
      replace(status, message('error', e.status === 400 ? t('doctor.claimRefused') : e.message));
    } finally {
      submit.disabled = false;
    }
  }

  async function refresh() {
    const patients = await get('/api/doctor/patients');
    replace(list, h('h2', { id: 'patients-title' }, t('doctor.sharingPatients')),
      patients.length === 0 ? h('p', { class: 'muted' }, t('doctor.noPatients')) :
        h('ul', { class: 'patients' }, patients.map(p => h('li', { dataset: { patient: p.patientId } },
          h('a', { href: `/doctor/patients/${p.patientId}` }, h('strong', {}, p.displayName), h('span', { class: 'muted' }, ` ${p.email}`)),
          h('span', { class: 'muted small' }, ` · ${p.expiresAt ? t('doctor.sharedSinceUntil', { since: dateTime(utc(p.grantedAt)), until: dateTime(utc(p.expiresAt)) }) : t('doctor.sharedSince', { since: dateTime(utc(p.grantedAt)) })}`)))));
  }
}
