// The analysis report's reasons for a missing value and its 12-lead statement names, in the user's language. The
// report stores them in English: a reason is one of a few fixed sentences of the signal library (NotMeasured,
// RecordIntervals, PWavePresence; some with figures), a statement has a stable code (PTB-XL's). A sentence or code
// not known here is shown as the report has it.
import { t } from './i18n.js';

/** [English pattern, key]: the pattern's groups become the text's {a}, {b}. */
const reasons = [
  [/^no normal-to-normal interval in interpretable segments$/, 'reason.noNormalInterval'],
  [/^needs at least 3 normal-to-normal intervals$/, 'reason.needsThreeIntervals'],
  [/^needs (\d+) min of normal-to-normal intervals$/, 'reason.needsMinutes'],
  [/^no median beat: fewer than 3 alike beats in interpretable segments$/, 'reason.noMedianBeat'],
  [/^no T wave in the median beat$/, 'reason.noTWave'],
  [/^needs the limb leads \(at least two\) with a net deflection$/, 'reason.noAxis'],
  [/^none in the median beat$/, 'reason.noPInMedian'],
  [/^too few beats to check for P waves$/, 'reason.tooFewBeats'],
  [/^no P wave before most beats \((\d+) of (\d+)\)$/, 'reason.noPBeforeMost'],
  [/^P waves at an unsteady distance from the QRS \(PR spread (\d+) ms\)$/, 'reason.unsteadyPr'],
  [/^atrial fibrillation$/, 'reason.atrialFibrillation'],
  [/^paced rhythm$/, 'reason.pacedRhythm'],
];

/** A reason of the report in the user's language ("no P waves: ..." with its cause translated too). */
export function reasonText(reason) {
  const noP = /^no P waves: (.+)$/.exec(reason);
  if (noP) return t('reason.noPWaves', { why: reasonText(noP[1]) });
  for (const [pattern, key] of reasons) {
    const m = pattern.exec(reason);
    if (m) return t(key, { a: m[1], b: m[2] });
  }
  return reason;
}

const statementCodes = new Set(['NORM', 'MI', 'STTC', 'CD', 'HYP', 'AMI', 'IMI', 'LAFB/LPFB', 'LVH', 'IRBBB', 'ISC_', 'NST_', 'IVCD', '_AVB',
  'SR', 'AFIB', 'STACH', 'SARRH', 'SBRAD']);

/** A 12-lead statement's name by its PTB-XL code, else its description as the model gave it. */
export const statementName = s => (statementCodes.has(s.code) ? t(`statement.${s.code}`) : s.description);
