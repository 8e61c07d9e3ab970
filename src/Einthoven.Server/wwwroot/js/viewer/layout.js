// Where each lead is drawn. Every row is a whole number of 5 mm boxes tall and its baseline sits on a major line,
// so amplitudes can be read off the paper. All panels share one time axis: in the 3x4 layout the columns are
// consecutive quarters of the view, as on a 12-lead printout where the leads switch every 2.5 s.
import { t } from '../core/i18n.js';

export const twelveGrid = [['I', 'aVR', 'V1', 'V4'], ['II', 'aVL', 'V2', 'V5'], ['III', 'aVF', 'V3', 'V6']];
export const Layouts = { single: () => t('viewer.layout.single'), stack: () => t('viewer.layout.stack'), twelve: () => t('viewer.layout.twelve') };

/** A 3x4 column is 2.5 s, as on a printed 12-lead ECG, unless the view is shorter than 10 s. */
export const TwelveSeconds = 10;

export function leadIndex(leads, name) {
  const wanted = name.toLowerCase();
  return leads.findIndex(l => l.name.toLowerCase() === wanted);
}

export const canShowTwelve = leads => twelveGrid.flat().every(name => leadIndex(leads, name) >= 0);

const roundUp5 = mm => Math.ceil(mm / 5) * 5;

/** Row height in mm for a layout at a gain (mm/mV): room for about +-2 mV in single, +-1.25 mV stacked. */
export const rowMm = (layout, gain) => roundUp5((layout === 'single' ? 4 : 2.5) * gain);

/**
 * Panels for a layout: { lead, x0, x1, top, height, baseline, label, firstColumn } in CSS px, from the paper's top.
 * `lead` is the lead to show in single layout and the rhythm strip.
 */
export function panels({ layout, leads, lead, gain, pxPerMm, pxPerSecond, left, width }) {
  const row = rowMm(layout, gain);
  const rowPx = row * pxPerMm;
  const baseline = top => top + 5 * Math.round(row / 10) * pxPerMm;
  const panel = (index, r, x0, x1, firstColumn) =>
    ({ lead: index, x0, x1, top: r * rowPx, height: rowPx, baseline: baseline(r * rowPx), label: leads[index].name, firstColumn });
  if (layout === 'stack') return { rows: leads.length, rowPx, list: leads.map((_, i) => panel(i, i, left, width, true)) };
  if (layout === 'twelve' && canShowTwelve(leads)) {
    const column = Math.min(width - left, TwelveSeconds * pxPerSecond) / 4;
    const list = twelveGrid.flatMap((names, r) => names.map((name, c) =>
      panel(leadIndex(leads, name), r, left + c * column, left + (c + 1) * column, c === 0)));
    list.push(panel(lead, 3, left, width, true));
    return { rows: 4, rowPx, list };
  }
  return { rows: 1, rowPx, list: [panel(lead, 0, left, width, true)] };
}
