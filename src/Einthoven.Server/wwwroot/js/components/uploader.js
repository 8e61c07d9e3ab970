// Drag-and-drop upload with progress: a WFDB record (.hea + .dat [+ .atr]) or a .zip of one, an EDF/EDF+ or CSV file.
import { problemOf } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';

const accepted = '.hea,.dat,.atr,.qrs,.zip,.edf,.csv,.mat,.txt';

export function uploader({ onUploaded }) {
  const input = h('input', { type: 'file', multiple: true, accept: accepted, id: 'upload-input', class: 'visually-hidden' });
  const status = h('div', { class: 'upload-status', 'aria-live': 'polite' });
  const zone = h('div', { class: 'dropzone', tabindex: 0, role: 'button', 'aria-describedby': 'upload-help', 'aria-label': 'Upload a recording' },
    h('strong', {}, 'Drop an ECG recording here'),
    h('span', { id: 'upload-help', class: 'muted' }, 'WFDB (.hea + .dat, optional .atr) or a .zip of one, EDF/EDF+ or CSV'),
    h('label', { for: 'upload-input', class: 'button' }, 'Choose files'), input);
  const section = h('section', { class: 'card upload', 'aria-label': 'Upload' }, zone, status);
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
    if (files.length === 0) return replace(status, message('error', 'No file was dropped.'));
    const problem = checkFiles(files);
    if (problem) return replace(status, message('error', problem));
    busy = true;
    const bar = h('progress', { max: 100, value: 0, 'aria-label': 'Upload progress' });
    const caption = h('span', { class: 'progress-caption' }, 'Uploading…');
    replace(status, h('div', { class: 'progress' }, h('span', { class: 'files' }, files.map(f => f.name).join(', ')), bar, caption));
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/recordings');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = e => {
      if (!e.lengthComputable) return;
      bar.value = Math.round((100 * e.loaded) / e.total);
      caption.textContent = e.loaded < e.total ? `Uploading… ${bar.value}%` : 'Reading and storing the recording…';
    };
    xhr.onerror = () => finish(message('error', 'The upload failed: the server cannot be reached.'));
    xhr.onload = async () => {
      const response = new Response(xhr.responseText, { status: xhr.status, headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? '' } });
      if (xhr.status === 201) {
        const body = await response.json();
        finish(message('success', `Uploaded “${body.recording.name}”. Its analysis is running.`),
          h('a', { href: `/recordings/${body.recording.id}`, class: 'button small' }, 'Open'));
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
  if (hasDat && !hasHeader) return 'A WFDB signal file (.dat) needs its header (.hea): drop both together.';
  if (hasHeader && !hasDat && !names.some(n => n.endsWith('.zip'))) return 'A WFDB header (.hea) needs its signal file (.dat): drop both together.';
  return null;
}

function uploadError(status, problem) {
  if (status === 413) return message('error', `The file is too large. ${problem.detail ?? ''}`);
  if (status === 401) return message('error', 'Your session has ended. Sign in again and retry.');
  const where = [problem.file, problem.field].filter(Boolean).join(' · ');
  return h('div', { class: 'message error', role: 'alert' },
    h('strong', {}, problem.title ? cap(problem.title) : 'Upload refused'),
    where ? h('div', { class: 'where' }, where) : null,
    h('div', {}, problem.reason ?? problem.detail ?? `The server answered ${status}.`));
}

const cap = s => s.charAt(0).toUpperCase() + s.slice(1);
