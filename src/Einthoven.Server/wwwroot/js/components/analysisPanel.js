// The analysis of one recording: job progress while it runs, then rhythm, rate, intervals, beats by class, quality,
// pacing and (for 12-lead records) the 12-lead statements, with the disclaimer beside every interpretation.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { className, countByClass } from '../core/beats.js';
import { dateTime, number, utc } from '../core/format.js';
import { notMeasured, qualityName, rows } from '../core/summary.js';
import { rhythmCardBody } from './rhythmCard.js';
import { locale, t } from '../core/i18n.js';
import { reasonText, statementName } from '../core/reasons.js';

/** @typedef {import('../core/types.js').AnalysisReport} AnalysisReport */

/** @type {Array<[string, keyof import('../core/types.js').GlobalMeasurements, string]>} */
const intervalRows = [['PR', 'prMs', 'ms'], ['QRS', 'qrsMs', 'ms'], ['QT', 'qtMs', 'ms'], ['QTc (Bazett)', 'qtcBazettMs', 'ms'],
  ['QTc (Fridericia)', 'qtcFridericiaMs', 'ms'], [() => t('analysis.qrsAxis'), 'qrsAxis', '°'], [() => t('analysis.pAxis'), 'pAxis', '°'], [() => t('analysis.tAxis'), 'tAxis', '°']];

export function analysisPanel({ recordingId, canRerun, showAssessment = false, onComplete }) {
  const panel = h('section', { class: 'analysis', 'aria-labelledby': 'analysis-title', 'aria-live': 'polite' });
  let timer = null;
  let stopped = false;
  let completed = false;

  async function load() {
    /** @type {import('../core/types.js').AnalysisView} */
    let analysis;
    try { analysis = await get(`/api/recordings/${recordingId}/analysis`); }
    catch (e) { return replace(panel, title(), message('error', e.message)); }
    render(analysis);
    const state = analysis.job?.state;
    if (!stopped && (state === 'Queued' || state === 'Running')) timer = setTimeout(load, 1000);
    if (state === 'Succeeded' && !completed) { completed = true; onComplete?.(analysis); }
  }

  function render(analysis) {
    const job = analysis.job;
    if (!job) return replace(panel, title(), h('p', { class: 'muted' }, t('analysis.notAnalysed')));
    if (job.state === 'Queued' || job.state === 'Running') {
      return replace(panel, title(), h('div', { class: 'progress' },
        h('progress', { max: 100, value: Math.round(job.progress * 100), 'aria-label': t('analysis.progress') }),
        h('span', {}, job.state === 'Queued' ? t('analysis.waiting') : t('analysis.analysing', { percent: Math.round(job.progress * 100) }))));
    }
    if (job.state === 'Failed') {
      return replace(panel, title(), message('error', t('analysis.failed', { error: job.error ?? t('analysis.unknownError') })),
        canRerun ? h('button', { type: 'button', class: 'button', onclick: rerun }, t('analysis.again')) : null);
    }
    const s = analysis.summary;
    if (!s) {
      return replace(panel, title(), message('info', t('analysis.oldReport')),
        canRerun ? h('button', { type: 'button', class: 'button', onclick: rerun }, t('analysis.again')) : null);
    }
    replace(panel, title(),
      showAssessment && analysis.assessment ? assessmentCard(analysis.assessment) : null,
      h('p', { class: 'notice' }, h('strong', {}, `${t('common.notMedicalDevice')} `), t('common.footerDisclaimer')),
      h('div', { class: 'cards' },
        card(t('analysis.rhythm'), rhythmCardBody(s), 'rhythm'),
        card(t('analysis.heartRate'), rateText(s), 'rate'),
        card(t('analysis.hrv'), hrv(s), 'hrv'),
        card(t('analysis.intervals'), intervals(s), 'intervals'),
        card(t('analysis.beatsByClass'), beats(analysis.beatCounts), 'beats'),
        card(t('analysis.quality'), qualityText(s), 'quality'),
        card(t('analysis.pacing'), pacingText(s), 'pacing'),
        statementsCard(s)),
      h('details', { class: 'all-results' }, h('summary', {}, t('analysis.allResults')),
        h('table', { class: 'kv' }, h('tbody', {}, rows(s).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))))),
      h('p', { class: 'muted small' }, `${t('analysis.analyser', { name: analysis.analyzer ?? '?' })} · ${analysis.analysedAt ? dateTime(utc(analysis.analysedAt)) : ''}`));
  }

  async function rerun() {
    await post(`/api/recordings/${recordingId}/analysis`);
    completed = false;
    load();
  }

  load();
  return { element: panel, stop: () => { stopped = true; clearTimeout(timer); } };
}

