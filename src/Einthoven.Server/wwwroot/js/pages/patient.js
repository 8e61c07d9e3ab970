// A doctor's view of one patient: the history of recordings by date, each with its analysis.
import { get } from '../core/api.js';
import { h, message } from '../core/dom.js';
import { recordingList } from '../components/recordingList.js';
import { pacsImportCard } from '../components/pacsCard.js';
import { t } from '../core/i18n.js';

export async function render(main, { params }) {
  const patients = await get('/api/doctor/patients');
  const patient = patients.find(p => p.patientId === params.id);
  main.append(h('nav', { class: 'crumbs', 'aria-label': t('recording.breadcrumb') }, h('a', { href: '/doctor' }, `← ${t('doctor.patients')}`)));
  if (!patient) {
    main.append(h('h1', {}, t('doctor.patient')), message('error', t('doctor.noAccess')));
    return;
  }
  const list = h('section', { class: 'history', 'aria-labelledby': 'history-title' });
  const showHistory = async () => {
    const summaries = await get(`/api/recordings/summaries?patientId=${patient.patientId}`);
    list.replaceChildren();
    recordingList(list, summaries, { title: t('doctor.history'), titleId: 'history-title' });
  };
  main.append(h('h1', {}, patient.displayName), h('p', { class: 'muted' }, patient.email), list, pacsImportCard(patient.patientId, showHistory));
  await showHistory();
}
