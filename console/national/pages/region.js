// Région: a region's bilans as received, every version of every year with
// its SHA-256 and when it came (GET /api/v1/bilans/REGION), and the
// figures of the version chosen (GET /api/v1/bilans/REGION/YEAR/VERSION).

import { api } from '/common/api.js';
import { h, fmt, table, notice, badge } from '/common/ui.js';
import { enumLabel } from '/common/labels.js';
import { known, indicators, periodOf, labelOfId, regionName, when, downloadLink } from '../national.js';

// The figure of a document's indicator, as a person reads it
function value (indicator) {
  switch (indicator.kind) {
    case 'yes_no': return Number (indicator.numerator) ? 'oui' : 'non';
    case 'ratio': return indicator.value === null ? 'sans valeur' : fmt.percent (indicator.value);
    case 'amount': return fmt.euros (indicator.numerator);
    default: return fmt.number (indicator.numerator);
  }
}

export default {
  async render (container, params, context) {
    const list = await known (context);
    const latest = periodOf (new URLSearchParams (), list);
    let code = params.get ('code');
    if (!(list.regions || []).some (item => item.region === code)) {
      // The first region that reported for the latest year, else the first
      const overview = await api.get ('overview', { period: latest });
      const first = overview.regions.find (row => row.reported);
      code = first ? first.region : list.regions [0].region;
    }
    const name = regionName (list, code);
    const [listing, labels] = await Promise.all ([api.get (`bilans/${code}`), indicators (context, latest)]);
    const periods = listing.periods.slice ().reverse ();
    const go = query => context.navigate (`#/region?code=${code}${query || ''}`);

    const regionSelect = h ('select', { id: 'region-code', onchange: () => context.navigate (`#/region?code=${regionSelect.value}`) },
      list.regions.map (item => h ('option', { value: item.region, selected: item.region === code }, `${item.name} (${item.region})`)));
    const toolbar = h ('div', { class: 'toolbar' }, h ('div', { class: 'field' }, h ('label', { for: 'region-code' }, 'Région'), regionSelect));
    if (!periods.length) {
      container.append (h ('h1', {}, name), toolbar,
        notice ('warn', `${name} n'a transmis aucun bilan pour l'instant.`));
      return;
    }

    // ---------------------------------------------------------------- the version shown
    const asked = params.get ('period');
    const year = periods.find (item => item.period === asked) || periods [0];
    const version = Number (params.get ('version')) || year.latest_version;
    const documentPath = `bilans/${code}/${year.period}/${version}`;
    const bilan = await api.get (documentPath);
    const choices = periods.flatMap (item => item.versions.slice ().reverse ().map (entry => ({
      value: `${item.period}/${entry.version}`,
      label: `${item.period}, version ${entry.version}${entry.latest ? ' (retenue)' : ''}`,
    })));
    const versionSelect = h ('select', { id: 'region-version', onchange: () => {
      const [period, number] = versionSelect.value.split ('/');
      go (`&period=${period}&version=${number}`);
    } }, choices.map (item => h ('option', { value: item.value, selected: item.value === `${year.period}/${version}` }, item.label)));
    toolbar.append (h ('div', { class: 'field' }, h ('label', { for: 'region-version' }, 'Bilan affiché'), versionSelect));

    // ---------------------------------------------------------------- versions
    const history = h ('section', { id: 'region-versions' },
      h ('h2', {}, 'Bilans reçus et leurs versions'),
      periods.map (item => h ('section', { id: `region-period-${item.period}` },
        h ('h3', {}, `Bilan ${item.period}`),
        h ('p', {}, item.on_time ? badge ('ok', 'reçu à temps') : badge ('bad', 'reçu en retard'),
          ` Première version reçue le ${when (item.first_received_at)} ; échéance : ${fmt.longDate (item.due_date)}.`),
        table ({
          caption: `Versions du bilan ${item.period} de ${name}`, captionHidden: true,
          columns: [
            { label: 'Version', rowHeader: true, value: entry => h ('a', { href: `#/region?code=${code}&period=${item.period}&version=${entry.version}` }, `Version ${entry.version}`) },
            { label: 'Reçue le', value: entry => when (entry.received_at) },
            { label: 'Finalisée le', value: entry => when (entry.finalised_at) },
            { label: 'Avertissements', numeric: true, value: entry => fmt.number (entry.warnings) },
            { label: 'Prise en compte', value: entry => (entry.latest ? badge ('ok', 'version retenue') : h ('span', { class: 'muted' }, 'remplacée')) },
            { label: 'Empreinte SHA-256', value: entry => h ('code', { class: 'hash' }, entry.sha256) },
          ],
          rows: item.versions.slice ().reverse (),
        }))));

    // ---------------------------------------------------------------- figures
    const establishments = bilan.establishments || [];
    const issues = bilan.validation || [];
    const figures = h ('section', { id: 'region-figures' },
      h ('h2', {}, `Indicateurs du bilan ${year.period}, version ${version}`),
      h ('p', {}, `Période du ${fmt.date (bilan.period_start)} au ${fmt.date (bilan.period_end)}, date de référence ${fmt.date (bilan.reference_date)} ; `,
        `${establishments.length} établissement(s). Empreinte SHA-256 : `, h ('code', { class: 'hash', id: 'region-sha' }, bilan.sha256)),
      h ('div', { class: 'actions' },
        downloadLink ('region-download', `/api/v1/${documentPath}`, `bilan-${code}-${year.period}-v${version}.json`, 'Télécharger le document (JSON)')),
      table ({
        caption: `Indicateurs de ${name}, bilan ${year.period} version ${version}`, id: 'region-indicators',
        columns: [
          { label: 'Code', key: 'id', rowHeader: true },
          { label: 'Indicateur', value: item => labelOfId (labels, item.id, funder => enumLabel ('funding.FunderKind', funder)) },
          { label: 'Numérateur', numeric: true, value: item => (item.kind === 'amount' ? fmt.euros (item.numerator) : fmt.number (item.numerator)) },
          { label: 'Dénominateur', numeric: true, value: item => (item.kind === 'ratio' ? fmt.number (item.denominator) : '') },
          { label: 'Valeur', numeric: true, value: item => h ('strong', {}, value (item)) },
        ],
        rows: bilan.indicators || [],
      }),
      issues.length ? h ('section', {},
        h ('h3', {}, 'Contrôles signalés par la région'),
        h ('ul', { id: 'region-issues' }, issues.map (issue => h ('li', {},
          badge (issue.severity === 'error' ? 'bad' : 'warn', issue.severity === 'error' ? 'Erreur' : 'Avertissement'), ' ',
          issue.indicator ? h ('strong', {}, `${issue.indicator} `) : null,
          issue.establishment ? `(établissement ${issue.establishment}) ` : '',
          issue.message)))) : null,
      establishments.length ? table ({
        caption: 'Établissements du bilan', id: 'region-establishments',
        columns: [
          { label: 'Code', key: 'code', rowHeader: true },
          { label: 'Établissement', key: 'name' },
          { label: 'Type', key: 'kind' },
          { label: 'Mineurs', value: item => (item.minors ? 'oui' : 'non') },
        ],
        rows: establishments,
      }) : null);

    container.append (h ('h1', {}, `${name} (${code})`), toolbar, figures, history);
  },
};
