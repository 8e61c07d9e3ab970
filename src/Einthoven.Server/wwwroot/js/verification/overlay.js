// The physician lane of the verification mode, drawn by the viewer under its AI lane: each beat's label coloured by its
// AAMI class (faded while not yet reviewed, boxed where it differs from the AI's), the current beat as a band across
// the paper, the selection shaded, and the cursor where "add" puts a beat.
import { classOf } from '../core/beats.js';

const Band = 'rgba(25, 118, 210, 0.16)';
const Selected = 'rgba(25, 118, 210, 0.10)';

/** session: the verification session; returns the drawing the viewer calls once per frame. */
export function physicianLane(session) {
  return (ctx, { laneTop, laneHeight, paperTop, paperBottom, x0, x1, xOfSample, pxPerSecond, fs }) => {
    const s = session.state;
    const roomy = pxPerSecond >= 40;
    const mid = laneTop + laneHeight / 2;
    ctx.save();
    ctx.fillStyle = '#5f6368';
    ctx.font = '600 9px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText('AI', 2, mid - laneHeight);
    ctx.fillText('MD', 2, mid);
    if (s.selection && s.selection.kind === 'range') {
      const a = Math.max(x0, xOfSample(s.selection.from * fs));
      const b = Math.min(x1, xOfSample(s.selection.to * fs));
      if (b >= a) { ctx.fillStyle = Selected; ctx.fillRect(a, paperTop, Math.max(2, b - a), paperBottom - paperTop); }
    }
    const chosen = new Set(s.selection ? session.selected() : []);
    ctx.font = '700 11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    for (let i = firstAtOrAfter(s.beats, b => xOfSample(b.sample) >= x0 - 8); i < s.beats.length; i++) {
      const beat = s.beats[i];
      const x = xOfSample(beat.sample);
      if (x > x1 + 8) break;
      if (i === s.current) { ctx.fillStyle = Band; ctx.fillRect(x - 6, laneTop - laneHeight, 12, paperBottom - laneTop + laneHeight); }
      if (chosen.has(i)) { ctx.fillStyle = Selected; ctx.fillRect(x - 7, laneTop, 14, laneHeight); }
      const colour = classOf(beat.label)?.colour ?? '#333';
      ctx.globalAlpha = beat.reviewed ? 1 : 0.4;
      ctx.fillStyle = colour;
      ctx.strokeStyle = colour;
      if (roomy) {
        ctx.fillText(beat.label, x, mid);
        if (beat.label !== beat.ai) ctx.strokeRect(x - 6.5, laneTop + 2.5, 13, laneHeight - 5);
      } else ctx.fillRect(Math.round(x) - 0.5, laneTop + 3, beat.reviewed ? 2 : 1, laneHeight - 6);
      ctx.globalAlpha = 1;
    }
    if (s.cursor !== null) {
      const x = xOfSample(s.cursor * fs);
      if (x >= x0 && x <= x1) {
        ctx.strokeStyle = '#0b5cad';
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(Math.round(x) + 0.5, laneTop);
        ctx.lineTo(Math.round(x) + 0.5, paperBottom);
        ctx.stroke();
      }
    }
    ctx.restore();
  };
}

/** The first index whose beat passes the test (beats are sorted, the test monotonic). */
function firstAtOrAfter(beats, test) {
  let lo = 0, hi = beats.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(beats[mid])) hi = mid; else lo = mid + 1;
  }
  return lo;
}