const title = () => h('h2', { id: 'analysis-title' }, t('analysis.title'));

/**
 * The patient's summary in plain words: the urgency as colour and badge, the findings, the next steps (with a booking
 * link when a doctor should see it soon or now) and the not-a-medical-device notice; texts from assessment.json.
 * @param {import('../core/types.js').PatientAssessment} a
 */
function assessmentCard(a) {
  const text = m => t(m.key, Object.fromEntries(Object.entries(m.params ?? {}).map(([k, v]) => [k, new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(v)])));
  return h('section', { class: `card assessment urgency-${a.urgency}`, id: 'assessment', dataset: { urgency: a.urgency }, 'aria-labelledby': 'assessment-title' },
    h('h3', { id: 'assessment-title' }, t('assessment.title'), h('span', { class: 'urgency-badge' }, t(`assessment.urgency.${a.urgency}`))),
    h('h4', {}, t('assessment.findings')),
    h('ul', { class: 'findings' }, a.findings.map(f => h('li', { dataset: { key: f.key } }, text(f)))),
    h('h4', {}, t('assessment.steps')),
    h('ul', { class: 'steps' }, a.steps.map(s => h('li', { dataset: { key: s.key } }, text(s)))),
    a.suggestBooking ? h('p', {}, h('a', { class: 'button primary', href: '/clinics', id: 'assessment-book' }, t('assessment.book'))) : null,
    h('p', { class: 'muted small' }, t(a.disclaimerKey)));
}

const card = (name, body, id) => h('div', { class: 'card result', dataset: { result: id } }, h('h3', {}, name), h('div', { class: 'value' }, body));

/** @param {AnalysisReport} s */
function rateText(s) {
  const hr = s.heartRate;
  if (!hr) return notMeasured(s, 'heartRate') ?? t('analysis.notMeasurable');
  return [h('span', { class: 'big' }, number(hr.meanBpm)), ` ${t('units.bpm')}`, h('br'),
    h('span', { class: 'muted small' }, ` ${t('analysis.rateRange', { min: number(hr.minBpm), max: number(hr.maxBpm) })}`)];
}

/** @param {AnalysisReport} s */
function intervals(s) {
  // The signal library leaves intervals null when too few beats share one shape to build a median beat.
  if (!s.intervals) return notMeasured(s, 'intervals') ?? t('analysis.noDominantBeat');
  // A missing value shows its reason where the value would be; summaries stored without reasons leave it out.
  const shown = intervalRows.map(([name, key, unit]) => [typeof name === 'function' ? name() : name, s.intervals[key] !== null
    ? `${number(s.intervals[key])}${unit === 'ms' ? ` ${t('units.ms')}` : unit}` : notMeasured(s, key), s.intervals[key] === null]).filter(([, text]) => text !== null);
  return h('table', { class: 'kv' }, h('tbody', {}, shown.map(([name, text, missing]) =>
    h('tr', {}, h('th', { scope: 'row' }, name), h('td', { class: missing ? 'muted small' : null }, text)))));
}

/** @param {AnalysisReport} s */
function hrv(s) {
  const time = s.hrvTime;
  const frequency = s.hrvFrequency;
  if (!time && !frequency) return t('analysis.notMeasurable');
  const rows = [
    ['SDNN', time?.sdnn, 'ms'], ['RMSSD', time?.rmssd, 'ms'], ['pNN50', time?.pnn50, '%'], ['LF/HF', frequency?.lfHfRatio, ''],
  ].filter(([, v]) => typeof v === 'number');
  return h('table', { class: 'kv' }, h('tbody', {}, rows.map(([name, v, unit]) =>
    h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, `${number(v, unit === '' ? 2 : 0)}${unit ? ` ${unit === 'ms' ? t('units.ms') : unit}` : ''}`)))));
}

