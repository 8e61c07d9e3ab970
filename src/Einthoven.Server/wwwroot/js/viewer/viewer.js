// The ECG viewer: calibrated paper, decimated traces from the tile store, beat marks, calipers and a crop window,
// driven by the toolbar, the overview strip and the gestures. Drawing happens once per animation frame at most.
import { h, message } from '../core/dom.js';
import { pxPerMm } from './calibration.js';
import { readout, describe, legAt, drawCalipers } from './calipers.js';
import { attachGestures } from './gestures.js';
import { canShowTwelve, leadIndex, panels } from './layout.js';
import { drawMarks } from './marks.js';
import { createNavigator } from './navigator.js';
import { colours, drawPaper, drawPanelFurniture, drawRuler } from './paper.js';
import { clampStart, levelFor } from './scale.js';
import { TileStore } from './tiles.js';
import { t } from '../core/i18n.js';
import { number } from '../core/format.js';
import { createToolbar } from './toolbar.js';
import { drawLead, physical } from './traces.js';

const Ruler = 20;
const Lane = 18;
const MarginMm = 7;
const MaxZoom = 16;

/**
 * recording: the answer of GET /api/recordings/{id}; annotators: the annotation sets to offer for beat marks; overlay
 * (optional, the verification mode): a second lane under the beat marks that overlay.draw fills, and overlay.onKey,
 * onTap(t), onHover(t) and onRange(from, to) for keys, taps, mouse moves and shift-drags (or the 'select' tool).
 */
