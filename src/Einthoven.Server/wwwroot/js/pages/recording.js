// One recording: its description, the viewer and the analysis, and its cardiologist verification; with ?verify=REQUEST
// a cardiologist verifies its beats in the viewer (js/verification).
import { get, del, post } from '../core/api.js';
import { h, message } from '../core/dom.js';
import { dateTime, duration, utc } from '../core/format.js';
import { analysisPanel } from '../components/analysisPanel.js';
import { createViewer } from '../viewer/viewer.js';
import { verificationCard } from '../verification/requestCard.js';
import { conclusionCard } from '../components/conclusionCard.js';
import { pacsSendCard } from '../components/pacsCard.js';
import { verificationMode } from '../verification/mode.js';
import { t, tn } from '../core/i18n.js';
import { percent } from '../components/photoDigitizer.js';

export async function render(main, { params, query, session, navigate, isDoctor, isMonitor, isCardiologist }) {
  let detail;
  try {
    detail = await get(`/api/recordings/${params.id}`);
  } catch (e) {
    main.append(h('h1', {}, t('recording.title')), message('error', e.status === 404 ? t('recording.notFound') : e.message));
    return;
  }
  const r = detail.recording;
  const own = r.patientId === session.user.id;
  const monitoring = !own && !isDoctor() && isMonitor();
  const verifying = !own && !isDoctor() && !monitoring && isCardiologist();
  const back = own ? '/' : monitoring ? `/monitoring?patient=${r.patientId}` : verifying ? '/verification' : `/doctor/patients/${r.patientId}`;
  const annotators = Object.keys(detail.annotationCounts ?? {}).sort((a, b) => (a === 'analysis' ? -1 : b === 'analysis' ? 1 : a.localeCompare(b)));
  const mode = isCardiologist() && query.get('verify') ? await verificationMode(await post(`/api/verification/requests/${query.get('verify')}/sets`, {})) : null;
  const viewer = createViewer({ recording: r, leads: detail.leads, annotators, overlay: mode?.overlay });
  const panel = mode?.attach(viewer);
  const card = verificationCard({
    recordingId: r.id, onShow: t => viewer.api.show(t),
    verifyHref: isCardiologist() && !mode ? request => (request.status === 'Withdrawn' ? null : `/recordings/${r.id}?verify=${request.id}`) : null,
  });
  const analysis = analysisPanel({
    recordingId: r.id, canRerun: own, showAssessment: own,
    onComplete: () => { if (!annotators.includes('analysis')) viewer.api.reloadAnnotations(['analysis']); },
  });
  const conclusions = conclusionCard({ recordingId: r.id, userId: session.user.id, canWrite: !own && isDoctor() });
  const downloads = ['original', 'wfdb', 'edf', 'csv', 'dicom', 'aecg'].map(format =>
    h('a', { href: `/api/recordings/${r.id}/download?format=${format}`, download: '', class: 'button small' }, format === 'original' ? t('recording.original', { format: r.originalFormat }) : format.toUpperCase()));
  if (r.digitized) downloads.unshift(h('a', { href: `/api/recordings/${r.id}/photo`, target: '_blank', rel: 'noopener', class: 'button small' }, t('digitize.photo')));

  main.append(
    h('nav', { class: 'crumbs', 'aria-label': t('recording.breadcrumb') },
      h('a', { href: back }, `← ${t(own ? 'recording.backOwn' : monitoring ? 'recording.backMonitored' : verifying ? 'recording.backQueue' : 'recording.backPatient')}`)),
    h('header', { class: 'recording-head' },
      h('h1', {}, r.name),
      r.digitized ? h('p', { class: 'badge digitized' }, t('digitize.badge', { percent: percent(r.digitized.confidence) })) : null,
      h('p', { class: 'muted' }, [
        dateTime(utc(r.recordedAt)), duration(r.durationSeconds),
        `${tn('recordings.leads', r.leadCount)} (${detail.leads.map(l => l.name).join(', ')})`,
        `${r.samplingFrequency} ${t('units.hz')}`, t('recording.uploadedAs', { file: r.originalFileName }),
      ].join(' · '))),
    viewer.element,
    ...(panel ? [panel.element] : []),
    analysis.element,
    conclusions.element,
    card.element,
    h('details', { class: 'card downloads' }, h('summary', {}, t('recording.downloads')),
      h('div', { class: 'row' }, downloads),
      !own && isDoctor() ? pacsSendCard(r.id) : null,
      Object.keys(detail.metadata ?? {}).length
        ? h('table', { class: 'kv' }, h('tbody', {}, Object.entries(detail.metadata).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))))
        : null,
      detail.comments?.length ? h('ul', { class: 'comments' }, detail.comments.map(c => h('li', {}, c))) : null,
      own ? h('button', { type: 'button', class: 'button danger', onclick: remove }, t('recording.delete')) : null));
  viewer.start();
  panel?.sync();
  const loadCard = () => card.load().catch(e => card.element.replaceChildren(message('error', e.message)));
  loadCard();
  conclusions.load().catch(e => conclusions.element.replaceChildren(message('error', e.message)));
  let cardTimer = 0;
  mode?.session.onSaved(() => { clearTimeout(cardTimer); cardTimer = setTimeout(loadCard, 1500); });

  async function remove() {
    if (!confirm(t('recording.confirmDelete', { name: r.name }))) return;
    await del(`/api/recordings/${r.id}`);
    navigate('/');
  }

  return () => { analysis.stop(); viewer.destroy(); panel?.stop(); clearTimeout(cardTimer); };
}
