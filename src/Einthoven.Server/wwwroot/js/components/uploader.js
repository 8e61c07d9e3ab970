// Drag-and-drop upload with progress: a WFDB record (.hea + .dat [+ .atr]) or a .zip of one, an EDF/EDF+ or CSV file.
import { problemOf } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { t } from '../core/i18n.js';

const accepted = '.hea,.dat,.atr,.qrs,.zip,.edf,.csv,.mat,.txt,.dcm,.xml,.aecg,.scp,.json';

export function uploader({ onUploaded }) {
  const input = h('input', { type: 'file', multiple: true, accept: accepted, id: 'upload-input', class: 'visually-hidden' });
  const status = h('div', { class: 'upload-status', 'aria-live': 'polite' });
  const zone = h('div', { class: 'dropzone', tabindex: 0, role: 'button', 'aria-describedby': 'upload-help', 'aria-label': t('upload.label') },
    h('strong', {}, t('upload.drop')),
    h('span', { id: 'upload-help', class: 'muted' }, t('upload.help')),
    h('label', { for: 'upload-input', class: 'button' }, t('upload.choose')), input);
  const section = h('section', { class: 'card upload', 'aria-label': t('upload.section') }, zone, status);
  let busy = false;

  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', e => {
    e.preventDefault();
    zone.classList.remove('over');
    send([...(e.dataTransfer?.files ?? [])]);
  });
  zone.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
  input.addEventListener('change', () => { send([...input.files]); input.value = ''; });

  function send(files) {
    if (busy) return;
    if (files.length === 0) return replace(status, message('error', t('upload.noFile')));
    const problem = checkFiles(files);
    if (problem) return replace(status, message('error', problem));
    busy = true;
    const bar = h('progress', { max: 100, value: 0, 'aria-label': t('upload.progress') });
    const caption = h('span', { class: 'progress-caption' }, t('upload.uploading'));
    replace(status, h('div', { class: 'progress' }, h('span', { class: 'files' }, files.map(f => f.name).join(', ')), bar, caption));
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/recordings');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = e => {
      if (!e.lengthComputable) return;
      bar.value = Math.round((100 * e.loaded) / e.total);
      caption.textContent = e.loaded < e.total ? t('upload.uploadingPercent', { percent: bar.value }) : t('upload.storing');
    };
    xhr.onerror = () => finish(message('error', t('upload.unreachable')));
    xhr.onload = async () => {
      const response = new Response(xhr.responseText, { status: xhr.status, headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? '' } });
      if (xhr.status === 201) {
        const body = await response.json();
        finish(message('success', t('upload.done', { name: body.recording.name })),
          h('a', { href: `/recordings/${body.recording.id}`, class: 'button small' }, t('upload.open')));
        onUploaded?.(body);
      } else {
        const problem = await problemOf(response);
        finish(uploadError(xhr.status, problem));
      }
    };
    xhr.send(form);
  }

  function finish(...content) {
    busy = false;
    replace(status, h('div', { class: 'upload-result' }, content));
  }

  return section;
}

/** What is certainly wrong with a set of files before sending them, or null. */
export function checkFiles(files) {
  const names = files.map(f => f.name.toLowerCase());
  const hasHeader = names.some(n => n.endsWith('.hea'));
  const hasDat = names.some(n => n.endsWith('.dat') || n.endsWith('.mat'));
  if (hasDat && !hasHeader) return t('upload.needsHeader');
  if (hasHeader && !hasDat && !names.some(n => n.endsWith('.zip'))) return t('upload.needsSignal');
  return null;
}

function uploadError(status, problem) {
  if (status === 413) return message('error', `${t('upload.tooLarge')} ${problem.detail ?? ''}`);
  if (status === 401) return message('error', t('upload.sessionEnded'));
  const where = [problem.file, problem.field].filter(Boolean).join(' · ');
  return h('div', { class: 'message error', role: 'alert' },
    h('strong', {}, problem.title ? cap(problem.title) : t('upload.refused')),
    where ? h('div', { class: 'where' }, where) : null,
    h('div', {}, problem.reason ?? problem.detail ?? t('errors.status', { status })));
}

const cap = s => s.charAt(0).toUpperCase() + s.slice(1);
