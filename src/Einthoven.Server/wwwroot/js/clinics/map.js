// The directory's map: clinics as circle markers (green when open now) on the dispatch maps' offline base layer (a
// graticule with a metric scale; no tile server is reachable), and the patient's location when known.
import { leaflet } from '../core/vendor.js';
import { graticule, text } from '../monitoring/map.js';
import { t } from '../core/i18n.js';

const colours = { open: '#1b7a3d', closed: '#6b7785', you: '#8c1c2c' };

/** clinics: ClinicSummary[]; you: {lat, lon} or null; onSelect(clinic) when a marker is clicked. */
export async function clinicsMap(container, { clinics, you = null, onSelect = () => {} }) {
  const L = await leaflet();
  const map = L.map(container, { zoomSnap: 0.25, attributionControl: false, zoomControl: false, crs: L.CRS.EPSG3857 });
  L.control.zoom({ position: 'bottomright' }).addTo(map);
  const points = clinics.map(c => [c.latitude, c.longitude]);
  if (you) points.push([you.lat, you.lon]);
  if (points.length === 0) points.push([41.3111, 69.2797]); // Tashkent
  map.fitBounds(L.latLngBounds(points), { maxZoom: 14, padding: [50, 50], animate: false });
  graticule(L, map);
  L.control.scale({ imperial: false }).addTo(map);
  for (const c of clinics) {
    L.circleMarker([c.latitude, c.longitude], { radius: 9, color: '#fff', weight: 2, fillColor: c.openNow ? colours.open : colours.closed, fillOpacity: 1, className: 'map-clinic' })
      .bindTooltip(text(c.name), { permanent: true, direction: 'right', className: 'map-label' })
      .on('click', () => onSelect(c)).addTo(map);
  }
  if (you) {
    L.circleMarker([you.lat, you.lon], { radius: 7, color: '#fff', weight: 2, fillColor: colours.you, fillOpacity: 1, className: 'map-you' })
      .bindTooltip(text(t('clinics.you')), { permanent: true, direction: 'left', className: 'map-label home' }).addTo(map);
  }
  container.dataset.clinics = String(clinics.length);
  // A map replaced by a newer search must not be touched again (Leaflet fails on a removed map's panes).
  let alive = true;
  const resize = new ResizeObserver(() => { if (alive) map.invalidateSize({ animate: false }); });
  resize.observe(container);
  return { map, destroy: () => { alive = false; resize.disconnect(); map.stop(); map.remove(); } };
}

/** A service's name in the user's language. */
export const serviceName = kind => t(`clinics.service.${kind}`);

/** Today's hours as "09:00–13:00, 14:00–18:00" or "closed today". */
export const todayHours = intervals => intervals.length ? intervals.map(i => `${i.opens}–${i.closes}`).join(', ') : t('clinics.closedToday');

/** A slot's time of day as the clinic wrote it ("2026-03-02T09:30:00+05:00" -> "09:30"): clinic time, whatever the browser's zone. */
export const clinicTime = iso => iso.slice(11, 16);

/** A slot's local date in the clinic ("2026-03-02"), and that date written out in the user's language. */
export const clinicDate = iso => iso.slice(0, 10);
