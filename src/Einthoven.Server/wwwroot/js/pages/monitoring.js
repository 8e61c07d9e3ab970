// The monitoring staff's dashboard: their organisation's patients with live status, the alert list (worst first,
// updated live from the hub with a visual flash), and beside it (on a phone: instead of it) one patient's live ECG and
// history or one alert with its evidence, actions and dispatch. ?patient=ID or ?alert=ID opens one.
import { get } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { ago, utc } from '../core/format.js';
import { t, tn } from '../core/i18n.js';
import { alertItem, detailText, kindName, merge, severityBadge } from '../monitoring/alerts.js';
import { alertPanel } from '../monitoring/alertPanel.js';
import { connectLive } from '../monitoring/hub.js';
import { patientPanel } from '../monitoring/patientPanel.js';

const FlashMs = 4000;

export async function render(main, { isMonitor, query }) {
  main.append(h('h1', {}, t('monitoring.title')));
  if (!isMonitor()) return main.append(message('info', t('monitoring.onlyMonitors')));
  const connection = h('span', { class: 'badge connection', dataset: { state: 'connecting' } }, t('monitoring.connection.connecting'));
  const banner = h('div', { class: 'alert-banner', 'aria-live': 'assertive' });
  const patientList = h('section', { class: 'card', id: 'monitored-patients', 'aria-labelledby': 'patients-title' });
  const alertList = h('section', { class: 'card', id: 'alerts', 'aria-labelledby': 'alerts-title' });
  const showResolved = h('input', { type: 'checkbox', id: 'alerts-all', onchange: () => loadAlerts() });
  const detail = h('section', { class: 'monitoring-detail', id: 'monitoring-detail', 'aria-label': t('monitoring.selected') });
  const board = h('div', { class: 'monitoring' }, h('div', { class: 'monitoring-lists' }, patientList, alertList), detail);
  main.querySelector('h1').append(' ', connection);
  main.append(banner, board);

  const state = { patients: [], alerts: [], fresh: new Set(), selected: null, panel: null, closeDetail: null, opening: 0 };
  const hub = await connectLive({ onAlert, onSamples: s => state.panel?.onSamples(s), onState: showConnection });
  const poll = setInterval(() => loadPatients().catch(() => {}), 10_000);
  await Promise.all([loadPatients(), loadAlerts()]);
  const initial = query.get('alert') ? ['alert', query.get('alert')] : query.get('patient') ? ['patient', query.get('patient')] : null;
  if (initial) await open(...initial, { push: false });
  return () => { clearInterval(poll); closeDetail(); hub.stop(); };

  function showConnection(value) {
    connection.dataset.state = value;
    connection.textContent = t(`monitoring.connection.${value}`);
  }

  async function loadPatients() {
    state.patients = await get('/api/monitoring/patients');
    renderPatients();
  }

  async function loadAlerts() {
    state.alerts = await get(`/api/monitoring/alerts${showResolved.checked ? '?state=all' : ''}`);
    renderAlerts();
  }

  function renderPatients() {
    replace(patientList, h('h2', { id: 'patients-title' }, t('monitoring.patients')),
      state.patients.length === 0 ? h('p', { class: 'muted' }, t('monitoring.noPatients')) :
        h('ul', { class: 'patient-list' }, state.patients.map(p => h('li', { dataset: { patient: p.patientId, live: String(!!p.liveStreamId) } },
          h('button', { type: 'button', 'aria-current': isSelected('patient', p.patientId) ? 'true' : null, onclick: () => open('patient', p.patientId) },
            h('span', { class: 'alert-line' }, h('span', { class: `dot ${p.liveStreamId ? 'live' : 'off'}`, title: t(p.liveStreamId ? 'monitoring.streaming' : 'monitoring.notStreaming') }),
              h('strong', {}, p.name), p.openAlerts ? severityBadge(p.worstOpenSeverity) : null),
            h('span', { class: 'muted small' }, [p.liveStreamId ? t('monitoring.lastSamples', { ago: ago(utc(p.lastFrameAt)) }) : t('monitoring.notStreaming'),
              tn('monitoring.openAlerts', p.openAlerts), p.knownConditions].filter(Boolean).join(' · ')))))));
  }

  function renderAlerts() {
    replace(alertList, h('div', { class: 'list-head' }, h('h2', { id: 'alerts-title' }, t('monitoring.alerts')),
      h('label', { class: 'toggle', for: 'alerts-all' }, showResolved, t('monitoring.includeResolved'))),
      state.alerts.length === 0 ? h('p', { class: 'muted' }, t('monitoring.noOpenAlert')) :
        h('ul', { class: 'alert-list' }, state.alerts.map(a => alertItem(a, {
          onOpen: x => open('alert', x.id), selected: isSelected('alert', a.id), fresh: state.fresh.has(a.id),
        }))));
  }

  /** A new alert from the hub: into the list in severity order, flashed, announced in the banner. */
  function onAlert(/** @type {import('../core/types.js').AlertView} */ alert) {
    if (alert.state !== 'Resolved' || showResolved.checked) {
      state.alerts = merge(state.alerts, alert);
      state.fresh.add(alert.id);
      setTimeout(() => { state.fresh.delete(alert.id); alertList.querySelector(`[data-alert="${alert.id}"]`)?.classList.remove('flash'); }, FlashMs);
      renderAlerts();
    }
    if (alert.phase === 'Onset') {
      replace(banner, h('button', { type: 'button', class: `banner flash ${alert.severity.toLowerCase()}`, onclick: () => open('alert', alert.id) },
        severityBadge(alert.severity), ` ${kindName(alert)}: ${alert.patientName} · ${detailText(alert.detail)}`));
    }
    state.panel?.onAlert(alert);
    loadPatients().catch(() => {});
  }

  /** A live alert list change from the detail (acknowledged, escalated, ...). */
  function onChanged(alert) {
    state.alerts = alert.state === 'Resolved' && !showResolved.checked ? state.alerts.filter(a => a.id !== alert.id) : merge(state.alerts, alert);
    renderAlerts();
    loadPatients().catch(() => {});
  }

  function isSelected(kind, id) { return state.selected?.kind === kind && state.selected.id === id; }

  async function open(kind, id, { push = true } = {}) {
    closeDetail();
    const token = ++state.opening;
    state.selected = { kind, id };
    if (push) history.pushState(null, '', `/monitoring?${kind}=${id}`);
    board.classList.add('has-detail');
    const body = h('div', {});
    replace(detail, h('button', { type: 'button', class: 'button small back', onclick: back }, `← ${t('monitoring.back')}`), body);
    renderPatients();
    renderAlerts();
    if (matchMedia('(max-width: 900px)').matches) window.scrollTo(0, 0);
    try {
      const panel = kind === 'patient' ? await patientPanel(body, id, { hub, onOpenAlert: a => open('alert', a.id) }) : null;
      const close = panel ? () => panel.destroy() : await alertPanel(body, id, { onChanged, onOpenPatient: p => open('patient', p) });
      if (token !== state.opening) return close(); // another one was opened meanwhile
      state.panel = panel;
      state.closeDetail = close;
    } catch (e) {
      if (token === state.opening) replace(body, message('error', e.status === 404 ? t('monitoring.notYours') : e.message));
    }
  }

  function closeDetail() {
    state.opening++;
    state.closeDetail?.();
    state.closeDetail = null;
    state.panel = null;
  }

  function back() {
    closeDetail();
    state.selected = null;
    board.classList.remove('has-detail');
    replace(detail);
    history.pushState(null, '', '/monitoring');
    renderPatients();
    renderAlerts();
  }
}
