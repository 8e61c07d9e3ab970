// The model registry: the beat model's versions (status, training dataset, holdout metrics), promote and roll back
// with a confirmation, the retraining runs with their decision and reason, "run now", and the history of changes.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, number, utc } from '../core/format.js';
import { dataTable, shortId } from '../components/dataTable.js';
import { t } from '../core/i18n.js';

const events = ['registered', 'promoted', 'rolled-back'];
const eventName = action => (events.includes(action) ? t(`admin.models.event.${action}`) : action);

const f1 = value => (value === undefined || value === null ? '–' : number(value, 3));

/** The figure a version is judged by: its holdout mean F1 of N, S and V after a run, else its card's DS2 accuracy. */
function metric(v) {
  if (v.metrics.holdout_mean_f1_nsv !== undefined) return t('admin.models.holdoutF1', { value: f1(v.metrics.holdout_mean_f1_nsv) });
  if (v.metrics.ds2_accuracy !== undefined) return t('admin.models.ds2Accuracy', { value: f1(v.metrics.ds2_accuracy) });
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
      h('div', { class: 'card' }, h('h2', {}, t('admin.models.versions')),
        h('p', { class: 'muted' }, `${t('admin.models.running')} `, h('code', { class: 'id' }, registry.runningAnalyzer)),
        h('div', { class: 'row' }, h('button', { type: 'button', class: 'button', onclick: rollback }, t('admin.models.rollBack'))),
        dataTable([
          { label: t('admin.version'), cell: v => `v${v.version}` },
          { label: t('admin.models.status'), cell: v => h('span', { class: v.status === 'Champion' ? 'badge ok' : 'badge' }, t(`admin.models.versionStatus.${v.status}`) + (v.rolledBack ? ` (${t('admin.models.rolledBack')})` : '')) },
          { label: t('admin.models.dataset'), cell: v => (v.datasetVersionId ? shortId(v.datasetVersionId) : v.version === 1 ? t('admin.shipped') : '–') },
          { label: t('admin.models.metrics'), cell: metric },
          { label: t('admin.models.created'), cell: v => dateTime(utc(v.createdAt)) },
          { label: '', cell: v => (v.status === 'Champion' ? '' : h('button', { type: 'button', class: 'button small', onclick: () => promote(v) }, t('admin.models.promote'))) },
        ], registry.versions, { rowAttrs: v => ({ dataset: { version: v.version, status: v.status } }) })),
      h('div', { class: 'card' }, h('h2', {}, t('admin.models.runs')),
        h('div', { class: 'row' }, h('button', { type: 'button', class: 'button primary', onclick: runNow }, t('admin.models.runNow'))),
        dataTable([
          { label: t('admin.models.started'), cell: r => dateTime(utc(r.startedAt)) },
          { label: t('admin.models.by'), cell: r => r.requestedBy ?? t('admin.models.schedule') },
          { label: t('admin.models.status'), cell: r => h('span', { class: r.status === 'Failed' ? 'badge bad' : 'badge' }, t(`admin.models.runStatus.${r.status}`)) },
          { label: t('admin.models.decision'), cell: r => (['promoted', 'rejected'].includes(r.decision) ? t(`admin.models.decision.${r.decision}`) : r.decision ?? '–') },
          { label: t('admin.models.championChallenger'), cell: r => (r.metrics ? `v${r.championVersion} ${f1(r.metrics.championValue)} / v${r.challengerVersion} ${f1(r.metrics.challengerValue)}` : '–') },
          { label: t('admin.models.reason'), cell: r => h('span', { class: r.status === 'Failed' ? 'error-text' : '' }, r.reason) },
        ], runs, { empty: t('admin.models.noRun'), rowAttrs: r => ({ dataset: { run: r.id, status: r.status } }) })),
      h('div', { class: 'card' }, h('h2', {}, t('admin.models.history')),
        dataTable([
          { label: t('admin.when'), cell: e => dateTime(utc(e.at)) },
          { label: t('admin.models.what'), cell: e => `${eventName(e.action)} v${e.version}` + (e.previousChampion ? ` (${t('admin.models.was', { version: `v${e.previousChampion}` })})` : '') },
          { label: t('admin.models.by'), cell: e => e.by ?? (e.action === 'registered' ? '–' : t('admin.models.retrainingRun')) },
          { label: t('admin.models.why'), cell: e => e.reason },
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
    if (!confirm(t('admin.models.confirmPromote', { version: v.version }))) return;
    return act(() => post(`/api/models/beats/${v.version}/promote`, { reason: 'promoted in the admin UI' }), t('admin.models.promoted', { version: v.version }));
  }

  function rollback() {
    if (!confirm(t('admin.models.confirmRollBack'))) return;
    return act(() => post('/api/models/beats/rollback', { reason: 'rolled back in the admin UI' }), t('admin.models.rolledBackNotice'));
  }

  function runNow() {
    if (!confirm(t('admin.models.confirmRun'))) return;
    return act(() => post('/api/retraining/runs'), t('admin.models.runStarted'));
  }
}
