// Recordings grouped by day, newest first, each with the state or headline of its analysis.
import { h, replace } from '../core/dom.js';
import { day, dayKey, duration, time, utc } from '../core/format.js';
import { headline } from '../core/summary.js';
import { t, tn } from '../core/i18n.js';

export function recordingList(section, answer, { title, titleId }) {
  const rows = answer.recordings ?? [];
  const days = new Map();
  for (const row of rows) {
    const at = utc(row.recording.recordedAt);
    const key = dayKey(at);
    if (!days.has(key)) days.set(key, { date: at, rows: [] });
    days.get(key).rows.push(row);
  }
  replace(section,
    h('h2', { id: titleId }, title, h('span', { class: 'count' }, ` ${rows.length}`)),
    rows.length === 0 ? h('p', { class: 'empty muted' }, t('recordings.none')) : null,
    [...days.values()].map(({ date, rows: dayRows }) =>
      h('div', { class: 'day' },
        h('h3', { class: 'day-title' }, h('time', { datetime: dayKey(date) }, day(date))),
        h('ul', { class: 'recordings' }, dayRows.map(item)))),
    rows.length > 0 ? h('p', { class: 'notice small' }, t('common.footerDisclaimer')) : null);
}

function item({ recording: r, job, summary }) {
  const at = utc(r.recordedAt);
  return h('li', { class: 'recording', dataset: { id: r.id, state: job?.state ?? 'None' } },
    h('a', { href: `/recordings/${r.id}` },
      h('span', { class: 'when' }, h('time', { datetime: at.toISOString() }, time(at))),
      h('span', { class: 'what' },
        h('span', { class: 'name' }, r.name),
        h('span', { class: 'meta muted' }, `${duration(r.durationSeconds)} · ${tn('recordings.leads', r.leadCount)} · ${r.samplingFrequency} ${t('units.hz')}`)),
      h('span', { class: 'ai' }, analysisText(job, summary))));
}

function analysisText(job, summary) {
  if (!job) return h('span', { class: 'muted' }, t('recordings.notAnalysed'));
  if (job.state === 'Queued') return h('span', { class: 'badge' }, t('recordings.queued'));
  if (job.state === 'Running') return h('span', { class: 'badge' }, t('recordings.analysing', { percent: Math.round(job.progress * 100) }));
  if (job.state === 'Failed') return h('span', { class: 'badge bad', title: job.error ?? '' }, t('recordings.failed'));
  return h('span', { class: 'summary' }, headline(summary) || t('recordings.analysed'));
}
