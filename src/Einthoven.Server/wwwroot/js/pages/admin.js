// The platform admin's page: accounts and roles, the audit log, storage use, analysis jobs, the model registry, the 12-lead classifiers (ONNX models),
// cardiologist assignments, the clinic directory and the server's health, one tab each (?tab=). Admins run the platform; nothing here shows medical data.
import { h, message } from '../core/dom.js';
import { t } from '../core/i18n.js';

const tabs = [
  ['users', () => import('../admin/users.js')],
  ['audit', () => import('../admin/audit.js')],
  ['storage', () => import('../admin/storage.js')],
  ['jobs', () => import('../admin/jobs.js')],
  ['models', () => import('../admin/models.js')],
  ['classifiers', () => import('../admin/classifiers.js')],
  ['assignments', () => import('../admin/assignments.js')],
  ['clinics', () => import('../admin/clinics.js')],
  ['health', () => import('../admin/health.js')],
];

export async function render(main, { isAdmin, query }) {
  main.append(h('h1', {}, t('admin.title')));
  if (!isAdmin()) return main.append(message('info', t('admin.onlyAdmins')));
  const current = tabs.find(([id]) => id === query.get('tab')) ?? tabs[0];
  const section = h('section', { class: 'admin-section', id: `admin-${current[0]}`, 'aria-label': t(`admin.tab.${current[0]}`) });
  main.append(
    h('nav', { class: 'tabs', 'aria-label': t('admin.title') },
      tabs.map(([id]) => h('a', { href: `/admin?tab=${id}`, 'aria-current': id === current[0] ? 'page' : null }, t(`admin.tab.${id}`)))),
    section);
  const module = await current[1]();
  return module.render(section);
}
