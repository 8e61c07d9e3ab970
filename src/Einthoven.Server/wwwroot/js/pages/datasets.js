// Dataset versions for researchers and admins: counts only (never a recording) and the de-identified export of each.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, number, utc } from '../core/format.js';
import { dataTable, shortId } from '../components/dataTable.js';
import { t } from '../core/i18n.js';

export async function render(main, { session, isAdmin }) {
  main.append(h('h1', {}, t('datasets.title')));
  const roles = session.user?.roles ?? [];
  if (!roles.includes('Researcher') && !isAdmin()) return main.append(message('info', t('datasets.onlyResearchers')));
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', { class: 'card' });
  main.append(
    h('p', { class: 'muted' }, t('datasets.intro')),
    status, list);
  if (isAdmin()) main.insertBefore(h('div', { class: 'row' }, h('button', { type: 'button', class: 'button', onclick: snapshot }, t('datasets.snapshot'))), status);
  await refresh();

  async function refresh() {
    const versions = await get('/api/datasets');
    replace(list, h('h2', {}, t('datasets.versions')), dataTable([
      { label: t('datasets.version'), cell: d => shortId(d.id) },
      { label: t('datasets.created'), cell: d => dateTime(utc(d.createdAt)) },
      { label: t('datasets.recordings'), cell: d => t('datasets.recordingsOf', { recordings: number(d.recordings), patients: number(d.patients) }) },
      { label: t('datasets.beats'), cell: d => t('datasets.beatsHeldOut', { beats: number(d.beats), held: number(d.holdoutBeats) }) },
      { label: t('datasets.disagreements'), cell: d => number(d.disagreements) },
      { label: '', cell: d => h('a', { class: 'button small', href: `/api/datasets/${d.id}/export`, download: '' }, t('datasets.export')) },
    ], versions, { empty: t('datasets.none'), rowAttrs: d => ({ dataset: { dataset: d.id } }) }));
  }

  async function snapshot() {
    try {
      const d = await post('/api/datasets');
      replace(status, message('success', t('datasets.snapshotted', { id: d.id.slice(0, 12), recordings: number(d.recordings), beats: number(d.beats) })));
    } catch (e) {
      replace(status, message('error', e.message));
    }
    await refresh();
  }
}
