// Storage use: counts and bytes, overall and for the patients who store most (no recording names or content).
import { get } from '../core/api.js';
import { h } from '../core/dom.js';
import { bytes, number } from '../core/format.js';
import { dataTable } from '../components/dataTable.js';

export async function render(section) {
  const s = await get('/api/admin/storage?top=10');
  const figure = (title, value, note) => h('div', { class: 'card result', dataset: { figure: title.toLowerCase() } },
    h('h3', {}, title), h('div', { class: 'big' }, value), note ? h('p', { class: 'muted small' }, note) : null);
  section.append(
    h('div', { class: 'cards' },
      figure('Recordings', number(s.recordings)),
      figure('Samples', number(s.samples), 'sample values over all leads'),
      figure('Sample data', bytes(s.storedBytes), 'compressed, in the database'),
      figure('Database', bytes(s.databaseBytes), s.provider === 'Postgres' ? 'PostgreSQL database size' : 'SQLite file (without its write-ahead log)')),
    h('div', { class: 'card' }, h('h2', {}, 'Patients storing most'),
      dataTable([
        { label: 'Patient', cell: p => [p.displayName, h('br'), h('span', { class: 'muted' }, p.email)] },
        { label: 'Recordings', cell: p => number(p.recordings) },
        { label: 'Samples', cell: p => number(p.samples) },
        { label: 'Sample data', cell: p => bytes(p.storedBytes) },
      ], s.topPatients, { empty: 'No recordings are stored yet.' })));
}
