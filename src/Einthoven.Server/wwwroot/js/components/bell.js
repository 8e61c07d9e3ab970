// The notification bell in the header: the unread count, kept live over /hubs/notifications (SignalR with the session
// cookie; it reconnects by itself and re-reads the count), and a panel of recent notifications rendered in the user's
// language from their kind and values (wwwroot/i18n/*/notifications.json); opening one marks it read.
import { get, post } from '../core/api.js';
import { h, replace } from '../core/dom.js';
import { locale, t } from '../core/i18n.js';
import { signalR } from '../core/vendor.js';

/**
 * A booking's start, ISO 8601 with the clinic's offset, shown as that local time (not converted to the browser's zone).
 * @param {string} iso
 */
export function clinicTime(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso ?? '');
  if (!m) return iso ?? '';
  const at = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at);
}

/** A notification's title and text in the language in use. */
export function describe(n) {
  const service = n.values?.service;
  const serviceName = service && t(`clinics.service.${service}`);
  const values = { ...n.values, start: clinicTime(n.values?.start), service: serviceName && serviceName !== `clinics.service.${service}` ? serviceName : service };
  return { title: t(`notifications.kind.${n.kind}.title`, values), text: t(`notifications.kind.${n.kind}.text`, values) };
}

/** Where a notification leads: the recording it is about, else the booking's appointments; null when nowhere. */
export function targetOf(n) {
  if (n.values?.recordingId) return `/recordings/${n.values.recordingId}`;
  if (n.values?.bookingId) return '/appointments';
  return null;
}

/** Creates the bell (once per signed-in session); `element` goes into the navigation, `stop()` ends its connection. */
export function createBell() {
  let unread = 0;
  let items = [];
  let connection = null;
  let stopped = false;
  const count = h('span', { class: 'bell-count', hidden: true });
  const button = h('button', { type: 'button', class: 'bell', 'aria-haspopup': 'true', 'aria-expanded': 'false', onclick: toggle },
    h('img', { class: 'bell-icon', src: '/icons/bell.svg', alt: '', width: 22, height: 22 }), count);
  const list = h('ul', { class: 'bell-list' });
  const panel = h('div', { class: 'bell-panel', hidden: true, role: 'region' });
  const element = h('div', { class: 'bell-wrap' }, button, panel);

  function showCount() {
    count.textContent = unread > 99 ? '99+' : String(unread);
    count.hidden = unread === 0;
    button.dataset.unread = String(unread);
    const label = t('notifications.bell.label');
    button.setAttribute('aria-label', unread ? `${label}: ${t('notifications.bell.unread', { count: unread })}` : label);
    button.title = button.getAttribute('aria-label');
  }

  function renderPanel() {
    replace(list, items.length === 0 ? h('li', { class: 'muted bell-empty' }, t('notifications.bell.empty')) : items.map(item));
    replace(panel,
      h('div', { class: 'bell-head' }, h('strong', {}, t('notifications.bell.label')),
        h('button', { type: 'button', class: 'link bell-all', disabled: unread === 0, onclick: readAll }, t('notifications.bell.markAllRead'))),
      list);
  }

  function item(n) {
    const { title, text } = describe(n);
    const target = targetOf(n);
    const when = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(n.dueAt));
    return h('li', { class: n.readAt ? 'bell-item' : 'bell-item unread', dataset: { id: n.id, kind: n.kind } },
      h(target ? 'a' : 'button', { ...(target ? { href: target } : { type: 'button' }), class: 'bell-open', onclick: () => { read(n); if (target) toggle(); } },
        h('span', { class: 'bell-title' }, title), h('span', { class: 'bell-text' }, text), h('time', { class: 'muted', datetime: n.dueAt }, when)),
      n.readAt ? null : h('span', { class: 'badge' }, t('notifications.bell.new')));
  }

  async function load() {
    const page = await get('/api/notifications?pageSize=10');
    items = page.items;
    unread = page.unread;
    showCount();
    if (!panel.hidden) renderPanel();
  }

  async function read(n) {
    if (n.readAt) return;
    await post(`/api/notifications/${n.id}/read`);
    n.readAt = new Date().toISOString();
    unread = Math.max(0, unread - 1);
    showCount();
    renderPanel();
  }

  async function readAll() {
    const answer = await post('/api/notifications/read-all');
    for (const n of items) n.readAt ??= new Date().toISOString();
    unread = answer.unread;
    showCount();
    renderPanel();
  }

  function toggle() {
    const open = panel.hidden;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) {
      // Fixed under the bell and kept on the screen, however the header wraps on a narrow phone.
      const at = button.getBoundingClientRect();
      panel.style.setProperty('top', `${Math.round(at.bottom + 6)}px`);
      const width = Math.min(384, window.innerWidth - 16);
      panel.style.setProperty('right', `${Math.max(8, Math.min(Math.round(window.innerWidth - at.right), window.innerWidth - width - 8))}px`);
      renderPanel();
      load().catch(() => {});
    }
  }

  document.addEventListener('click', event => {
    if (!panel.hidden && !element.contains(event.target)) toggle();
  });
  document.addEventListener('keydown', event => { if (event.key === 'Escape' && !panel.hidden) { toggle(); button.focus(); } });

  async function connect() {
    const lib = await signalR();
    const logger = { log: (level, text) => { if (level >= lib.LogLevel.Warning) console.warn(`notifications: ${text}`); } };
    connection = new lib.HubConnectionBuilder().withUrl('/hubs/notifications')
      .withAutomaticReconnect([0, 2000, 5000, 10000, 30000, 60000]).configureLogging(logger).build();
    connection.on('notification', n => {
      items = [n, ...items.filter(x => x.id !== n.id)].slice(0, 10);
      if (!panel.hidden) renderPanel();
    });
    connection.on('unread', u => { unread = u.unread; showCount(); if (!panel.hidden) renderPanel(); });
    connection.onreconnected(() => load().catch(() => {}));
    if (stopped) return;
    await connection.start();
    if (stopped) await connection.stop();
  }

  button.setAttribute('aria-label', t('notifications.bell.label'));
  // Connected first, then the count read: a notification delivered in between is in the count either way.
  connect().catch(e => console.warn(`notifications: ${e.message}`))
    .then(load).catch(e => console.warn(`notifications: ${e.message}`));
  return {
    element,
    stop() { stopped = true; return connection?.stop(); },
  };
}
