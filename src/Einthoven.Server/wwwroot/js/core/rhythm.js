// The rhythm verdict of the analysis summary (AnalysisReport.rhythm): the CinC 2017 labels in the model's order, with
// the names and colours the rhythm card, its timeline and the recording list use.
export const rhythmClasses = [
  { id: 'N', name: 'normal sinus rhythm', colour: '#1b7a3d' },
  { id: 'A', name: 'atrial fibrillation', colour: '#c4161c' },
  { id: 'O', name: 'other rhythm', colour: '#d96a00' },
  { id: '~', name: 'inconclusive', colour: '#8a8f98' },
];

const byId = new Map(rhythmClasses.map(c => [c.id, c]));

export const rhythmClass = label => byId.get(label) ?? null;

/** The summary's rhythm verdict ({ label, name, probabilities, afBurden, windows, ... }), or null when none was made. */
export function verdict(summary) {
  const r = summary?.rhythm;
  return r && typeof r === 'object' && typeof r.label === 'string' ? r : null;
}

/** "atrial fibrillation (AF burden 83 %)" for long records with some AF, else just the verdict's name. */
export function verdictText(r) {
  const name = r.name ?? rhythmClass(r.label)?.name ?? r.label;
  const burden = typeof r.afBurden === 'number' && r.afBurden > 0 && (r.windows?.length ?? 0) > 1 ? ` (AF burden ${Math.round(r.afBurden * 100)} %)` : '';
  return name + burden;
}
