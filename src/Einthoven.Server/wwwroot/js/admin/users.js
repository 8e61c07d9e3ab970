// Accounts: search, give and take roles (doctors are made here), see locked accounts and unlock them.
import { get, post, del } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, utc } from '../core/format.js';
import { dataTable } from '../components/dataTable.js';

const roles = ['Patient', 'Doctor', 'Cardiologist', 'Admin'];
const Shown = 200;

export async function render(section) {
  const search = h('input', { id: 'user-search', type: 'search', placeholder: 'e-mail or name', autocomplete: 'off' });
  const lockedOnly = h('input', { id: 'user-locked', type: 'checkbox', onchange: () => refresh() });
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', { class: 'users' });
  section.append(
    h('form', { class: 'card', role: 'search', onsubmit: event => { event.preventDefault(); refresh(); } },
      h('div', { class: 'row' },
        h('label', { class: 'control', for: 'user-search' }, h('span', {}, 'Find an account'), search),
        h('button', { type: 'submit', class: 'button' }, 'Search'),
        h('label', { class: 'toggle', for: 'user-locked' }, lockedOnly, ' Locked accounts only'))),
    status, h('div', { class: 'card' }, list));
  await refresh();

  async function refresh() {
    const q = search.value.trim();
    const query = new URLSearchParams({ take: Shown });
    if (q) query.set('q', q);
    if (lockedOnly.checked) query.set('locked', 'true');
    const users = await get(`/api/admin/users?${query}`);
    const title = `${lockedOnly.checked ? 'Locked accounts' : 'Accounts'}${q ? ` matching “${q}”` : ''}`;
    replace(list, h('h2', {}, title, h('span', { class: 'muted' }, ` (${users.length})`)),
      users.length === Shown ? h('p', { class: 'muted small' }, `The first ${Shown} by e-mail; search to find others.`) : null,
      dataTable([
        { label: 'Account', cell: u => [h('strong', {}, u.displayName || u.email), h('br'), h('span', { class: 'muted' }, u.email)] },
        { label: 'Roles', cell: u => h('div', { class: 'role-toggles' }, roles.map(role => roleToggle(u, role))) },
        { label: 'Sign-in', cell: lockState },
        { label: 'Since', cell: u => dateTime(utc(u.createdAt)) },
      ], users, { empty: 'No account matches.', rowAttrs: u => ({ dataset: { user: u.id, email: u.email } }) }));
  }

  function roleToggle(user, role) {
    const box = h('input', { type: 'checkbox', checked: user.roles.includes(role), dataset: { role } });
    box.addEventListener('change', async () => {
      box.disabled = true;
      try {
        if (box.checked) await post(`/api/admin/users/${user.id}/roles`, { role });
        else await del(`/api/admin/users/${user.id}/roles/${role}`);
        replace(status, message('success', `${user.email} ${box.checked ? 'is now' : 'is no longer'} ${role === 'Admin' ? 'an' : 'a'} ${role.toLowerCase()}.`));
      } catch (e) {
        box.checked = !box.checked;
        replace(status, message('error', e.message));
      } finally {
        box.disabled = false;
      }
    });
    return h('label', { class: 'toggle' }, box, ` ${role}`);
  }

  function lockState(user) {
    if (!user.lockedOut)
      return user.accessFailedCount > 0 ? h('span', { class: 'muted' }, `${user.accessFailedCount} failed sign-in${user.accessFailedCount > 1 ? 's' : ''}`) : 'active';
    const unlock = h('button', { type: 'button', class: 'button small', onclick: async () => {
      unlock.disabled = true;
      try {
        await post(`/api/admin/users/${user.id}/unlock`);
        replace(status, message('success', `${user.email} can sign in again.`));
        await refresh();
      } catch (e) {
        unlock.disabled = false;
        replace(status, message('error', e.message));
      }
    } }, 'Unlock');
    return [h('span', { class: 'badge bad locked' }, 'Locked'), ' ', h('span', { class: 'muted small' }, `until ${dateTime(utc(user.lockoutEnd))}`), ' ', unlock];
  }
}
