// The model registry: the beat model's versions (status, training dataset, holdout metrics), promote and roll back
// with a confirmation, the retraining runs with their decision and reason, "run now", and the history of changes.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, number, utc } from '../core/format.js';
import { dataTable, shortId } from '../components/dataTable.js';

const f1 = value => (value === undefined || value === null ? '–' : number(value, 3));

/** The figure a version is judged by: its holdout mean F1 of N, S and V after a run, else its card's DS2 accuracy. */
function metric(v) {
  if (v.metrics.holdout_mean_f1_nsv !== undefined) return `holdout F1 (N,S,V) ${f1(v.metrics.holdout_mean_f1_nsv)}`;
  if (v.metrics.ds2_accuracy !== undefined) return `DS2 accuracy ${f1(v.metrics.ds2_accuracy)} (card)`;
  return '–';
}

export async function render(section) {
  const status = h('div', { 'aria-live': 'polite' });
  const body = h('div');
  section.append(status, body);
  await refresh();
  const timer = setInterval(() => { if (body.querySelector('[data-status="Running"]')) refresh().catch(() => {}); }, 5000);
  return () => clearInterval(timer);

  async function refresh() {
    const [registry, runs] = await Promise.all([get('/api/models/beats'), get('/api/retraining/runs')]);
    replace(body,
      h('div', { class: 'card' }, h('h2', {}, 'Beat model versions'),
        h('p', { class: 'muted' }, 'The analysis runs ', h('code', { class: 'id' }, registry.runningAnalyzer), '.'),
        h('div', { class: 'row' }, h('button', { type: 'button', class: 'button', onclick: rollback }, 'Roll back to the previous champion')),
        dataTable([
          { label: 'Version', cell: v => `v${v.version}` },
          { label: 'Status', cell: v => h('span', { class: v.status === 'Champion' ? 'badge ok' : 'badge' }, v.status.toLowerCase() + (v.rolledBack ? ' (rolled back)' : '')) },
          { label: 'Dataset', cell: v => (v.datasetVersionId ? shortId(v.datasetVersionId) : v.version === 1 ? 'shipped' : '–') },
          { label: 'Metrics', cell: metric },
          { label: 'Created', cell: v => dateTime(utc(v.createdAt)) },
          { label: '', cell: v => (v.status === 'Champion' ? '' : h('button', { type: 'button', class: 'button small', onclick: () => promote(v) }, 'Promote')) },
        ], registry.versions, { rowAttrs: v => ({ dataset: { version: v.version, status: v.status } }) })),
      h('div', { class: 'card' }, h('h2', {}, 'Retraining runs'),
        h('div', { class: 'row' }, h('button', { type: 'button', class: 'button primary', onclick: runNow }, 'Run now')),
        dataTable([
          { label: 'Started', cell: r => dateTime(utc(r.startedAt)) },
          { label: 'By', cell: r => r.requestedBy ?? 'schedule' },
          { label: 'Status', cell: r => h('span', { class: r.status === 'Failed' ? 'badge bad' : 'badge' }, r.status.toLowerCase()) },
          { label: 'Decision', cell: r => r.decision ?? '–' },
          { label: 'Champion / challenger', cell: r => (r.metrics ? `v${r.championVersion} ${f1(r.metrics.championValue)} / v${r.challengerVersion} ${f1(r.metrics.challengerValue)}` : '–') },
          { label: 'Reason', cell: r => h('span', { class: r.status === 'Failed' ? 'error-text' : '' }, r.reason) },
        ], runs, { empty: 'No run yet.', rowAttrs: r => ({ dataset: { run: r.id, status: r.status } }) })),
      h('div', { class: 'card' }, h('h2', {}, 'History'),
        dataTable([
          { label: 'When', cell: e => dateTime(utc(e.at)) },
          { label: 'What', cell: e => `${e.action} v${e.version}` + (e.previousChampion ? ` (was v${e.previousChampion})` : '') },
          { label: 'By', cell: e => e.by ?? (e.action === 'registered' ? '–' : 'retraining run') },
          { label: 'Why', cell: e => e.reason },
        ], registry.events)));
  }

  async function act(work, done) {
    try {
      await work();
      replace(status, message('success', done));
    } catch (e) {
      replace(status, message('error', e.message));
    }
    await refresh();
  }

  function promote(v) {
    if (!confirm(`Make version ${v.version} the champion? New analyses will use it at once.`)) return;
    return act(() => post(`/api/models/beats/${v.version}/promote`, { reason: 'promoted in the admin UI' }), `Version ${v.version} is the champion.`);
  }

  function rollback() {
    if (!confirm('Roll back to the previous champion? New analyses will use it at once.')) return;
    return act(() => post('/api/models/beats/rollback', { reason: 'rolled back in the admin UI' }), 'Rolled back to the previous champion.');
  }

  function runNow() {
    if (!confirm('Start a retraining run now? It trains at low priority and may take hours.')) return;
    return act(() => post('/api/retraining/runs'), 'The run has started.');
  }
}
