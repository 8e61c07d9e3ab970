// Signal traces from tile segments: raw samples as a polyline, min/max envelopes as a zigzag through each bucket's
// extremes, which covers every spike however far the view is zoomed out.
const toMv = unit => {
  const u = (unit ?? 'mV').toLowerCase();
  return u === 'uv' || u === 'µv' || u === 'μv' ? 0.001 : u === 'v' ? 1000 : 1;
};

/** Converts a lead's digital values to millivolts. */
export function physical(lead) {
  const scale = toMv(lead.unit) / (lead.gain || 1);
  const baseline = lead.baseline ?? 0;
  return value => (value - baseline) * scale;
}

/**
 * Draws one lead inside a panel. `xOfSample` maps a (fractional) sample number to CSS x; `yOfMv` a value in mV to y.
 * Only points inside [x0 - 2, x1 + 2] are visited; the panel clip cuts the rest.
 */
export function drawLead(ctx, segments, leadIndex, { x0, x1, xOfSample, yOfMv, toMillivolts }) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, -1e5, x1 - x0, 2e5);
  ctx.clip();
  ctx.beginPath();
  let pen = false;
  for (const segment of segments) {
    const { tile } = segment;
    const lead = tile.leads.find(l => l.index === leadIndex);
    if (!lead) { pen = false; continue; }
    const length = tile.end - tile.start;
    const points = tile.raw ? lead.samples.length : lead.min.length;
    // The visible part of the segment, in the tile's point indices, with one point of margin on each side.
    const sampleAt = b => tile.start + (tile.raw ? b : (length * (b + 0.5)) / points);
    const pointOf = s => (tile.raw ? s - tile.start : ((s - tile.start) * points) / length - 0.5);
    const sFrom = Math.max(segment.start, sampleOfX(x0 - 2, xOfSample, tile));
    const sTo = Math.min(segment.end, sampleOfX(x1 + 2, xOfSample, tile));
    const bFrom = Math.max(0, Math.floor(pointOf(sFrom)) - 1);
    const bTo = Math.min(points - 1, Math.ceil(pointOf(sTo)) + 1);
    for (let b = bFrom; b <= bTo; b++) {
      const x = xOfSample(sampleAt(b));
      if (tile.raw) {
        const y = yOfMv(toMillivolts(lead.samples[b]));
        if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      } else {
        const yHigh = yOfMv(toMillivolts(lead.max[b]));
        const yLow = yOfMv(toMillivolts(lead.min[b]));
        if (pen) ctx.lineTo(x, yHigh); else ctx.moveTo(x, yHigh);
        ctx.lineTo(x, yLow);
      }
      pen = true;
    }
  }
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 1.25;
  ctx.lineJoin = 'round';
  ctx.stroke();
  ctx.restore();
}

// xOfSample is linear: invert it from two points.
function sampleOfX(x, xOfSample, tile) {
  const a = xOfSample(tile.start);
  const b = xOfSample(tile.start + 1);
  return tile.start + (x - a) / (b - a);
}
