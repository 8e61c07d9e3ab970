// The verification mode's controls under the viewer: progress and whether it is saved, the current beat, buttons for
// every action (a phone has no keyboard) and the keyboard shortcuts, and the sign-off.
import { h, replace, message } from '../core/dom.js';
import { classes } from '../core/beats.js';
import { dateTime, elapsed, utc } from '../core/format.js';
import { Labels } from './session.js';

export const Shortcuts = [
  ['← / →', 'previous / next beat'], ['Shift + ← / →', 'select beats from the current one'], ['Shift + drag', 'select a time range'],
  ['N S V F Q', 'label the current beat (or the selection)'], ['Enter or C', 'confirm'], ['Delete', 'delete'],
  ['A', 'add a beat (N) at the cursor'], ['K', "select the current beat's AI cluster"], ['Esc', 'clear the selection'],
];

/** session: the verification session; viewer: the viewer it draws into. */
export function verificationPanel({ session, viewer }) {
  const s = session.state;
  const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Beats reviewed' });
  const counts = h('span', { class: 'verify-counts' });
  const saved = h('span', { class: 'badge verify-saved', 'aria-live': 'polite' });
  const current = h('p', { class: 'verify-current', 'aria-live': 'polite' });
  const selection = h('span', { class: 'verify-selection muted small' });
  const errors = h('div', { class: 'verify-errors' });
  const button = (text, onclick, attrs = {}) => h('button', { type: 'button', class: 'button small', onclick, ...attrs }, text);
  const cluster = h('select', { id: 'verify-cluster', 'aria-label': 'AI class to select' }, classes.map(c => h('option', { value: c.id }, `AI ${c.id}`)));
  const rangeTool = button('Select range', () => viewer.api.setTool(viewer.api.state.tool === 'select' ? 'pan' : 'select'),
    { 'aria-pressed': 'false', dataset: { action: 'range' } });
  const signOff = h('button', { type: 'button', class: 'button primary', dataset: { action: 'complete' }, onclick: complete }, 'Sign off');
  const actions = h('div', { class: 'verify-actions' },
    h('div', { class: 'row' },
      button('◀ Previous', () => session.step(-1), { dataset: { action: 'previous' } }),
      button('Next ▶', () => session.step(1), { dataset: { action: 'next' } }),
      h('span', { class: 'verify-labels', role: 'group', 'aria-label': 'Label' },
        Labels.map(l => button(l, () => session.relabel(l), { class: 'button small label', dataset: { label: l }, title: classes.find(c => c.id === l)?.name }))),
      button('Confirm', () => session.confirm(), { dataset: { action: 'confirm' } }),
      button('Delete', () => session.remove(), { class: 'button small danger', dataset: { action: 'delete' } }),
      button('Add beat', () => session.add('N', cursor()), { dataset: { action: 'add' }, title: 'Add an N beat at the cursor (tap the trace to place it)' })),
    h('div', { class: 'row' }, rangeTool, cluster, button('Select cluster', () => session.selectCluster(cluster.value), { dataset: { action: 'cluster' } }),
      button('Clear selection', () => session.clearSelection(), { dataset: { action: 'clear' } }), selection));
  const element = h('section', { class: 'card verify-panel', 'aria-labelledby': 'verify-title', dataset: { set: s.set.id } },
    h('div', { class: 'verify-head' }, h('h2', { id: 'verify-title' }, 'Verification'), counts, saved),
    progress, current, errors, actions,
    h('div', { class: 'row verify-finish' }, signOff,
      h('details', { class: 'shortcuts' }, h('summary', {}, 'Keyboard shortcuts'),
        h('dl', {}, Shortcuts.map(([keys, what]) => [h('dt', {}, h('kbd', {}, keys)), h('dd', {}, what)])))));

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
    if (remaining && !confirm(`${remaining} beats are not reviewed yet. Confirm them as they stand and sign off?`)) return;
    signOff.disabled = true;
    try { await session.complete(); } catch (e) { replace(errors, message('error', e.message)); signOff.disabled = false; }
  }

  function sync() {
    const reviewed = s.beats.filter(b => b.reviewed).length;
    const total = s.beats.length;
    progress.max = Math.max(1, total);
    progress.value = reviewed;
    counts.textContent = `${reviewed} of ${total} beats reviewed (${total ? Math.floor((reviewed / total) * 100) : 100}%)`;
    saved.textContent = s.set.completedAt ? `signed off ${dateTime(utc(s.set.completedAt))}` : s.error ? 'not saved' : s.saved ? 'all changes saved' : 'saving…';
    saved.dataset.state = s.set.completedAt ? 'completed' : s.error ? 'error' : s.saved ? 'saved' : 'saving';
    Object.assign(element.dataset, { reviewed, beats: total, saved: String(s.saved && !s.error), completed: String(!!s.set.completedAt) });
    const beat = session.currentBeat();
    current.textContent = beat
      ? `Beat ${s.current + 1} of ${total} at ${elapsed(session.timeOf(beat), 3)} · AI ${beat.ai ?? '(added)'} · yours ${beat.label}${beat.reviewed ? ' (reviewed)' : ''}`
      : 'No beats.';
    element.dataset.currentSample = beat ? String(beat.sample) : '';
    const count = s.selection ? session.selected().length : 0;
    selection.textContent = s.selection ? `${count} beat${count === 1 ? '' : 's'} selected (${s.selection.kind === 'cluster' ? `AI ${s.selection.label}` : 'time range'})` : '';
    element.dataset.selected = String(count);
    rangeTool.setAttribute('aria-pressed', String(viewer.api.state.tool === 'select'));
    if (s.error) replace(errors, message('error', `Not saved: ${s.error}. The set was reloaded from the server.`));
    else if (s.notice) replace(errors, message('info', s.notice));
    else errors.replaceChildren();
    for (const b of actions.querySelectorAll('button')) b.disabled = !!s.set.completedAt;
    signOff.disabled = !!s.set.completedAt;
    if (beat && shown !== beat) { shown = beat; viewer.api.show(session.timeOf(beat)); }
    viewer.api.redraw();
  }

  return { element, onKey, sync, stop: () => document.removeEventListener('keydown', onDocumentKey) };
}
