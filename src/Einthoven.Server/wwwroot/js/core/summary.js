// The analysis report (types.js AnalysisReport) as one line for lists and as the rows of the "All results" table:
// every field read by its name, every unit the one its name states.
import { number } from './format.js';
import { verdictText } from './rhythm.js';
import { t, tn } from './i18n.js';
import { reasonText } from './reasons.js';

/** @typedef {import('./types.js').AnalysisReport} AnalysisReport */

/**
 * One line for lists: "normal sinus rhythm · 74 bpm · 2,273 beats · quality good".
 * @param {AnalysisReport | null} report
 */
export function headline(report) {
  if (!report) return '';
  return [
    report.rhythm ? verdictText(report.rhythm) : null,
    report.heartRate ? `${number(report.heartRate.meanBpm)} ${t('units.bpm')}` : null,
    tn('summary.beats', report.beats.detected),
    t('summary.quality', { quality: qualityName(report.quality.overall) }),
    report.pacing.pacedRhythm ? t('summary.paced') : null,
  ].filter(part => part !== null).join(' · ');
}

const unit = (value, suffix, digits = 0) => (value === null || value === undefined ? null : `${number(value, digits)}${suffix}`);
const ms = value => unit(value, ` ${t('units.ms')}`);

/** A quality level ("good", "acceptable", "inconclusive") in the user's language. */
export const qualityName = level => (['good', 'acceptable', 'inconclusive'].includes(level) ? t(`summary.quality.${level}`) : level);
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
  return reason ? t('summary.notMeasured', { reason: reasonText(reason) }) : null;
}

/**
 * Every measurement of the report as [label, shown value] with its unit, leaving out what was not measurable.
 * @param {AnalysisReport} r
 * @returns {Array<[string, string]>}
 */
export function rows(r) {
  const { beats, heartRate: hr, hrvTime: tm, hrvFrequency: f, intervals: i, quality: q, pacing: p, rhythm } = r;
  const L = key => t(`summary.${key}`);
  const bpm = ` ${t('units.bpm')}`;
  const yesNo = value => t(value ? 'summary.yes' : 'summary.no');
  return /** @type {Array<[string, string | null]>} */ ([
    [L('record'), r.record], [L('samplingFrequency'), unit(r.samplingFrequency, ` ${t('units.hz')}`)], [L('duration'), unit(r.durationSeconds, ' s', 1)],
    [L('leads'), r.leads.join(', ')],
    [L('beatsDetected'), number(beats.detected)], [L('beatsAnalysed'), number(beats.analysed)],
    ...Object.entries(beats.byClass).map(([c, n]) => [t('summary.beatsOf', { symbol: c }), number(n)]),
    [L('meanRate'), unit(hr?.meanBpm, bpm)], [L('lowestRate'), unit(hr?.minBpm, bpm)], [L('highestRate'), unit(hr?.maxBpm, bpm)],
    [L('nnIntervals'), unit(hr?.normalToNormalIntervals, '')],
    [L('meanNn'), ms(tm?.meanNn)], ['SDNN', ms(tm?.sdnn)], ['RMSSD', ms(tm?.rmssd)], ['pNN50', unit(tm?.pnn50, ' %', 1)],
    ['LF', unit(f?.lf, ` ${L('ms2')}`)], ['HF', unit(f?.hf, ` ${L('ms2')}`)], ['LF/HF', unit(f?.lfHfRatio, '', 2)], [L('totalPower'), unit(f?.totalPower, ` ${L('ms2')}`)],
    ['RR', ms(i?.rrMs)], ['PR', ms(i?.prMs) ?? notMeasured(r, 'prMs', 'intervals')], ['QRS', ms(i?.qrsMs)],
    ['QT', ms(i?.qtMs) ?? notMeasured(r, 'qtMs', 'intervals')],
    ['QTc (Bazett)', ms(i?.qtcBazettMs)], ['QTc (Fridericia)', ms(i?.qtcFridericiaMs)],
    [L('pAxis'), degrees(i?.pAxis) ?? notMeasured(r, 'pAxis', 'intervals')], [L('qrsAxis'), degrees(i?.qrsAxis)],
    [L('tAxis'), degrees(i?.tAxis)], [L('beatsInMedian'), unit(i?.beatsInMedian, '')],
    [L('signalQuality'), qualityName(q.overall)], [L('qualitySegments'), t('summary.segments', { good: q.good, acceptable: q.acceptable, inconclusive: q.inconclusive })],
    [L('qualityRhythmLead'), q.rhythmLead],
    [L('pacedRhythm'), yesNo(p.pacedRhythm)], [L('pacedBeats'), percent(p.pacedBeatFraction)], [L('pacingSpikes'), number(p.spikeCount)],
    [L('pacemaker'), r.pacemaker ? t('summary.pacemakerValue', { answer: yesNo(r.pacemaker.paced), probability: number(r.pacemaker.probability, 2), decidedBy: r.pacemaker.decidedBy }) : null],
    [L('rhythm'), rhythm ? verdictText(rhythm) : null], [L('rhythmLead'), rhythm?.lead ?? null], [L('rhythmModel'), rhythm?.model ?? null],
    [L('models'), r.models?.map(m => `${m.name} ${m.version}`).join(', ') ?? null],
  ]).filter(/** @returns {row is [string, string]} */ row => row[1] !== null);
}
