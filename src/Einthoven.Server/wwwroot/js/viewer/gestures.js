// Mouse, touch and keyboard on the viewer canvas. One finger or the mouse drags (pan, calipers or crop, by tool),
// two fingers pinch-zoom, the wheel zooms around the pointer (with Shift it pans); the keyboard pans and zooms. In the
// verification mode (an overlay) a shift-drag or the 'select' tool selects a time range, a tap picks a beat, and the
// overlay's keys come first.
export function attachGestures(canvas, v) {
  const pointers = new Map();
  let action = null;

  const point = e => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  canvas.addEventListener('pointerdown', e => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    canvas.setPointerCapture(e.pointerId);
    canvas.focus({ preventScroll: true });
    pointers.set(e.pointerId, point(e));
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      action = { kind: 'pinch', distance: Math.hypot(a.x - b.x, a.y - b.y), zoom: v.state.zoom, mid: (a.x + b.x) / 2 };
      return;
    }
    if (pointers.size > 2) return;
    const p = point(e);
    const tool = v.state.tool;
    if (tool === 'calipers') { v.caliperDown(p.x, p.y); action = { kind: 'calipers' }; }
    else if (tool === 'crop') { v.selectionStart(p.x); action = { kind: 'crop' }; }
    else if (v.overlay && (e.shiftKey || tool === 'select')) { v.selectionStart(p.x); action = { kind: 'range' }; }
    else action = { kind: 'pan', x: p.x, t0: v.state.t0 };
  });

  canvas.addEventListener('pointermove', e => {
    if (!pointers.has(e.pointerId) || !action) {
      if (e.pointerType === 'mouse' && v.overlay) v.hover(point(e).x);
      return;
    }
    pointers.set(e.pointerId, point(e));
    const p = point(e);
    if (action.kind === 'pinch' && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      v.zoomTo(action.zoom * (Math.hypot(a.x - b.x, a.y - b.y) / (action.distance || 1)), action.mid);
    } else if (action.kind === 'pan') v.panTo(action.t0 - (p.x - action.x) / v.pxPerSecond());
    else if (action.kind === 'calipers') v.caliperMove(p.x, p.y);
    else if (action.kind === 'crop' || action.kind === 'range') v.selectionMove(p.x);
  });

  const end = e => {
    pointers.delete(e.pointerId);
    if (!action) return;
    if (action.kind === 'crop') v.selectionEnd();
    if (action.kind === 'range') v.rangeEnd();
    if (action.kind === 'pan' && pointers.size === 0 && e.type === 'pointerup' && Math.abs(point(e).x - action.x) < 5) v.tap(point(e).x);
    if (pointers.size === 0) action = null;
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  canvas.addEventListener('wheel', e => {
    e.preventDefault();
    const p = point(e);
    const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) v.panBy((e.shiftKey ? delta : e.deltaX) || 0);
    else v.zoomTo(v.state.zoom * Math.exp(-delta * 0.002), p.x);
  }, { passive: false });

  canvas.addEventListener('keydown', e => {
    if (v.overlay?.onKey(e)) {
      e.preventDefault();
      e.stopPropagation(); // the page's own listener would take it again
      return;
    }
    const width = v.plotWidth();
    const keys = {
      ArrowLeft: () => v.panBy(-(e.shiftKey ? width : width / 10)),
      ArrowRight: () => v.panBy(e.shiftKey ? width : width / 10),
      PageUp: () => v.panBy(-width),
      PageDown: () => v.panBy(width),
      Home: () => v.panTo(-Infinity),
      End: () => v.panTo(Infinity),
      '+': () => v.zoomTo(v.state.zoom * 1.5),
      '=': () => v.zoomTo(v.state.zoom * 1.5),
      '-': () => v.zoomTo(v.state.zoom / 1.5),
      '0': () => v.zoomTo(1),
      f: () => v.fit(),
      c: () => v.setTool(v.state.tool === 'calipers' ? 'pan' : 'calipers'),
      Escape: () => v.clearCalipers(),
    };
    const run = keys[e.key];
    if (!run || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    run();
  });
}
