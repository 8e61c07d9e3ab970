// A paramedic's dispatches: where to go (the patient's home on a map with the team's base), why (the alert and the
// known conditions), and the hand-over form that closes the dispatch and makes the team available again.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, number, utc } from '../core/format.js';
import { kindName, severityBadge } from '../monitoring/alerts.js';
import { dispatchMap } from '../monitoring/map.js';

const PollMs = 10_000;

export async function render(main, { isParamedic }) {
  main.append(h('h1', {}, 'Dispatches'));
  if (!isParamedic()) return main.append(message('info', 'This page is for paramedics. An administrator gives the Paramedic role and the team.'));
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
    if (dispatches.length === 0) return replace(list, h('p', { class: 'muted card' }, 'No dispatch for your team. New ones appear here.'));
    const cards = dispatches.map(d => card(d, teams.find(t => t.id === d.dispatch.teamId)));
    replace(list, cards.map(c => c.element));
    for (const c of cards) maps.push(await c.map());
  }

  function card(/** @type {import('../core/types.js').ParamedicDispatchView} */ v, /** @type {import('../core/types.js').TeamView | undefined} */ team) {
    const d = v.dispatch;
    const mapBox = h('div', { class: 'map', role: 'region', 'aria-label': `Map: ${v.alert.patientName}’s home${team ? ` and ${team.name}’s base` : ''}` });
    const note = h('textarea', { id: `handover-${d.id}`, rows: 2, maxlength: 2000, required: true, placeholder: 'Condition on arrival, what was done, where the patient went' });
    const formStatus = h('div', { 'aria-live': 'polite' });
    const element = h('article', { class: 'card dispatch-card', dataset: { dispatch: d.id, open: String(!d.handedOverAt) } },
      h('h2', {}, severityBadge(v.alert.severity), ` ${kindName(v.alert)}: ${v.alert.patientName}`),
      h('p', {}, v.alert.detail),
      h('p', { class: 'small' }, h('strong', {}, 'Known conditions: '), v.knownConditions || 'none recorded'),
      h('p', { class: 'muted small' }, `${d.teamName} · ${number(d.distanceKm, 1)} km from base · sent ${dateTime(utc(d.assignedAt))} · ` +
        `home at ${number(v.homeLatitude, 5)}, ${number(v.homeLongitude, 5)}`),
      mapBox,
      d.handedOverAt
        ? h('p', { class: 'handed-over' }, h('span', { class: 'badge ok' }, 'Handed over'), ` ${dateTime(utc(d.handedOverAt))}${d.handOverNote ? `: ${d.handOverNote}` : ''}`)
        : h('form', { class: 'handover', onsubmit: handOver },
          h('label', { for: note.id }, 'Hand-over note'), note,
          h('button', { type: 'submit', class: 'button primary' }, 'Record hand-over'), formStatus));
    const map = () => dispatchMap(mapBox, {
      home: { lat: v.homeLatitude, lon: v.homeLongitude, label: 'Home' },
      teams: team ? [{ id: team.id, name: team.name, lat: team.baseLatitude, lon: team.baseLongitude, label: `${team.name} base` }] : [],
      proposed: team?.id ?? null,
    });
    return { element, map };

    async function handOver(event) {
      event.preventDefault();
      const button = event.currentTarget.querySelector('button');
      button.disabled = true;
      try {
        await post(`/api/paramedic/dispatches/${d.id}/handover`, { note: note.value.trim() });
        replace(status, message('success', `Hand-over of ${v.alert.patientName} recorded; ${d.teamName} is available again.`));
        await refresh(true);
      } catch (e) {
        replace(formStatus, message('error', e.message));
        button.disabled = false;
      }
    }
  }
}
