// The viewer's controls. Each control calls back into the viewer; sync() shows the viewer's state.
import { h } from '../core/dom.js';
import { classes, className } from '../core/beats.js';
import { elapsed, parseTime } from '../core/format.js';
import { Layouts } from './layout.js';
import { t } from '../core/i18n.js';

const select = (id, labelText, options, onchange) => {
  const el = h('select', { id, onchange: () => onchange(el.value) }, options.map(([value, text]) => h('option', { value }, text)));
  return h('label', { class: 'control', for: id }, h('span', {}, labelText), el);
};

export function createToolbar(v, { leads, annotators, layouts }) {
  const tools = ['pan', 'calipers', 'crop'].map(tool =>
    h('button', { type: 'button', class: 'tool', dataset: { tool }, 'aria-pressed': 'false', onclick: () => v.setTool(tool) },
      t(`viewer.tool.${tool}`)));
  const from = h('input', { id: 'crop-from', inputmode: 'decimal', size: 9, 'aria-label': t('viewer.windowStart') });
  const to = h('input', { id: 'crop-to', inputmode: 'decimal', size: 9, 'aria-label': t('viewer.windowEnd') });
  const cropError = h('span', { class: 'crop-error', role: 'alert' });
  const cropForm = h('form', { class: 'crop', onsubmit: e => {
    e.preventDefault();
    const a = parseTime(from.value);
    const b = parseTime(to.value);
    cropError.textContent = '';
    try { v.crop(a, b); } catch (err) { cropError.textContent = err.message; }
  } }, h('span', { class: 'crop-label' }, t('viewer.window')), from, h('span', {}, '–'), to,
    h('button', { type: 'submit', class: 'button small' }, t('viewer.tool.crop')),
    h('button', { type: 'button', class: 'button small', onclick: () => v.full() }, t('viewer.fullSignal')), cropError);

  const controls = {
    layout: select('viewer-layout', t('viewer.layout'), layouts.map(l => [l, l === 'stack' ? t('viewer.layout.stackN', { n: leads.length }) : Layouts[l]()]), value => v.set({ layout: value })),
    lead: select('viewer-lead', t('viewer.lead'), leads.map((l, i) => [String(i), l.name]), value => v.set({ lead: Number(value) })),
    speed: select('viewer-speed', t('viewer.speed'), [['25', `25 ${t('units.mmPerS')}`], ['50', `50 ${t('units.mmPerS')}`]], value => v.setSpeed(Number(value))),
    gain: select('viewer-gain', t('viewer.gain'), [5, 10, 20].map(g => [String(g), `${g} ${t('units.mmPerMv')}`]), value => v.set({ gain: Number(value) })),
    beats: select('viewer-beats', t('viewer.beats'), [...annotators.map(a => [a, a === 'analysis' ? t('viewer.beats.analysis') : a === 'atr' ? t('viewer.beats.atr') : a]), ['', t('viewer.beats.none')]],
      value => v.set({ annotator: value })),
  };
  const zoom = h('div', { class: 'zoom', role: 'group', 'aria-label': t('viewer.zoom') },
    h('button', { type: 'button', class: 'button small', 'aria-label': t('viewer.zoomOut'), onclick: () => v.zoomTo(v.state.zoom / 1.5) }, '−'),
    h('button', { type: 'button', class: 'button small', 'aria-label': t('viewer.zoomIn'), onclick: () => v.zoomTo(v.state.zoom * 1.5) }, '+'),
    h('button', { type: 'button', class: 'button small', title: t('viewer.calibratedSpeed'), onclick: () => v.zoomTo(1) }, '1:1'),
    h('button', { type: 'button', class: 'button small', title: t('viewer.fitTitle'), onclick: () => v.fit() }, t('viewer.fit')));
  const scale = h('output', { class: 'scale', 'aria-live': 'polite' });
  const range = h('output', { class: 'range' });
  const caliper = h('output', { class: 'caliper-readout', 'aria-live': 'polite' });
  const legend = h('ul', { class: 'legend', 'aria-label': t('viewer.beatClasses') }, classes.map(c =>
    h('li', { dataset: { class: c.id } }, h('span', { class: 'swatch', style: { '--swatch': c.colour } }), h('b', {}, c.id), ` ${className(c)}`)));

  const element = h('div', { class: 'viewer-tools' },
    h('div', { class: 'row' }, controls.layout, controls.lead, controls.speed, controls.gain, controls.beats),
    h('div', { class: 'row' }, h('div', { class: 'tools', role: 'group', 'aria-label': t('viewer.tool') }, tools), zoom, cropForm));
  const status = h('div', { class: 'viewer-status' }, scale, range, caliper);

  function sync(state, { effectiveSpeed, visible, readout, symbols }) {
    controls.layout.querySelector('select').value = state.layout;
    controls.lead.querySelector('select').value = String(state.lead);
    controls.lead.hidden = state.layout === 'stack';
    controls.speed.querySelector('select').value = String(state.speed);
    controls.gain.querySelector('select').value = String(state.gain);
    controls.beats.querySelector('select').value = state.annotator;
    for (const t of tools) t.setAttribute('aria-pressed', String(t.dataset.tool === state.tool));
    const calibrated = Math.abs(state.zoom - 1) < 1e-6;
    scale.textContent = calibrated
      ? `${state.speed} ${t('units.mmPerS')} · ${state.gain} ${t('units.mmPerMv')}`
      : `${t('viewer.zoomedSpeed', { speed: formatSpeed(effectiveSpeed), from: state.speed })} · ${state.gain} ${t('units.mmPerMv')}`;
    scale.dataset.calibrated = String(calibrated);
    range.textContent = `${elapsed(state.t0, 1)} – ${elapsed(state.t0 + visible, 1)}`;
    if (document.activeElement !== from && document.activeElement !== to) {
      from.value = trim(state.domain[0]);
      to.value = trim(state.domain[1]);
    }
    caliper.textContent = readout ?? (state.tool === 'calipers' ? t('viewer.caliperHint') : '');
    for (const li of legend.children) li.classList.toggle('present', [...symbols].some(s => classes.find(c => c.id === li.dataset.class).symbols.includes(s)));
  }

  return { element, status, legend, sync };
}

const trim = t => String(Math.round(t * 1000) / 1000);
const formatSpeed = s => (s >= 10 ? s.toFixed(1) : s >= 0.1 ? s.toFixed(2) : s.toPrecision(2));
