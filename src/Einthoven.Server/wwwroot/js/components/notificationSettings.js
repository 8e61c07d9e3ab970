// Settings, block "Notifications": per kind, in the app and by e-mail (e-mail only where the server has SMTP); the
// language of the app and e-mails is the settings page's "Language" block. Phone-friendly: one row per kind with two
// labelled checkboxes.
import { api, get } from '../core/api.js';
import { h, message, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';

export function notificationSettings() {
  const section = h('section', { class: 'card notification-settings', id: 'notification-settings' },
    h('h2', {}, t('notifications.settings.title')), h('p', { class: 'loading' }, '…'));
  load().catch(e => replace(section, h('h2', {}, t('notifications.settings.title')), message('error', e.message)));
  return section;

  async function load() {
    const prefs = await get('/api/notifications/preferences');
    const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
    const rows = prefs.kinds.map(k => {
      const box = (channel, checked, disabled) => h('input', { type: 'checkbox', checked, disabled, dataset: { kind: k.kind, channel } });
      const inApp = box('inApp', k.inApp, false);
      const email = box('email', k.email, !prefs.emailAvailable);
      return h('tr', { dataset: { kind: k.kind } },
        h('th', { scope: 'row' }, t(`notifications.name.${k.kind}`),
          k.critical ? h('span', { class: 'muted small' }, ` ${t('notifications.settings.critical')}`) : null),
        h('td', { 'data-label': t('notifications.settings.inApp') }, h('label', {}, inApp, h('span', { class: 'sr-only' }, t('notifications.settings.inApp')))),
        h('td', { 'data-label': t('notifications.settings.email') }, h('label', {}, email, h('span', { class: 'sr-only' }, t('notifications.settings.email')))));
    });
    const save = h('button', { type: 'submit', class: 'button primary' }, t('notifications.settings.save'));
    const form = h('form', { onsubmit: submit },
      h('table', { class: 'list channels' },
        h('thead', {}, h('tr', {}, h('th', {}, t('notifications.settings.kind')), h('th', {}, t('notifications.settings.inApp')), h('th', {}, t('notifications.settings.email')))),
        h('tbody', {}, rows)),
      prefs.emailAvailable ? null : h('p', { class: 'muted' }, t('notifications.settings.emailOff')),
      status, save);
    replace(section, h('h2', {}, t('notifications.settings.title')), h('p', { class: 'muted' }, t('notifications.settings.intro')),
      form);

    async function submit(event) {
      event.preventDefault();
      const kinds = prefs.kinds.map(k => ({
        kind: k.kind,
        inApp: form.querySelector(`input[data-kind="${k.kind}"][data-channel="inApp"]`).checked,
        email: form.querySelector(`input[data-kind="${k.kind}"][data-channel="email"]`).checked,
      }));
      save.disabled = true;
      try {
        await api('PUT', '/api/notifications/preferences', { kinds });
        replace(status, message('success', t('notifications.settings.saved')));
      } catch (e) {
        replace(status, message('error', e.message));
      } finally {
        save.disabled = false;
      }
    }
  }
}
