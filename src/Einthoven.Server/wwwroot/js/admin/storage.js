// Storage use: counts and bytes, overall and for the patients who store most (no recording names or content).
import { get } from '../core/api.js';
import { h } from '../core/dom.js';
import { bytes, number } from '../core/format.js';
import { dataTable } from '../components/dataTable.js';
import { t } from '../core/i18n.js';

export async function render(section) {
  const s = await get('/api/admin/storage?top=10');
  // data-figure: the figure's English name, which tests and scripts select by.
  const figure = (id, key, value, note) => h('div', { class: 'card result', dataset: { figure: id } },
    h('h3', {}, t(`admin.storage.${key}`)), h('div', { class: 'big' }, value), note ? h('p', { class: 'muted small' }, note) : null);
  section.append(
    h('div', { class: 'cards' },
      figure('recordings', 'recordings', number(s.recordings)),
      figure('samples', 'samples', number(s.samples), t('admin.storage.samplesNote')),
      figure('sample data', 'sampleData', bytes(s.storedBytes), t('admin.storage.sampleDataNote')),
      figure('database', 'database', bytes(s.databaseBytes), t(s.provider === 'Postgres' ? 'admin.storage.postgresNote' : 'admin.storage.sqliteNote'))),
    h('div', { class: 'card' }, h('h2', {}, t('admin.storage.top')),
      dataTable([
        { label: t('admin.patient'), cell: p => [p.displayName, h('br'), h('span', { class: 'muted' }, p.email)] },
        { label: t('admin.storage.recordings'), cell: p => number(p.recordings) },
        { label: t('admin.storage.samples'), cell: p => number(p.samples) },
        { label: t('admin.storage.sampleData'), cell: p => bytes(p.storedBytes) },
      ], s.topPatients, { empty: t('admin.storage.none') })));
}
