// One alert: what and when, its evidence strip on calibrated paper, acknowledge / escalate / resolve with a note, the
// trail of what staff did, and for an escalated alert the dispatch of the nearest available team.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, number, utc } from '../core/format.js';
import { detailText, kindName, severityBadge, stateBadge, streamTime } from './alerts.js';
import { dispatchPanel } from './dispatchPanel.js';
import { t } from '../core/i18n.js';
import { evidenceStrip } from './strip.js';

/** What staff may do in each state (as the server's AlertTransitions). */
const allowed = { Open: ['acknowledge', 'escalate', 'resolve'], Acknowledged: ['escalate', 'resolve'], Escalated: ['resolve'], Dispatched: ['resolve'], Resolved: [] };
const buttons = { acknowledge: 'primary', escalate: 'danger', resolve: '' };
const trailActions = ['raised', 'acknowledge', 'escalate', 'resolve', 'dispatch', 'handover'];
const trailName = action => (trailActions.includes(action) ? t(`monitoring.trail.${action}`) : action);

/**
 * Renders the alert into `container`; onChanged(alertView) after each action, onOpenPatient(patientId).
 * Returns a cleanup function.
 */
export async function alertPanel(container, alertId, { onChanged, onOpenPatient }) {
  let cleanups = [];
  const cleanup = () => { cleanups.forEach(c => c()); cleanups = []; };
  await show();
  return cleanup;

  async function show(notice = null) {
    /** @type {import('../core/types.js').AlertDetailView} */
    const detail = await get(`/api/monitoring/alerts/${alertId}`);
    cleanup();
    const a = detail.alert;
    const status = h('div', { 'aria-live': 'polite' }, notice);
    const note = h('textarea', { id: 'alert-note', rows: 2, maxlength: 2000, placeholder: t('monitoring.notePlaceholder') });
    const actions = allowed[a.state] ?? [];
    const dispatch = h('div', { class: 'dispatch' });
    replace(container,
      h('article', { class: 'alert-panel', dataset: { alert: a.id, state: a.state } },
        h('header', { class: 'alert-head' },
          h('h2', {}, severityBadge(a.severity), ' ', kindName(a), ' ', stateBadge(a.state)),
          h('p', {}, h('button', { type: 'button', class: 'link-button', onclick: () => onOpenPatient(a.patientId) }, a.patientName),
            h('span', { class: 'muted' }, ` · ${detailText(a.detail)}`)),
          h('p', { class: 'muted small' }, t('monitoring.alertTimes', { at: streamTime(a), raised: dateTime(utc(a.raisedAt)), ms: number(a.latencyMs) }))),
        h('section', { 'aria-label': t('monitoring.evidence') }, h('h3', {}, t('monitoring.evidence')),
          detail.evidence.length ? evidenceStrip(detail) : h('p', { class: 'muted' }, t('monitoring.noStrip'))),
        actions.length === 0 ? null : h('form', { class: 'alert-actions', onsubmit: e => e.preventDefault() },
          h('label', { for: 'alert-note' }, t('monitoring.note')), note,
          h('div', { class: 'row' }, actions.map(action => h('button', {
            type: 'button', class: `button ${buttons[action]}`, dataset: { action }, onclick: event => act(action, note.value, event.currentTarget),
          }, t(`monitoring.action.${action}`))))),
        status, dispatch,
        h('section', { 'aria-label': t('monitoring.trail') }, h('h3', {}, t('monitoring.trail')), trail(detail))));
    if (a.state === 'Escalated') cleanups.push(await dispatchPanel(dispatch, a, { onDispatched: async d => { await show(message('success', t('monitoring.teamOnTheWay', { team: d.teamName, km: number(d.distanceKm, 1) }))); onChanged?.({ ...a, state: 'Dispatched' }); } }));

    async function act(action, text, button) {
      button.disabled = true;
      try {
        const updated = await post(`/api/monitoring/alerts/${a.id}/${action}`, { note: text });
        onChanged?.(updated);
        await show(message('success', `${trailName(action)}.`));
      } catch (e) {
        replace(status, message('error', e.message));
        button.disabled = false;
      }
    }
  }
}

function trail(/** @type {import('../core/types.js').AlertDetailView} */ detail) {
  const a = detail.alert;
  const entries = [{ action: 'raised', actorName: t('monitoring.liveAnalysis'), note: detailText(a.detail), at: a.raisedAt }, ...detail.actions];
  return h('ol', { class: 'trail' }, entries.map(e => h('li', { dataset: { action: e.action } },
    h('time', { datetime: e.at }, dateTime(utc(e.at))), ' ',
    h('strong', {}, trailName(e.action)), ` ${t('monitoring.by', { name: e.actorName })}`,
    e.note ? h('span', { class: 'muted' }, ` · ${e.note}`) : null)),
    detail.dispatches.map(d => h('li', { class: 'dispatch-entry', dataset: { dispatch: d.id } },
      h('strong', {}, d.teamName), ` · ${t('monitoring.km', { km: number(d.distanceKm, 1) })} · ${t('monitoring.sent', { at: dateTime(utc(d.assignedAt)) })}`,
      ` · ${d.handedOverAt ? t('monitoring.handedOverAt', { at: dateTime(utc(d.handedOverAt)) }) + (d.handOverNote ? `: ${d.handOverNote}` : '') : t('monitoring.onTheWay')}`)));
}
