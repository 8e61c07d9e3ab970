import { get } from '../core/api.js';
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { recordingList } from '../components/recordingList.js';
import { uploader } from '../components/uploader.js';
import { photoDigitizer } from '../components/photoDigitizer.js';

/** The patient's start page: upload (a record file, or a photo of a paper ECG) and the recordings by date. Doctors, admins and monitoring staff without a patient role go to their own. */
export async function render(main, { isPatient, isDoctor, isAdmin, isMonitor, isParamedic, navigate, startPage }) {
  if (!isPatient()) return isDoctor() || isAdmin() || isMonitor() || isParamedic() ? navigate(startPage(), { replace: true }) : main.append(h('p', {}, t('recordings.noRole')));
  const list = h('section', { class: 'history', 'aria-labelledby': 'history-title' });
  const refresh = async () => recordingList(list, await get('/api/recordings/summaries'), { title: t('recordings.yours'), titleId: 'history-title' });
  main.append(h('h1', { class: 'visually-hidden' }, t('nav.recordings')), uploader({ onUploaded: refresh }),
    photoDigitizer({ onStored: body => navigate(`/recordings/${body.recording.id}`) }), list);
  await refresh();
  // Analyses finish in the background: refresh while any is queued or running.
  const timer = setInterval(() => { if (list.querySelector('[data-state="Queued"], [data-state="Running"]')) refresh().catch(() => {}); }, 2000);
  return () => clearInterval(timer);
}
