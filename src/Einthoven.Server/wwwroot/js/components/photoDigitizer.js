// A photo of a paper ECG (straight from the phone's camera): the server digitises it and answers what it found; the
// photo is shown with the grid and the traces drawn over it and each lead's confidence, and only when the patient
// confirms is the same photo sent again to be stored as a recording. Nothing is kept on the server in between.
import { problemOf } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { t } from '../core/i18n.js';

const maxCanvasWidth = 1600; // drawn at most this wide; CSS scales it to the screen

export function photoDigitizer({ onStored }) {
  const input = h('input', { type: 'file', accept: 'image/*', capture: 'environment', id: 'photo-input', class: 'visually-hidden' });
  const status = h('div', { class: 'digitize-status', 'aria-live': 'polite' });
  const section = h('section', { class: 'card digitize', 'aria-labelledby': 'photo-title' },
    h('h2', { id: 'photo-title' }, t('digitize.title')),
    h('p', { class: 'muted', id: 'photo-help' }, t('digitize.help')),
    h('label', { for: 'photo-input', class: 'button', 'aria-describedby': 'photo-help' }, t('digitize.take')), input, status);
  let busy = false;

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) preview(file);
  });

  async function preview(file) {
    if (busy) return;
    busy = true;
    replace(status, h('p', { class: 'progress-caption' }, t('digitize.reading')));
    try {
      const response = await send('/api/digitize/preview', file);
      if (!response.ok) return replace(status, refusal(response.status, await problemOf(response)));
      show(file, await response.json());
    } catch {
      replace(status, message('error', t('upload.unreachable')));
    } finally {
      busy = false;
    }
  }

  async function show(file, found) {
    const canvas = h('canvas', { class: 'digitize-overlay', role: 'img', 'aria-label': t('digitize.overlayLabel') });
    const date = h('input', { type: 'date', id: 'photo-date', max: new Date().toISOString().slice(0, 10) });
    const confirm = h('button', { type: 'button', class: 'button primary', onclick: () => store(file, date.value, confirm) }, t('digitize.confirm'));
    const retake = h('label', { for: 'photo-input', class: 'button' }, t('digitize.retake'));
    const d = found.digitized;
    replace(status,
      h('p', {}, h('strong', {}, t('digitize.found', { layout: d.layout.layout, percent: percent(d.confidence) })), ' ', h('span', { class: 'muted' }, t('digitize.check'))),
      canvas,
      h('ul', { class: 'lead-confidence', 'aria-label': t('digitize.perLead') },
        d.leads.map(l => h('li', { class: `badge ${l.confidence < 0.5 ? 'bad' : l.confidence >= 0.8 ? 'ok' : ''}` }, `${l.lead} ${percent(l.confidence)} %`))),
      h('div', { class: 'row' }, h('label', { for: 'photo-date' }, t('digitize.date'), date)),
      h('div', { class: 'row digitize-actions' }, confirm, retake));
    await draw(canvas, file, found);
  }

  async function store(file, date, button) {
    if (busy) return;
    busy = true;
    button.disabled = true;
    const result = h('div', { class: 'digitize-result' }, h('p', { class: 'progress-caption' }, t('digitize.storing')));
    status.append(result);
    try {
      // The day the patient picked, at noon local time: the same calendar day in any time zone nearby.
      const response = await send('/api/recordings/digitized', file, date ? { recordedAt: new Date(`${date}T12:00`).toISOString() } : {});
      if (response.status === 201) {
        const body = await response.json();
        return onStored?.(body);
      }
      replace(result, refusal(response.status, await problemOf(response)));
    } catch {
      replace(result, message('error', t('upload.unreachable')));
    } finally {
      busy = false;
      button.disabled = false;
    }
  }

  return section;
}

function send(url, file, fields = {}) {
  const form = new FormData();
  form.append('image', file, file.name || 'photo.jpg');
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
}

/** The photo as the browser shows it (turned upright as the server does), the grid and the traces over it. */
async function draw(canvas, file, found) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxCanvasWidth / bitmap.width);
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const g = canvas.getContext('2d');
  g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  // The server's pixels are those of the photo it decoded; scale them to this canvas.
  const s = canvas.width / found.imageWidth;
  // Canvas pixels per CSS pixel: lines and labels keep their size on the screen whatever the photo's resolution.
  const unit = canvas.width / Math.max(1, canvas.clientWidth || canvas.width);
  found.overlay.grid.forEach((line, i) => {
    g.strokeStyle = i < 4 ? 'rgba(0, 110, 255, 0.9)' : 'rgba(0, 150, 255, 0.45)';
    g.lineWidth = (i < 4 ? 2 : 0.75) * unit;
    g.beginPath();
    g.moveTo(line.x0 * s, line.y0 * s);
    g.lineTo(line.x1 * s, line.y1 * s);
    g.stroke();
  });
  g.strokeStyle = 'rgba(0, 230, 90, 0.95)';
  g.lineWidth = 1.5 * unit;
  g.lineJoin = 'round';
  const confidence = Object.fromEntries(found.digitized.leads.map(l => [l.lead, l.confidence]));
  const size = 11 * unit;
  g.font = `${Math.round(size)}px system-ui, sans-serif`;
  for (const trace of found.overlay.traces) {
    const p = trace.points;
    if (p.length >= 4) {
      g.beginPath();
      g.moveTo(p[0] * s, p[1] * s);
      for (let i = 2; i + 1 < p.length; i += 2) g.lineTo(p[i] * s, p[i + 1] * s);
      g.stroke();
    }
    const label = confidence[trace.lead] === undefined ? trace.lead : `${trace.lead} ${percent(confidence[trace.lead])} %`;
    const w = g.measureText(label).width;
    g.fillStyle = 'rgba(0, 0, 0, 0.65)';
    g.fillRect(trace.labelX * s - 3 * unit, trace.labelY * s - size - 2 * unit, w + 6 * unit, size + 6 * unit);
    g.fillStyle = '#fff';
    g.fillText(label, trace.labelX * s, trace.labelY * s);
  }
}

/** What went wrong, with the digitiser's advice on retaking the photo when it could not read it. */
function refusal(status, problem) {
  if (status === 401) return message('error', t('upload.sessionEnded'));
  if (status === 413) return message('error', `${t('digitize.tooLarge')} ${problem.detail ?? ''}`);
  const known = ['NotAnEcg', 'GridNotFound', 'TooBlurred', 'Cropped', 'LayoutNotFound'].includes(problem.problem);
  return h('div', { class: 'message error digitize-error', role: 'alert' },
    h('strong', {}, known ? t(`digitize.problem.${problem.problem}`) : t('digitize.refused')),
    h('div', {}, problem.detail ?? problem.reason ?? t('errors.status', { status })),
    problem.advice ? h('div', { class: 'advice' }, h('strong', {}, `${t('digitize.advice')} `), problem.advice) : null,
    h('label', { for: 'photo-input', class: 'button small' }, t('digitize.retake')));
}

export const percent = c => Math.round(c * 100);
