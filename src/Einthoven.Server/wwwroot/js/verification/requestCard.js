// The recording page's verification card: "Push for verification" for the patient and their doctors, the requests and
// the cardiologists' physician sets (author, times, AI model, progress), and where two sets disagree.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, elapsed, utc } from '../core/format.js';
import { dataTable } from '../components/dataTable.js';
import { t, tn } from '../core/i18n.js';

/** onShow(t): pans the viewer to a disagreement; verifyHref(request): the cardiologist's link into the verification mode, or null. */
export function verificationCard({ recordingId, onShow, verifyHref }) {
  const element = h('section', { class: 'card verification-card', 'aria-labelledby': 'verification-card-title' });
  const status = h('div', { 'aria-live': 'polite' });

  async function load() {
    const view = await get(`/api/recordings/${recordingId}/verification`);
    const open = view.requests.find(r => r.status === 'Open');
    const organisation = view.organisations.length
      ? h('select', { id: 'verify-organisation', 'aria-label': t('verification.alsoSendTo') },
          h('option', { value: '' }, t('verification.assignedOnly')), view.organisations.map(o => h('option', { value: o.id }, t('verification.andOrganisation', { name: o.name }))))
      : null;
    const push = view.canPush && !open ? h('div', { class: 'row' }, organisation,
      h('button', { type: 'button', class: 'button primary', id: 'push-verification', onclick: () => pushIt(organisation?.value || null) }, t('verification.push'))) : null;
    replace(element, h('h2', { id: 'verification-card-title' }, t('verification.cardTitle')),
      view.requests.length === 0 ? h('p', { class: 'muted' }, t('verification.notPushed')) : null,
      view.requests.length ? h('ul', { class: 'verification-requests' }, view.requests.map(r => h('li', { dataset: { request: r.id, status: r.status } },
        h('span', { class: `badge state ${r.status.toLowerCase()}` }, t(`verification.status.${r.status}`)), ' ',
        t('verification.pushedBy', { name: r.requestedByName, at: dateTime(utc(r.requestedAt)) }), r.organisationName ? ` ${t('verification.toOrganisation', { name: r.organisationName })}` : '',
        ` · ${tn('verification.cardiologists', r.cardiologists)}`,
        verifyHref?.(r) ? [' ', h('a', { class: 'button small', href: verifyHref(r) }, t('verification.verify'))] : null))) : null,
      view.sets.length ? dataTable([
        { label: t('verification.cardiologist'), cell: v => v.cardiologistName },
        { label: t('verification.progress'), cell: v => `${v.reviewedCount} / ${v.beatCount} (${Math.floor(v.progress * 100)}%)` },
        { label: t('verification.started'), cell: v => dateTime(utc(v.startedAt)) },
        { label: t('verification.updated'), cell: v => dateTime(utc(v.updatedAt)) },
        { label: t('verification.signedOff'), cell: v => (v.completedAt ? dateTime(utc(v.completedAt)) : '—') },
        { label: t('verification.aiModel'), cell: v => h('code', { class: 'small' }, v.aiModel) },
      ], view.sets, { rowAttrs: v => ({ dataset: { set: v.id, completed: String(!!v.completedAt) } }) }) : null,
      push, status);
    if (view.sets.length > 1) element.append(await disagreements());
  }

  async function disagreements() {
    const found = await get(`/api/recordings/${recordingId}/verification/disagreements`);
    const names = new Map(found.sets.map(v => [v.id, v.cardiologistName]));
    const label = (sample, l) => (sample === null ? t('verification.noBeat') : l);
    return h('details', { class: 'disagreements', dataset: { total: found.total } },
      h('summary', {}, found.total === 0 ? t('verification.agree') : tn('verification.disagree', found.total)),
      found.items.length ? h('ul', {}, found.items.slice(0, 50).map(d => h('li', {},
        h('button', { type: 'button', class: 'link-button', onclick: () => onShow(d.time) }, elapsed(d.time, 3)),
        ` ${names.get(d.setA)}: ${label(d.sampleA, d.labelA)} · ${names.get(d.setB)}: ${label(d.sampleB, d.labelB)}`))) : null);
  }

  async function pushIt(organisationId) {
    try {
      await post(`/api/recordings/${recordingId}/verification`, { organisationId });
      replace(status, message('success', t('verification.pushed')));
      await load();
    } catch (e) {
      replace(status, message('error', e.message));
    }
  }

  return { element, load };
}
