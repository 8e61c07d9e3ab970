// A clinic's page: where it is, how to reach it, its hours and exceptions, and its services' free slots by day; a
// patient books a slot here (and is then shown their appointments).
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { t, locale } from '../core/i18n.js';
import { clinicsMap, serviceName, clinicTime, clinicDate } from '../clinics/map.js';

const Days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A clinic date ("2026-03-02") written out in the user's language (computed at noon UTC, so no zone moves the day). */
export const dateName = iso => new Date(`${iso}T12:00:00Z`).toLocaleDateString(locale(), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

export const dayName = day => t(`clinics.day.${day}`);

export async function render(main, { params, navigate, isPatient }) {
  const clinic = await get(`/api/clinics/${params.id}`);
  const mapBox = h('div', { class: 'map clinic-map', role: 'region', 'aria-label': t('clinics.mapLabel') });
  const byDay = Days.map(d => [d, clinic.hours.filter(x => x.day === d)]);
  const upcoming = clinic.exceptions.filter(e => e.date >= new Date().toISOString().slice(0, 10));
  main.append(
    h('p', { class: 'breadcrumb' }, h('a', { href: '/clinics' }, `← ${t('clinics.directory')}`)),
    h('h1', {}, clinic.name, ' ', h('span', { class: `badge ${clinic.openNow ? 'ok' : ''}` }, clinic.openNow ? t('clinics.open') : t('clinics.closed'))),
    clinic.canManage ? h('p', {}, h('a', { href: `/clinic?id=${clinic.id}`, class: 'button' }, t('clinics.manage'))) : null,
    h('div', { class: 'clinic-details' },
      h('section', { class: 'card' },
        h('p', {}, clinic.address),
        clinic.phone ? h('p', {}, `${t('clinics.phone')}: `, h('a', { href: `tel:${clinic.phone.replace(/\s/g, '')}` }, clinic.phone)) : null,
        clinic.email ? h('p', {}, `${t('clinics.email')}: `, h('a', { href: `mailto:${clinic.email}` }, clinic.email)) : null,
        h('h2', {}, t('clinics.hours')),
        h('table', { class: 'hours' }, h('tbody', {}, byDay.map(([d, xs]) => h('tr', {}, h('th', { scope: 'row' }, dayName(d)),
          h('td', {}, xs.length ? xs.map(x => `${x.opens}–${x.closes}`).join(', ') : t('clinics.closed')))))),
        h('p', { class: 'small muted' }, t('clinics.timeZoneNote', { zone: clinic.timeZone })),
        upcoming.length ? [h('h3', {}, t('clinics.exceptions')), h('ul', {}, upcoming.map(e => h('li', {},
          `${dateName(e.date)}: ${e.opens ? `${e.opens}–${e.closes}` : t('clinics.closed')}${e.note ? ` (${e.note})` : ''}`)))] : null,
        h('p', { class: 'small muted' }, t('clinics.rules', { hours: clinic.changeCutoffHours }))),
      mapBox));
  const map = await clinicsMap(mapBox, { clinics: [{ ...clinic, today: [] }] });
  if (!isPatient()) return () => map.destroy();

  const service = h('select', { id: 'booking-service' }, clinic.services.map(s => h('option', { value: s.id }, `${serviceName(s.kind)} (${t('clinics.minutes', { n: s.durationMinutes })})`)));
  const slots = h('div', { class: 'slots', 'aria-live': 'polite' });
  const status = h('div', { 'aria-live': 'polite' });
  main.append(h('section', { class: 'card booking' },
    h('h2', {}, t('clinics.book')),
    clinic.services.length === 0 ? h('p', { class: 'muted' }, t('clinics.noServices')) :
      [h('div', { class: 'control' }, h('label', { for: 'booking-service' }, t('clinics.service')), service), status, slots]));
  service.addEventListener('change', () => showSlots());
  if (clinic.services.length) await showSlots();
  return () => map.destroy();

  async function showSlots() {
    const answer = await get(`/api/clinics/${clinic.id}/slots?serviceId=${service.value}&days=7`);
    const days = new Map();
    for (const s of answer.slots) {
      const day = clinicDate(s.start);
      if (!days.has(day)) days.set(day, []);
      days.get(day).push(s);
    }
    replace(slots, days.size === 0 ? h('p', { class: 'muted' }, t('clinics.noSlots')) : [...days].map(([day, list]) => h('div', { class: 'slot-day' },
      h('h3', {}, dateName(day)),
      h('div', { class: 'slot-buttons' }, list.map(s => h('button', {
        type: 'button', class: `button small slot${s.free ? '' : ' taken'}`, disabled: !s.free, dataset: { start: s.start },
        'aria-label': t('clinics.bookAt', { time: clinicTime(s.start), day: dateName(day) }), onclick: () => book(s),
      }, clinicTime(s.start)))))));
  }

  /** A chosen slot asks to be confirmed (a button, not a browser dialog: it reads alike on a phone). */
  function book(slot) {
    replace(status, h('div', { class: 'message info confirm-booking' },
      h('p', {}, t('clinics.confirmBooking', { service: serviceName(clinic.services.find(s => s.id === service.value).kind), time: clinicTime(slot.start), day: dateName(clinicDate(slot.start)), clinic: clinic.name })),
      h('button', { type: 'button', class: 'button primary', onclick: () => confirmed(slot) }, t('clinics.confirm')), ' ',
      h('button', { type: 'button', class: 'button', onclick: () => replace(status) }, t('clinics.back'))));
    status.scrollIntoView({ block: 'nearest' });
  }

  async function confirmed(slot) {
    try {
      await post('/api/bookings', { serviceId: service.value, start: slot.start });
      navigate('/appointments?booked=1');
    } catch (e) {
      replace(status, message('error', e.message));
      await showSlots();
    }
  }
}
