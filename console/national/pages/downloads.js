// Téléchargements: what the national API offers for a year, as files: the
// national aggregate and the regions x indicators table in JSON and CSV,
// the console's overview, and each region's bilan document as received.

import { api } from '/common/api.js';
import { h, fmt, table } from '/common/ui.js';
import { known, periodOf, periodField, downloadLink, when } from '../national.js';

export default {
  async render (container, params, context) {
    const list = await known (context);
    const period = periodOf (params, list);
    const overview = await api.get ('overview', { period });
    const reported = overview.regions.filter (row => row.reported);
    const file = (id, path, name, label) => downloadLink (id, `/api/v1/${path}`, name, label);

    container.append (
      h ('h1', {}, `Téléchargements — ${period}`),
      h ('div', { class: 'toolbar' }, periodField ('downloads-period', list, period, value => context.navigate (`#/telechargements?period=${value}`))),
      h ('p', {}, `${reported.length} région(s) sur ${overview.regions_expected} ont transmis leur bilan ${period} ; chaque région compte par la dernière version reçue.`),
      h ('div', { class: 'downloads' },
        h ('section', { class: 'card', id: 'download-aggregate' },
          h ('h2', {}, 'Agrégat national'),
          h ('p', {}, 'Par indicateur : sommes des numérateurs et des dénominateurs, valeur, régions l\'ayant renseigné ; complétude et ponctualité.'),
          h ('div', { class: 'actions' },
            file ('download-aggregate-csv', `aggregate?period=${period}&format=csv`, `pps-agregat-${period}.csv`, 'Tableur CSV'),
            file ('download-aggregate-json', `aggregate?period=${period}`, `pps-agregat-${period}.json`, 'Document JSON'))),
        h ('section', { class: 'card', id: 'download-regions' },
          h ('h2', {}, 'Régions × indicateurs'),
          h ('p', {}, 'Une ligne par région et par indicateur (CSV), ou le tableau par région (JSON) avec les dates de réception.'),
          h ('div', { class: 'actions' },
            file ('download-regions-csv', `regions?period=${period}&format=csv`, `pps-regions-${period}.csv`, 'Tableur CSV'),
            file ('download-regions-json', `regions?period=${period}`, `pps-regions-${period}.json`, 'Document JSON'))),
        h ('section', { class: 'card', id: 'download-overview' },
          h ('h2', {}, 'Vue d\'ensemble'),
          h ('p', {}, 'Les 18 régions avec leur complétude et leur ponctualité, et la valeur nationale de chaque indicateur, comme sur la page Régions × indicateurs.'),
          h ('div', { class: 'actions' },
            file ('download-overview-json', `overview?period=${period}`, `pps-vue-ensemble-${period}.json`, 'Document JSON')))),
      h ('p', { class: 'muted' }, 'Les fichiers CSV sont en UTF-8, séparés par des virgules, avec un point décimal ; les montants sont en centimes d\'euro, les taux entre 0 et 1.'),
      h ('h2', {}, 'Bilans des régions'),
      table ({
        caption: `Bilans ${period} reçus, dernière version`, id: 'download-bilans',
        empty: `Aucun bilan ${period} reçu.`,
        columns: [
          { label: 'Région', rowHeader: true, value: row => h ('a', { href: `#/region?code=${row.region}&period=${period}` }, row.name) },
          { label: 'Version', numeric: true, value: row => fmt.number (row.version) },
          { label: 'Reçue le', value: row => when (row.received_at) },
          { label: 'Document', value: row => h ('a', {
            href: `/api/v1/bilans/${row.region}/${period}/${row.version}`, download: `bilan-${row.region}-${period}-v${row.version}.json`,
            'aria-label': `JSON du bilan de ${row.name}`,
          }, 'JSON') },
        ],
        rows: reported,
      }));
  },
};
