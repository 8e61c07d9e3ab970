// Dataset versions for researchers and admins: counts only (never a recording) and the de-identified export of each.
import { get, post } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { dateTime, number, utc } from '../core/format.js';
import { dataTable, shortId } from '../components/dataTable.js';

export async function render(main, { session, isAdmin }) {
  main.append(h('h1', {}, 'Datasets'));
  const roles = session.user?.roles ?? [];
  if (!roles.includes('Researcher') && !isAdmin()) return main.append(message('info', 'This page is for researchers and administrators.'));
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', { class: 'card' });
  main.append(
    h('p', { class: 'muted' }, 'Each version is an immutable snapshot of the beats cardiologists verified, with the standard training set. ' +
      'Exports are de-identified: WFDB records, physician (.atr) and AI (.ai) annotations, beats.csv, a README and a manifest of hashes.'),
    status, list);
  if (isAdmin()) main.insertBefore(h('div', { class: 'row' }, h('button', { type: 'button', class: 'button', onclick: snapshot }, 'Snapshot now')), status);
  await refresh();

  async function refresh() {
    const versions = await get('/api/datasets');
    replace(list, h('h2', {}, 'Versions'), dataTable([
      { label: 'Version', cell: d => shortId(d.id) },
      { label: 'Created', cell: d => dateTime(utc(d.createdAt)) },
      { label: 'Recordings', cell: d => `${number(d.recordings)} of ${number(d.patients)} patients` },
      { label: 'Beats', cell: d => `${number(d.beats)} (${number(d.holdoutBeats)} held out)` },
      { label: 'Disagreements', cell: d => number(d.disagreements) },
      { label: '', cell: d => h('a', { class: 'button small', href: `/api/datasets/${d.id}/export`, download: '' }, 'Export') },
    ], versions, { empty: 'No dataset version yet.', rowAttrs: d => ({ dataset: { dataset: d.id } }) }));
  }

  async function snapshot() {
    try {
      const d = await post('/api/datasets');
      replace(status, message('success', `Dataset version ${d.id.slice(0, 12)}: ${d.recordings} recordings, ${d.beats} beats.`));
    } catch (e) {
      replace(status, message('error', e.message));
    }
    await refresh();
  }
}
