// A list table whose rows become stacked cards on a phone: each cell carries its column's name (data-label), which the
// narrow layout shows before the value (the value is wrapped, so that the cell is a two-column grid: label, value).
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';

/**
 * columns: [{ label, cell: row => content }]; rowAttrs: row => attributes of the <tr> (e.g. a dataset for tests).
 * An empty list shows `empty` instead of a table.
 */
export function dataTable(columns, rows, { empty = t('common.nothingToShow'), rowAttrs = () => ({}), className = '' } = {}) {
  if (rows.length === 0) return h('p', { class: 'muted' }, empty);
  return h('table', { class: `list stacked ${className}`.trim() },
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c.label)))),
    h('tbody', {}, rows.map(row => h('tr', rowAttrs(row), columns.map(c => h('td', { 'data-label': c.label }, h('div', {}, c.cell(row))))))));
}

/** A short form of an id for tables (the full id in the tooltip and for copying). */
export const shortId = id => h('code', { class: 'id', title: id }, id.slice(0, 8));
