// The Rhythm card of the analysis: the verdict, the probability of each rhythm, and for long recordings the AF burden
// and a timeline of the classified windows. '~' reads 'inconclusive', with the reason when the analyser gave one.
import { h } from '../core/dom.js';
import { elapsed, number } from '../core/format.js';
import { rhythmClass, rhythmClasses, verdictName } from '../core/rhythm.js';
import { t } from '../core/i18n.js';

/** @param {import('../core/types.js').AnalysisReport} report */
export function rhythmCardBody(report) {
  const r = report.rhythm;
  if (!r) return t('rhythm.notAssessed');
  const windows = r.windows;
  return [
    h('span', { class: 'big-word rhythm-verdict', dataset: { label: r.label } }, verdictName(r)),
    r.reason ? h('p', { class: 'muted small' }, r.reason) : null,
    probabilities(r.probabilities),
    windows.length > 1 ? [
      h('p', { class: 'small af-burden' }, t('rhythm.burdenOf', { percent: number((r.afBurden ?? 0) * 100, 1), windows: windows.length, seconds: number(windows[0].endSeconds - windows[0].startSeconds) })),
      timeline(windows)] : null,
    h('p', { class: 'muted small' }, `${t(r.lead.includes(',') ? 'rhythm.leads' : 'rhythm.lead', { lead: r.lead })} · ${r.model}`),
  ];
}

function probabilities(p) {
  const rows = rhythmClasses.filter(c => typeof p[c.id] === 'number');
  if (rows.length === 0) return null;
  return h('ul', { class: 'rhythm-probabilities', 'aria-label': t('rhythm.probabilities') }, rows.map(c =>
    h('li', { dataset: { label: c.id } },
      h('span', { class: 'name' }, h('span', { class: 'swatch', style: { '--swatch': c.colour } }), c.name),
      h('span', { class: 'number' }, `${number(p[c.id] * 100)} %`),
      h('meter', { min: 0, max: 1, value: p[c.id], 'aria-label': t('rhythm.probabilityOf', { name: c.name }) }))));
}

function timeline(windows) {
  const start = windows[0].startSeconds;
  const total = windows[windows.length - 1].endSeconds - start;
  return h('div', { class: 'rhythm-timeline', role: 'img', 'aria-label': t('rhythm.timeline', { n: windows.length }) },
    windows.map(w => {
      const c = rhythmClass(w.label);
      return h('span', {
        class: 'rhythm-window', dataset: { label: w.label },
        title: `${elapsed(w.startSeconds)}–${elapsed(w.endSeconds)} ${c?.name ?? w.label} (${number(w.probability * 100)} %)`,
        style: { '--swatch': c?.colour ?? '#8a8f98', width: `${(100 * (w.endSeconds - w.startSeconds)) / total}%` },
      });
    }));
}
