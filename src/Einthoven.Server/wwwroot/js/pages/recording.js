// One recording: its description, the viewer and the analysis.
import { get, del } from '../core/api.js';
import { h, message } from '../core/dom.js';
import { dateTime, duration, utc } from '../core/format.js';
import { analysisPanel } from '../components/analysisPanel.js';
import { createViewer } from '../viewer/viewer.js';

export async function render(main, { params, session, navigate, isDoctor, isMonitor }) {
  let detail;
  try {
    detail = await get(`/api/recordings/${params.id}`);
  } catch (e) {
    main.append(h('h1', {}, 'Recording'), message('error', e.status === 404 ? 'This recording does not exist or is no longer shared with you.' : e.message));
    return;
  }
  const r = detail.recording;
  const own = r.patientId === session.user.id;
  const monitoring = !own && !isDoctor() && isMonitor();
  const back = own ? '/' : monitoring ? `/monitoring?patient=${r.patientId}` : `/doctor/patients/${r.patientId}`;
  const annotators = Object.keys(detail.annotationCounts ?? {}).sort((a, b) => (a === 'analysis' ? -1 : b === 'analysis' ? 1 : a.localeCompare(b)));
  const viewer = createViewer({ recording: r, leads: detail.leads, annotators });
  const analysis = analysisPanel({
    recordingId: r.id, canRerun: own,
    onComplete: () => { if (!annotators.includes('analysis')) viewer.api.reloadAnnotations(['analysis']); },
  });
  const downloads = ['original', 'wfdb', 'edf', 'csv'].map(format =>
    h('a', { href: `/api/recordings/${r.id}/download?format=${format}`, download: '', class: 'button small' }, format === 'original' ? `Original (${r.originalFormat})` : format.toUpperCase()));

  main.append(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: back }, own ? '← Your recordings' : monitoring ? '← Monitored patient' : '← Patient history')),
    h('header', { class: 'recording-head' },
      h('h1', {}, r.name),
      h('p', { class: 'muted' }, [
        dateTime(utc(r.recordedAt)), duration(r.durationSeconds),
        `${r.leadCount} lead${r.leadCount === 1 ? '' : 's'} (${detail.leads.map(l => l.name).join(', ')})`,
        `${r.samplingFrequency} Hz`, `uploaded as ${r.originalFileName}`,
      ].join(' · '))),
    viewer.element,
    analysis.element,
    h('details', { class: 'card downloads' }, h('summary', {}, 'Download and details'),
      h('div', { class: 'row' }, downloads),
      Object.keys(detail.metadata ?? {}).length
        ? h('table', { class: 'kv' }, h('tbody', {}, Object.entries(detail.metadata).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))))
        : null,
      detail.comments?.length ? h('ul', { class: 'comments' }, detail.comments.map(c => h('li', {}, c))) : null,
      own ? h('button', { type: 'button', class: 'button danger', onclick: remove }, 'Delete this recording') : null));
  viewer.start();

  async function remove() {
    if (!confirm(`Delete “${r.name}” and its analysis? This cannot be undone.`)) return;
    await del(`/api/recordings/${r.id}`);
    navigate('/');
  }

  return () => { analysis.stop(); viewer.destroy(); };
}
