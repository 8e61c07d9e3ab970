// A cardiologist's physician set in the browser: the beats, the current beat, the selection and the cursor, and the
// edits. Each edit is applied here at once (the same rules as the server's BeatEdits) and sent to
// POST /api/verification/sets/{id}/edits in order, batched while one is on its way; a refused batch reloads the set
// from the server, which stays the truth. Progress is therefore saved as the cardiologist goes.
import { get, post } from '../core/api.js';
import { t as text } from '../core/i18n.js';
import { number } from '../core/format.js';

export const Labels = ['N', 'S', 'V', 'F', 'Q'];
const MaxBatch = 200;
const MinimumGap = 0.150;

/** detail: the answer of starting or reading the set (VerificationSetDetail). */
export function createSession(detail, { onChange }) {
  const fs = detail.samplingFrequency;
  const s = {
    set: detail.set, fs, beats: detail.beats.map(b => ({ ...b })), current: 0, selection: null, cursor: null,
    pending: [], sending: false, error: null, notice: null, saved: true,
  };
  let idle = Promise.resolve();
  let release = () => {};
  const savedListeners = [];

  const timeOf = beat => beat.sample / fs;
  const changed = () => onChange(s);

  /** Indices of the selected beats (the current beat when nothing is selected). */
  function selected() {
    const sel = s.selection;
    if (!sel) return s.beats.length ? [s.current] : [];
    const all = s.beats.map((_, i) => i);
    if (sel.kind === 'cluster') return all.filter(i => s.beats[i].ai === sel.label);
    return all.filter(i => timeOf(s.beats[i]) >= sel.from && timeOf(s.beats[i]) <= sel.to);
  }

  /** The selection as the server's selector: samples, a time range or a cluster (null: nothing to select). */
  function selector() {
    const sel = s.selection;
    if (!sel) return s.beats.length ? { samples: [s.beats[s.current].sample] } : null;
    return sel.kind === 'cluster' ? { cluster: sel.label } : { from: sel.from, to: sel.to };
  }

  function edit(op, local) {
    if (s.set.completedAt || !op) return;
    s.notice = null;
    local();
    s.pending.push(op);
    s.saved = false;
    changed();
    flush();
  }

  async function flush() {
    if (s.sending) return;
    s.sending = true;
    idle = new Promise(resolve => { release = resolve; });
    try {
      while (s.pending.length) {
        const batch = s.pending.splice(0, MaxBatch);
        try {
          const result = await post(`/api/verification/sets/${s.set.id}/edits`, { operations: batch });
          s.set = result.set;
          s.error = null;
        } catch (e) {
          s.pending = [];
          s.error = e.message;
          await reload().catch(r => { s.error = text('verify.reloadFailed', { error: e.message, reason: r.message }); });
        }
      }
      s.saved = s.error === null;
    } finally {
      s.sending = false;
      release();
      changed();
      savedListeners.forEach(f => f());
    }
  }

  async function reload() {
    const fresh = await get(`/api/verification/sets/${s.set.id}`);
    s.set = fresh.set;
    s.beats = fresh.beats;
    s.current = Math.min(s.current, Math.max(0, s.beats.length - 1));
    s.selection = null;
  }

  const api = {
    state: s,
    selected,
    timeOf,
    currentBeat: () => s.beats[s.current] ?? null,
    /** Calls f after each round of saving (and the sign-off). */
    onSaved: f => savedListeners.push(f),
    /** Waits until every edit made so far is saved (or refused). */
    settled: () => idle,
    go(index, { extend = false } = {}) {
      if (!s.beats.length) return;
      const next = Math.max(0, Math.min(s.beats.length - 1, index));
      if (extend) {
        const anchor = s.selection?.kind === 'range' && s.selection.anchor !== undefined ? s.selection.anchor : s.current;
        const [a, b] = [timeOf(s.beats[anchor]), timeOf(s.beats[next])].sort((x, y) => x - y);
        s.selection = { kind: 'range', from: a, to: b, anchor };
      } else s.selection = null;
      s.current = next;
      changed();
    },
    step(delta, options) { api.go(s.current + delta, options); },
    /** The beat nearest to time t becomes the current one; the cursor moves there too. */
    pick(t) {
      s.cursor = t;
      if (!s.beats.length) return changed();
      let best = 0;
      for (let i = 1; i < s.beats.length; i++) if (Math.abs(timeOf(s.beats[i]) - t) < Math.abs(timeOf(s.beats[best]) - t)) best = i;
      api.go(best);
    },
    setCursor(t) { s.cursor = t; },
    selectRange(from, to) { s.selection = { kind: 'range', from, to }; changed(); },
    selectCluster(label) { s.selection = { kind: 'cluster', label }; changed(); },
    clearSelection() { s.selection = null; changed(); },
    relabel(label) { apply(withSelector({ op: 'relabel', label }), b => { b.label = label; b.reviewed = true; }); },
    confirm() { apply(withSelector({ op: 'confirm' }), b => { b.reviewed = true; }); },
    remove() {
      const doomed = new Set(selected());
      edit(withSelector({ op: 'delete' }), () => {
        s.beats = s.beats.filter((_, i) => !doomed.has(i));
        s.current = Math.min(s.current, Math.max(0, s.beats.length - 1));
        s.selection = null;
      });
    },
    /** Adds a beat at the cursor (or the current view's centre); refused locally when one lies within 150 ms. */
    add(label, t) {
      const sample = Math.round(t * fs);
      if (s.beats.some(b => Math.abs(b.sample - sample) <= Math.round(MinimumGap * fs))) {
        s.notice = text('verify.tooClose', { ms: MinimumGap * 1000, at: number(t, 3) });
        return changed();
      }
      edit({ op: 'add', sample, label }, () => {
        const beat = { sample, time: sample / fs, ai: null, label, reviewed: true };
        const at = s.beats.findIndex(b => b.sample > sample);
        s.beats.splice(at < 0 ? s.beats.length : at, 0, beat);
        s.current = s.beats.indexOf(beat);
        s.selection = null;
      });
    },
    async complete() {
      await api.settled();
      const remaining = s.beats.filter(b => !b.reviewed).length;
      s.set = await post(`/api/verification/sets/${s.set.id}/complete`, { confirmRemaining: remaining > 0 });
      for (const b of s.beats) b.reviewed = true;
      changed();
      savedListeners.forEach(f => f());
    },
  };

  function withSelector(op) {
    const which = selector();
    return which ? { ...op, ...which } : null;
  }

  /** Applies a change to the selected beats; a single beat (no selection) then moves on to the next. */
  function apply(op, change) {
    const indices = selected();
    edit(op, () => {
      for (const i of indices) change(s.beats[i]);
      if (!s.selection) s.current = Math.min(s.current + 1, s.beats.length - 1);
    });
  }

  return api;
}
