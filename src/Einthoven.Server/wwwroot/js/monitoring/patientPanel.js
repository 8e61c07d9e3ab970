// One monitored patient: the live ECG from the hub's samples, and the history an alert is read against (known
// conditions, alert thresholds, recent alerts, earlier recordings linking to the recording viewer).
import { get } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, duration, number, utc } from '../core/format.js';
import { alertItem } from './alerts.js';
import { liveStrip } from './strip.js';
import { t } from '../core/i18n.js';

/**
 * Renders the patient into `container` and watches their live samples on `hub`.
 * Returns { onSamples(view), onAlert(alertView), destroy() }.
 */
/** Seconds as 2.5 or 4 (no trailing .0). */
const tenths = value => number(value, value % 1 ? 1 : 0);

export async function patientPanel(container, patientId, { hub, onOpenAlert }) {
  /** @type {import('../core/types.js').PatientHistoryView} */
  const history = await get(`/api/monitoring/patients/${patientId}`);
  const p = history.patient;
  const strip = liveStrip();
  const liveStatus = h('p', { class: 'live-status muted small', 'aria-live': 'polite' });
  const s = history.settings;
  strip.reset(p.liveLeads.map(l => l.name), p.liveLeads.map(l => l.gain));
  const recent = h('section', { 'aria-label': t('monitoring.recentAlerts') });
  const showRecent = () => replace(recent, h('h3', {}, t('monitoring.recentAlerts')),
    history.recentAlerts.length === 0 ? h('p', { class: 'muted' }, t('monitoring.noAlert')) :
      h('ul', { class: 'alert-list' }, history.recentAlerts.map(a => alertItem(a, { onOpen: onOpenAlert, showPatient: false }))));
  showRecent();
  replace(container, h('article', { class: 'patient-panel', dataset: { patient: p.patientId } },
    h('header', {}, h('h2', {}, p.name),
      h('p', {}, h('strong', {}, `${t('monitoring.knownConditions')}: `), p.knownConditions || t('monitoring.noneRecorded'))),
    h('section', { class: 'live', 'aria-label': t('monitoring.liveEcg') }, h('h3', {}, t('monitoring.liveEcg')), strip.element, liveStatus),
    h('section', { 'aria-label': t('monitoring.thresholds') }, h('h3', {}, t('monitoring.thresholds')),
      h('p', { class: 'small' }, t('monitoring.thresholdValues', {
        brady: number(s.bradycardiaBpm), tachy: number(s.tachycardiaBpm), pause: tenths(s.pauseSeconds), asystole: tenths(s.asystoleSeconds),
        beats: number(s.vtRunBeats), vtRate: number(s.vtRateBpm), sustained: number(s.sustainedVtSeconds) }))),
    recent,
    h('section', { 'aria-label': t('monitoring.earlierRecordings') }, h('h3', {}, t('monitoring.earlierRecordings')),
      history.recordings.length === 0 ? h('p', { class: 'muted' }, t('monitoring.noRecording')) :
        h('ul', { class: 'history-recordings' }, history.recordings.map(r => h('li', { dataset: { recording: r.id } },
          h('a', { href: `/recordings/${r.id}` }, r.name),
          h('span', { class: 'muted small' }, ` · ${dateTime(utc(r.recordedAt))} · ${duration(r.durationSeconds)} · ${r.originalFormat}`),
          r.summary ? h('div', { class: 'small' }, r.summary) : null))))));

  let lastSample = null;
  const watched = await hub.watch(patientId).catch(() => false);
  const describe = () => replace(liveStatus, !watched ? message('error', t('monitoring.liveRefused'))
    : lastSample !== null ? t('monitoring.liveLeads', { leads: p.liveLeads.map(l => l.name).join(', ') || t('monitoring.leads') })
      : t(p.liveStreamId ? 'monitoring.waiting' : 'monitoring.noStream'));
  describe();
  return {
    /** @param {import('../core/types.js').LiveSamplesView} view */
    onSamples(view) {
      if (view.patientId !== patientId) return;
      if (view.streamId !== p.liveStreamId) refreshLeads(view.streamId);
      strip.push(view);
      if (lastSample === null) { lastSample = view.firstSample; describe(); }
    },
    /** An alert the hub announced: the patient's go to the top of the recent ones. */
    onAlert(/** @type {import('../core/types.js').AlertView} */ alert) {
      if (alert.patientId !== patientId) return;
      history.recentAlerts = [alert, ...history.recentAlerts.filter(a => a.id !== alert.id)];
      showRecent();
    },
    destroy() { strip.destroy(); hub.unwatch(patientId); },
  };

  // A stream that started after the page loaded: its leads (names, gains) come with the patient list.
  async function refreshLeads(streamId) {
    p.liveStreamId = streamId;
    const current = (await get('/api/monitoring/patients').catch(() => [])).find(x => x.patientId === patientId);
    if (current?.liveStreamId !== streamId) return;
    p.liveLeads = current.liveLeads;
    strip.reset(p.liveLeads.map(l => l.name), p.liveLeads.map(l => l.gain));
    describe();
  }
}
