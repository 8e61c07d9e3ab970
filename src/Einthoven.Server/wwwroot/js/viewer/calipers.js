// Calipers: two time legs and an amplitude pair. They read out the interval, the rate it implies and the voltage
// difference, from the same calibration as the paper (amplitude = vertical mm / gain).
import { colours } from './paper.js';
import { locale, t } from '../core/i18n.js';

const fixed = (v, digits) => v.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });

export function readout(calipers, pxPerMv) {
  const seconds = Math.abs(calipers.t2 - calipers.t1);
  return {
    ms: seconds * 1000,
    bpm: seconds > 0 ? 60 / seconds : null,
    mv: (calipers.y1 - calipers.y2) / pxPerMv,
  };
}

export function describe(r) {
  return `Δt ${fixed(r.ms, 0)} ${t('units.ms')} · ${r.bpm === null ? '–' : fixed(r.bpm, 1)} ${t('units.bpm')} · ΔV ${fixed(r.mv, 2)} ${t('units.mv')}`;
}

/** Which leg (1 or 2) is within reach of x, or 0. */
export function legAt(calipers, x, xOfTime, reach = 10) {
  if (!calipers) return 0;
  const d1 = Math.abs(xOfTime(calipers.t1) - x);
  const d2 = Math.abs(xOfTime(calipers.t2) - x);
  if (Math.min(d1, d2) > reach) return 0;
  return d1 <= d2 ? 1 : 2;
}

export function drawCalipers(ctx, calipers, { top, bottom, xOfTime, text }) {
  const xa = xOfTime(calipers.t1);
  const xb = xOfTime(calipers.t2);
  ctx.save();
  ctx.strokeStyle = colours.caliper;
  ctx.fillStyle = colours.caliper;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(xa, top); ctx.lineTo(xa, bottom);
  ctx.moveTo(xb, top); ctx.lineTo(xb, bottom);
  ctx.moveTo(xa, calipers.y1); ctx.lineTo(xb, calipers.y1);
  ctx.stroke();
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(Math.min(xa, xb) - 12, calipers.y2); ctx.lineTo(Math.max(xa, xb) + 12, calipers.y2);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.font = '600 12px system-ui, sans-serif';
  const width = ctx.measureText(text).width + 10;
  const x = Math.min(Math.max(4, (xa + xb) / 2 - width / 2), ctx.canvas.clientWidth - width - 4);
  const y = Math.max(top + 2, calipers.y1 - 24);
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillRect(x, y, width, 18);
  ctx.strokeRect(x, y, width, 18);
  ctx.fillStyle = colours.caliper;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 5, y + 9);
  ctx.restore();
}