export function createViewer({ recording, leads, annotators, overlay = null }) {
  const fs = recording.samplingFrequency;
  const duration = recording.sampleCount / fs;
  const twelve = canShowTwelve(leads);
  const layouts = ['single', 'stack', ...(twelve ? ['twelve'] : [])];
  const state = {
    t0: 0, zoom: 1, speed: 25, gain: 10,
    layout: twelve ? 'twelve' : leads.length > 1 ? 'stack' : 'single',
    lead: twelve ? leadIndex(leads, 'II') : 0,
    annotator: annotators.includes('analysis') ? 'analysis' : annotators[0] ?? '',
    tool: 'pan', domain: [0, duration], calipers: null, selection: null,
  };
  const toMv = leads.map(physical);
  const lanes = overlay ? 2 : 1;
  let offsets = null;
  let frame = 0;
  let pendingGesture = false;
  let fetchedAtGesture = 0;
  let lastError = null;
  let geometry = null;

  const canvas = h('canvas', { class: 'ecg', tabindex: 0, role: 'img',
    'aria-label': t('viewer.traceLabel') });
  const ctx = canvas.getContext('2d');
  const errorBox = h('div', { class: 'viewer-error' });
  const tiles = new TileStore({
    recordingId: recording.id, fs, sampleCount: recording.sampleCount,
    onLoad: () => { lastError = null; errorBox.replaceChildren(); invalidate(); },
    onError: e => {
      if (lastError === e.message) return;
      lastError = e.message;
      errorBox.replaceChildren(message('error', e.status === 404 ? t('viewer.gone') : t('viewer.partFailed', { error: e.message })));
    },
  });
  const api = {
    state,
    pxPerSecond: () => state.speed * pxPerMm() * state.zoom,
    plotWidth: () => cssWidth() - MarginMm * pxPerMm(),
    set(changes) { Object.assign(state, changes); gesture(); },
    setSpeed(speed) { state.speed = speed; state.zoom = 1; gesture(); },
    setTool(tool) { state.tool = tool; state.selection = null; invalidate(); },
    panTo(t0) { state.t0 = t0; gesture(); },
    panBy(px) { state.t0 += px / api.pxPerSecond(); gesture(); },
    zoomTo(zoom, anchorX) {
      const left = MarginMm * pxPerMm();
      const x = anchorX ?? left + api.plotWidth() / 2;
      const anchor = state.t0 + (x - left) / api.pxPerSecond();
      state.zoom = Math.min(MaxZoom, Math.max(minZoom(), zoom));
      state.t0 = anchor - (x - left) / api.pxPerSecond();
      gesture();
    },
    fit() { state.zoom = fitZoom(); state.t0 = state.domain[0]; gesture(); },
    crop(from, to) {
      if (!Number.isFinite(from) || !Number.isFinite(to)) throw new Error(t('viewer.timeFormat'));
      if (from < 0 || to <= from) throw new Error(t('viewer.startBeforeEnd'));
      if (from >= duration) throw new Error(t('viewer.onlyLong', { duration: number(duration, 1) }));
      state.domain = [from, Math.min(to, duration)];
      api.fit();
    },
    full() { state.domain = [0, duration]; api.fit(); },
    caliperDown(x, y) {
      const leg = legAt(state.calipers, x, xOfTime);
      if (leg === 0) state.calipers = { t1: timeOfX(x), t2: timeOfX(x), y1: y, y2: y };
      state.calipers.dragging = leg === 1 ? 1 : 2;
      invalidate();
    },
    caliperMove(x, y) {
      const c = state.calipers;
      if (!c) return;
      if (c.dragging === 1) { c.t1 = timeOfX(x); c.y1 = y; } else { c.t2 = timeOfX(x); c.y2 = y; }
      invalidate();
    },
    clearCalipers() { state.calipers = null; invalidate(); },
    selectionStart(x) { state.selection = { a: timeOfX(x), b: timeOfX(x) }; invalidate(); },
    selectionMove(x) { if (state.selection) { state.selection.b = timeOfX(x); invalidate(); } },
    /** The end of a shift-drag or 'select' drag in the verification mode: the overlay selects the range. */
    rangeEnd() {
      const s = state.selection;
      state.selection = null;
      if (s) overlay?.onRange(Math.max(0, Math.min(s.a, s.b)), Math.max(s.a, s.b));
      invalidate();
    },
    overlay,
    timeOfX: x => timeOfX(x),
    tap(x) { overlay?.onTap?.(timeOfX(x)); },
    hover(x) { overlay?.onHover?.(timeOfX(x)); },
    /** Pans so that time t is in view (centred when it was not). */
    show(t) {
      const visible = api.plotWidth() / api.pxPerSecond();
      if (t < state.t0 + visible * 0.1 || t > state.t0 + visible * 0.9) api.panTo(t - visible / 2);
      else invalidate();
    },
    redraw: () => invalidate(),
    selectionEnd() {
      const s = state.selection;
      state.selection = null;
      if (s && Math.abs(s.b - s.a) >= 0.1) api.crop(Math.max(0, Math.min(s.a, s.b)), Math.max(s.a, s.b));
      else invalidate();
    },
    /** The annotations changed (the analysis finished): load the tiles again. */
    reloadAnnotations(names) {
      annotatorsNow(names);
      if (!state.annotator && names?.length) state.annotator = names[0];
      tiles.clear();
      invalidate();
    },
  };

  const toolbar = createToolbar(api, { leads, annotators, layouts });
  const overview = createNavigator({
    recordingId: recording.id, duration, lead: { index: state.lead },
    onPan: t => api.panTo(t), onCrop: (a, b) => api.crop(a, b), onJump: t => api.panTo(t - (api.plotWidth() / api.pxPerSecond()) / 2),
  });
  const wrap = h('div', { class: 'ecg-wrap' }, canvas);
  const element = h('section', { class: 'viewer', 'aria-label': t('viewer.ariaLabel') },
    toolbar.element, overview.element, errorBox, wrap, toolbar.status, toolbar.legend);

  function annotatorsNow(names) {
    if (!names) return;
    const selectEl = element.querySelector('#viewer-beats');
    for (const name of names) {
      if (annotators.includes(name)) continue;
      annotators.push(name);
      selectEl.prepend(h('option', { value: name }, name === 'analysis' ? 'AI analysis' : name));
    }
  }

  // Fractional: clientWidth rounds, and the time scale must match the drawn width exactly.
  const cssWidth = () => canvas.getBoundingClientRect().width;
  const xOfTime = t => MarginMm * pxPerMm() + (t - state.t0) * api.pxPerSecond();
  const timeOfX = x => state.t0 + (x - MarginMm * pxPerMm()) / api.pxPerSecond();
  const fitZoom = () => api.plotWidth() / ((state.domain[1] - state.domain[0]) * state.speed * pxPerMm());
  const minZoom = () => Math.min(1, fitZoom());

  function gesture() {
    performance.mark('viewer:gesture');
    pendingGesture = true;
    fetchedAtGesture = tiles.fetched;
    invalidate();
  }

  function invalidate() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  function draw() {
    frame = 0;
    const dpr = window.devicePixelRatio || 1;
    const mm = pxPerMm();
    const width = cssWidth();
    if (width === 0) return;
    const left = MarginMm * mm;
    state.zoom = Math.min(MaxZoom, Math.max(minZoom(), state.zoom));
    const pxPerSecond = api.pxPerSecond();
    const layout = panels({ layout: state.layout, leads, lead: state.lead, gain: state.gain, pxPerMm: mm, pxPerSecond, left, width });
    const paperTop = Ruler + Lane * lanes;
    const height = Math.ceil(paperTop + layout.rows * layout.rowPx + 1);
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.height = `${height}px`;
    }
    const visible = (width - left) / pxPerSecond;
    state.t0 = clampStart(state.t0, visible, state.domain[0], state.domain[1]);
    const level = levelFor(fs / (pxPerSecond * Math.min(dpr, 2)), tiles.maxLevel);
    const s0 = Math.floor(state.t0 * fs);
    const s1 = Math.ceil((state.t0 + visible) * fs) + 1;
    const { segments, complete } = tiles.cover(level, s0, s1);
    offsets ??= leadOffsets();

    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    drawPaper(ctx, { width, top: paperTop, height: height - paperTop, originX: left - state.t0 * pxPerSecond, pxPerMm: mm, dpr });
    const pxPerMv = state.gain * mm;
    const xOfSample = s => left + (s / fs - state.t0) * pxPerSecond;
    for (const panel of layout.list) {
      drawPanelFurniture(ctx, panel, { top: paperTop, pxPerMm: mm, pxPerMv, margin: left });
      const offset = offsets?.[panel.lead] ?? 0;
      drawLead(ctx, segments, panel.lead, {
        x0: panel.x0, x1: panel.x1, xOfSample, toMillivolts: toMv[panel.lead],
        yOfMv: v => paperTop + panel.baseline - (v - offset) * pxPerMv,
      });
    }
    const end = xOfSample(state.domain[1] * fs);
    if (end < width) { ctx.fillStyle = 'rgba(120,120,120,0.18)'; ctx.fillRect(end, paperTop, width - end, height - paperTop); }
    drawRuler(ctx, { width, height: Ruler, left, t0: state.t0, pxPerSecond, domainEnd: duration });
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, Ruler, width, Lane * lanes);
    const marks = drawMarks(ctx, segments, state.annotator, { laneTop: Ruler, laneHeight: Lane, paperBottom: height, x0: left, x1: width, xOfSample, pxPerSecond });
    overlay?.draw(ctx, { laneTop: Ruler + Lane, laneHeight: Lane, paperTop, paperBottom: height, x0: left, x1: width, xOfSample, pxPerSecond, fs });
    if (state.selection) {
      const a = xOfTime(Math.min(state.selection.a, state.selection.b));
      const b = xOfTime(Math.max(state.selection.a, state.selection.b));
      ctx.fillStyle = colours.selection;
      ctx.fillRect(a, paperTop, b - a, height - paperTop);
    }
    let text = null;
    if (state.calipers) {
      const r = readout(state.calipers, pxPerMv);
      text = describe(r);
      drawCalipers(ctx, state.calipers, { top: Ruler, bottom: height, xOfTime, text });
      Object.assign(canvas.dataset, { caliperMs: r.ms.toFixed(1), caliperBpm: r.bpm?.toFixed(1) ?? '', caliperMv: r.mv.toFixed(3) });
    }
    geometry = { t0: state.t0, pxPerSecond, left, pxPerMm: mm, level, complete, visible };
    Object.assign(canvas.dataset, {
      t0: state.t0, pxPerSecond, left, pxPerMm: mm, level, paperTop, complete: String(complete),
      speed: state.speed, gain: state.gain, layout: state.layout, beatsDrawn: marks.drawn,
    });
    toolbar.sync(state, { effectiveSpeed: state.speed * state.zoom, visible, readout: text, symbols: marks.symbols });
    overview.update({ t0: state.t0, t1: state.t0 + visible, d0: state.domain[0], d1: state.domain[1] });
    if (pendingGesture && complete) {
      pendingGesture = false;
      performance.mark('viewer:drawn');
      performance.measure('viewer:gesture-to-data', { start: 'viewer:gesture', end: 'viewer:drawn', detail: { level, fetched: tiles.fetched - fetchedAtGesture } });
      if (performance.getEntriesByName('viewer:gesture-to-data').length > 1000) performance.clearMeasures('viewer:gesture-to-data');
    }
  }

  /** Each lead's median level over the whole record (from the coarsest tile), so that traces sit on their baselines. */
  function leadOffsets() {
    const tile = tiles.tiles.get(tiles.key(tiles.maxLevel, 0));
    if (!tile) return null;
    return leads.map((_, i) => {
      const lead = tile.leads.find(l => l.index === i);
      if (!lead) return 0;
      const mids = lead.samples ? Array.from(lead.samples, toMv[i]) : Array.from(lead.min, (lo, b) => (toMv[i](lo) + toMv[i](lead.max[b])) / 2);
      mids.sort((a, b) => a - b);
      return mids[Math.floor(mids.length / 2)] ?? 0;
    });
  }

  attachGestures(canvas, api);
  const resize = new ResizeObserver(() => { overview.draw(); invalidate(); });
  resize.observe(wrap);
  const dprQuery = () => matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
  let dprWatch = dprQuery();
  const onDpr = () => { dprWatch.removeEventListener('change', onDpr); dprWatch = dprQuery(); dprWatch.addEventListener('change', onDpr); invalidate(); };
  dprWatch.addEventListener('change', onDpr);

  return {
    element, api,
    start() { overview.load(wrap.clientWidth); invalidate(); },
    geometry: () => geometry,
    destroy() { resize.disconnect(); dprWatch.removeEventListener('change', onDpr); cancelAnimationFrame(frame); tiles.clear(); },
  };
}
