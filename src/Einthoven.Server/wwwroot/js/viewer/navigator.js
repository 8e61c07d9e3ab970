// The whole recording in one strip above the viewer: its envelope, the cropped part and the part in view. Drag the
// view box to pan, drag elsewhere to crop to a window, tap to jump there.
import { physical } from './traces.js';
import { t } from '../core/i18n.js';

const Height = 44;

export function createNavigator({ recordingId, duration, lead, onPan, onCrop, onJump }) {
  const canvas = document.createElement('canvas');
  canvas.className = 'navigator';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', t('viewer.overview'));
  const ctx = canvas.getContext('2d');
  let envelope = null;
  let view = { t0: 0, t1: duration, d0: 0, d1: duration };
  let drag = null;

  const xOf = t => (t / duration) * canvas.clientWidth;
  const tOf = x => Math.min(duration, Math.max(0, (x / canvas.clientWidth) * duration));

  async function load(width) {
    const points = Math.max(16, Math.min(20000, Math.round(width * Math.min(2, devicePixelRatio || 1))));
    const response = await fetch(`/api/recordings/${recordingId}/window?points=${points}&leads=${lead.index}`, { credentials: 'same-origin' });
    if (!response.ok) return;
    const data = await response.json();
    const l = data.leads[0];
    const mv = physical(l);
    envelope = l.samples ? { min: l.samples.map(mv), max: l.samples.map(mv) } : { min: l.min.map(mv), max: l.max.map(mv) };
    draw();
  }

  function draw() {
    const dpr = devicePixelRatio || 1;
    const width = canvas.clientWidth;
    if (canvas.width !== Math.round(width * dpr)) { canvas.width = Math.round(width * dpr); canvas.height = Math.round(Height * dpr); }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#f4f1f1';
    ctx.fillRect(0, 0, width, Height);
    ctx.fillStyle = '#fff';
    ctx.fillRect(xOf(view.d0), 0, xOf(view.d1) - xOf(view.d0), Height);
    if (envelope) {
      const lo = quantile(envelope.min, 0.01);
      const hi = quantile(envelope.max, 0.99);
      const y = v => Height - 4 - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo || 1)) * (Height - 8);
      ctx.beginPath();
      const n = envelope.min.length;
      for (let i = 0; i < n; i++) {
        const x = ((i + 0.5) / n) * width;
        if (i === 0) ctx.moveTo(x, y(envelope.max[i])); else ctx.lineTo(x, y(envelope.max[i]));
        ctx.lineTo(x, y(envelope.min[i]));
      }
      ctx.strokeStyle = '#6b6b6b';
      ctx.lineWidth = 1;
      ctx.stroke();
    }
    const a = xOf(view.t0);
    const b = Math.max(a + 3, xOf(view.t1));
    ctx.fillStyle = 'rgba(140, 28, 44, 0.18)';
    ctx.fillRect(a, 0, b - a, Height);
    ctx.strokeStyle = '#8c1c2c';
    ctx.lineWidth = 2;
    ctx.strokeRect(a + 1, 1, b - a - 2, Height - 2);
    if (drag?.kind === 'crop') {
      ctx.fillStyle = 'rgba(25, 118, 210, 0.25)';
      ctx.fillRect(Math.min(drag.x0, drag.x), 0, Math.abs(drag.x - drag.x0), Height);
    }
  }

  canvas.addEventListener('pointerdown', e => {
    canvas.setPointerCapture(e.pointerId);
    const x = e.offsetX;
    const inView = x >= xOf(view.t0) - 4 && x <= xOf(view.t1) + 4;
    drag = inView ? { kind: 'pan', x0: x, x, t0: view.t0 } : { kind: 'crop', x0: x, x };
  });
  canvas.addEventListener('pointermove', e => {
    if (!drag) return;
    drag.x = e.offsetX;
    if (drag.kind === 'pan') onPan(drag.t0 + ((drag.x - drag.x0) / canvas.clientWidth) * duration);
    else draw();
  });
  const end = () => {
    if (!drag) return;
    const d = drag;
    drag = null;
    if (d.kind === 'crop' && Math.abs(d.x - d.x0) > 6) onCrop(tOf(Math.min(d.x0, d.x)), tOf(Math.max(d.x0, d.x)));
    else if (d.kind === 'crop') onJump(tOf(d.x));
    draw();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', () => { drag = null; draw(); });

  return {
    element: canvas,
    load,
    update(next) { view = next; draw(); },
    draw,
  };
}

function quantile(values, q) {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))];
}
