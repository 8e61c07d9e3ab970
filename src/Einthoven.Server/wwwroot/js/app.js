// The web UI's entry point: session, navigation by role, page routing and the service worker.
import { get, post } from './core/api.js';
import { h, replace, message } from './core/dom.js';
import { route, start, navigate } from './core/router.js';
import { language, preferredLanguage, t, useLanguage } from './core/i18n.js';
import { languagePicker } from './components/languagePicker.js';
import { createBell } from './components/bell.js';

const session = { user: null };
const isPatient = () => session.user?.roles.includes('Patient');
const isDoctor = () => session.user?.roles.includes('Doctor');
const isAdmin = () => session.user?.roles.includes('Admin');
const isMonitor = () => session.user?.roles.includes('Monitor');
const isParamedic = () => session.user?.roles.includes('Paramedic');
const isResearcher = () => session.user?.roles.includes('Researcher');
const isCardiologist = () => session.user?.roles.includes('Cardiologist');
const isClinicAdmin = () => session.user?.roles.includes('ClinicAdmin');

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
route('/clinics', () => import('./pages/clinics.js'));
route('/clinics/:id', () => import('./pages/clinic.js'));
route('/appointments', () => import('./pages/appointments.js'));
route('/clinic', () => import('./pages/clinicAdmin.js'));
route('/risk', () => import('./pages/risk.js'));
route('/unsubscribe', () => import('./pages/unsubscribe.js'));

const publicPages = new Set(['/signin', '/register', '/settings', '/risk', '/unsubscribe']);
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
  if (roles.includes('ClinicAdmin')) return '/clinic';
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
  if (isPatient()) links.push(['/', t('nav.recordings')], ['/sharing', t('nav.sharing')], ['/clinics', t('clinics.nav.clinics')], ['/appointments', t('clinics.nav.appointments')]);
  if (isPatient()) links.push(['/risk', t('risk.nav')]);
  if (isClinicAdmin()) links.push(['/clinic', t('clinics.nav.myClinic')]);
  if (isDoctor()) links.push(['/doctor', t('nav.patients')]);
  if (isMonitor()) links.push(['/monitoring', t('nav.monitoring')]);
  if (isParamedic()) links.push(['/paramedic', t('nav.dispatches')]);
  if (isResearcher() || isAdmin()) links.push(['/datasets', t('nav.datasets')]);
  if (isCardiologist()) links.push(['/verification', t('nav.verification')]);
  if (isAdmin()) links.push(['/admin', t('nav.admin')]);
  links.push(['/settings', t('nav.settings')]);
  const here = location.pathname;
  replace(nav,
    links.map(([href, text]) => h('a', { href, 'aria-current': here === href || (href !== '/' && here.startsWith(href)) ? 'page' : null }, text)),
    session.user
      ? h('span', { class: 'who' }, bellFor(session.user).element, h('span', { class: 'who-name', title: session.user.email }, session.user.displayName),
          h('button', { type: 'button', class: 'link', onclick: signOut }, t('nav.signOut')))
      : h('a', { href: '/signin', class: 'button small' }, t('nav.signIn')),
    languagePicker(!!session.user));
}

async function signOut() {
  await post('/api/auth/logout');
  session.user = null;
  bellFor(null);
  navigate('/signin');
}

async function show(current) {
  // Each page renders into a fresh <main>: a page still loading when the user navigates on writes into the detached one.
  const previous = document.getElementById('main');
  const main = previous.cloneNode(false);
  previous.replaceWith(main);
  if (cleanup) { cleanup(); cleanup = null; }
  renderNav();
  if (!current.load) return replace(main, h('h1', {}, t('nav.notFound')), h('p', {}, h('a', { href: '/' }, t('nav.backToStart'))));
  if (!session.user && !publicPages.has(current.path)) return navigate(`/signin?next=${encodeURIComponent(current.path)}`, { replace: true });
  try {
    const page = await current.load();
    replace(main);
    const context = { session, params: current.params, query: current.query, navigate, refreshSession, isPatient, isDoctor, isAdmin, isMonitor, isParamedic, isCardiologist, isClinicAdmin, startPage };
    const done = (await page.render(main, context)) ?? null;
    // A page the user already left stops at once; only the page on screen keeps its cleanup.
    if (main.isConnected) cleanup = done;
    else done?.();
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
