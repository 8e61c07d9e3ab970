// ECG strips on calibrated paper (25 mm/s and 10 mm/mV unless told), drawn with the viewer's paper, calibration pulse
// and trace code: an alert's evidence (a fixed strip, scrolled sideways where the screen is narrower) and a patient's
// live signal (the last seconds that fit, moving as samples arrive). Devices send adu without a baseline, so each
// lead is centred on the median of what is drawn.
import { h } from '../core/dom.js';
import { pxPerMm } from '../viewer/calibration.js';
import { panels } from '../viewer/layout.js';
import { drawPaper, drawPanelFurniture } from '../viewer/paper.js';
import { drawLead } from '../viewer/traces.js';
import { t } from '../core/i18n.js';
import { number } from '../core/format.js';

const MarginMm = 7;

/** The median of every 4th value: a baseline that one beat does not move. */
function centre(values) {
  const picked = [];
  for (let i = 0; i < values.length; i += 4) picked.push(values[i]);
  picked.sort((a, b) => a - b);
  return picked[Math.floor(picked.length / 2)] ?? 0;
}

/**
 * Draws samples[lead][i] (adu; sample number firstSample + i) with time t0 (seconds of the stream) at the trace's
 * left edge, over `width` CSS px; the paper's lines are anchored to the stream's time zero, so they move with it.
 */
export function drawStrip(canvas, { names, gains, fs, firstSample, samples, t0, width, speed = 25, gain = 10 }) {
  const dpr = window.devicePixelRatio || 1;
  const mm = pxPerMm();
  const left = MarginMm * mm;
  const pxPerSecond = speed * mm;
  const pxPerMv = gain * mm;
  const layout = panels({ layout: 'stack', leads: names.map(name => ({ name })), lead: 0, gain, pxPerMm: mm, pxPerSecond, left, width });
  const height = Math.ceil(layout.rows * layout.rowPx + 1);
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  drawPaper(ctx, { width, top: 0, height, originX: left - t0 * pxPerSecond, pxPerMm: mm, dpr });
  const length = samples[0]?.length ?? 0;
  const tile = { start: firstSample, end: firstSample + length, raw: true, leads: samples.map((s, index) => ({ index, samples: s })) };
  const xOfSample = s => left + (s / fs - t0) * pxPerSecond;
  for (const panel of layout.list) {
    drawPanelFurniture(ctx, panel, { top: 0, pxPerMm: mm, pxPerMv, margin: left });
    if (length < 2) continue;
    const offset = centre(samples[panel.lead]);
    const mvPerAdu = 1 / (gains[panel.lead] || 200);
    drawLead(ctx, [{ tile, start: tile.start, end: tile.end }], panel.lead, {
      x0: panel.x0, x1: panel.x1, xOfSample, toMillivolts: v => (v - offset) * mvPerAdu, yOfMv: v => panel.baseline - v * pxPerMv,
    });
  }
  Object.assign(canvas.dataset, { t0, pxPerSecond, left, pxPerMm: mm, speed, gain, firstSample, lastSample: firstSample + length - 1 });
}

/** An alert's evidence strip at true scale, in a box that scrolls sideways when the screen is narrower. */
export function evidenceStrip(/** @type {import('../core/types.js').AlertDetailView} */ detail) {
  const canvas = h('canvas', { class: 'strip evidence', role: 'img' });
  const fs = detail.alert.samplingFrequency;
  const seconds = (detail.evidence[0]?.length ?? 0) / fs;
  const width = Math.ceil(MarginMm * pxPerMm() + seconds * 25 * pxPerMm()) + 2;
  canvas.style.width = `${width}px`;
  canvas.setAttribute('aria-label', t('monitoring.evidenceStrip', { seconds: number(seconds, 1), leads: detail.leads.join(', ') }));
  drawStrip(canvas, { names: detail.leads, gains: detail.gains, fs, firstSample: detail.evidenceStart, samples: detail.evidence, t0: detail.evidenceStart / fs, width });
  const box = h('div', { class: 'strip-scroll' }, canvas);
  // Where the screen is narrower than the strip, the event's start is shown (a second before it), not the strip's.
  const startX = MarginMm * pxPerMm() + ((detail.alert.startSample - detail.evidenceStart) / fs - 1) * 25 * pxPerMm();
  requestAnimationFrame(() => { box.scrollLeft = Math.max(0, startX - MarginMm * pxPerMm()); });
  return box;
}

/**
 * A patient's live signal: keeps the last `keepSeconds` of the samples pushed and draws, once per animation frame,
 * the newest seconds that fit the width at 25 mm/s.
 */
export function liveStrip({ keepSeconds = 30 } = {}) {
  const canvas = h('canvas', { class: 'strip live', role: 'img', 'aria-label': t('monitoring.liveStrip') });
  const wrap = h('div', { class: 'strip-live' }, canvas);
  let buffer = null;
  let frame = 0;
  const resize = new ResizeObserver(() => invalidate());
  resize.observe(wrap);

  function invalidate() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  function draw() {
    frame = 0;
    const width = wrap.clientWidth;
    if (!buffer || width === 0) return;
    canvas.style.width = `${width}px`;
    const { fs, start, samples } = buffer;
    const end = start + samples[0].length;
    const visible = (width - MarginMm * pxPerMm()) / (25 * pxPerMm());
    drawStrip(canvas, { names: buffer.names, gains: buffer.gains, fs, firstSample: start, samples, t0: end / fs - visible, width });
  }

  return {
    element: wrap,
    canvas,
    /** Starts a stream's strip (its leads' names and gains): the samples pushed before are dropped. */
    reset(names, gains) { buffer = null; this.names = names; this.gains = gains; },
    /** @param {import('../core/types.js').LiveSamplesView} view */
    push(view) {
      const next = buffer ? buffer.start + buffer.samples[0].length : -1;
      if (!buffer || buffer.stream !== view.streamId || view.firstSample !== next || buffer.samples.length !== view.samples.length) {
        const names = this.names?.length === view.samples.length ? this.names : view.samples.map((_, i) => t('monitoring.lead', { n: i + 1 }));
        const gains = this.gains?.length === view.samples.length ? this.gains : view.samples.map(() => 200);
        buffer = { stream: view.streamId, fs: view.samplingFrequency, start: view.firstSample, samples: view.samples.map(() => []), names, gains };
      }
      view.samples.forEach((lead, i) => { for (const v of lead) buffer.samples[i].push(v); });
      const excess = buffer.samples[0].length - Math.round(keepSeconds * buffer.fs);
      if (excess > buffer.fs) {
        buffer.samples = buffer.samples.map(s => s.slice(excess));
        buffer.start += excess;
      }
      invalidate();
    },
    destroy() { resize.disconnect(); cancelAnimationFrame(frame); },
  };
}
