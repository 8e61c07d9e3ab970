// The analysis queue: jobs by state, those waiting or running, and the failed ones with their error and a retry.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, utc } from '../core/format.js';
import { dataTable, shortId } from '../components/dataTable.js';
import { t } from '../core/i18n.js';

export async function render(section) {
  const status = h('div', { 'aria-live': 'polite' });
  const body = h('div');
  section.append(status, body);
  await refresh();
  // Jobs move on their own: refresh while any waits or runs.
  const timer = setInterval(() => { if (body.querySelector('[data-state="Queued"], [data-state="Running"]')) refresh().catch(() => {}); }, 3000);
  return () => clearInterval(timer);

  async function refresh() {
    const jobs = await get('/api/admin/jobs');
    const attempts = j => t('admin.jobs.attemptsOf', { n: j.attempts, max: j.maxAttempts });
    replace(body,
      h('div', { class: 'cards' }, Object.entries(jobs.counts).map(([state, count]) =>
        h('div', { class: 'card result', dataset: { count: state } }, h('h3', {}, t(`admin.jobs.state.${state}`)), h('div', { class: 'big' }, String(count))))),
      h('div', { class: 'card' }, h('h2', {}, t('admin.jobs.active')),
        dataTable([
          { label: t('admin.jobs.job'), cell: j => shortId(j.id) },
          { label: t('admin.recording'), cell: j => shortId(j.recordingId) },
          { label: t('admin.jobs.stateLabel'), cell: j => j.state === 'Running' ? t('admin.jobs.runningPercent', { percent: Math.round(j.progress * 100) }) : t('admin.jobs.queued') },
          { label: t('admin.jobs.attempts'), cell: attempts },
          { label: t('admin.jobs.queuedAt'), cell: j => dateTime(utc(j.createdAt)) },
        ], jobs.active, { empty: t('admin.jobs.emptyQueue'), rowAttrs: j => ({ dataset: { job: j.id, state: j.state } }) })),
      h('div', { class: 'card' }, h('h2', {}, t('admin.jobs.failed')),
        dataTable([
          { label: t('admin.jobs.job'), cell: j => shortId(j.id) },
          { label: t('admin.recording'), cell: j => shortId(j.recordingId) },
          { label: t('admin.jobs.error'), cell: j => h('span', { class: 'error-text' }, j.error ?? '') },
          { label: t('admin.jobs.attempts'), cell: attempts },
          { label: t('admin.jobs.failedAt'), cell: j => dateTime(utc(j.completedAt ?? j.updatedAt)) },
          { label: '', cell: j => h('button', { type: 'button', class: 'button small', onclick: () => retry(j) }, t('admin.jobs.retry')) },
        ], jobs.failed, { empty: t('admin.jobs.noneFailed'), rowAttrs: j => ({ dataset: { job: j.id, state: j.state } }) })));
  }

  async function retry(job) {
    try {
      await post(`/api/admin/jobs/${job.id}/retry`);
      replace(status, message('success', t('admin.jobs.requeued', { id: job.id.slice(0, 8) })));
    } catch (e) {
      replace(status, message('error', e.message));
    }
    await refresh();
  }
}
