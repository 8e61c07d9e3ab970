// The hospital PACS (DICOMweb) for doctors: send a recording to it as a DICOM ECG waveform, and find a patient's ECGs
// in it and import one into the patient's recordings. Shown only when the server names a PACS (GET /api/pacs).
import { get, post } from '../core/api.js';
import { h, message, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';

let pacs = null;
const configured = async () => (pacs ??= await get('/api/pacs').catch(() => ({ configured: false })));

/** "Send to PACS" for one recording; an empty element when no PACS is configured. */
export function pacsSendCard(recordingId) {
  const element = h('div', { class: 'pacs-send', hidden: true });
  const status = h('div', { 'aria-live': 'polite' });
  configured().then(p => {
    if (!p.configured) return;
    element.hidden = false;
    const button = h('button', { type: 'button', class: 'button', onclick: send }, t('pacs.send', { pacs: p.name }));
    replace(element, button, status);
    async function send() {
      button.disabled = true;
      replace(status, message('info', t('pacs.sending', { pacs: p.name })));
      try {
        const sent = await post(`/api/recordings/${recordingId}/pacs`);
        replace(status, message('success', t('pacs.sent', { pacs: sent.pacs, study: sent.studyInstanceUid })));
      } catch (e) { replace(status, message('error', e.message)); }
      finally { button.disabled = false; }
    }
  });
  return element;
}

/** Finding a patient's ECGs in the PACS (by its Patient ID) and importing one into their recordings. */
export function pacsImportCard(patientId, onImported) {
  const element = h('section', { class: 'card pacs-import', hidden: true, 'aria-labelledby': 'pacs-import-title' });
  configured().then(p => {
    if (!p.configured) return;
    element.hidden = false;
    const id = h('input', { id: 'pacs-patient-id', maxlength: 64, value: patientId.replaceAll('-', '') });
    const results = h('div', { class: 'pacs-results', 'aria-live': 'polite' });
    const search = async event => {
      event.preventDefault();
      replace(results, message('info', t('pacs.searching', { pacs: p.name })));
      try {
        const found = await get(`/api/pacs/instances?patientId=${encodeURIComponent(id.value.trim())}`);
        replace(results, found.length === 0 ? message('info', t('pacs.none')) : h('ul', { class: 'pacs-list' }, found.map(row)));
      } catch (e) { replace(results, message('error', e.message)); }
    };
    const row = i => {
      const status = h('span', { 'aria-live': 'polite' });
      const button = h('button', { type: 'button', class: 'button small', onclick: async () => {
        button.disabled = true;
        try {
          const imported = await post('/api/pacs/import', { patientId, studyInstanceUid: i.studyInstanceUid, seriesInstanceUid: i.seriesInstanceUid, sopInstanceUid: i.sopInstanceUid });
          replace(status, h('a', { href: `/recordings/${imported.recording.id}` }, t('pacs.imported')));
          onImported?.();
        } catch (e) { button.disabled = false; replace(status, message('error', e.message)); }
      } }, t('pacs.import'));
      return h('li', { class: 'pacs-instance', dataset: { sop: i.sopInstanceUid } },
        h('span', {}, [i.patientName, studyDate(i.studyDate, i.studyTime), i.sopInstanceUid].filter(Boolean).join(' · ')), button, status);
    };
    replace(element,
      h('h2', { id: 'pacs-import-title' }, t('pacs.importTitle', { pacs: p.name })),
      h('form', { class: 'row', onsubmit: search },
        h('label', { for: 'pacs-patient-id' }, t('pacs.patientId')), id,
        h('button', { type: 'submit', class: 'button' }, t('pacs.search'))),
      results);
  });
  return element;
}

/** A DICOM DA (YYYYMMDD) and TM (HHMMSS) as one readable string. */
function studyDate(da, tm) {
  if (!/^\d{8}$/.test(da ?? '')) return '';
  const time = /^\d{4}/.test(tm ?? '') ? ` ${tm.slice(0, 2)}:${tm.slice(2, 4)}` : '';
  return `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}${time}`;
}
