// The cardiologist's verification queue: recordings pushed to them (assigned to the patient, or of their organisation),
// oldest first, with the AI's beats and their own progress; each opens the viewer in its verification mode.
import { get } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, duration, number, utc } from '../core/format.js';
import { dataTable } from '../components/dataTable.js';
import { t, tn } from '../core/i18n.js';

export async function render(main, { isCardiologist }) {
  main.append(h('h1', {}, t('queue.title')));
  if (!isCardiologist()) return main.append(message('info', t('queue.onlyCardiologists')));
  const all = h('input', { type: 'checkbox', id: 'queue-all', onchange: () => load() });
  const list = h('section', { class: 'card', id: 'verification-queue', 'aria-label': t('queue.list') });
  main.append(h('p', { class: 'muted' }, t('queue.intro')),
    h('label', { class: 'toggle', for: 'queue-all' }, all, t('queue.includeSignedOff')), list);
  await load();

  async function load() {
    const items = await get(`/api/verification/queue${all.checked ? '?state=all' : ''}`);
    replace(list, dataTable([
      { label: t('queue.recording'), cell: i => h('a', { href: `/recordings/${i.recordingId}?verify=${i.requestId}` }, h('strong', {}, i.recordingName)) },
      { label: t('queue.patient'), cell: i => i.patientName },
      { label: t('queue.recorded'), cell: i => `${dateTime(utc(i.recordedAt))} · ${duration(i.durationSeconds)}` },
      { label: t('queue.aiBeats'), cell: i => (i.aiBeats === null ? t('queue.analysisRunning') : number(i.aiBeats)) },
      { label: t('queue.pushed'), cell: i => `${dateTime(utc(i.requestedAt))}${i.organisationName ? ` ${t('verification.toOrganisation', { name: i.organisationName })}` : ''} (${t(i.route === 'assigned' ? 'queue.yourPatient' : 'queue.organisation')})` },
      { label: t('queue.yourProgress'), cell: i => progress(i) },
      { label: t('queue.others'), cell: i => (i.otherSets ? tn('queue.otherCardiologists', i.otherSets) : '—') },
    ], items, {
      empty: t(all.checked ? 'queue.neverRouted' : 'queue.nothingWaits'),
      rowAttrs: i => ({ dataset: { request: i.requestId, recording: i.recordingId } }),
    }));
  }
}

function progress(item) {
  const mine = item.mine;
  if (!mine) return item.status === 'Open' ? t('queue.notStarted') : t(`verification.status.${item.status}`).toLowerCase();
  const text = t('queue.reviewed', { reviewed: number(mine.reviewedCount), beats: number(mine.beatCount) });
  return mine.completedAt ? t('queue.reviewedSignedOff', { text, at: dateTime(utc(mine.completedAt)) }) : h('span', {}, h('progress', { max: 1, value: mine.progress }), ` ${text}`);
}
