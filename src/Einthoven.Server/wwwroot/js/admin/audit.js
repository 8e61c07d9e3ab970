// The whole audit log: who read which patient's data, when - filtered and in pages.
import { get } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, utc } from '../core/format.js';
import { dataTable, shortId } from '../components/dataTable.js';
import { t } from '../core/i18n.js';

const actions = ['recordings.list', 'recording.read', 'recording.window', 'recording.download', 'analysis.read'];

export async function render(section) {
  const input = (id, attrs = {}) => h('input', { id, autocomplete: 'off', ...attrs });
  const fields = {
    actor: input('audit-actor', { placeholder: t('admin.audit.accountPlaceholder') }),
    patient: input('audit-patient', { placeholder: t('admin.audit.accountPlaceholder') }),
    action: h('select', { id: 'audit-action' }, h('option', { value: '' }, t('admin.audit.any')), actions.map(a => h('option', { value: a }, a))),
    recording: input('audit-recording', { placeholder: t('admin.audit.recordingPlaceholder') }),
    from: input('audit-from', { type: 'date' }),
    to: input('audit-to', { type: 'date' }),
    pageSize: h('select', { id: 'audit-page-size' }, [25, 50, 100, 200].map(n => h('option', { value: n, selected: n === 50 }, String(n)))),
  };
  const control = (key, text) => h('label', { class: 'control', for: fields[key].id }, h('span', {}, text), fields[key]);
  const results = h('div', { class: 'card', 'aria-live': 'polite' });
  let page = 1;
  section.append(
    h('form', { class: 'card audit-filters', onsubmit: event => { event.preventDefault(); page = 1; refresh(); } },
      h('div', { class: 'row' },
        control('actor', t('admin.audit.reader')), control('patient', t('admin.patient')), control('action', t('admin.audit.action')), control('recording', t('admin.recording')),
        control('from', t('admin.audit.from')), control('to', t('admin.audit.to')), control('pageSize', t('admin.audit.perPage')),
        h('button', { type: 'submit', class: 'button primary' }, t('admin.audit.filter')),
        h('button', { type: 'reset', class: 'button', onclick: () => setTimeout(() => { page = 1; refresh(); }) }, t('admin.audit.clear')))),
    results);
  await refresh();

  function query() {
    const q = new URLSearchParams({ page, pageSize: fields.pageSize.value });
    for (const key of ['actor', 'patient', 'action', 'recording']) if (fields[key].value.trim()) q.set(key, fields[key].value.trim());
    // Days are the admin's local days; the API takes UTC times, "to" exclusive.
    if (fields.from.value) q.set('from', new Date(`${fields.from.value}T00:00`).toISOString());
    if (fields.to.value) {
      const end = new Date(`${fields.to.value}T00:00`);
      end.setDate(end.getDate() + 1);
      q.set('to', end.toISOString());
    }
    return q;
  }

  async function refresh() {
    let answer;
    try {
      answer = await get(`/api/admin/audit?${query()}`);
    } catch (e) {
      return replace(results, message('error', e.message));
    }
    const pages = Math.max(1, Math.ceil(answer.total / answer.pageSize));
    const go = to => () => { page = to; refresh(); };
    replace(results,
      h('h2', {}, t('admin.audit.entries'), h('span', { class: 'muted' }, ` (${answer.total})`)),
      dataTable([
        { label: t('admin.when'), cell: e => dateTime(utc(e.at)) },
        { label: t('admin.audit.reader'), cell: e => [e.actorName || e.actorEmail || shortId(e.actorId), h('br'), h('span', { class: 'muted' }, e.actorEmail)] },
        { label: t('admin.patient'), cell: e => e.patientEmail || shortId(e.patientId) },
        { label: t('admin.audit.action'), cell: e => h('code', {}, e.action) },
        { label: t('admin.recording'), cell: e => (e.recordingId ? shortId(e.recordingId) : '—') },
      ], answer.items, { empty: t('admin.audit.none'), className: 'audit-log', rowAttrs: e => ({ dataset: { entry: e.id } }) }),
      h('div', { class: 'row pager' },
        h('button', { type: 'button', class: 'button small', disabled: answer.page <= 1, onclick: go(answer.page - 1) }, `← ${t('admin.audit.newer')}`),
        h('span', { class: 'muted' }, t('admin.audit.page', { page: answer.page, pages })),
        h('button', { type: 'button', class: 'button small', disabled: answer.page >= pages, onclick: go(answer.page + 1) }, `${t('admin.audit.older')} →`)));
  }
}
