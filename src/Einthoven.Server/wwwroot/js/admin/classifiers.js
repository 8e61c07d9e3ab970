// The 12-lead classifiers: the shipped ones and the ONNX models admins register with a manifest (input leads, rate,
// length, normalisation, classes, thresholds). The server checks the manifest against the model and runs it once before
// storing it, so every error shows here, at registration. Works on a phone: one column, native file pickers.
import { get, del, api, problemOf } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { bytes, dateTime, number, utc } from '../core/format.js';
import { dataTable } from '../components/dataTable.js';
import { t } from '../core/i18n.js';

export async function render(section) {
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div');
  const model = h('input', { type: 'file', id: 'onnx-model', name: 'model', accept: '.onnx', required: true });
  const manifest = h('input', { type: 'file', id: 'onnx-manifest', name: 'manifest', accept: '.json,application/json', required: true });
  const submit = h('button', { type: 'submit', class: 'button primary' }, t('admin.classifiers.register'));
  section.append(
    h('form', { class: 'card', id: 'onnx-register', onsubmit: register },
      h('h2', {}, t('admin.classifiers.registerTitle')),
      h('p', { class: 'muted' }, t('admin.classifiers.registerIntro')),
      h('label', { class: 'control', for: 'onnx-model' }, h('span', {}, t('admin.classifiers.model')), model),
      h('label', { class: 'control', for: 'onnx-manifest' }, h('span', {}, t('admin.classifiers.manifest')), manifest),
      h('div', { class: 'row' }, submit)),
    status,
    h('div', { class: 'card' }, list));
  await refresh();

  async function refresh() {
    const catalog = await get('/api/admin/classifiers');
    replace(list, h('h2', {}, t('admin.classifiers.title')),
      h('p', { class: 'muted' }, t('admin.classifiers.maxSize', { size: bytes(catalog.maxModelBytes) })),
      dataTable([
        { label: t('admin.classifiers.name'), cell: c => h('span', {}, c.name, c.isDefault ? h('span', { class: 'badge ok' }, ` ${t('admin.classifiers.default')}`) : '') },
        { label: t('admin.classifiers.kind'), cell: c => c.kind },
        { label: t('admin.version'), cell: c => h('code', { class: 'id' }, c.version) },
        { label: t('admin.classifiers.input'), cell: c => (c.input ? t('admin.classifiers.inputShape', { leads: c.input.leads.length, rate: number(c.input.rateHz), length: number(c.input.length), normalisation: c.input.normalisation }) : '–') },
        { label: t('admin.classifiers.classes'), cell: c => c.classes.map(k => `${k.code} (${number(k.threshold, 2)})`).join('; ') },
        { label: t('admin.classifiers.registered'), cell: c => (c.registeredAt ? dateTime(utc(c.registeredAt)) : t('admin.shipped')) },
        { label: t('admin.classifiers.analysis'), cell: c => (c.usedByAnalysis ? h('span', { class: 'badge ok' }, t('admin.classifiers.inUse'))
          : h('button', { type: 'button', class: 'button small', onclick: () => useForAnalysis(c) }, t('admin.classifiers.use'))) },
        { label: '', cell: c => (c.kind === 'onnx' ? h('button', { type: 'button', class: 'button small', onclick: () => remove(c) }, t('admin.classifiers.delete')) : '') },
      ], catalog.classifiers, { empty: t('admin.classifiers.none'), rowAttrs: c => ({ dataset: { classifier: c.id } }) }));
  }

  async function register(event) {
    event.preventDefault();
    const form = new FormData();
    form.append('model', model.files[0], model.files[0].name);
    form.append('manifest', manifest.files[0], manifest.files[0].name);
    submit.disabled = true;
    replace(status, message('info', t('admin.classifiers.checking')));
    try {
      const response = await fetch('/api/admin/classifiers/onnx', { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.status === 201) {
        const created = await response.json();
        replace(status, message('success', t('admin.classifiers.registeredNotice', { name: created.name, version: created.version, id: created.id })));
        event.target.reset();
      } else {
        const problem = await problemOf(response);
        replace(status, message('error', `${problem.title ?? t('admin.classifiers.refused')}: `),
          h('ul', { class: 'errors' }, (problem.errors ?? [problem.detail]).map(e => h('li', {}, e))));
      }
    } catch {
      replace(status, message('error', t('admin.unreachable')));
    } finally {
      submit.disabled = false;
    }
    await refresh();
  }

  async function useForAnalysis(c) {
    try {
      await api('PUT', '/api/admin/classifiers/analysis', { id: c.id });
      replace(status, message('success', t('admin.classifiers.used', { name: c.name })));
    } catch (e) {
      replace(status, message('error', e.message));
    }
    await refresh();
  }

  async function remove(c) {
    if (!confirm(t('admin.classifiers.confirmDelete', { name: c.name, version: c.version }))) return;
    try {
      await del(`/api/admin/classifiers/onnx/${c.id}`);
      replace(status, message('success', t('admin.classifiers.deleted', { name: c.name })));
    } catch (e) {
      replace(status, message('error', e.message));
    }
    await refresh();
  }
}
