// The cardiovascular risk questionnaire (SCORE2 / SCORE2-OP, ESC 2021; docs/RISK.md): answers with a unit switch for
// cholesterol, POST /api/risk/score2, and the result as a percentage on a bar of the age's category bands, the category
// in plain words, "not a diagnosis", and a link to book an ECG when the category is high or very high.
import { api, ApiError } from '../core/api.js';
import { h, replace, message } from '../core/dom.js';
import { t, locale } from '../core/i18n.js';

const regions = ['veryHigh', 'high', 'moderate', 'low'];
const fmt = (value, digits = 1) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);

export async function render(main) {
  const result = h('div', { id: 'risk-result', 'aria-live': 'polite' });
  const field = (name, label, input) => h('label', { class: 'control', for: `risk-${name}` }, h('span', {}, label), input,
    h('span', { class: 'field-error', id: `risk-${name}-error`, role: 'alert' }));
  const number = (name, attrs) => h('input', { id: `risk-${name}`, name, type: 'number', inputmode: 'decimal', required: true, ...attrs });
  const choice = (name, options) => h('div', { class: 'choice', role: 'radiogroup', id: `risk-${name}` },
    options.map(([value, label], i) => h('label', {}, h('input', { type: 'radio', name, value, required: i === 0 }), ' ', label)));
  const unit = h('select', { id: 'risk-cholesterolUnit', name: 'cholesterolUnit' },
    h('option', { value: 'mmol/L' }, 'mmol/L'), h('option', { value: 'mg/dL' }, 'mg/dL'));
  const total = number('totalCholesterol', { min: 3, max: 10, step: 0.1, placeholder: '5.5' });
  const hdl = number('hdlCholesterol', { min: 0.5, max: 3, step: 0.1, placeholder: '1.3' });
  unit.addEventListener('change', () => {
    const mg = unit.value === 'mg/dL';
    const convert = input => { if (input.value) input.value = String(Math.round((mg ? Number(input.value) * 38.67 : Number(input.value) / 38.67) * 10) / 10); };
    Object.assign(total, mg ? { min: 116, max: 387, step: 1, placeholder: '213' } : { min: 3, max: 10, step: 0.1, placeholder: '5.5' });
    Object.assign(hdl, mg ? { min: 19, max: 117, step: 1, placeholder: '50' } : { min: 0.5, max: 3, step: 0.1, placeholder: '1.3' });
    convert(total); convert(hdl);
  });
  const condition = (name, label) => h('label', { class: 'check' }, h('input', { type: 'checkbox', id: `risk-${name}`, name }), ' ', label);
  const region = h('select', { id: 'risk-region', name: 'region' }, regions.map(r => h('option', { value: r }, t(`risk.region.${r}`))));

  const form = h('form', { class: 'card risk-form', novalidate: true, onsubmit: submit },
    h('p', { class: 'muted' }, t('risk.intro')),
    h('div', { class: 'grid' },
      field('age', t('risk.age'), number('age', { min: 40, max: 89, step: 1, inputmode: 'numeric' })),
      field('sex', t('risk.sex'), choice('sex', [['male', t('risk.sex.male')], ['female', t('risk.sex.female')]])),
      field('smoker', t('risk.smoker'), choice('smoker', [['true', t('risk.yes')], ['false', t('risk.no')]])),
      field('systolicBp', t('risk.sbp'), number('systolicBp', { min: 100, max: 200, step: 1, inputmode: 'numeric', placeholder: '130' })),
      field('cholesterolUnit', t('risk.unit'), unit),
      field('totalCholesterol', t('risk.total'), total),
      field('hdlCholesterol', t('risk.hdl'), hdl),
      field('region', t('risk.region'), region)),
    h('fieldset', { class: 'conditions' }, h('legend', {}, t('risk.conditions')),
      condition('cardiovascularDisease', t('risk.cvd')), condition('diabetes', t('risk.diabetes')),
      condition('chronicKidneyDisease', t('risk.ckd')), condition('familialHypercholesterolaemia', t('risk.fh'))),
    h('button', { type: 'submit', class: 'button primary' }, t('risk.submit')));
  main.append(h('h1', {}, t('risk.title')), form, result);

  async function submit(event) {
    event.preventDefault();
    for (const e of form.querySelectorAll('.field-error')) e.textContent = '';
    const data = new FormData(form);
    const numberOf = name => (data.get(name) === '' || data.get(name) === null ? null : Number(data.get(name)));
    const radio = name => (data.get(name) === null ? null : String(data.get(name)));
    const body = {
      age: numberOf('age'), sex: radio('sex'), smoker: radio('smoker') === null ? null : radio('smoker') === 'true',
      systolicBp: numberOf('systolicBp'), totalCholesterol: numberOf('totalCholesterol'), hdlCholesterol: numberOf('hdlCholesterol'),
      cholesterolUnit: unit.value, region: region.value,
      cardiovascularDisease: data.has('cardiovascularDisease'), diabetes: data.has('diabetes'),
      chronicKidneyDisease: data.has('chronicKidneyDisease'), familialHypercholesterolaemia: data.has('familialHypercholesterolaemia'),
    };
    try {
      showResult(await api('POST', '/api/risk/score2', body));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.problem.errors) {
        for (const [name, messages] of Object.entries(e.problem.errors)) {
          const slot = form.querySelector(`#risk-${name}-error`);
          if (slot) slot.textContent = messages.join(' ');
        }
        replace(result, message('error', e.problem.title));
        form.querySelector('.field-error:not(:empty)')?.previousElementSibling?.focus?.();
      } else if (e instanceof ApiError && e.status === 422) {
        replace(result, h('section', { class: 'card risk-excluded', id: 'risk-excluded' },
          h('h2', {}, t('risk.notApplicable')), h('p', {}, e.problem.detail), h('p', { class: 'muted' }, t('risk.notDiagnosis'))));
      } else {
        replace(result, message('error', e.message));
      }
    }
  }

  /** @param {import('../core/types.js').Score2View} r */
  function showResult(r) {
    const max = Math.max(r.veryHighFromPercent * 2, Math.ceil(r.riskPercent / 5) * 5);
    const at = value => `${Math.min(100, (value / max) * 100)}%`;
    const bar = h('div', { class: 'risk-bar', role: 'img', 'aria-label': `${t('risk.scale')}: ${fmt(r.riskPercent)}%` },
      h('div', { class: 'band low', style: { width: at(r.highFromPercent) } }),
      h('div', { class: 'band high', style: { width: `calc(${at(r.veryHighFromPercent)} - ${at(r.highFromPercent)})` } }),
      h('div', { class: 'band very-high' }),
      h('div', { class: 'marker', style: { left: at(r.riskPercent) } }));
    const ticks = h('div', { class: 'risk-ticks' },
      h('span', { style: { left: at(r.highFromPercent) } }, `${fmt(r.highFromPercent)}%`),
      h('span', { style: { left: at(r.veryHighFromPercent) } }, `${fmt(r.veryHighFromPercent)}%`));
    replace(result, h('section', { class: `card risk-result category-${r.category}`, 'aria-labelledby': 'risk-result-title' },
      h('h2', { id: 'risk-result-title' }, t('risk.result.title')),
      h('p', { class: 'risk-percent' }, h('strong', { id: 'risk-percent' }, `${fmt(r.riskPercent)}%`), ' ',
        h('span', { class: 'risk-category', id: 'risk-category' }, t(`risk.category.${r.category}`))),
      bar, ticks,
      h('p', {}, t('risk.result.percent', { percent: fmt(r.riskPercent) })),
      h('p', { id: 'risk-explanation' }, t(`risk.explain.${r.category}`)),
      h('p', { class: 'muted' }, t('risk.bands', { high: fmt(r.highFromPercent), veryHigh: fmt(r.veryHighFromPercent) })),
      r.suggestEcg ? h('div', { class: 'risk-book' }, h('p', {}, t('risk.bookWhy')),
        h('a', { class: 'button primary', href: '/clinics', id: 'risk-book' }, t('risk.book'))) : null,
      h('p', { class: 'notice', id: 'risk-not-diagnosis' }, h('strong', {}, t('risk.notDiagnosis'))),
      h('p', { class: 'muted small' }, t('risk.result.model', { model: r.model, region: t(`risk.region.${r.region}`) })),
      h('p', { class: 'muted small' }, t('risk.source', { citation: r.citation }))));
    result.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}
