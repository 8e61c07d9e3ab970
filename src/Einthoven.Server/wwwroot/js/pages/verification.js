// The cardiologist's verification queue: recordings pushed to them (assigned to the patient, or of their organisation),
// oldest first, with the AI's beats and their own progress; each opens the viewer in its verification mode.
import { get } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, duration, utc } from '../core/format.js';
import { dataTable } from '../components/dataTable.js';

export async function render(main, { isCardiologist }) {
  main.append(h('h1', {}, 'Verification queue'));
  if (!isCardiologist()) return main.append(message('info', 'This page is for cardiologists. An administrator gives the Cardiologist role and assigns patients.'));
  const all = h('input', { type: 'checkbox', id: 'queue-all', onchange: () => load() });
  const list = h('section', { class: 'card', id: 'verification-queue', 'aria-label': 'Recordings to verify' });
  main.append(h('p', { class: 'muted' }, 'Confirm or correct the AI\'s beat labels. Your progress is saved as you go; sign off when you are done.'),
    h('label', { class: 'toggle', for: 'queue-all' }, all, 'Include signed-off requests'), list);
  await load();

  async function load() {
    const items = await get(`/api/verification/queue${all.checked ? '?state=all' : ''}`);
    replace(list, dataTable([
      { label: 'Recording', cell: i => h('a', { href: `/recordings/${i.recordingId}?verify=${i.requestId}` }, h('strong', {}, i.recordingName)) },
      { label: 'Patient', cell: i => i.patientName },
      { label: 'Recorded', cell: i => `${dateTime(utc(i.recordedAt))} · ${duration(i.durationSeconds)}` },
      { label: 'AI beats', cell: i => (i.aiBeats === null ? 'analysis running' : String(i.aiBeats)) },
      { label: 'Pushed', cell: i => `${dateTime(utc(i.requestedAt))}${i.organisationName ? ` to ${i.organisationName}` : ''} (${i.route === 'assigned' ? 'your patient' : 'organisation'})` },
      { label: 'Your progress', cell: i => progress(i) },
      { label: 'Others', cell: i => (i.otherSets ? `${i.otherSets} other cardiologist${i.otherSets === 1 ? '' : 's'}` : '—') },
    ], items, {
      empty: all.checked ? 'No request was ever routed to you.' : 'Nothing waits for you.',
      rowAttrs: i => ({ dataset: { request: i.requestId, recording: i.recordingId } }),
    }));
  }
}

function progress(item) {
  const mine = item.mine;
  if (!mine) return item.status === 'Open' ? 'not started' : item.status.toLowerCase();
  const text = `${mine.reviewedCount} / ${mine.beatCount} reviewed`;
  return mine.completedAt ? `${text}, signed off ${dateTime(utc(mine.completedAt))}` : h('span', {}, h('progress', { max: 1, value: mine.progress }), ` ${text}`);
}
