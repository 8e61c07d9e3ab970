// Doctors' conclusions on a recording: everyone who may see the recording reads them; a doctor the patient shared it
// with writes, rewrites or withdraws their own (PUT/DELETE /api/recordings/{id}/conclusion), and the patient is told.
import { api, del, get } from '../core/api.js';
import { h, message, replace } from '../core/dom.js';
import { dateTime, utc } from '../core/format.js';
import { t } from '../core/i18n.js';

const maxLength = 4000;

/**
 * @param {{ recordingId: string, userId: string, canWrite: boolean }} options
 */
export function conclusionCard({ recordingId, userId, canWrite }) {
  const element = h('section', { class: 'card conclusions', 'aria-labelledby': 'conclusions-title' });
  const status = h('div', { class: 'conclusion-status', 'aria-live': 'polite' });

  async function load() {
    const conclusions = await get(`/api/recordings/${recordingId}/conclusions`);
    const mine = conclusions.find(c => c.authorId === userId);
    const others = canWrite ? conclusions.filter(c => c !== mine) : conclusions;
    if (!canWrite && conclusions.length === 0) { element.hidden = true; return; }
    element.hidden = false;
    replace(element,
      h('h2', { id: 'conclusions-title' }, t('conclusions.title')),
      others.length ? h('ul', { class: 'conclusion-list' }, others.map(view)) : null,
      canWrite ? form(mine) : null,
      status);
  }

  function view(c) {
    return h('li', { class: 'conclusion', dataset: { author: c.authorId } },
      h('p', { class: 'conclusion-text' }, c.text),
      h('p', { class: 'muted' }, t('conclusions.byline', { doctor: c.authorName, at: dateTime(utc(c.writtenAt)) })));
  }

  function form(mine) {
    const text = h('textarea', { id: 'conclusion-text', rows: 5, maxlength: maxLength, required: true }, mine?.text ?? '');
    const save = async event => {
      event.preventDefault();
      try {
        await api('PUT', `/api/recordings/${recordingId}/conclusion`, { text: text.value });
        await load();
        replace(status, message('success', t('conclusions.saved')));
      } catch (e) { replace(status, message('error', e.message)); }
    };
    const withdraw = async () => {
      if (!confirm(t('conclusions.confirmWithdraw'))) return;
      try {
        await del(`/api/recordings/${recordingId}/conclusion`);
        await load();
      } catch (e) { replace(status, message('error', e.message)); }
    };
    return h('form', { class: 'conclusion-form', onsubmit: save },
      h('label', { for: 'conclusion-text' }, t(mine ? 'conclusions.yours' : 'conclusions.write')),
      text,
      mine ? h('p', { class: 'muted' }, t('conclusions.byline', { doctor: mine.authorName, at: dateTime(utc(mine.writtenAt)) })) : null,
      h('p', { class: 'muted' }, t('conclusions.patientSees')),
      h('div', { class: 'row' },
        h('button', { type: 'submit', class: 'button primary' }, t(mine ? 'conclusions.update' : 'conclusions.save')),
        mine ? h('button', { type: 'button', class: 'button', onclick: withdraw }, t('conclusions.withdraw')) : null));
  }

  return { element, load };
}
