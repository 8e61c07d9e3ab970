// Dispatch for an escalated alert: the available teams nearest the patient's home first (great-circle distance), on a
// map with the home and a line to the nearest, and a button per team that sends it.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { number } from '../core/format.js';
import { dispatchMap } from './map.js';
import { t } from '../core/i18n.js';

/** Renders into `container`; onDispatched(dispatchView) once a team is sent. Returns a cleanup function. */
export async function dispatchPanel(container, /** @type {import('../core/types.js').AlertView} */ alert, { onDispatched }) {
  /** @type {import('../core/types.js').DispatchProposalView} */
  const proposal = await get(`/api/monitoring/alerts/${alert.id}/dispatch`);
  const status = h('div', { 'aria-live': 'polite' });
  const mapBox = h('div', { class: 'map', role: 'region', 'aria-label': t('monitoring.dispatchMap') });
  const nearest = proposal.teams[0]?.team.id ?? null;
  replace(container, h('section', { class: 'card dispatch-panel', 'aria-labelledby': 'dispatch-title' },
    h('h3', { id: 'dispatch-title' }, t('monitoring.dispatchTitle')),
    proposal.teams.length === 0 ? message('info', t('monitoring.noTeam')) : null,
    mapBox,
    h('ol', { class: 'teams' }, proposal.teams.map(({ team, distanceKm }, i) => h('li', { dataset: { team: team.id, distance: distanceKm } },
      h('span', { class: 'team-name' }, h('strong', {}, team.name), i === 0 ? h('span', { class: 'badge ok' }, t('monitoring.nearest')) : null),
      h('span', { class: 'muted' }, t('monitoring.km', { km: number(distanceKm, 1) })),
      h('button', { type: 'button', class: `button small${i === 0 ? ' primary' : ''}`, onclick: e => send(team, e.currentTarget) }, t('monitoring.dispatchTeam', { team: team.name }))))),
    status));
  const map = await dispatchMap(mapBox, {
    home: { lat: proposal.homeLatitude, lon: proposal.homeLongitude, label: t('monitoring.home') },
    teams: proposal.teams.map(({ team }) => ({ id: team.id, name: team.name, lat: team.baseLatitude, lon: team.baseLongitude })),
    proposed: nearest,
  });
  return () => map.destroy();

  async function send(team, button) {
    button.disabled = true;
    try {
      onDispatched(await post(`/api/monitoring/alerts/${alert.id}/dispatch`, { teamId: team.id }));
    } catch (e) {
      replace(status, message('error', e.message));
      button.disabled = false;
    }
  }
}
