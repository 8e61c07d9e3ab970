// Dispatch maps with Leaflet and no tile server (none is reachable): the base layer is a graticule of latitude and
// longitude lines at a step that suits the zoom, with a metric scale; the patient's home and the teams' bases are
// circle markers (SVG, no marker images), and a dashed line joins the home to the proposed team.
import { leaflet } from '../core/vendor.js';
import { t } from '../core/i18n.js';

const Steps = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30];
const colours = { home: '#8c1c2c', team: '#1459b8', proposed: '#1b7a3d', line: '#1b7a3d', grid: '#b9c4cf' };

/** Tooltip content as text: Leaflet would read a string as HTML, and team names are typed by people. */
export const text = value => Object.assign(document.createElement('span'), { textContent: value });

const degrees = (value, positive, negative) => `${Math.abs(value).toFixed(3).replace(/\.?0+$/, '')}°${value >= 0 ? positive : negative}`;

export function graticule(L, map) {
  const layer = L.layerGroup().addTo(map);
  const draw = () => {
    layer.clearLayers();
    const b = map.getBounds();
    const span = Math.max(b.getNorth() - b.getSouth(), b.getEast() - b.getWest());
    const step = Steps.find(s => span / s <= 8) ?? Steps[Steps.length - 1];
    const style = { color: colours.grid, weight: 1, interactive: false };
    // Leaflet positions a marker icon with its transform: the offset from the line is on the inner span.
    const label = (at, text, className) => L.marker(at, { interactive: false, keyboard: false, icon: L.divIcon({ className, html: `<span>${text}</span>`, iconSize: null }) });
    for (let lat = Math.ceil(b.getSouth() / step) * step; lat <= b.getNorth(); lat += step) {
      layer.addLayer(L.polyline([[lat, b.getWest()], [lat, b.getEast()]], style));
      layer.addLayer(label([lat, b.getWest()], degrees(lat, 'N', 'S'), 'graticule-label lat'));
    }
    for (let lon = Math.ceil(b.getWest() / step) * step; lon <= b.getEast(); lon += step) {
      layer.addLayer(L.polyline([[b.getSouth(), lon], [b.getNorth(), lon]], style));
      layer.addLayer(label([b.getNorth(), lon], degrees(lon, 'E', 'W'), 'graticule-label lon'));
    }
  };
  map.on('moveend zoomend resize', draw);
  draw();
}

/**
 * A map in `container` (already in the page, with a height from CSS) of the home and the teams.
 * teams: [{ id, name, lat, lon, label }]; `proposed` is the id of the team the line goes to.
 */
export async function dispatchMap(container, { home, teams = [], proposed = null }) {
  const L = await leaflet();
  const map = L.map(container, { zoomSnap: 0.25, attributionControl: false, zoomControl: false, crs: L.CRS.EPSG3857 });
  L.control.zoom({ position: 'bottomright' }).addTo(map);
  const homeAt = L.latLng(home.lat, home.lon);
  // Room for the labels: the home's on its left, the teams' on their right.
  map.fitBounds(L.latLngBounds([homeAt, ...teams.map(t => [t.lat, t.lon])]), { maxZoom: 14, paddingTopLeft: [70, 40], paddingBottomRight: [170, 40] });
  graticule(L, map);
  L.control.scale({ imperial: false }).addTo(map);
  const target = teams.find(t => t.id === proposed);
  if (target) L.polyline([homeAt, [target.lat, target.lon]], { color: colours.line, weight: 3, dashArray: '6 6' }).addTo(map);
  for (const team of teams) {
    const colour = team.id === proposed ? colours.proposed : colours.team;
    L.circleMarker([team.lat, team.lon], { radius: 8, color: '#fff', weight: 2, fillColor: colour, fillOpacity: 1, className: 'map-team' })
      .bindTooltip(text(team.label ?? team.name), { permanent: true, direction: 'right', className: 'map-label' }).addTo(map);
  }
  L.circleMarker(homeAt, { radius: 10, color: '#fff', weight: 2, fillColor: colours.home, fillOpacity: 1, className: 'map-home' })
    .bindTooltip(text(home.label ?? t('monitoring.home')), { permanent: true, direction: 'left', className: 'map-label home' }).addTo(map);
  Object.assign(container.dataset, { teams: String(teams.length), proposed: proposed ?? '' });
  const resize = new ResizeObserver(() => map.invalidateSize());
  resize.observe(container);
  return { map, destroy: () => { resize.disconnect(); map.remove(); } };
}
