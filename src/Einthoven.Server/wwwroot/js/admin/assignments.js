// Cardiologist assignments: which cardiologist verifies which patient's recordings (no medical data: accounts only).
import { get, post, del } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, utc } from '../core/format.js';
import { dataTable } from '../components/dataTable.js';
import { t } from '../core/i18n.js';

export async function render(section) {
  const cardiologist = h('input', { id: 'assign-cardiologist', type: 'email', required: true, autocomplete: 'off' });
  const patient = h('input', { id: 'assign-patient', type: 'email', required: true, autocomplete: 'off' });
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', { class: 'card' });
  section.append(
    h('form', { class: 'card', onsubmit: assign },
      h('h2', {}, t('admin.assign.title')),
      h('p', { class: 'muted' }, t('admin.assign.intro')),
      h('div', { class: 'row' },
        h('label', { class: 'control', for: 'assign-cardiologist' }, h('span', {}, t('admin.assign.cardiologistEmail')), cardiologist),
        h('label', { class: 'control', for: 'assign-patient' }, h('span', {}, t('admin.assign.patientEmail')), patient),
        h('button', { type: 'submit', class: 'button primary' }, t('admin.assign.assign')))),
    status, list);
  await refresh();

  async function assign(event) {
    event.preventDefault();
    try {
      const [c, p] = await Promise.all([accountId(cardiologist.value), accountId(patient.value)]);
      await post('/api/admin/verification/assignments', { cardiologistId: c, patientId: p });
      replace(status, message('success', t('admin.assign.assigned', { cardiologist: cardiologist.value.trim(), patient: patient.value.trim() })));
      cardiologist.value = patient.value = '';
      await refresh();
    } catch (e) {
      replace(status, message('error', e.message));
    }
  }

  async function refresh() {
    const rows = await get('/api/admin/verification/assignments');
    replace(list, h('h2', {}, t('admin.assign.list'), h('span', { class: 'muted' }, ` (${rows.length})`)),
      dataTable([
        { label: t('admin.role.Cardiologist'), cell: a => [h('strong', {}, a.cardiologistName), h('br'), h('span', { class: 'muted' }, a.cardiologistEmail)] },
        { label: t('admin.patient'), cell: a => [h('strong', {}, a.patientName), h('br'), h('span', { class: 'muted' }, a.patientEmail)] },
        { label: t('admin.since'), cell: a => dateTime(utc(a.assignedAt)) },
        { label: '', cell: a => h('button', { type: 'button', class: 'button small danger', onclick: () => unassign(a) }, t('admin.assign.unassign')) },
      ], rows, { empty: t('admin.assign.none'), rowAttrs: a => ({ dataset: { assignment: a.id } }) }));
  }

  async function unassign(a) {
    if (!confirm(t('admin.assign.confirmUnassign', { patient: a.patientEmail, cardiologist: a.cardiologistEmail }))) return;
    await del(`/api/admin/verification/assignments/${a.id}`);
    replace(status, message('success', t('admin.assign.unassigned', { patient: a.patientEmail, cardiologist: a.cardiologistEmail })));
    await refresh();
  }
}

/** The account with exactly this e-mail, found through the user search. */
async function accountId(email) {
  const wanted = email.trim().toLowerCase();
  const found = (await get(`/api/admin/users?q=${encodeURIComponent(wanted)}&take=50`)).find(u => u.email.toLowerCase() === wanted);
  if (!found) throw new Error(t('admin.assign.noAccount', { email: wanted }));
  return found.id;
}
