// The clinic directory for patients: search by service, open now and distance from where they are (the browser's
// location, or latitude/longitude typed in), results as a list and on a map; a clinic opens its page.
import { get } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { number } from '../core/format.js';
import { clinicsMap, serviceName, todayHours } from '../clinics/map.js';

const Services = ['RestingEcg', 'Holter', 'StressTest'];
const Cities = { tashkent: [41.3111, 69.2797], samarkand: [39.6542, 66.9597], bukhara: [39.7747, 64.4286], andijan: [40.7821, 72.3442] };

export async function render(main, { navigate, query }) {
  main.append(h('h1', {}, t('clinics.directory')));
  const service = h('select', { id: 'clinic-service' }, h('option', { value: '' }, t('clinics.anyService')), Services.map(s => h('option', { value: s }, serviceName(s))));
  const openNow = h('input', { type: 'checkbox', id: 'clinic-open-now' });
  const lat = h('input', { id: 'clinic-lat', inputmode: 'decimal', size: 9, placeholder: '41.311' });
  const lon = h('input', { id: 'clinic-lon', inputmode: 'decimal', size: 9, placeholder: '69.280' });
  const city = h('select', { id: 'clinic-city', onchange: () => { const at = Cities[city.value]; if (at) { [lat.value, lon.value] = at.map(String); search(); } } },
    h('option', { value: '' }, t('clinics.chooseCity')), Object.keys(Cities).map(c => h('option', { value: c }, t(`clinics.city.${c}`))));
  const maxKm = h('select', { id: 'clinic-max-km' }, h('option', { value: '' }, t('clinics.anyDistance')), [2, 5, 10, 25, 100].map(k => h('option', { value: k }, t('clinics.withinKm', { km: k }))));
  const status = h('div', { 'aria-live': 'polite' });
  const mapBox = h('div', { class: 'map clinics-map', role: 'region', 'aria-label': t('clinics.mapLabel') });
  const list = h('div', { class: 'clinic-list' });
  const locate = h('button', { type: 'button', class: 'button', onclick: useMyLocation }, t('clinics.useMyLocation'));
  const control = (id, label, input) => h('div', { class: 'control' }, h('label', { for: id }, label), input);
  main.append(h('form', { class: 'card clinic-filters', onsubmit: e => { e.preventDefault(); search(); } },
    h('div', { class: 'row' },
      control('clinic-service', t('clinics.service'), service),
      h('div', { class: 'control checkbox' }, h('label', { for: 'clinic-open-now' }, openNow, ' ', t('clinics.openNow'))),
      control('clinic-max-km', t('clinics.distance'), maxKm)),
    h('div', { class: 'row' }, locate, control('clinic-city', t('clinics.city'), city), control('clinic-lat', t('clinics.latitude'), lat), control('clinic-lon', t('clinics.longitude'), lon),
      h('button', { type: 'submit', class: 'button primary' }, t('clinics.search')))),
    status, h('div', { class: 'clinic-results' }, list, mapBox));
  for (const el of [service, openNow, maxKm]) el.addEventListener('change', () => search());
  if (query.get('openNow') === 'true') openNow.checked = true;
  let map = null;
  // Searches overlap when filters change quickly: only the newest one's answer is shown, and the maps are made one at a
  // time (Leaflet refuses a second map on a container that still holds one).
  let searching = 0;
  let mapWork = Promise.resolve();
  await search();
  return () => map?.destroy();

  function useMyLocation() {
    if (!navigator.geolocation) return replace(status, message('info', t('clinics.noGeolocation')));
    replace(status, message('info', t('clinics.locating')));
    navigator.geolocation.getCurrentPosition(p => {
      lat.value = p.coords.latitude.toFixed(5);
      lon.value = p.coords.longitude.toFixed(5);
      replace(status);
      search();
    }, () => replace(status, message('info', t('clinics.locationRefused'))), { timeout: 10_000 });
  }

  async function search() {
    const ticket = ++searching;
    const params = new URLSearchParams();
    if (service.value) params.set('service', service.value);
    if (openNow.checked) params.set('openNow', 'true');
    const you = lat.value && lon.value ? { lat: Number(lat.value), lon: Number(lon.value) } : null;
    if (you && Number.isFinite(you.lat) && Number.isFinite(you.lon)) {
      params.set('lat', String(you.lat));
      params.set('lon', String(you.lon));
      if (maxKm.value) params.set('maxKm', maxKm.value);
    }
    try {
      const clinics = await get(`/api/clinics?${params}`);
      if (ticket !== searching) return;
      replace(status);
      replace(list, clinics.length ? clinics.map(card) : h('p', { class: 'muted card' }, t('clinics.noneFound')));
      mapWork = mapWork.catch(() => {}).then(async () => {
        if (ticket !== searching) return;
        map?.destroy();
        map = await clinicsMap(mapBox, { clinics, you: params.has('lat') ? you : null, onSelect: c => navigate(`/clinics/${c.id}`) });
      });
      await mapWork;
    } catch (e) {
      replace(status, message('error', e.message));
    }
  }

  function card(c) {
    return h('article', { class: 'card clinic-card', dataset: { clinic: c.id, open: String(c.openNow) } },
      h('h2', {}, h('a', { href: `/clinics/${c.id}` }, c.name), ' ',
        h('span', { class: `badge ${c.openNow ? 'ok' : ''}` }, c.openNow ? t('clinics.open') : t('clinics.closed'))),
      h('p', {}, c.address, c.distanceKm != null ? h('span', { class: 'muted' }, ` · ${t('clinics.kmAway', { km: number(c.distanceKm, 1) })}`) : null),
      h('p', { class: 'small muted' }, `${t('clinics.today')}: ${todayHours(c.today)}`),
      h('p', { class: 'small' }, c.services.map(s => serviceName(s.kind)).join(' · ')));
  }
}
