// A clinic admin's page (/clinic): their clinic's details, weekly hours (intervals per day, e.g. "09:00-13:00,
// 14:00-18:00"; empty: closed), dated exceptions (holidays, short days), services, booking rules; and its bookings of
// the coming two weeks, which they can cancel or to which they upload the appointment's recording.
import { get, post, api } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { serviceName, clinicTime, clinicDate } from '../clinics/map.js';
import { dateName, dayName } from './clinic.js';
import { dataTable } from '../components/dataTable.js';

const Days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const Services = ['RestingEcg', 'Holter', 'StressTest'];

/** "09:00-13:00, 14:00-18:00" -> [{opens, closes}], or null when it does not read. */
export function parseIntervals(text) {
  const parts = text.split(',').map(p => p.trim()).filter(Boolean);
  const out = [];
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(p);
    if (!m) return null;
    out.push({ opens: `${m[1].padStart(2, '0')}:${m[2]}`, closes: `${m[3].padStart(2, '0')}:${m[4]}` });
  }
  return out;
}

export async function render(main, { query }) {
  main.append(h('h1', {}, t('clinics.myClinic')));
  const clinics = await get('/api/clinic-admin/clinics');
  if (clinics.length === 0) return main.append(message('info', t('clinics.noClinicYet')));
  const clinic = clinics.find(c => c.id === query.get('id')) ?? clinics[0];
  if (clinics.length > 1) main.append(h('p', {}, clinics.map(c => h('a', { href: `/clinic?id=${c.id}`, class: 'button small', 'aria-current': c.id === clinic.id ? 'page' : null }, c.name))));
  const status = h('div', { 'aria-live': 'polite' });
  const field = (id, label, input) => h('div', { class: 'control' }, h('label', { for: id }, label), input);
  const input = (id, value, attrs = {}) => h('input', { id, value: value ?? '', ...attrs });
  const name = input('clinic-name', clinic.name, { maxlength: 200, required: true });
  const address = input('clinic-address', clinic.address, { maxlength: 300, required: true });
  const phone = input('clinic-phone', clinic.phone, { maxlength: 40 });
  const email = input('clinic-email', clinic.email, { maxlength: 200, type: 'email' });
  const lat = input('clinic-lat', clinic.latitude, { inputmode: 'decimal' });
  const lon = input('clinic-lon', clinic.longitude, { inputmode: 'decimal' });
  const zone = input('clinic-zone', clinic.timeZone, { maxlength: 64 });
  const cutoff = input('clinic-cutoff', clinic.changeCutoffHours, { type: 'number', min: 0, max: 168 });
  const horizon = input('clinic-horizon', clinic.bookingHorizonDays, { type: 'number', min: 1, max: 180 });
  const hours = Object.fromEntries(Days.map(d => [d, input(`hours-${d}`, clinic.hours.filter(x => x.day === d).map(x => `${x.opens}-${x.closes}`).join(', '),
    { placeholder: t('clinics.closed'), class: 'hours-input' })]));
  const exceptions = h('div', { class: 'exceptions' });
  const services = h('div', { class: 'services' });
  const exceptionRow = (e = {}) => h('div', { class: 'row exception-row' },
    h('input', { type: 'date', value: e.date ?? '', 'aria-label': t('clinics.date'), class: 'ex-date' }),
    h('input', { value: e.opens ? `${e.opens}-${e.closes}` : '', placeholder: t('clinics.closed'), 'aria-label': t('clinics.hours'), class: 'ex-hours' }),
    h('input', { value: e.note ?? '', maxlength: 200, placeholder: t('clinics.note'), 'aria-label': t('clinics.note'), class: 'ex-note' }),
    h('button', { type: 'button', class: 'button small', onclick: ev => ev.target.closest('.exception-row').remove() }, t('clinics.remove')));
  const serviceRow = (s = { kind: 'RestingEcg', durationMinutes: 20 }) => h('div', { class: 'row service-row', dataset: { id: s.id ?? '' } },
    h('select', { class: 'svc-kind', 'aria-label': t('clinics.service'), disabled: Boolean(s.id) }, Services.map(k => h('option', { value: k, selected: k === s.kind }, serviceName(k)))),
    h('input', { type: 'number', min: 5, max: 480, value: s.durationMinutes, class: 'svc-duration', 'aria-label': t('clinics.durationMinutes') }),
    h('span', { class: 'muted small' }, t('clinics.minutesShort')),
    h('button', { type: 'button', class: 'button small', onclick: ev => ev.target.closest('.service-row').remove() }, t('clinics.remove')));
  clinic.exceptions.forEach(e => exceptions.append(exceptionRow(e)));
  clinic.services.forEach(s => services.append(serviceRow(s)));

  main.append(h('form', { class: 'card clinic-form', onsubmit: save },
    h('h2', {}, t('clinics.details')),
    h('div', { class: 'row' }, field('clinic-name', t('clinics.name'), name), field('clinic-address', t('clinics.address'), address)),
    h('div', { class: 'row' }, field('clinic-phone', t('clinics.phone'), phone), field('clinic-email', t('clinics.email'), email),
      field('clinic-lat', t('clinics.latitude'), lat), field('clinic-lon', t('clinics.longitude'), lon), field('clinic-zone', t('clinics.timeZone'), zone)),
    h('h2', {}, t('clinics.hours')),
    h('p', { class: 'small muted' }, t('clinics.hoursHelp')),
    h('div', { class: 'hours-grid' }, Days.map(d => field(`hours-${d}`, dayName(d), hours[d]))),
    h('h2', {}, t('clinics.exceptions')), exceptions,
    h('button', { type: 'button', class: 'button small', onclick: () => exceptions.append(exceptionRow()) }, t('clinics.addException')),
    h('h2', {}, t('clinics.services')), services,
    h('button', { type: 'button', class: 'button small', onclick: () => services.append(serviceRow()) }, t('clinics.addService')),
    h('h2', {}, t('clinics.rulesTitle')),
    h('div', { class: 'row' }, field('clinic-cutoff', t('clinics.cutoffHours'), cutoff), field('clinic-horizon', t('clinics.horizonDays'), horizon)),
    h('p', {}, h('button', { type: 'submit', class: 'button primary' }, t('clinics.save'))), status));

  const bookings = h('div', { class: 'clinic-bookings' });
  main.append(h('section', { class: 'card' }, h('h2', {}, t('clinics.bookings')), bookings));
  await showBookings();

  async function save(e) {
    e.preventDefault();
    const weekly = [];
    for (const d of Days) {
      const intervals = parseIntervals(hours[d].value);
      if (!intervals) return replace(status, message('error', t('clinics.badHours', { day: dayName(d) })));
      intervals.forEach(i => weekly.push({ day: d, ...i }));
    }
    const dated = [];
    for (const row of exceptions.querySelectorAll('.exception-row')) {
      const date = row.querySelector('.ex-date').value;
      if (!date) continue;
      const intervals = parseIntervals(row.querySelector('.ex-hours').value);
      if (!intervals) return replace(status, message('error', t('clinics.badHours', { day: date })));
      const note = row.querySelector('.ex-note').value.trim() || null;
      if (intervals.length === 0) dated.push({ date, note });
      else intervals.forEach(i => dated.push({ date, ...i, note }));
    }
    const body = {
      name: name.value, address: address.value, phone: phone.value, email: email.value, latitude: Number(lat.value), longitude: Number(lon.value),
      timeZone: zone.value, hours: weekly, exceptions: dated, changeCutoffHours: Number(cutoff.value), bookingHorizonDays: Number(horizon.value),
      services: [...services.querySelectorAll('.service-row')].map(r => ({
        id: r.dataset.id || null, kind: r.querySelector('.svc-kind').value, durationMinutes: Number(r.querySelector('.svc-duration').value),
      })),
    };
    try {
      await api('PUT', `/api/clinics/${clinic.id}`, body);
      replace(status, message('ok', t('clinics.saved')));
    } catch (err) {
      replace(status, message('error', err.message));
    }
  }

  async function showBookings() {
    const rows = await get(`/api/clinics/${clinic.id}/bookings?days=14`);
    replace(bookings, dataTable([
      { label: t('clinics.when'), cell: b => `${dateName(clinicDate(b.start))}, ${clinicTime(b.start)}` },
      { label: t('clinics.service'), cell: b => serviceName(b.service) },
      { label: t('clinics.patient'), cell: b => [b.patientName || b.patientEmail, h('br'), h('span', { class: 'small muted' }, b.patientEmail)] },
      { label: t('clinics.stateLabel'), cell: b => h('span', { class: `badge state ${b.state}` }, t(`clinics.state.${b.state}`)) },
      { label: t('clinics.actions'), cell: actions },
    ], rows, { empty: t('clinics.noBookings'), rowAttrs: b => ({ dataset: { booking: b.id, state: b.state } }) }));
  }

  function actions(b) {
    if (b.state === 'cancelled' || b.state === 'results') return b.recordingId ? t('clinics.resultsAttached') : '';
    const file = h('input', { type: 'file', multiple: true, class: 'visually-hidden', id: `upload-${b.id}`, onchange: () => upload(b, file) });
    return h('div', { class: 'row' },
      h('label', { for: file.id, class: 'button small' }, t('clinics.uploadRecording')), file,
      b.canChange ? h('button', { type: 'button', class: 'button small danger', onclick: async () => {
        try { await post(`/api/bookings/${b.id}/cancel`); await showBookings(); } catch (e) { replace(status, message('error', e.message)); }
      } }, t('clinics.cancel')) : null);
  }

  async function upload(b, file) {
    const form = new FormData();
    for (const f of file.files) form.append('files', f, f.name);
    const response = await fetch(`/api/bookings/${b.id}/recording`, { method: 'POST', body: form, credentials: 'same-origin' });
    replace(status, message(response.ok ? 'ok' : 'error', response.ok ? t('clinics.recordingAttached') : (await response.json().catch(() => ({}))).detail ?? response.statusText));
    await showBookings();
  }
}
