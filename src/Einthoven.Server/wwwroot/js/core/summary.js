// The analysis report (types.js AnalysisReport) as one line for lists and as the rows of the "All results" table:
// every field read by its name, every unit the one its name states.
import { number } from './format.js';
import { verdictText } from './rhythm.js';

/** @typedef {import('./types.js').AnalysisReport} AnalysisReport */

/**
 * One line for lists: "normal sinus rhythm · 74 bpm · 2,273 beats · quality good".
 * @param {AnalysisReport | null} report
 */
export function headline(report) {
  if (!report) return '';
  return [
    report.rhythm ? verdictText(report.rhythm) : null,
    report.heartRate ? `${number(report.heartRate.meanBpm)} bpm` : null,
    `${number(report.beats.detected)} beats`,
    `quality ${report.quality.overall}`,
    report.pacing.pacedRhythm ? 'paced' : null,
  ].filter(part => part !== null).join(' · ');
}

const unit = (value, suffix, digits = 0) => (value === null || value === undefined ? null : `${number(value, digits)}${suffix}`);
const ms = value => unit(value, ' ms');
const degrees = value => unit(value, '°');
const percent = fraction => unit(fraction === null ? null : fraction * 100, ' %', 1);

/**
 * Why a value of the report is missing ("not measured: no P waves: atrial fibrillation"), or null when no reason is
 * stored (summaries before 2026-12-07); a missing object's reason stands for each of its values.
 * @param {AnalysisReport} report
 * @param {string} key the value's name in the report, e.g. "prMs"
 * @param {string} [parent] the name of the object that holds it, e.g. "intervals"
 */
export function notMeasured(report, key, parent) {
  const reason = report.notMeasured?.[key] ?? (parent ? report.notMeasured?.[parent] : undefined);
  return reason ? `not measured: ${reason}` : null;
}

/**
 * Every measurement of the report as [label, shown value] with its unit, leaving out what was not measurable.
 * @param {AnalysisReport} r
 * @returns {Array<[string, string]>}
 */
export function rows(r) {
  const { beats, heartRate: hr, hrvTime: t, hrvFrequency: f, intervals: i, quality: q, pacing: p, rhythm } = r;
  return /** @type {Array<[string, string | null]>} */ ([
    ['Record', r.record], ['Sampling frequency', unit(r.samplingFrequency, ' Hz')], ['Duration', unit(r.durationSeconds, ' s', 1)],
    ['Leads', r.leads.join(', ')],
    ['Beats detected', number(beats.detected)], ['Beats analysed', number(beats.analysed)],
    ...Object.entries(beats.byClass).map(([c, n]) => [`Beats ${c}`, number(n)]),
    ['Mean heart rate', unit(hr?.meanBpm, ' bpm')], ['Lowest heart rate', unit(hr?.minBpm, ' bpm')], ['Highest heart rate', unit(hr?.maxBpm, ' bpm')],
    ['NN intervals', unit(hr?.normalToNormalIntervals, '')],
    ['Mean NN', ms(t?.meanNn)], ['SDNN', ms(t?.sdnn)], ['RMSSD', ms(t?.rmssd)], ['pNN50', unit(t?.pnn50, ' %', 1)],
    ['LF', unit(f?.lf, ' ms²')], ['HF', unit(f?.hf, ' ms²')], ['LF/HF', unit(f?.lfHfRatio, '', 2)], ['Total power', unit(f?.totalPower, ' ms²')],
    ['RR', ms(i?.rrMs)], ['PR', ms(i?.prMs) ?? notMeasured(r, 'prMs', 'intervals')], ['QRS', ms(i?.qrsMs)],
    ['QT', ms(i?.qtMs) ?? notMeasured(r, 'qtMs', 'intervals')],
    ['QTc (Bazett)', ms(i?.qtcBazettMs)], ['QTc (Fridericia)', ms(i?.qtcFridericiaMs)],
    ['P axis', degrees(i?.pAxis) ?? notMeasured(r, 'pAxis', 'intervals')], ['QRS axis', degrees(i?.qrsAxis)],
    ['T axis', degrees(i?.tAxis)], ['Beats in median', unit(i?.beatsInMedian, '')],
    ['Signal quality', q.overall], ['Quality segments', `${q.good} good, ${q.acceptable} acceptable, ${q.inconclusive} inconclusive`],
    ['Quality rhythm lead', q.rhythmLead],
    ['Paced rhythm', p.pacedRhythm ? 'yes' : 'no'], ['Paced beats', percent(p.pacedBeatFraction)], ['Pacing spikes', number(p.spikeCount)],
    ['Pacemaker', r.pacemaker ? `${r.pacemaker.paced ? 'yes' : 'no'}, probability ${r.pacemaker.probability.toFixed(2)} (${r.pacemaker.decidedBy})` : null],
    ['Rhythm', rhythm ? verdictText(rhythm) : null], ['Rhythm lead', rhythm?.lead ?? null], ['Rhythm model', rhythm?.model ?? null],
    ['Models', r.models?.map(m => `${m.name} ${m.version}`).join(', ') ?? null],
  ]).filter(/** @returns {row is [string, string]} */ row => row[1] !== null);
}
