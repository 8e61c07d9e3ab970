// The analysis queue: jobs by state, those waiting or running, and the failed ones with their error and a retry.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, utc } from '../core/format.js';
import { dataTable, shortId } from '../components/dataTable.js';

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
    const attempts = j => `${j.attempts} of ${j.maxAttempts}`;
    replace(body,
      h('div', { class: 'cards' }, Object.entries(jobs.counts).map(([state, count]) =>
        h('div', { class: 'card result', dataset: { count: state } }, h('h3', {}, state), h('div', { class: 'big' }, String(count))))),
      h('div', { class: 'card' }, h('h2', {}, 'Waiting and running'),
        dataTable([
          { label: 'Job', cell: j => shortId(j.id) },
          { label: 'Recording', cell: j => shortId(j.recordingId) },
          { label: 'State', cell: j => j.state === 'Running' ? `running, ${Math.round(j.progress * 100)} %` : 'queued' },
          { label: 'Attempts', cell: attempts },
          { label: 'Queued at', cell: j => dateTime(utc(j.createdAt)) },
        ], jobs.active, { empty: 'The queue is empty.', rowAttrs: j => ({ dataset: { job: j.id, state: j.state } }) })),
      h('div', { class: 'card' }, h('h2', {}, 'Failed'),
        dataTable([
          { label: 'Job', cell: j => shortId(j.id) },
          { label: 'Recording', cell: j => shortId(j.recordingId) },
          { label: 'Error', cell: j => h('span', { class: 'error-text' }, j.error ?? '') },
          { label: 'Attempts', cell: attempts },
          { label: 'Failed at', cell: j => dateTime(utc(j.completedAt ?? j.updatedAt)) },
          { label: '', cell: j => h('button', { type: 'button', class: 'button small', onclick: () => retry(j) }, 'Retry') },
        ], jobs.failed, { empty: 'No job has failed.', rowAttrs: j => ({ dataset: { job: j.id, state: j.state } }) })));
  }

  async function retry(job) {
    try {
      await post(`/api/admin/jobs/${job.id}/retry`);
      replace(status, message('success', `Job ${job.id.slice(0, 8)} is queued again.`));
    } catch (e) {
      replace(status, message('error', e.message));
    }
    await refresh();
  }
}
