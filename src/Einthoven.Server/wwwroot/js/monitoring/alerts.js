// Alerts as the dashboard lists them: names of the kinds, severity order (Critical, Warning, Advisory, then newest
// first), and one list item per alert.
import { h } from '../core/dom.js';
import { ago, elapsed, utc } from '../core/format.js';

export const kindNames = {
  AtrialFibrillation: 'Atrial fibrillation', VentricularTachycardiaRun: 'VT run', SustainedVentricularTachycardia: 'Sustained VT',
  Bradycardia: 'Bradycardia', Tachycardia: 'Tachycardia', Pause: 'Pause', Asystole: 'Asystole', SignalLoss: 'Signal loss / leads off',
};

export const kindName = (/** @type {import('../core/types.js').AlertView} */ a) =>
  `${kindNames[a.kind] ?? a.kind}${a.phase === 'End' ? ' ended' : ''}`;

const rank = { Critical: 2, Warning: 1, Advisory: 0 };

/** Worst severity first, then the newest. */
export const bySeverity = (a, b) => (rank[b.severity] ?? -1) - (rank[a.severity] ?? -1) || utc(b.raisedAt) - utc(a.raisedAt);

/** Adds or replaces an alert in a list kept in severity order. */
export function merge(list, alert) {
  const rest = list.filter(a => a.id !== alert.id);
  return [...rest, alert].sort(bySeverity);
}

export const severityBadge = severity => h('span', { class: `badge severity ${severity?.toLowerCase() ?? ''}` }, severity ?? 'none');
export const stateBadge = state => h('span', { class: `badge state ${state.toLowerCase()}` }, state);

/** Where in the stream an alert starts, as elapsed time. */
export const streamTime = a => elapsed(a.startSample / a.samplingFrequency);

/** One alert as a list item: a button that opens it. */
export function alertItem(/** @type {import('../core/types.js').AlertView} */ a, { onOpen, selected = false, fresh = false, showPatient = true }) {
  return h('li', { class: `alert-item${fresh ? ' flash' : ''}`, dataset: { alert: a.id, kind: a.kind, severity: a.severity, state: a.state } },
    h('button', { type: 'button', class: 'alert-open', 'aria-current': selected ? 'true' : null, onclick: () => onOpen(a) },
      h('span', { class: 'alert-line' }, severityBadge(a.severity), h('strong', {}, kindName(a)), stateBadge(a.state)),
      h('span', { class: 'alert-line muted small' },
        showPatient ? h('span', { class: 'alert-patient' }, a.patientName) : null,
        h('span', {}, `at ${streamTime(a)} of the stream`),
        h('time', { datetime: a.raisedAt, title: utc(a.raisedAt).toLocaleString() }, ago(utc(a.raisedAt)))),
      h('span', { class: 'alert-detail small' }, a.detail)));
}
