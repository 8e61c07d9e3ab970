// The patient's sharing: create an access key (shown once), revoke keys and grants, and see who read what, when.
import { get, post, del } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, label, utc } from '../core/format.js';

export async function render(main) {
  const created = h('div', { class: 'new-key', 'aria-live': 'polite' });
  const keys = h('section', { class: 'card', 'aria-labelledby': 'keys-title' });
  const grants = h('section', { class: 'card', 'aria-labelledby': 'grants-title' });
  const audit = h('section', { class: 'card', 'aria-labelledby': 'audit-title' });
  const labelInput = h('input', { id: 'key-label', maxlength: 100, placeholder: 'e.g. Dr. Smith, cardiology' });
  const expiry = h('select', { id: 'key-expiry' }, [['1', '1 day'], ['7', '1 week'], ['14', '2 weeks'], ['30', '30 days'], ['90', '90 days'], ['365', '1 year']]
    .map(([v, t]) => h('option', { value: v, selected: v === '14' }, t)));
  const uses = h('input', { id: 'key-uses', type: 'number', min: 1, max: 20, value: 1, inputmode: 'numeric', required: true, class: 'uses-input' });
  const form = h('form', { class: 'card', onsubmit: create },
    h('h2', {}, 'Share with a doctor'),
    h('p', { class: 'muted' }, 'Create an access key and give it to your doctor with your e-mail address. The key is shown only once. ' +
      'It works for one doctor unless you allow more, and the doctors it admits see your recordings until it expires or you revoke it.'),
    h('div', { class: 'row' },
      h('label', { class: 'control', for: 'key-label' }, h('span', {}, 'Label'), labelInput),
      h('label', { class: 'control', for: 'key-uses' }, h('span', {}, 'Doctors'), uses),
      h('label', { class: 'control', for: 'key-expiry' }, h('span', {}, 'Access ends after'), expiry),
      h('button', { type: 'submit', class: 'button primary' }, 'Create access key')),
    created);
  main.append(h('h1', {}, 'Sharing'), form, grants, keys, audit);
  await refresh();

  async function create(event) {
    event.preventDefault();
    try {
      const key = await post('/api/access-keys', { label: labelInput.value.trim() || null, expiresInDays: Number(expiry.value), maxUses: Number(uses.value) });
      const value = h('code', { class: 'key-value', id: 'new-key-value' }, key.key);
      const status = h('span', { class: 'copy-status', role: 'status' });
      replace(created, h('div', { class: 'message success' },
        h('p', {}, h('strong', {}, 'Your new access key. '), 'Copy it now: it will not be shown again. ',
          `It admits ${doctors(key.maxUses)} until ${dateTime(utc(key.expiresAt))}.`),
        h('div', { class: 'row' }, value, h('button', { type: 'button', class: 'button', onclick: () => copy(key.key, value, status) }, 'Copy'), status)));
      labelInput.value = '';
      uses.value = 1;
      await refresh();
    } catch (e) {
      replace(created, message('error', e.message));
    }
  }

  async function refresh() {
    const [keyList, grantList, entries] = await Promise.all([get('/api/access-keys'), get('/api/grants'), get('/api/audit?take=200')]);
    renderGrants(grantList);
    renderKeys(keyList);
    renderAudit(entries);
  }

  function renderGrants(list) {
    const mine = list.filter(g => g.active);
    replace(grants, h('h2', { id: 'grants-title' }, 'Doctors with access'),
      mine.length === 0 ? h('p', { class: 'muted' }, 'No doctor has access to your recordings.') :
        h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Doctor'), h('th', {}, 'Since'), h('th', {}, 'Until'), h('th', {}, ''))),
          h('tbody', {}, mine.map(g => h('tr', { dataset: { grant: g.id } },
            h('td', {}, h('strong', {}, g.doctor.displayName), h('br'), h('span', { class: 'muted' }, g.doctor.email)),
            h('td', {}, dateTime(utc(g.createdAt))),
            h('td', {}, g.expiresAt ? dateTime(utc(g.expiresAt)) : 'until revoked'),
            h('td', {}, h('button', { type: 'button', class: 'button danger small', onclick: () => revoke(`/api/grants/${g.id}`, `Revoke ${g.doctor.displayName}'s access?`) }, 'Revoke')))))));
  }

  function renderKeys(list) {
    replace(keys, h('h2', { id: 'keys-title' }, 'Access keys'),
      list.length === 0 ? h('p', { class: 'muted' }, 'You have not created any access key.') :
        h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Label'), h('th', {}, 'Created'), h('th', {}, 'Uses'), h('th', {}, 'State'), h('th', {}, ''))),
          h('tbody', {}, list.map(k => {
            const expired = !k.expiresAt || utc(k.expiresAt) < new Date();
            const state = k.revokedAt ? 'revoked' : expired ? 'expired' : k.uses >= k.maxUses ? `used up; access until ${dateTime(utc(k.expiresAt))}`
              : `valid until ${dateTime(utc(k.expiresAt))}`;
            return h('tr', { dataset: { key: k.id } },
              h('td', {}, k.label, k.identifier ? h('span', { class: 'muted' }, ` (${k.identifier}-…)`) : null),
              h('td', {}, dateTime(utc(k.createdAt))),
              h('td', { class: 'key-uses' }, `${k.uses} of ${doctors(k.maxUses)} admitted`),
              h('td', {}, state),
              // A used-up key is still worth revoking: that ends the access of the doctors who used it.
              h('td', {}, k.revokedAt || expired ? null : h('button', { type: 'button', class: 'button small', onclick: () => revoke(`/api/access-keys/${k.id}`, 'Revoke this key? Doctors who used it lose their access too.') }, 'Revoke key')));
          }))));
  }

  function renderAudit(entries) {
    const rows = groupReads(entries);
    replace(audit, h('h2', { id: 'audit-title' }, 'Who viewed your data'),
      rows.length === 0 ? h('p', { class: 'muted' }, 'Nobody else has read your data.') :
        h('table', { class: 'list audit' },
          h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Who'), h('th', {}, 'What'))),
          h('tbody', {}, rows.map(({ first: a, last, count }) => h('tr', {},
            h('td', {}, dateTime(utc(last.at)), count > 1 && last.at.slice(0, 16) !== a.at.slice(0, 16) ? h('span', { class: 'muted' }, ` (from ${dateTime(utc(a.at))})`) : null),
            h('td', {}, a.actorName || a.actorEmail, h('br'), h('span', { class: 'muted' }, a.actorEmail)),
            h('td', {}, describeAction(a.action), count > 1 ? ` (${count} times)` : null,
              a.recordingId ? [' · ', h('a', { href: `/recordings/${a.recordingId}` }, 'recording')] : null))))));
  }

  async function revoke(url, question) {
    if (!confirm(question)) return;
    await del(url);
    await refresh();
  }
}

const actions = {
  'recordings.list': 'listed your recordings', 'recording.read': 'opened a recording', 'recording.window': 'viewed the signal',
  'recording.download': 'downloaded a recording', 'analysis.read': 'read the analysis',
};
/** Consecutive reads of the same thing by the same person within ten minutes, as one row (newest first). */
function groupReads(entries) {
  const rows = [];
  for (const entry of entries) {
    const row = rows[rows.length - 1];
    if (row && row.first.actorId === entry.actorId && row.first.action === entry.action && row.first.recordingId === entry.recordingId
        && utc(row.first.at) - utc(entry.at) < 10 * 60 * 1000) {
      row.first = entry;
      row.count++;
    } else rows.push({ first: entry, last: entry, count: 1 });
  }
  return rows;
}

const doctors = n => n === 1 ? '1 doctor' : `${n} doctors`;

const describeAction = action => actions[action] ?? label(action.replace('.', ' '));

async function copy(text, element, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied.';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(element);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    status.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
  }
}
