// A doctor's view of one patient: the history of recordings by date, each with its analysis.
import { get } from '../core/api.js';
import { h, message } from '../core/dom.js';
import { recordingList } from '../components/recordingList.js';

export async function render(main, { params }) {
  const patients = await get('/api/doctor/patients');
  const patient = patients.find(p => p.patientId === params.id);
  main.append(h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '/doctor' }, '← Patients')));
  if (!patient) {
    main.append(h('h1', {}, 'Patient'), message('error', 'You no longer have access to this patient’s recordings.'));
    return;
  }
  const list = h('section', { class: 'history', 'aria-labelledby': 'history-title' });
  main.append(h('h1', {}, patient.displayName), h('p', { class: 'muted' }, patient.email), list);
  recordingList(list, await get(`/api/recordings/summaries?patientId=${patient.patientId}`), { title: 'History', titleId: 'history-title' });
}
