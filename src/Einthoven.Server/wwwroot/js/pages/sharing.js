// The patient's sharing: create an access key (shown once), revoke keys and grants, and see who read what, when.
import { get, post, del } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, label, utc } from '../core/format.js';
import { t, tn } from '../core/i18n.js';

export async function render(main) {
  const created = h('div', { class: 'new-key', 'aria-live': 'polite' });
  const keys = h('section', { class: 'card', 'aria-labelledby': 'keys-title' });
  const grants = h('section', { class: 'card', 'aria-labelledby': 'grants-title' });
  const audit = h('section', { class: 'card', 'aria-labelledby': 'audit-title' });
  const labelInput = h('input', { id: 'key-label', maxlength: 100, placeholder: t('sharing.labelPlaceholder') });
  const expiry = h('select', { id: 'key-expiry' }, [['1', t('sharing.expiry.1')], ['7', t('sharing.expiry.7')], ['14', t('sharing.expiry.14')], ['30', t('sharing.expiry.30')], ['90', t('sharing.expiry.90')], ['365', t('sharing.expiry.365')]]
    .map(([v, t]) => h('option', { value: v, selected: v === '14' }, t)));
  const uses = h('input', { id: 'key-uses', type: 'number', min: 1, max: 20, value: 1, inputmode: 'numeric', required: true, class: 'uses-input' });
  const form = h('form', { class: 'card', onsubmit: create },
    h('h2', {}, t('sharing.share')),
    h('p', { class: 'muted' }, t('sharing.intro')),
    h('div', { class: 'row' },
      h('label', { class: 'control', for: 'key-label' }, h('span', {}, t('sharing.label')), labelInput),
      h('label', { class: 'control', for: 'key-uses' }, h('span', {}, t('sharing.doctors')), uses),
      h('label', { class: 'control', for: 'key-expiry' }, h('span', {}, t('sharing.endsAfter')), expiry),
      h('button', { type: 'submit', class: 'button primary' }, t('sharing.create'))),
    created);
  main.append(h('h1', {}, t('nav.sharing')), form, grants, keys, audit);
  await refresh();

  async function create(event) {
    event.preventDefault();
    try {
      const key = await post('/api/access-keys', { label: labelInput.value.trim() || null, expiresInDays: Number(expiry.value), maxUses: Number(uses.value) });
      const value = h('code', { class: 'key-value', id: 'new-key-value' }, key.key);
      const status = h('span', { class: 'copy-status', role: 'status' });
      replace(created, h('div', { class: 'message success' },
        h('p', {}, h('strong', {}, `${t('sharing.newKey')} `), `${t('sharing.copyNow')} `,
          t('sharing.admits', { doctors: doctors(key.maxUses), until: dateTime(utc(key.expiresAt)) })),
        h('div', { class: 'row' }, value, h('button', { type: 'button', class: 'button', onclick: () => copy(key.key, value, status) }, t('sharing.copy')), status)));
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
    replace(grants, h('h2', { id: 'grants-title' }, t('sharing.withAccess')),
      mine.length === 0 ? h('p', { class: 'muted' }, t('sharing.noDoctor')) :
        h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, h('th', {}, t('sharing.doctor')), h('th', {}, t('sharing.since')), h('th', {}, t('sharing.until')), h('th', {}, ''))),
          h('tbody', {}, mine.map(g => h('tr', { dataset: { grant: g.id } },
            h('td', {}, h('strong', {}, g.doctor.displayName), h('br'), h('span', { class: 'muted' }, g.doctor.email)),
            h('td', {}, dateTime(utc(g.createdAt))),
            h('td', {}, g.expiresAt ? dateTime(utc(g.expiresAt)) : t('sharing.untilRevoked')),
            h('td', {}, h('button', { type: 'button', class: 'button danger small', onclick: () => revoke(`/api/grants/${g.id}`, t('sharing.confirmRevoke', { name: g.doctor.displayName })) }, t('sharing.revoke'))))))));
  }

  function renderKeys(list) {
    replace(keys, h('h2', { id: 'keys-title' }, t('sharing.keys')),
      list.length === 0 ? h('p', { class: 'muted' }, t('sharing.noKeys')) :
        h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, h('th', {}, t('sharing.label')), h('th', {}, t('sharing.created')), h('th', {}, t('sharing.uses')), h('th', {}, t('sharing.state')), h('th', {}, ''))),
          h('tbody', {}, list.map(k => {
            const expired = !k.expiresAt || utc(k.expiresAt) < new Date();
            const state = k.revokedAt ? t('sharing.revoked') : expired ? t('sharing.expired') : k.uses >= k.maxUses ? t('sharing.usedUp', { until: dateTime(utc(k.expiresAt)) })
              : t('sharing.validUntil', { until: dateTime(utc(k.expiresAt)) });
            return h('tr', { dataset: { key: k.id } },
              h('td', {}, k.label, k.identifier ? h('span', { class: 'muted' }, ` (${k.identifier}-…)`) : null),
              h('td', {}, dateTime(utc(k.createdAt))),
              h('td', { class: 'key-uses' }, t('sharing.usesOf', { uses: k.uses, doctors: doctors(k.maxUses) })),
              h('td', {}, state),
              // A used-up key is still worth revoking: that ends the access of the doctors who used it.
              h('td', {}, k.revokedAt || expired ? null : h('button', { type: 'button', class: 'button small', onclick: () => revoke(`/api/access-keys/${k.id}`, t('sharing.confirmRevokeKey')) }, t('sharing.revokeKey'))));
          }))));
  }

  function renderAudit(entries) {
    const rows = groupReads(entries);
    replace(audit, h('h2', { id: 'audit-title' }, t('sharing.audit')),
      rows.length === 0 ? h('p', { class: 'muted' }, t('sharing.noReads')) :
        h('table', { class: 'list audit' },
          h('thead', {}, h('tr', {}, h('th', {}, t('sharing.when')), h('th', {}, t('sharing.who')), h('th', {}, t('sharing.what')))),
          h('tbody', {}, rows.map(({ first: a, last, count }) => h('tr', {},
            h('td', {}, dateTime(utc(last.at)), count > 1 && last.at.slice(0, 16) !== a.at.slice(0, 16) ? h('span', { class: 'muted' }, ` (${t('sharing.from', { at: dateTime(utc(a.at)) })})`) : null),
            h('td', {}, a.actorName || a.actorEmail, h('br'), h('span', { class: 'muted' }, a.actorEmail)),
            h('td', {}, describeAction(a.action), count > 1 ? ` (${tn('sharing.times', count)})` : null,
              a.recordingId ? [' · ', h('a', { href: `/recordings/${a.recordingId}` }, t('sharing.recording'))] : null))))));
  }

  async function revoke(url, question) {
    if (!confirm(question)) return;
    await del(url);
    await refresh();
  }
}

const actions = ['recordings.list', 'recording.read', 'recording.window', 'recording.download', 'analysis.read'];
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

const doctors = n => tn('sharing.doctorCount', n);

const describeAction = action => (actions.includes(action) ? t(`sharing.action.${action}`) : label(action.replace('.', ' ')));

async function copy(text, element, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = t('sharing.copied');
  } catch {
    const range = document.createRange();
    range.selectNodeContents(element);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    status.textContent = t('sharing.selected');
  }
}
