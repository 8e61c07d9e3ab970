// A patient's appointments: upcoming first with the clinic's rules (cancel, or reschedule to another free slot of the
// same service, until the clinic's cut-off), then past and cancelled ones; results link to the recording.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { serviceName, clinicTime, clinicDate } from '../clinics/map.js';
import { dateName } from './clinic.js';

export async function render(main, { query }) {
  main.append(h('h1', {}, t('clinics.appointments')));
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', { class: 'appointments' });
  main.append(query.get('booked') ? message('ok', t('clinics.booked')) : null, status, list,
    h('p', {}, h('a', { href: '/clinics', class: 'button' }, t('clinics.findClinic'))));
  await refresh();

  async function refresh() {
    const bookings = await get('/api/bookings');
    replace(list, bookings.length ? bookings.map(card) : h('p', { class: 'muted card' }, t('clinics.noAppointments')));
  }

  function card(b) {
    const when = `${dateName(clinicDate(b.start))}, ${clinicTime(b.start)}–${clinicTime(b.end)}`;
    const area = h('div', {});
    return h('article', { class: 'card appointment', dataset: { booking: b.id, state: b.state } },
      h('h2', {}, serviceName(b.service), ' ', h('span', { class: `badge state ${b.state}` }, t(`clinics.state.${b.state}`))),
      h('p', {}, h('strong', {}, when)),
      h('p', {}, h('a', { href: `/clinics/${b.clinicId}` }, b.clinicName), h('span', { class: 'muted' }, ` · ${b.clinicAddress}`)),
      b.recordingId ? h('p', {}, h('a', { href: `/recordings/${b.recordingId}`, class: 'button primary' }, t('clinics.openResults'))) : null,
      b.state === 'booked' ? h('p', { class: 'small muted' }, b.canChange
        ? t('clinics.changeUntil', { when: `${dateName(clinicDate(b.changeUntil))}, ${clinicTime(b.changeUntil)}` }) : t('clinics.noChange')) : null,
      b.canChange ? h('div', { class: 'row' },
        h('button', { type: 'button', class: 'button', onclick: () => reschedule(b, area) }, t('clinics.reschedule')),
        h('button', { type: 'button', class: 'button danger', onclick: () => cancel(b) }, t('clinics.cancel'))) : null,
      area);
  }

  async function cancel(b) {
    try {
      await post(`/api/bookings/${b.id}/cancel`);
      replace(status, message('ok', t('clinics.cancelledNotice')));
      await refresh();
    } catch (e) { replace(status, message('error', e.message)); }
  }

  async function reschedule(b, area) {
    const answer = await get(`/api/clinics/${b.clinicId}/slots?serviceId=${b.serviceId}&days=7`);
    const free = answer.slots.filter(s => s.free);
    const select = h('select', { id: `move-${b.id}` }, free.map(s => h('option', { value: s.start }, `${dateName(clinicDate(s.start))}, ${clinicTime(s.start)}`)));
    replace(area, free.length === 0 ? h('p', { class: 'muted' }, t('clinics.noSlots')) : h('div', { class: 'row' },
      h('div', { class: 'control' }, h('label', { for: select.id }, t('clinics.newTime')), select),
      h('button', { type: 'button', class: 'button primary', onclick: async () => {
        try {
          await post(`/api/bookings/${b.id}/reschedule`, { start: select.value });
          replace(status, message('ok', t('clinics.rescheduledNotice')));
          await refresh();
        } catch (e) { replace(status, message('error', e.message)); }
      } }, t('clinics.move'))));
  }
}
