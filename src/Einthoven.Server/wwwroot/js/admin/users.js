// Accounts: search, give and take roles (doctors are made here), see locked accounts and unlock them.
import { get, post, del } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, utc } from '../core/format.js';
import { dataTable } from '../components/dataTable.js';
import { t, tn } from '../core/i18n.js';

const roles = ['Patient', 'Doctor', 'Cardiologist', 'Monitor', 'Paramedic', 'Researcher', 'ClinicAdmin', 'Admin'];
const Shown = 200;

export async function render(section) {
  const search = h('input', { id: 'user-search', type: 'search', placeholder: t('admin.users.searchPlaceholder'), autocomplete: 'off' });
  const lockedOnly = h('input', { id: 'user-locked', type: 'checkbox', onchange: () => refresh() });
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', { class: 'users' });
  section.append(
    h('form', { class: 'card', role: 'search', onsubmit: event => { event.preventDefault(); refresh(); } },
      h('div', { class: 'row' },
        h('label', { class: 'control', for: 'user-search' }, h('span', {}, t('admin.users.find')), search),
        h('button', { type: 'submit', class: 'button' }, t('admin.users.search')),
        h('label', { class: 'toggle', for: 'user-locked' }, lockedOnly, ` ${t('admin.users.lockedOnly')}`))),
    status, h('div', { class: 'card' }, list));
  await refresh();

  async function refresh() {
    const q = search.value.trim();
    const query = new URLSearchParams({ take: Shown });
    if (q) query.set('q', q);
    if (lockedOnly.checked) query.set('locked', 'true');
    const users = await get(`/api/admin/users?${query}`);
    const title = t(`admin.users.${lockedOnly.checked ? 'locked' : 'accounts'}${q ? 'Matching' : ''}`, { q });
    replace(list, h('h2', {}, title, h('span', { class: 'muted' }, ` (${users.length})`)),
      users.length === Shown ? h('p', { class: 'muted small' }, t('admin.users.firstShown', { n: Shown })) : null,
      dataTable([
        { label: t('admin.users.account'), cell: u => [h('strong', {}, u.displayName || u.email), h('br'), h('span', { class: 'muted' }, u.email)] },
        { label: t('admin.users.roles'), cell: u => h('div', { class: 'role-toggles' }, roles.map(role => roleToggle(u, role))) },
        { label: t('admin.users.signIn'), cell: lockState },
        { label: t('admin.since'), cell: u => dateTime(utc(u.createdAt)) },
      ], users, { empty: t('admin.users.none'), rowAttrs: u => ({ dataset: { user: u.id, email: u.email } }) }));
  }

  function roleToggle(user, role) {
    const box = h('input', { type: 'checkbox', checked: user.roles.includes(role), dataset: { role } });
    box.addEventListener('change', async () => {
      box.disabled = true;
      try {
        if (box.checked) await post(`/api/admin/users/${user.id}/roles`, { role });
        else await del(`/api/admin/users/${user.id}/roles/${role}`);
        replace(status, message('success', t(box.checked ? 'admin.users.roleGiven' : 'admin.users.roleTaken', { email: user.email, role: t(`admin.users.as.${role}`) })));
      } catch (e) {
        box.checked = !box.checked;
        replace(status, message('error', e.message));
      } finally {
        box.disabled = false;
      }
    });
    return h('label', { class: 'toggle' }, box, ` ${t(`admin.role.${role}`)}`);
  }

  function lockState(user) {
    if (!user.lockedOut)
      return user.accessFailedCount > 0 ? h('span', { class: 'muted' }, tn('admin.users.failed', user.accessFailedCount)) : t('admin.users.active');
    const unlock = h('button', { type: 'button', class: 'button small', onclick: async () => {
      unlock.disabled = true;
      try {
        await post(`/api/admin/users/${user.id}/unlock`);
        replace(status, message('success', t('admin.users.unlocked', { email: user.email })));
        await refresh();
      } catch (e) {
        unlock.disabled = false;
        replace(status, message('error', e.message));
      }
    } }, t('admin.users.unlock'));
    return [h('span', { class: 'badge bad locked' }, t('admin.users.lockedBadge')), ' ', h('span', { class: 'muted small' }, t('admin.users.until', { at: dateTime(utc(user.lockoutEnd)) })), ' ', unlock];
  }
}
