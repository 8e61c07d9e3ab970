// Alerts as the dashboard lists them: names of the kinds, severity order (Critical, Warning, Advisory, then newest
// first), and one list item per alert.
import { h } from '../core/dom.js';
import { ago, dateTime, elapsed, utc } from '../core/format.js';
import { t } from '../core/i18n.js';

const kinds = ['AtrialFibrillation', 'VentricularTachycardiaRun', 'SustainedVentricularTachycardia', 'Bradycardia', 'Tachycardia', 'Pause', 'Asystole', 'SignalLoss'];

/** An alert's kind in the user's language ("... ended" for the end of an episode). */
export function kindName(/** @type {import('../core/types.js').AlertView} */ a) {
  const name = kinds.includes(a.kind) ? t(`monitoring.kind.${a.kind}`) : a.kind;
  return a.phase === 'End' ? t('monitoring.ended', { name }) : name;
}

// The live analysis describes an alert in one of these English sentences (Einthoven.Monitoring's alarms); their
// figures become the text's {a}, {b}, {c} and the cause of an ended run its {why}. Other sentences stay as they are.
const details = [
  [/^beat after ([\d.,]+) s$/, 'beatAfter'],
  [/^no beat for ([\d.,]+) s \(limit ([\d.,]+) s\)$/, 'noBeat'],
  [/^heart rate (\d+) bpm \(limit (\d+)\)$/, 'rate'],
  [/^rhythm model: atrial fibrillation over the last (\d+) s$/, 'af'],
  [/^rhythm model: no atrial fibrillation in (\d+) windows$/, 'afEnded'],
  [/^no readable lead: too noisy to read$/, 'noisy'],
  [/^no readable lead: flat or missing \(leads off\?\)$/, 'flat'],
  [/^signal readable again after (\d+) s$/, 'readable'],
  [/^(\d+) consecutive V beats at (\d+) bpm$/, 'vRun'],
  [/^VT for (\d+) s \((\d+) beats at (\d+) bpm\)$/, 'vt'],
  [/^(\d+) V beats in ([\d.,]+) s; ended by (?<why>.+)$/, 'vRunEnded'],
  [/^VT for (\d+) s; ended by (?<why>.+)$/, 'vtEnded'],
];
const endings = { 'a beat that is not ventricular': 'otherBeat', 'signal lost': 'signalLost', 'end of stream': 'streamEnd' };

/** An alert's description in the user's language. */
export function detailText(detail) {
  for (const [pattern, key] of details) {
    const m = pattern.exec(detail ?? '');
    if (!m) continue;
    const why = m.groups?.why;
    if (why !== undefined && !endings[why]) return detail;
    return t(`monitoring.detail.${key}`, { a: m[1], b: m[2], c: m[3], why: why && t(`monitoring.detail.why.${endings[why]}`) });
  }
  return detail;
}

const rank = { Critical: 2, Warning: 1, Advisory: 0 };
const states = ['Open', 'Acknowledged', 'Escalated', 'Dispatched', 'Resolved'];

/** Worst severity first, then the newest. */
export const bySeverity = (a, b) => (rank[b.severity] ?? -1) - (rank[a.severity] ?? -1) || utc(b.raisedAt) - utc(a.raisedAt);

/** Adds or replaces an alert in a list kept in severity order. */
export function merge(list, alert) {
  const rest = list.filter(a => a.id !== alert.id);
  return [...rest, alert].sort(bySeverity);
}

export const severityBadge = severity => h('span', { class: `badge severity ${severity?.toLowerCase() ?? ''}` }, severity in rank ? t(`monitoring.severity.${severity}`) : severity ?? t('monitoring.severity.none'));
export const stateBadge = state => h('span', { class: `badge state ${state.toLowerCase()}` }, states.includes(state) ? t(`monitoring.state.${state}`) : state);

/** Where in the stream an alert starts, as elapsed time. */
export const streamTime = a => elapsed(a.startSample / a.samplingFrequency);

/** One alert as a list item: a button that opens it. */
export function alertItem(/** @type {import('../core/types.js').AlertView} */ a, { onOpen, selected = false, fresh = false, showPatient = true }) {
  return h('li', { class: `alert-item${fresh ? ' flash' : ''}`, dataset: { alert: a.id, kind: a.kind, severity: a.severity, state: a.state } },
    h('button', { type: 'button', class: 'alert-open', 'aria-current': selected ? 'true' : null, onclick: () => onOpen(a) },
      h('span', { class: 'alert-line' }, severityBadge(a.severity), h('strong', {}, kindName(a)), stateBadge(a.state)),
      h('span', { class: 'alert-line muted small' },
        showPatient ? h('span', { class: 'alert-patient' }, a.patientName) : null,
        h('span', {}, t('monitoring.atStream', { at: streamTime(a) })),
        h('time', { datetime: a.raisedAt, title: dateTime(utc(a.raisedAt)) }, ago(utc(a.raisedAt)))),
      h('span', { class: 'alert-detail small' }, detailText(a.detail))));
}
