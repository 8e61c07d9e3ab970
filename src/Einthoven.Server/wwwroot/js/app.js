// The web UI's entry point: session, navigation by role, page routing and the service worker.
import { get, post } from './core/api.js';
import { h, replace, message } from './core/dom.js';
import { route, start, navigate } from './core/router.js';
import { language, preferredLanguage, useLanguage } from './core/i18n.js';
import { createBell } from './components/bell.js';

const session = { user: null };
const isPatient = () => session.user?.roles.includes('Patient');
const isDoctor = () => session.user?.roles.includes('Doctor');
const isAdmin = () => session.user?.roles.includes('Admin');
const isMonitor = () => session.user?.roles.includes('Monitor');
const isParamedic = () => session.user?.roles.includes('Paramedic');
const isResearcher = () => session.user?.roles.includes('Researcher');
const isCardiologist = () => session.user?.roles.includes('Cardiologist');

route('/', () => import('./pages/home.js'));
route('/signin', () => import('./pages/signin.js'));
route('/register', () => import('./pages/register.js'));
route('/recordings/:id', () => import('./pages/recording.js'));
route('/sharing', () => import('./pages/sharing.js'));
route('/doctor', () => import('./pages/doctor.js'));
route('/doctor/patients/:id', () => import('./pages/patient.js'));
route('/settings', () => import('./pages/settings.js'));
route('/admin', () => import('./pages/admin.js'));
route('/monitoring', () => import('./pages/monitoring.js'));
route('/paramedic', () => import('./pages/paramedic.js'));
route('/datasets', () => import('./pages/datasets.js'));
route('/verification', () => import('./pages/verification.js'));
route('/unsubscribe', () => import('./pages/unsubscribe.js'));

const publicPages = new Set(['/signin', '/register', '/settings', '/unsubscribe']);
let cleanup = null;
/** The notification bell of the signed-in user (one hub connection per session), or null. */
let bell = null;

function bellFor(user) {
  if (bell && bell.userId !== user?.id) { bell.stop(); bell = null; }
  if (user && !bell) bell = { ...createBell(), userId: user.id };
  return bell;
}

/**
 * Where a role starts: an admin runs the platform, monitoring staff the dashboard, a paramedic the dispatches, a
 * cardiologist the verification queue, a patient sees recordings, a doctor the patients.
 */
function startPage(roles = session.user?.roles ?? []) {
  if (roles.includes('Admin')) return '/admin';
  if (roles.includes('Monitor')) return '/monitoring';
  if (roles.includes('Paramedic')) return '/paramedic';
  if (roles.includes('Researcher')) return '/datasets';
  if (roles.includes('Cardiologist')) return '/verification';
  return roles.includes('Patient') ? '/' : '/doctor';
}

async function refreshSession() {
  const answer = await get('/api/session');
  session.user = answer.signedIn ? answer.user : null;
  renderNav();
}

function renderNav() {
  const nav = document.getElementById('nav');
  const links = [];
  if (isPatient()) links.push(['/', 'Recordings'], ['/sharing', 'Sharing']);
  if (isDoctor()) links.push(['/doctor', 'Patients']);
  if (isMonitor()) links.push(['/monitoring', 'Monitoring']);
  if (isParamedic()) links.push(['/paramedic', 'Dispatches']);
  if (isResearcher() || isAdmin()) links.push(['/datasets', 'Datasets']);
  if (isCardiologist()) links.push(['/verification', 'Verification']);
  if (isAdmin()) links.push(['/admin', 'Admin']);
  links.push(['/settings', 'Settings']);
  const here = location.pathname;
  replace(nav,
    links.map(([href, text]) => h('a', { href, 'aria-current': here === href || (href !== '/' && here.startsWith(href)) ? 'page' : null }, text)),
    session.user
      ? h('span', { class: 'who' }, bellFor(session.user).element, h('span', { class: 'who-name', title: session.user.email }, session.user.displayName),
          h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'))
      : h('a', { href: '/signin', class: 'button small' }, 'Sign in'));
}

async function signOut() {
  await post('/api/auth/logout');
  session.user = null;
  bellFor(null);
  navigate('/signin');
}

async function show(current) {
  const main = document.getElementById('main');
  if (cleanup) { cleanup(); cleanup = null; }
  renderNav();
  if (!current.load) return replace(main, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '/' }, 'Back to the start')));
  if (!session.user && !publicPages.has(current.path)) return navigate(`/signin?next=${encodeURIComponent(current.path)}`, { replace: true });
  try {
    const page = await current.load();
    replace(main);
    const context = { session, params: current.params, query: current.query, navigate, refreshSession, isPatient, isDoctor, isAdmin, isMonitor, isParamedic, isCardiologist, startPage };
    cleanup = (await page.render(main, context)) ?? null;
    if (document.activeElement === document.body) main.focus({ preventScroll: true });
  } catch (e) {
    replace(main, message('error', e.message));
  }
}

window.addEventListener('einthoven:signed-out', () => {
  if (!session.user) return;
  session.user = null;
  bellFor(null);
  navigate(`/signin?next=${encodeURIComponent(location.pathname)}`);
});

if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});

// The texts of the user's language load before the first page; a signed-in user's saved choice wins over the browser's.
useLanguage(preferredLanguage()).catch(() => {})
  .then(() => refreshSession()).catch(() => {})
  .then(() => (session.user?.language && session.user.language !== language() ? useLanguage(session.user.language) : null)).catch(() => {})
  .then(() => start(show));
