// The rhythm verdict of the analysis report (types.js RhythmVerdict): the CinC 2017 labels in the model's order, with
// the names and colours the rhythm card, its timeline and the recording list use.
export const rhythmClasses = [
  { id: 'N', name: 'normal sinus rhythm', colour: '#1b7a3d' },
  { id: 'A', name: 'atrial fibrillation', colour: '#c4161c' },
  { id: 'O', name: 'other rhythm', colour: '#d96a00' },
  { id: '~', name: 'inconclusive', colour: '#8a8f98' },
];

const byId = new Map(rhythmClasses.map(c => [c.id, c]));

export const rhythmClass = label => byId.get(label) ?? null;

/**
 * "atrial fibrillation (AF burden 83 %)" for long records with some AF, else just the verdict's name.
 * @param {import('./types.js').RhythmVerdict} r
 */
export function verdictText(r) {
  const burden = r.afBurden !== null && r.afBurden > 0 && r.windows.length > 1 ? ` (AF burden ${Math.round(r.afBurden * 100)} %)` : '';
  return r.name + burden;
}
