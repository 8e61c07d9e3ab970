// The AAMI EC57 beat classes with the beat symbols of each, from the one table the analysis maps beats with
// (GET /api/analysis/beat-classes, Einthoven.Models' aami-classes.json), and the colours the viewer and legends use.
import { get } from './api.js';
import { t } from './i18n.js';

const colours = { N: '#1b7a3d', S: '#1459b8', V: '#c4161c', F: '#d96a00', Q: '#7b2d9b' };

/** @type {Array<import('./types.js').AamiClassSymbols & { colour: string }>} */
export const classes = (await get('/api/analysis/beat-classes')).map(c => ({ ...c, colour: colours[c.id] }));

const bySymbol = new Map(classes.flatMap(c => c.symbols.map(s => [s, c])));

/** The AAMI class of a beat symbol, or null when the annotation is not a beat (rhythm change, noise, comment). */
export const classOf = symbol => bySymbol.get(symbol) ?? null;

export const isBeat = symbol => bySymbol.has(symbol);

/** A class's name in the user's language (the server's table names it in English). */
export const className = c => t(`beats.class.${c.id}`);

/** { N: 2237, V: 1, ... } from counts by symbol, in class order, leaving out empty classes. */
export function countByClass(countsBySymbol) {
  const totals = new Map();
  for (const [symbol, count] of Object.entries(countsBySymbol ?? {})) {
    const c = classOf(symbol);
    if (c) totals.set(c.id, (totals.get(c.id) ?? 0) + count);
  }
  return classes.filter(c => totals.has(c.id)).map(c => ({ ...c, count: totals.get(c.id) }));
}
