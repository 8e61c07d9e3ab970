// Beat marks in the lane above the paper: the beat's symbol coloured by its AAMI class when there is room, a coloured
// tick when beats are dense, and rhythm changes ("(AFIB") as labels.
import { classOf } from '../core/beats.js';

export function drawMarks(ctx, segments, annotator, { laneTop, laneHeight, paperBottom, x0, x1, xOfSample, pxPerSecond }) {
  if (!annotator) return { drawn: 0, symbols: new Set() };
  const symbols = new Set();
  let drawn = 0;
  const roomy = pxPerSecond >= 40;
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const segment of segments) {
    if (!segment.exact) continue;
    for (const a of segment.tile.annotations?.[annotator] ?? []) {
      if (a.sample < segment.start || a.sample >= segment.end) continue;
      const x = xOfSample(a.sample);
      if (x < x0 || x > x1) continue;
      const beatClass = classOf(a.symbol);
      if (beatClass) {
        ctx.fillStyle = beatClass.colour;
        ctx.strokeStyle = beatClass.colour;
        if (roomy) {
          ctx.fillText(a.symbol, x, laneTop + laneHeight / 2);
          ctx.globalAlpha = 0.35;
          ctx.fillRect(Math.round(x) - 0.5, laneTop + laneHeight - 2, 1, paperBottom - laneTop - laneHeight + 2);
          ctx.globalAlpha = 1;
        } else ctx.fillRect(Math.round(x) - 0.5, laneTop + 3, 1, laneHeight - 6);
        symbols.add(a.symbol);
        drawn++;
      } else if (a.symbol === '+' && a.aux && roomy) {
        ctx.fillStyle = '#333';
        ctx.textAlign = 'left';
        ctx.fillText(a.aux.replace(/\0/g, ''), x + 2, laneTop + laneHeight / 2);
        ctx.textAlign = 'center';
      }
    }
  }
  ctx.textAlign = 'left';
  return { drawn, symbols };
}
