// Beat symbols (WFDB/MIT) grouped into the AAMI EC57 classes, with the colours the viewer and legends use.
export const classes = [
  { id: 'N', name: 'Normal', colour: '#1b7a3d', symbols: ['N', 'L', 'R', 'e', 'j', 'B', 'n'] },
  { id: 'S', name: 'Supraventricular ectopic', colour: '#1459b8', symbols: ['A', 'a', 'J', 'S'] },
  { id: 'V', name: 'Ventricular ectopic', colour: '#c4161c', symbols: ['V', 'E', 'r'] },
  { id: 'F', name: 'Fusion', colour: '#d96a00', symbols: ['F'] },
  { id: 'Q', name: 'Paced or unclassified', colour: '#7b2d9b', symbols: ['/', 'f', 'Q', '?'] },
];

const bySymbol = new Map(classes.flatMap(c => c.symbols.map(s => [s, c])));

/** The AAMI class of a beat symbol, or null when the annotation is not a beat (rhythm change, noise, comment). */
export const classOf = symbol => bySymbol.get(symbol) ?? null;

export const isBeat = symbol => bySymbol.has(symbol);

/** { N: 2237, V: 1, ... } from counts by symbol, in class order, leaving out empty classes. */
export function countByClass(countsBySymbol) {
  const totals = new Map();
  for (const [symbol, count] of Object.entries(countsBySymbol ?? {})) {
    const c = classOf(symbol);
    if (c) totals.set(c.id, (totals.get(c.id) ?? 0) + count);
  }
  return classes.filter(c => totals.has(c.id)).map(c => ({ ...c, count: totals.get(c.id) }));
}
