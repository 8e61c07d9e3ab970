// The clinic directory for the platform admin: every clinic, a form for a new one (its clinic admin then sets hours,
// exceptions and rules on /clinic), and naming a clinic's admins by e-mail (the account gets the ClinicAdmin role).
import { get, post } from '../core/api.js';
import { h, message, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';

const kinds = ['RestingEcg', 'Holter', 'StressTest'];
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

export async function render(section) {
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', { class: 'card admin-clinics' });
  section.append(newClinicForm(), status, list);
  await refresh();

  async function refresh() {
    const clinics = await get('/api/clinics');
    replace(list, h('h2', {}, t('clinics.admin.all'), h('span', { class: 'muted' }, ` (${clinics.length})`)),
      clinics.length === 0 ? h('p', { class: 'muted' }, t('clinics.admin.none')) : h('ul', { class: 'admin-clinic-list' }, clinics.map(clinicRow)));
  }

  function clinicRow(c) {
    const email = h('input', { type: 'email', required: true, placeholder: t('clinics.admin.adminEmail'), 'aria-label': t('clinics.admin.adminEmail') });
    const add = async event => {
      event.preventDefault();
      try {
        const found = (await get(`/api/admin/users?${new URLSearchParams({ q: email.value.trim(), take: 5 })}`))
          .find(u => u.email.toLowerCase() === email.value.trim().toLowerCase());
        if (!found) return replace(status, message('error', t('clinics.admin.noAccount', { email: email.value.trim() })));
        if (!found.roles.includes('ClinicAdmin')) await post(`/api/admin/users/${found.id}/roles`, { role: 'ClinicAdmin' });
        await post(`/api/admin/clinics/${c.id}/admins`, { userId: found.id });
        replace(status, message('success', t('clinics.admin.adminAdded', { email: found.email, clinic: c.name })));
        email.value = '';
      } catch (e) { replace(status, message('error', e.message)); }
    };
    return h('li', { class: 'admin-clinic', dataset: { clinic: c.id } },
      h('a', { href: `/clinics/${c.id}` }, h('strong', {}, c.name)), h('span', { class: 'muted' }, ` · ${c.address}`),
      h('form', { class: 'row', onsubmit: add }, email, h('button', { type: 'submit', class: 'button small' }, t('clinics.admin.addAdmin'))));
  }

  function newClinicForm() {
    const input = (id, attrs = {}) => h('input', { id: `new-clinic-${id}`, ...attrs });
    const field = (id, label, control) => h('label', { class: 'control', for: `new-clinic-${id}` }, h('span', {}, label), control);
    const name = input('name', { required: true, maxlength: 200 });
    const address = input('address', { required: true, maxlength: 300 });
    const lat = input('lat', { type: 'number', step: 'any', min: -90, max: 90, required: true, value: '41.3111' });
    const lon = input('lon', { type: 'number', step: 'any', min: -180, max: 180, required: true, value: '69.2797' });
    const phone = input('phone', { type: 'tel', maxlength: 40 });
    const services = kinds.map(kind => ({
      kind,
      offered: h('input', { type: 'checkbox', checked: kind === 'RestingEcg', id: `new-clinic-offers-${kind}` }),
      minutes: h('input', { type: 'number', min: 5, max: 480, step: 5, value: kind === 'RestingEcg' ? 20 : 60, 'aria-label': t('clinics.admin.minutes'), class: 'narrow' }),
    }));
    const create = async event => {
      event.preventDefault();
      try {
        const clinic = await post('/api/admin/clinics', {
          name: name.value.trim(), address: address.value.trim(), latitude: Number(lat.value), longitude: Number(lon.value), phone: phone.value.trim() || null,
          hours: weekdays.map(day => ({ day, opens: '08:00', closes: '18:00' })),
          services: services.filter(s => s.offered.checked).map(s => ({ kind: s.kind, durationMinutes: Number(s.minutes.value) })),
        });
        replace(status, message('success', t('clinics.admin.created', { clinic: clinic.name })));
        for (const field of [name, address, phone]) field.value = '';
        await refresh();
      } catch (e) { replace(status, message('error', e.message)); }
    };
    return h('form', { class: 'card new-clinic', onsubmit: create },
      h('h2', {}, t('clinics.admin.new')),
      h('div', { class: 'row' }, field('name', t('clinics.admin.name'), name), field('address', t('clinics.admin.address'), address)),
      h('div', { class: 'row' }, field('lat', t('clinics.latitude'), lat), field('lon', t('clinics.longitude'), lon), field('phone', t('clinics.admin.phone'), phone)),
      h('fieldset', {}, h('legend', {}, t('clinics.services')),
        services.map(s => h('div', { class: 'row' }, h('label', { class: 'toggle', for: s.offered.id }, s.offered, ` ${t(`clinics.service.${s.kind}`)}`), s.minutes, t('clinics.admin.minutesShort')))),
      h('p', { class: 'muted' }, t('clinics.admin.hoursNote')),
      h('button', { type: 'submit', class: 'button primary' }, t('clinics.admin.create')));
  }
}
