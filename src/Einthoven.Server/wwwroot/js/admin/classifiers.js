// The 12-lead classifiers: the shipped ones and the ONNX models admins register with a manifest (input leads, rate,
// length, normalisation, classes, thresholds). The server checks the manifest against the model and runs it once before
// storing it, so every error shows here, at registration. Works on a phone: one column, native file pickers.
import { get, del, api, problemOf } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { bytes, dateTime, utc } from '../core/format.js';
import { dataTable } from '../components/dataTable.js';

export async function render(section) {
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div');
  const model = h('input', { type: 'file', id: 'onnx-model', name: 'model', accept: '.onnx', required: true });
  const manifest = h('input', { type: 'file', id: 'onnx-manifest', name: 'manifest', accept: '.json,application/json', required: true });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Register');
  section.append(
    h('form', { class: 'card', id: 'onnx-register', onsubmit: register },
      h('h2', {}, 'Register an ONNX model'),
      h('p', { class: 'muted' }, 'A model reading [N, leads, length] and its manifest (JSON; see docs/SERVER.md, “Bring your own model”).'),
      h('label', { class: 'control', for: 'onnx-model' }, h('span', {}, 'Model (.onnx)'), model),
      h('label', { class: 'control', for: 'onnx-manifest' }, h('span', {}, 'Manifest (.json)'), manifest),
      h('div', { class: 'row' }, submit)),
    status,
    h('div', { class: 'card' }, list));
  await refresh();

  async function refresh() {
    const catalog = await get('/api/admin/classifiers');
    replace(list, h('h2', {}, '12-lead classifiers'),
      h('p', { class: 'muted' }, `Models up to ${bytes(catalog.maxModelBytes)}.`),
      dataTable([
        { label: 'Name', cell: c => h('span', {}, c.name, c.isDefault ? h('span', { class: 'badge ok' }, ' default') : '') },
        { label: 'Kind', cell: c => c.kind },
        { label: 'Version', cell: c => h('code', { class: 'id' }, c.version) },
        { label: 'Input', cell: c => (c.input ? `${c.input.leads.length} leads, ${c.input.rateHz} Hz, ${c.input.length} samples, ${c.input.normalisation}` : '–') },
        { label: 'Classes', cell: c => c.classes.map(k => `${k.code} (${k.threshold})`).join(', ') },
        { label: 'Registered', cell: c => (c.registeredAt ? dateTime(utc(c.registeredAt)) : 'shipped') },
        { label: 'Analysis', cell: c => (c.usedByAnalysis ? h('span', { class: 'badge ok' }, 'in use')
          : h('button', { type: 'button', class: 'button small', onclick: () => useForAnalysis(c) }, 'Use in analysis')) },
        { label: '', cell: c => (c.kind === 'onnx' ? h('button', { type: 'button', class: 'button small', onclick: () => remove(c) }, 'Delete') : '') },
      ], catalog.classifiers, { empty: 'No 12-lead classifier yet.', rowAttrs: c => ({ dataset: { classifier: c.id } }) }));
  }

  async function register(event) {
    event.preventDefault();
    const form = new FormData();
    form.append('model', model.files[0], model.files[0].name);
    form.append('manifest', manifest.files[0], manifest.files[0].name);
    submit.disabled = true;
    replace(status, message('info', 'Checking the model against its manifest…'));
    try {
      const response = await fetch('/api/admin/classifiers/onnx', { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.status === 201) {
        const created = await response.json();
        replace(status, message('success', `Registered ${created.name} ${created.version} as ${created.id}.`));
        event.target.reset();
      } else {
        const problem = await problemOf(response);
        replace(status, message('error', `${problem.title ?? 'refused'}: `),
          h('ul', { class: 'errors' }, (problem.errors ?? [problem.detail]).map(e => h('li', {}, e))));
      }
    } catch {
      replace(status, message('error', 'The server cannot be reached.'));
    } finally {
      submit.disabled = false;
    }
    await refresh();
  }

  async function useForAnalysis(c) {
    try {
      await api('PUT', '/api/admin/classifiers/analysis', { id: c.id });
      replace(status, message('success', `New analyses run ${c.name}.`));
    } catch (e) {
      replace(status, message('error', e.message));
    }
    await refresh();
  }

  async function remove(c) {
    if (!confirm(`Delete ${c.name} ${c.version}? It can no longer be chosen for classification.`)) return;
    try {
      await del(`/api/admin/classifiers/onnx/${c.id}`);
      replace(status, message('success', `Deleted ${c.name}.`));
    } catch (e) {
      replace(status, message('error', e.message));
    }
    await refresh();
  }
}
