// A paramedic's dispatches: where to go (the patient's home on a map with the team's base), why (the alert and the
// known conditions), and the hand-over form that closes the dispatch and makes the team available again.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, number, utc } from '../core/format.js';
import { detailText, kindName, severityBadge } from '../monitoring/alerts.js';
import { dispatchMap } from '../monitoring/map.js';
import { t } from '../core/i18n.js';

const PollMs = 10_000;

export async function render(main, { isParamedic }) {
  main.append(h('h1', {}, t('paramedic.title')));
  if (!isParamedic()) return main.append(message('info', t('paramedic.onlyParamedics')));
  const list = h('div', { class: 'dispatches', 'aria-live': 'polite' });
  const status = h('div', {});
  main.append(status, list);
  let maps = [];
  let shown = '';
  await refresh();
  const poll = setInterval(() => refresh().catch(() => {}), PollMs);
  return () => { clearInterval(poll); clear(); };

  function clear() { maps.forEach(m => m.destroy()); maps = []; }

  /** Redraws only when a dispatch came or changed, so that a note being typed is not lost. */
  async function refresh(force = false) {
    /** @type {import('../core/types.js').ParamedicDispatchView[]} */
    const dispatches = await get('/api/paramedic/dispatches');
    const key = dispatches.map(d => `${d.dispatch.id}:${d.dispatch.handedOverAt ?? ''}`).join();
    if (key === shown && !force) return;
    shown = key;
    /** @type {import('../core/types.js').TeamView[]} */
    const teams = dispatches.length ? await get('/api/monitoring/teams') : [];
    clear();
    if (dispatches.length === 0) return replace(list, h('p', { class: 'muted card' }, t('paramedic.none')));
    const cards = dispatches.map(d => card(d, teams.find(t => t.id === d.dispatch.teamId)));
    replace(list, cards.map(c => c.element));
    for (const c of cards) maps.push(await c.map());
  }

  function card(/** @type {import('../core/types.js').ParamedicDispatchView} */ v, /** @type {import('../core/types.js').TeamView | undefined} */ team) {
    const d = v.dispatch;
    const mapBox = h('div', { class: 'map', role: 'region', 'aria-label': team ? t('paramedic.mapWithTeam', { patient: v.alert.patientName, team: team.name }) : t('paramedic.map', { patient: v.alert.patientName }) });
    const note = h('textarea', { id: `handover-${d.id}`, rows: 2, maxlength: 2000, required: true, placeholder: t('paramedic.notePlaceholder') });
    const formStatus = h('div', { 'aria-live': 'polite' });
    const element = h('article', { class: 'card dispatch-card', dataset: { dispatch: d.id, open: String(!d.handedOverAt) } },
      h('h2', {}, severityBadge(v.alert.severity), ` ${kindName(v.alert)}: ${v.alert.patientName}`),
      h('p', {}, detailText(v.alert.detail)),
      h('p', { class: 'small' }, h('strong', {}, `${t('monitoring.knownConditions')}: `), v.knownConditions || t('monitoring.noneRecorded')),
      h('p', { class: 'muted small' }, t('paramedic.where', { team: d.teamName, km: number(d.distanceKm, 1), sent: dateTime(utc(d.assignedAt)), lat: number(v.homeLatitude, 5), lon: number(v.homeLongitude, 5) })),
      mapBox,
      d.handedOverAt
        ? h('p', { class: 'handed-over' }, h('span', { class: 'badge ok' }, t('monitoring.trail.handover')), ` ${dateTime(utc(d.handedOverAt))}${d.handOverNote ? `: ${d.handOverNote}` : ''}`)
        : h('form', { class: 'handover', onsubmit: handOver },
          h('label', { for: note.id }, t('paramedic.note')), note,
          h('button', { type: 'submit', class: 'button primary' }, t('paramedic.record')), formStatus));
    const map = () => dispatchMap(mapBox, {
      home: { lat: v.homeLatitude, lon: v.homeLongitude, label: t('monitoring.home') },
      teams: team ? [{ id: team.id, name: team.name, lat: team.baseLatitude, lon: team.baseLongitude, label: t('paramedic.base', { team: team.name }) }] : [],
      proposed: team?.id ?? null,
    });
    return { element, map };

    async function handOver(event) {
      event.preventDefault();
      const button = event.currentTarget.querySelector('button');
      button.disabled = true;
      try {
        await post(`/api/paramedic/dispatches/${d.id}/handover`, { note: note.value.trim() });
        replace(status, message('success', t('paramedic.recorded', { patient: v.alert.patientName, team: d.teamName })));
        await refresh(true);
      } catch (e) {
        replace(formStatus, message('error', e.message));
        button.disabled = false;
      }
    }
  }
}
