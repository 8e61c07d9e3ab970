// /unsubscribe?token=...: the page an e-mail's unsubscribe link opens. No sign-in: the link is the key. It shows what
// the link stops and stops it only when the person confirms (a mail scanner that follows links changes nothing).
import { get, post } from '../core/api.js';
import { h, message, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';

export async function render(main, { query }) {
  const token = query.get('token') ?? '';
  main.append(h('h1', {}, t('notifications.unsubscribe.title')));
  const box = h('section', { class: 'card', id: 'unsubscribe' });
  main.append(box);
  let link;
  try {
    link = await get(`/api/notifications/unsubscribe/${encodeURIComponent(token)}`);
  } catch {
    return replace(box, message('error', t('notifications.unsubscribe.invalid')));
  }
  const kind = t(`notifications.name.${link.kind}`);
  if (link.unsubscribed) return replace(box, message('success', t('notifications.unsubscribe.done', { kind })));
  const button = h('button', { type: 'button', class: 'button primary', onclick: stop }, t('notifications.unsubscribe.button'));
  replace(box, h('p', {}, t('notifications.unsubscribe.confirm', { kind })), button);

  async function stop() {
    button.disabled = true;
    try {
      await post(`/api/notifications/unsubscribe/${encodeURIComponent(token)}`);
      replace(box, message('success', t('notifications.unsubscribe.done', { kind })));
    } catch (e) {
      button.disabled = false;
      box.append(message('error', e.message));
    }
  }
}
