// Régions × indicateurs: a year's bilans of the 18 regions side by side,
// with the national completeness (regions that sent their bilan, of 18)
// and timeliness (first version received by the due date), each region's
// share of indicators with a value, and the national figure of each
// indicator (GET /api/v1/overview).

import { api } from '/common/api.js';
import { h, fmt, card, notice } from '/common/ui.js';
import { known, periodOf, periodField, labelOf, shown, nationalParts, timeliness, when } from '../national.js';

const ANNEXES = [
  { value: '5', label: 'Annexe 5 (indicateurs de suivi)' },
  { value: '1', label: 'Annexe 1 (plan d\'action régional)' },
  { value: 'toutes', label: 'Toutes les annexes' },
];

export default {
  async render (container, params, context) {
    const list = await known (context);
    const period = periodOf (params, list);
    const annex = ANNEXES.some (item => item.value === params.get ('annexe')) ? params.get ('annexe') : '5';
    const overview = await api.get ('overview', { period });
    const go = (nextPeriod, nextAnnex) => context.navigate (`#/regions?period=${nextPeriod}&annexe=${nextAnnex}`);

    const annexSelect = h ('select', { id: 'overview-annex', onchange: () => go (period, annexSelect.value) },
      ANNEXES.map (item => h ('option', { value: item.value, selected: item.value === annex }, item.label)));
    const toolbar = h ('div', { class: 'toolbar' },
      periodField ('overview-period', list, period, value => go (value, annex)),
      h ('div', { class: 'field' }, h ('label', { for: 'overview-annex' }, 'Indicateurs'), annexSelect));

    // ---------------------------------------------------------------- cards
    const reporting = overview.regions_reporting;
    const onTime = overview.timeliness.numerator;
    const waiting = overview.regions.filter (row => !row.reported);
    const missing = waiting.filter (row => row.timeliness === 'missing').length;
    const cards = h ('div', { class: 'cards', id: 'overview-cards' },
      card ('Complétude', fmt.percent (overview.completeness.value),
        `${reporting} région(s) sur ${overview.regions_expected} ont transmis leur bilan ${period}.`),
      card ('Ponctualité', reporting ? fmt.percent (overview.timeliness.value) : '—',
        reporting ? `${onTime} sur ${reporting} reçu(s) au plus tard le ${fmt.longDate (overview.due_date)}.`
          : `Échéance : ${fmt.longDate (overview.due_date)}.`),
      card ('Bilans attendus', String (waiting.length),
        missing ? `dont ${missing} non reçu(s) après l'échéance du ${fmt.date (overview.due_date)}.`
          : `Échéance : ${fmt.longDate (overview.due_date)}.`));

    // ---------------------------------------------------------------- table
    const columns = overview.indicators.filter (item => annex === 'toutes' || item.annex === annex);
    const indicatorHref = item => `#/indicateur?id=${encodeURIComponent (item.id)}&period=${period}`;
    const head = h ('tr', {},
      h ('th', { scope: 'col' }, 'Région'),
      h ('th', { scope: 'col' }, 'Transmission'),
      h ('th', { scope: 'col', class: 'num' }, 'Complétude'),
      columns.map (item => h ('th', { scope: 'col', class: 'num' },
        h ('a', { href: indicatorHref (item), title: labelOf (item), 'aria-label': `${item.id} — ${labelOf (item)}` }, item.id))));
    const rows = overview.regions.map (row => h ('tr', { class: row.reported ? undefined : 'missing', id: `region-${row.region}` },
      h ('th', { scope: 'row' }, h ('a', { href: `#/region?code=${row.region}` }, row.name), h ('span', { class: 'muted' }, ` (${row.region})`)),
      h ('td', {}, timeliness (row),
        row.reported ? h ('div', { class: 'muted', title: `reçue le ${when (row.received_at)}` }, `v${row.version} du ${fmt.date (row.received_at.slice (0, 10))}`) : null),
      h ('td', { class: 'num' }, row.reported
        ? h ('span', { title: `${row.completeness.numerator} indicateur(s) renseigné(s) sur ${row.completeness.denominator}` },
          fmt.percent (row.completeness.value, 0))
        : '—'),
      columns.map (item => h ('td', { class: 'num' }, row.reported ? shown (item.kind, row.values [item.id]) : '—'))));
    const foot = [
      h ('tr', { id: 'overview-national' },
        h ('th', { scope: 'row' }, 'France entière'),
        h ('td', {}, `${reporting} bilan(s) sur ${overview.regions_expected}`),
        h ('td', { class: 'num' }, fmt.percent (overview.completeness.value, 0)),
        columns.map (item => {
          const { value, detail } = nationalParts (item.kind, item.national);
          return h ('td', { class: 'num' }, value, detail ? h ('div', { class: 'muted' }, detail) : null);
        })),
      h ('tr', {},
        h ('th', { scope: 'row' }, 'Régions ayant une valeur'),
        h ('td', {}, ''), h ('td', {}, ''),
        columns.map (item => h ('td', { class: 'num' }, `${item.regions_with_value} / ${item.completeness.denominator}`))),
    ];
    const annexLabel = ANNEXES.find (item => item.value === annex).label.toLowerCase ();
    const matrix = h ('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'overview-caption' },
      h ('table', { class: 'matrix', id: 'overview-table' },
        h ('caption', { id: 'overview-caption' }, `Bilans ${period} des régions, ${annexLabel}`),
        h ('thead', {}, head), h ('tbody', {}, rows), h ('tfoot', {}, foot)));

    container.append (...[
      h ('h1', {}, `Régions × indicateurs — ${period}`),
      toolbar,
      reporting ? null : notice ('warn', `Aucune région n'a encore transmis son bilan ${period}.`),
      cards, matrix,
      h ('section', { class: 'definition' },
        h ('h2', {}, 'Lecture du tableau'),
        h ('ul', {},
          h ('li', {}, 'Chaque région est comptée par la dernière version reçue de son bilan ; les versions se consultent sur la page Région.'),
          h ('li', {}, `Complétude nationale : régions ayant transmis leur bilan, sur ${overview.regions_expected}. Complétude d'une région : indicateurs ayant une valeur, sur ceux du bilan (un taux dont le dénominateur est nul n'a pas de valeur ; zéro est une valeur).`),
          h ('li', {}, `Ponctualité : un bilan est à temps quand sa première version est arrivée au plus tard le ${fmt.longDate (overview.due_date)} (date fixée par l'administration nationale ; une version corrigée plus tard ne le rend pas en retard). Un bilan non reçu est « attendu » jusqu'à l'échéance, « non reçu » ensuite.`),
          h ('li', {}, 'Ligne France entière : les numérateurs et dénominateurs sont sommés sur les régions ayant transmis ; un indicateur oui/non devient la part des régions ayant répondu oui.'))),
    ].filter (Boolean));
  },
};
