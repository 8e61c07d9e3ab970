// The platform admin's page: accounts and roles, the audit log, storage use, analysis jobs, the model registry, the 12-lead classifiers (ONNX models),
// cardiologist assignments and the server's health, one tab each (?tab=). Admins run the platform; nothing here shows medical data.
import { h, message } from '../core/dom.js';

const tabs = [
  ['users', 'Users', () => import('../admin/users.js')],
  ['audit', 'Audit log', () => import('../admin/audit.js')],
  ['storage', 'Storage', () => import('../admin/storage.js')],
  ['jobs', 'Analysis jobs', () => import('../admin/jobs.js')],
  ['models', 'Models', () => import('../admin/models.js')],
  ['classifiers', '12-lead models', () => import('../admin/classifiers.js')],
  ['assignments', 'Cardiologists', () => import('../admin/assignments.js')],
  ['health', 'Health', () => import('../admin/health.js')],
];

export async function render(main, { isAdmin, query }) {
  main.append(h('h1', {}, 'Administration'));
  if (!isAdmin()) return main.append(message('info', 'This page is for platform administrators.'));
  const current = tabs.find(([id]) => id === query.get('tab')) ?? tabs[0];
  const section = h('section', { class: 'admin-section', id: `admin-${current[0]}`, 'aria-label': current[1] });
  main.append(
    h('nav', { class: 'tabs', 'aria-label': 'Administration' },
      tabs.map(([id, text]) => h('a', { href: `/admin?tab=${id}`, 'aria-current': id === current[0] ? 'page' : null }, text))),
    section);
  const module = await current[2]();
  return module.render(section);
}
