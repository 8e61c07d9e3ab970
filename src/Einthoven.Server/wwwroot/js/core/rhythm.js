// The rhythm verdict of the analysis report (types.js RhythmVerdict): the CinC 2017 labels in the model's order, with
// the names (in the user's language) and colours the rhythm card, its timeline and the recording list use.
import { t } from './i18n.js';

const rhythmKeys = { N: 'normal', A: 'af', O: 'other', '~': 'inconclusive' };

export const rhythmClasses = [
  { id: 'N', colour: '#1b7a3d' },
  { id: 'A', colour: '#c4161c' },
  { id: 'O', colour: '#d96a00' },
  { id: '~', colour: '#8a8f98' },
].map(c => ({ ...c, get name() { return t(`rhythm.${rhythmKeys[c.id]}`); } }));

const byId = new Map(rhythmClasses.map(c => [c.id, c]));

export const rhythmClass = label => byId.get(label) ?? null;

/** The verdict's name in the user's language (the report names it in English). @param {import('./types.js').RhythmVerdict} r */
export const verdictName = r => rhythmClass(r.label)?.name ?? r.name;

/**
 * "atrial fibrillation (AF burden 83 %)" for long records with some AF, else just the verdict's name.
 * @param {import('./types.js').RhythmVerdict} r
 */
export function verdictText(r) {
  const burden = r.afBurden !== null && r.afBurden > 0 && r.windows.length > 1 ? ` (${t('rhythm.burden', { percent: Math.round(r.afBurden * 100) })})` : '';
  return verdictName(r) + burden;
}
