// The whole audit log: who read which patient's data, when - filtered and in pages.
import { get } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, utc } from '../core/format.js';
import { dataTable, shortId } from '../components/dataTable.js';

const actions = ['recordings.list', 'recording.read', 'recording.window', 'recording.download', 'analysis.read'];

export async function render(section) {
  const input = (id, attrs = {}) => h('input', { id, autocomplete: 'off', ...attrs });
  const fields = {
    actor: input('audit-actor', { placeholder: 'e-mail or account id' }),
    patient: input('audit-patient', { placeholder: 'e-mail or account id' }),
    action: h('select', { id: 'audit-action' }, h('option', { value: '' }, 'any'), actions.map(a => h('option', { value: a }, a))),
    recording: input('audit-recording', { placeholder: 'recording id' }),
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
        control('actor', 'Reader'), control('patient', 'Patient'), control('action', 'Action'), control('recording', 'Recording'),
        control('from', 'From (day)'), control('to', 'To (day, inclusive)'), control('pageSize', 'Per page'),
        h('button', { type: 'submit', class: 'button primary' }, 'Filter'),
        h('button', { type: 'reset', class: 'button', onclick: () => setTimeout(() => { page = 1; refresh(); }) }, 'Clear'))),
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
      h('h2', {}, 'Entries', h('span', { class: 'muted' }, ` (${answer.total})`)),
      dataTable([
        { label: 'When', cell: e => dateTime(utc(e.at)) },
        { label: 'Reader', cell: e => [e.actorName || e.actorEmail || shortId(e.actorId), h('br'), h('span', { class: 'muted' }, e.actorEmail)] },
        { label: 'Patient', cell: e => e.patientEmail || shortId(e.patientId) },
        { label: 'Action', cell: e => h('code', {}, e.action) },
        { label: 'Recording', cell: e => (e.recordingId ? shortId(e.recordingId) : '—') },
      ], answer.items, { empty: 'No entry matches these filters.', className: 'audit-log', rowAttrs: e => ({ dataset: { entry: e.id } }) }),
      h('div', { class: 'row pager' },
        h('button', { type: 'button', class: 'button small', disabled: answer.page <= 1, onclick: go(answer.page - 1) }, '← Newer'),
        h('span', { class: 'muted' }, `Page ${answer.page} of ${pages}`),
        h('button', { type: 'button', class: 'button small', disabled: answer.page >= pages, onclick: go(answer.page + 1) }, 'Older →')));
  }
}