/** @param {AnalysisReport} s */
function qualityText(s) {
  const q = s.quality;
  return [h('span', { class: 'big-word' }, qualityName(q.overall)), h('br'),
    h('span', { class: 'muted small' }, t('analysis.segments', { good: q.good, acceptable: q.acceptable, inconclusive: q.inconclusive })),
    h('br'), h('span', { class: 'muted small' }, t('analysis.rhythmFromLead', { lead: q.rhythmLead }))];
}

function beats(countsBySymbol) {
  const byClass = countByClass(countsBySymbol);
  if (byClass.length === 0) return t('analysis.noBeats');
  const total = byClass.reduce((sum, c) => sum + c.count, 0);
  return h('table', { class: 'kv beat-classes' }, h('tbody', {},
    byClass.map(c => h('tr', { dataset: { class: c.id } },
      h('th', { scope: 'row' }, h('span', { class: 'swatch', style: { '--swatch': c.colour } }), `${c.id} · ${className(c)}`),
      h('td', {}, number(c.count)))),
    h('tr', { class: 'total' }, h('th', { scope: 'row' }, t('analysis.total')), h('td', {}, number(total)))));
}

/** @param {AnalysisReport} s */
const pacingText = s => [s.pacing.pacedRhythm ? t('analysis.paced') : t('analysis.notPaced'), pacemakerText(s)].filter(Boolean).join('. ');

/** The pacemaker detector's verdict with its probability, or null in a summary stored before it shipped. @param {AnalysisReport} s */
const pacemakerText = s => (s.pacemaker
  ? t(s.pacemaker.paced ? 'analysis.pacemakerLikely' : 'analysis.pacemakerUnlikely', { percent: Math.round(100 * s.pacemaker.probability) })
  : null);

/**
 * The 12-lead statements as bars: each class's probability with a tick at its threshold, the statements over their
 * threshold first and in bold. Shown for records of three or more leads (with the reason when the model could not read
 * one); a single- or two-lead recording has no card.
 * @param {AnalysisReport} s
 */
function statementsCard(s) {
  const p = s.statements;
  if (!p) {
    const why = s.notMeasured?.statements;
    return s.leads.length >= 3 && why ? card(t('analysis.statements'), h('span', { class: 'muted small' }, t('analysis.notRead', { reason: reasonText(why) })), 'statements') : null;
  }
  const ordered = [...p.statements].sort((a, b) => Number(b.present) - Number(a.present) || b.probability - a.probability);
  const found = ordered.filter(x => x.present).map(statementName);
  return h('div', { class: 'card result wide', dataset: { result: 'statements' } }, h('h3', {}, t('analysis.statements')),
    h('p', { class: 'value' }, found.length ? found.join(' · ') : t('analysis.noStatement')),
    h('ul', { class: 'statements', 'aria-label': t('analysis.statementProbabilities') }, ordered.map(x =>
      h('li', { class: x.present ? 'present' : null, dataset: { code: x.code } },
        h('span', { class: 'name', title: x.code }, statementName(x)),
        h('span', { class: 'bar', role: 'img', 'aria-label': t('analysis.probabilityThreshold', { p: Math.round(100 * x.probability), threshold: Math.round(100 * x.threshold) }),
          style: { '--p': `${(100 * x.probability).toFixed(1)}%`, '--t': `${(100 * x.threshold).toFixed(1)}%` } }),
        h('span', { class: 'pct' }, `${Math.round(100 * x.probability)} %`)))),
    h('p', { class: 'muted small' }, [`${p.model}; ${t('analysis.barsLegend')}`,
      p.derivedLeads.length ? ` ${t('analysis.derived', { leads: p.derivedLeads.join(', ') })}` : ''].join('')));
}
