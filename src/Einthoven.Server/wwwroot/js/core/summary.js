// Reads the analysis summary the server stores: the AnalysisReport (rhythm verdict, heartRate.meanBpm, beats.detected,
// intervals.prMs, quality.overall, pacing.pacedRhythm, ...). Other analysers name fields differently, so known ones are
// picked by a few names and the rest are shown as they are.
import { label, number } from './format.js';
import { verdict, verdictText } from './rhythm.js';

const pick = (object, ...names) => {
  for (const name of names) {
    const value = name.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), object);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
};

const text = value => (typeof value === 'object' && value !== null ? pick(value, 'label', 'name', 'class', 'overall', 'level', 'value') : value);

export const heartRate = s => pick(s, 'heartRate.meanBpm', 'meanHeartRate', 'heartRate.mean', 'heartRate');
export const rateRange = s => [pick(s, 'heartRate.minBpm'), pick(s, 'heartRate.maxBpm')];
/** The rhythm verdict's name ("atrial fibrillation (AF burden 83 %)"), or another analyser's rhythm field. */
export const rhythm = s => (verdict(s) ? verdictText(verdict(s)) : text(pick(s, 'rhythm', 'rhythmClass')));
export const beatCount = s => pick(s, 'beats.detected', 'beatCount', 'beats.count', 'beats');
export const quality = s => text(pick(s, 'quality.overall', 'quality.level', 'signalQuality', 'quality'));
export const paced = s => pick(s, 'pacing.pacedRhythm', 'pacing.paced', 'pacedRhythm', 'paced');

/** One line for lists: "normal sinus rhythm · 74 bpm · 2,273 beats · quality good". */
export function headline(summary) {
  if (!summary) return '';
  const parts = [];
  const r = rhythm(summary);
  if (typeof r === 'string') parts.push(r);
  const hr = heartRate(summary);
  if (typeof hr === 'number') parts.push(`${number(hr)} bpm`);
  const beats = beatCount(summary);
  if (typeof beats === 'number') parts.push(`${number(beats)} beats`);
  const q = quality(summary);
  if (typeof q === 'string') parts.push(`quality ${q.toLowerCase()}`);
  if (paced(summary) === true) parts.push('paced');
  return parts.join(' · ');
}

const units = [
  [/rr$|interval$/i, 's'], [/heartrate$|rate$|bpm$/i, 'bpm'], [/(^|[a-z])(pr|qrs|qt|qtc\w*)(ms)?$/i, 'ms'], [/axis$/i, '°'],
  [/fraction$/i, ''], [/mv$/i, 'mV'], [/seconds$/i, 's'],
];

function unitOf(key) {
  for (const [pattern, unit] of units) if (pattern.test(key)) return unit;
  return '';
}

/** Every scalar in the summary as [label, shown value], nested objects flattened ("Quality · level"). */
export function rows(summary, prefix = '') {
  const out = [];
  for (const [key, value] of Object.entries(summary ?? {})) {
    const name = prefix ? `${prefix} · ${label(key).toLowerCase()}` : label(key);
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.every(v => typeof v !== 'object')) out.push([name, value.join(', ')]);
      else out.push([name, `${value.length} items`]);
    } else if (typeof value === 'object') out.push(...rows(value, name));
    else if (typeof value === 'number') out.push([name, `${value.toLocaleString(undefined, { maximumFractionDigits: 3 })}${unitOf(key) ? ` ${unitOf(key)}` : ''}`]);
    else if (typeof value === 'boolean') out.push([name, value ? 'yes' : 'no']);
    else out.push([name, String(value)]);
  }
  return out;
}
