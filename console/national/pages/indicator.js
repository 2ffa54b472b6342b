// Indicateur: one indicator across the regions for a year (bars) and
// across the years (the national figure and each region's, lines), with
// the figures as tables (GET /api/v1/overview and /api/v1/series).

import { api } from '/common/api.js';
import { h, fmt, table, notice } from '/common/ui.js';
import { barChart, lineChart } from '/common/charts.js';
import { known, indicators, periodOf, periodField, labelOf, shown, shownNational, chartValue, chartFormat, KIND_LABELS, timeliness } from '../national.js';

export default {
  async render (container, params, context) {
    const list = await known (context);
    const period = periodOf (params, list);
    const all = await indicators (context, period);
    const id = all.some (item => item.id === params.get ('id')) ? params.get ('id') : all [0].id;
    const indicator = all.find (item => item.id === id);
    const [overview, series] = await Promise.all ([api.get ('overview', { period }), api.get ('series', { indicator: id })]);
    const column = overview.indicators.find (item => item.id === id);
    const kind = indicator.kind;
    const go = (nextId, nextPeriod) => context.navigate (`#/indicateur?id=${encodeURIComponent (nextId)}&period=${nextPeriod}`);

    const pick = h ('select', { id: 'indicator-id', onchange: () => go (pick.value, period) },
      [['5', 'Annexe 5 : indicateurs de suivi'], ['1', 'Annexe 1 : plan d\'action régional']].map (([annex, label]) =>
        h ('optgroup', { label }, all.filter (item => item.annex === annex).map (item =>
          h ('option', { value: item.id, selected: item.id === id }, `${item.id} — ${labelOf (item)}`)))));
    const toolbar = h ('div', { class: 'toolbar' },
      h ('div', { class: 'field' }, h ('label', { for: 'indicator-id' }, 'Indicateur'), pick),
      periodField ('indicator-period', list, period, value => go (id, value)));

    // ---------------------------------------------------------------- across regions
    const reported = overview.regions.filter (row => row.reported);
    const max = kind === 'ratio' || kind === 'yes_no' ? 1 : undefined;
    const acrossRegions = reported.length
      ? barChart ({
        title: `${id} par région — bilans ${period}`,
        labels: reported.map (row => row.name),
        values: reported.map (row => chartValue (kind, row.values [id])),
        format: chartFormat (kind), max,
      })
      : notice ('warn', `Aucune région n'a transmis son bilan ${period}.`);
    const figures = table ({
      caption: `${id} par région — bilans ${period}`, id: 'indicator-regions',
      columns: [
        { label: 'Région', value: row => h ('a', { href: `#/region?code=${row.region}` }, row.name), rowHeader: true },
        { label: 'Numérateur', numeric: true, value: row => (row.reported ? (kind === 'amount' ? fmt.euros (row.values [id].numerator) : fmt.number (row.values [id].numerator)) : '') },
        { label: 'Dénominateur', numeric: true, value: row => (row.reported && kind === 'ratio' ? fmt.number (row.values [id].denominator) : '') },
        { label: 'Valeur', numeric: true, value: row => (row.reported ? h ('strong', {}, shown (kind, row.values [id])) : '') },
        { label: 'Transmission', value: row => timeliness (row) },
      ],
      rows: overview.regions,
    });

    // ---------------------------------------------------------------- across years
    const acrossYears = series.periods.length
      ? lineChart ({
        title: `${id} d'année en année`,
        xLabels: series.periods,
        series: [
          { name: 'France entière', values: series.national.map (item => chartValue (kind, item)) },
          ...series.regions.map (row => ({ name: row.name, values: row.values.map (item => chartValue (kind, item)) })),
        ],
        format: chartFormat (kind), max,
      })
      : notice ('warn', 'Aucun bilan reçu pour l\'instant.');

    container.append (
      h ('h1', {}, `${id} — ${labelOf (indicator)}`),
      toolbar,
      h ('p', { class: 'definition' },
        `Annexe ${indicator.annex} de l'instruction, ${KIND_LABELS [kind] || kind}. `,
        `France entière en ${period} : `, h ('strong', { id: 'indicator-national' }, shownNational (kind, column && column.national)),
        column ? `, sur ${column.regions_with_value} région(s) ayant une valeur.` : '.'),
      h ('section', { id: 'indicator-across-regions' }, h ('h2', {}, 'Entre les régions'), acrossRegions, figures),
      h ('section', { id: 'indicator-across-years' }, h ('h2', {}, 'D\'une année à l\'autre'), acrossYears,
        kind === 'yes_no' ? h ('p', { class: 'muted' }, 'Pour une région, 100 % signifie « oui » ; pour la France entière, la part des régions ayant répondu oui.') : null));
  },
};
