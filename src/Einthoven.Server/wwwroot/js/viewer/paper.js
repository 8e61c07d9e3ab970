// ECG paper: 1 mm minor and 5 mm major lines anchored to the record's time zero, the 1 mV calibration pulse and the
// lead names, and the time ruler above the paper.
import { elapsed } from '../core/format.js';
import { gridLines, tickStep } from './scale.js';

export const colours = {
  paper: '#fff7f5', minor: 'rgba(229, 115, 115, 0.28)', major: 'rgba(211, 47, 47, 0.55)', trace: '#111', label: '#3a0d0d',
  ruler: '#fafafa', rulerText: '#444', selection: 'rgba(25, 118, 210, 0.15)', caliper: '#0b5cad',
};

/** Paper over the rectangle [0, width] x [top, top + height]; vertical lines through originX (the time zero). */
export function drawPaper(ctx, { width, top, height, originX, pxPerMm, dpr }) {
  ctx.fillStyle = colours.paper;
  ctx.fillRect(0, top, width, height);
  const vertical = gridLines(0, width, originX, pxPerMm, dpr);
  const horizontal = gridLines(top, top + height, top, pxPerMm, dpr);
  for (const major of [false, true]) {
    ctx.beginPath();
    for (const line of vertical) if (line.major === major) { ctx.moveTo(line.x, top); ctx.lineTo(line.x, top + height); }
    for (const line of horizontal) if (line.major === major) { ctx.moveTo(0, line.x); ctx.lineTo(width, line.x); }
    ctx.strokeStyle = major ? colours.major : colours.minor;
    ctx.lineWidth = (major ? Math.max(1, Math.round(dpr)) : 1) / dpr;
    ctx.stroke();
  }
}

/** The standardisation pulse (1 mV high, 5 mm wide) in the left margin, and the lead name. */
export function drawPanelFurniture(ctx, panel, { top, pxPerMm, pxPerMv, margin }) {
  const base = top + panel.baseline;
  ctx.strokeStyle = colours.trace;
  ctx.lineWidth = 1.2;
  if (panel.firstColumn) {
    const x = i => panel.x0 - margin + i * pxPerMm;
    ctx.beginPath();
    ctx.moveTo(x(0.5), base); ctx.lineTo(x(1), base); ctx.lineTo(x(1), base - pxPerMv);
    ctx.lineTo(x(6), base - pxPerMv); ctx.lineTo(x(6), base); ctx.lineTo(x(6.5), base);
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.moveTo(panel.x0, base - 2.5 * pxPerMm); ctx.lineTo(panel.x0, base + 2.5 * pxPerMm);
    ctx.stroke();
  }
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.fillStyle = colours.label;
  ctx.textBaseline = 'top';
  ctx.fillText(panel.label, panel.x0 + 4, top + panel.top + 3);
}

/** Time ruler: elapsed time of the record, at a step that keeps labels apart. */
export function drawRuler(ctx, { width, height, left, t0, pxPerSecond, domainEnd }) {
  ctx.fillStyle = colours.ruler;
  ctx.fillRect(0, 0, width, height);
  const step = tickStep(pxPerSecond, 90);
  const decimals = step < 1 ? (step < 0.1 ? 2 : 1) : 0;
  ctx.fillStyle = colours.rulerText;
  ctx.strokeStyle = colours.rulerText;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 1;
  ctx.beginPath();
  const first = Math.ceil(t0 / step) * step;
  for (let t = first; ; t += step) {
    const x = left + (t - t0) * pxPerSecond;
    if (x > width || t > domainEnd + 1e-9) break;
    const xs = Math.round(x) + 0.5;
    ctx.moveTo(xs, height - 5); ctx.lineTo(xs, height);
    ctx.fillText(elapsed(t, decimals), x + 3, height / 2 - 1);
  }
  ctx.stroke();
}
