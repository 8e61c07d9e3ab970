// Cardiologist assignments: which cardiologist verifies which patient's recordings (no medical data: accounts only).
import { get, post, del } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, utc } from '../core/format.js';
import { dataTable } from '../components/dataTable.js';

export async function render(section) {
  const cardiologist = h('input', { id: 'assign-cardiologist', type: 'email', required: true, autocomplete: 'off' });
  const patient = h('input', { id: 'assign-patient', type: 'email', required: true, autocomplete: 'off' });
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', { class: 'card' });
  section.append(
    h('form', { class: 'card', onsubmit: assign },
      h('h2', {}, 'Assign a cardiologist'),
      h('p', { class: 'muted' }, 'The patient\'s recordings pushed for verification then reach the cardiologist. Give the Cardiologist role on the Users tab first.'),
      h('div', { class: 'row' },
        h('label', { class: 'control', for: 'assign-cardiologist' }, h('span', {}, 'Cardiologist e-mail'), cardiologist),
        h('label', { class: 'control', for: 'assign-patient' }, h('span', {}, 'Patient e-mail'), patient),
        h('button', { type: 'submit', class: 'button primary' }, 'Assign'))),
    status, list);
  await refresh();

  async function assign(event) {
    event.preventDefault();
    try {
      const [c, p] = await Promise.all([accountId(cardiologist.value), accountId(patient.value)]);
      await post('/api/admin/verification/assignments', { cardiologistId: c, patientId: p });
      replace(status, message('success', `${cardiologist.value.trim()} now verifies ${patient.value.trim()}'s recordings.`));
      cardiologist.value = patient.value = '';
      await refresh();
    } catch (e) {
      replace(status, message('error', e.message));
    }
  }

  async function refresh() {
    const rows = await get('/api/admin/verification/assignments');
    replace(list, h('h2', {}, 'Assignments', h('span', { class: 'muted' }, ` (${rows.length})`)),
      dataTable([
        { label: 'Cardiologist', cell: a => [h('strong', {}, a.cardiologistName), h('br'), h('span', { class: 'muted' }, a.cardiologistEmail)] },
        { label: 'Patient', cell: a => [h('strong', {}, a.patientName), h('br'), h('span', { class: 'muted' }, a.patientEmail)] },
        { label: 'Since', cell: a => dateTime(utc(a.assignedAt)) },
        { label: '', cell: a => h('button', { type: 'button', class: 'button small danger', onclick: () => unassign(a) }, 'Unassign') },
      ], rows, { empty: 'No cardiologist is assigned yet.', rowAttrs: a => ({ dataset: { assignment: a.id } }) }));
  }

  async function unassign(a) {
    if (!confirm(`Stop sending ${a.patientEmail}'s recordings to ${a.cardiologistEmail}?`)) return;
    await del(`/api/admin/verification/assignments/${a.id}`);
    replace(status, message('success', `${a.cardiologistEmail} no longer verifies ${a.patientEmail}'s recordings.`));
    await refresh();
  }
}

/** The account with exactly this e-mail, found through the user search. */
async function accountId(email) {
  const wanted = email.trim().toLowerCase();
  const found = (await get(`/api/admin/users?q=${encodeURIComponent(wanted)}&take=50`)).find(u => u.email.toLowerCase() === wanted);
  if (!found) throw new Error(`No account has the e-mail ${wanted}.`);
  return found.id;
}
