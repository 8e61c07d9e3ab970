// The verification mode's controls under the viewer: progress and whether it is saved, the current beat, buttons for
// every action (a phone has no keyboard) and the keyboard shortcuts, and the sign-off.
import { h, replace, message } from '../core/dom.js';
import { classes, className } from '../core/beats.js';
import { dateTime, elapsed, utc } from '../core/format.js';
import { Labels } from './session.js';
import { t, tn } from '../core/i18n.js';

/** The keyboard shortcuts: the keys and the key of what they do. */
export const Shortcuts = [
  ['← / →', 'step'], ['Shift + ← / →', 'extend'], ['Shift + drag', 'range'], ['N S V F Q', 'label'], ['Enter / C', 'confirm'],
  ['Delete', 'delete'], ['A', 'add'], ['K', 'cluster'], ['Esc', 'clear'],
];

/** session: the verification session; viewer: the viewer it draws into. */
export function verificationPanel({ session, viewer }) {
  const s = session.state;
  const progress = h('progress', { max: 1, value: 0, 'aria-label': t('verify.beatsReviewed') });
  const counts = h('span', { class: 'verify-counts' });
  const saved = h('span', { class: 'badge verify-saved', 'aria-live': 'polite' });
  const current = h('p', { class: 'verify-current', 'aria-live': 'polite' });
  const selection = h('span', { class: 'verify-selection muted small' });
  const errors = h('div', { class: 'verify-errors' });
  const button = (text, onclick, attrs = {}) => h('button', { type: 'button', class: 'button small', onclick, ...attrs }, text);
  const cluster = h('select', { id: 'verify-cluster', 'aria-label': t('verify.clusterClass') }, classes.map(c => h('option', { value: c.id }, t('verify.ai', { label: c.id }))));
  const rangeTool = button(t('verify.selectRange'), () => viewer.api.setTool(viewer.api.state.tool === 'select' ? 'pan' : 'select'),
    { 'aria-pressed': 'false', dataset: { action: 'range' } });
  const signOff = h('button', { type: 'button', class: 'button primary', dataset: { action: 'complete' }, onclick: complete }, t('verify.signOff'));
  const actions = h('div', { class: 'verify-actions' },
    h('div', { class: 'row' },
      button(`◀ ${t('verify.previous')}`, () => session.step(-1), { dataset: { action: 'previous' } }),
      button(`${t('verify.next')} ▶`, () => session.step(1), { dataset: { action: 'next' } }),
      h('span', { class: 'verify-labels', role: 'group', 'aria-label': t('verify.label') },
        Labels.map(l => button(l, () => session.relabel(l), { class: 'button small label', dataset: { label: l }, title: className({ id: l }) }))),
      button(t('verify.confirm'), () => session.confirm(), { dataset: { action: 'confirm' } }),
      button(t('verify.delete'), () => session.remove(), { class: 'button small danger', dataset: { action: 'delete' } }),
      button(t('verify.addBeat'), () => session.add('N', cursor()), { dataset: { action: 'add' }, title: t('verify.addBeatTitle') })),
    h('div', { class: 'row' }, rangeTool, cluster, button(t('verify.selectCluster'), () => session.selectCluster(cluster.value), { dataset: { action: 'cluster' } }),
      button(t('verify.clearSelection'), () => session.clearSelection(), { dataset: { action: 'clear' } }), selection));
  const element = h('section', { class: 'card verify-panel', 'aria-labelledby': 'verify-title', dataset: { set: s.set.id } },
    h('div', { class: 'verify-head' }, h('h2', { id: 'verify-title' }, t('verify.title')), counts, saved),
    progress, current, errors, actions,
    h('div', { class: 'row verify-finish' }, signOff,
      h('details', { class: 'shortcuts' }, h('summary', {}, t('verify.shortcuts')),
        h('dl', {}, Shortcuts.map(([keys, what]) => [h('dt', {}, h('kbd', {}, keys)), h('dd', {}, t(`verify.shortcut.${what}`))])))));

  const onDocumentKey = e => {
    if (e.defaultPrevented || e.target.closest?.('input, select, textarea, summary') || (e.target.closest?.('button, a') && [' ', 'Enter'].includes(e.key))) return;
    if (onKey(e)) e.preventDefault();
  };
  document.addEventListener('keydown', onDocumentKey);
  let shown = null;

  /** The cursor, or the middle of the view when none was placed. */
  function cursor() {
    if (s.cursor !== null) return s.cursor;
    return viewer.api.state.t0 + viewer.api.plotWidth() / viewer.api.pxPerSecond() / 2;
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || s.set.completedAt) return false;
    const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
    if (key === 'ArrowLeft' || key === 'ArrowRight') session.step(key === 'ArrowLeft' ? -1 : 1, { extend: e.shiftKey });
    else if (key === 'Home' || key === 'End') session.go(key === 'Home' ? 0 : s.beats.length - 1);
    else if (Labels.includes(key)) session.relabel(key);
    else if (key === 'Enter' || key === 'C') session.confirm();
    else if (key === 'Delete' || key === 'Backspace') session.remove();
    else if (key === 'A') session.add('N', cursor());
    else if (key === 'K' && session.currentBeat()?.ai) session.selectCluster(session.currentBeat().ai);
    else if (key === 'Escape') session.clearSelection();
    else return false;
    return true;
  }

  async function complete() {
    const remaining = s.beats.filter(b => !b.reviewed).length;
    if (remaining && !confirm(tn('verify.confirmRemaining', remaining))) return;
    signOff.disabled = true;
    try { await session.complete(); } catch (e) { replace(errors, message('error', e.message)); signOff.disabled = false; }
  }

  function sync() {
    const reviewed = s.beats.filter(b => b.reviewed).length;
    const total = s.beats.length;
    progress.max = Math.max(1, total);
    progress.value = reviewed;
    counts.textContent = tn('verify.counts', total, { reviewed, percent: total ? Math.floor((reviewed / total) * 100) : 100 });
    saved.textContent = s.set.completedAt ? t('verify.signedOffAt', { at: dateTime(utc(s.set.completedAt)) }) : t(s.error ? 'verify.notSaved' : s.saved ? 'verify.saved' : 'verify.saving');
    saved.dataset.state = s.set.completedAt ? 'completed' : s.error ? 'error' : s.saved ? 'saved' : 'saving';
    Object.assign(element.dataset, { reviewed, beats: total, saved: String(s.saved && !s.error), completed: String(!!s.set.completedAt) });
    const beat = session.currentBeat();
    current.textContent = beat
      ? t(beat.reviewed ? 'verify.currentReviewed' : 'verify.current', { n: s.current + 1, total, at: elapsed(session.timeOf(beat), 3), ai: beat.ai ?? t('verify.added'), label: beat.label })
      : t('verify.noBeats');
    element.dataset.currentSample = beat ? String(beat.sample) : '';
    const count = s.selection ? session.selected().length : 0;
    selection.textContent = s.selection ? tn('verify.selected', count, { what: s.selection.kind === 'cluster' ? t('verify.ai', { label: s.selection.label }) : t('verify.timeRange') }) : '';
    element.dataset.selected = String(count);
    rangeTool.setAttribute('aria-pressed', String(viewer.api.state.tool === 'select'));
    if (s.error) replace(errors, message('error', t('verify.reloaded', { error: s.error })));
    else if (s.notice) replace(errors, message('info', s.notice));
    else errors.replaceChildren();
    for (const b of actions.querySelectorAll('button')) b.disabled = !!s.set.completedAt;
    signOff.disabled = !!s.set.completedAt;
    if (beat && shown !== beat) { shown = beat; viewer.api.show(session.timeOf(beat)); }
    viewer.api.redraw();
  }

  return { element, onKey, sync, stop: () => document.removeEventListener('keydown', onDocumentKey) };
}
