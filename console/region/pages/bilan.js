// Bilan: a year's figures (annex 5 and annex 1), computed now as a draft
// or read from a finalised version; its checks, each linked to the page
// where the records behind it are corrected; charts across establishments
// and across years; finalising (admins), the push to the national level,
// the versions with their hash, the downloads and a printable report.

import { api } from '/common/api.js';
import { h, fill, fmt, table, notice, badge, errorText, download, fromBase64 } from '/common/ui.js';
import { barChart, lineChart } from '/common/charts.js';
import { enumLabel } from '/common/labels.js';
import { regionCode, finalisedBilans, yearBilan } from '../region.js';

const FIRST_YEAR = 2020;
const TREND_YEARS = 4;

// What each check means, in French (bilan/bilan_rules.c names them)
const RULES = {
  numerator_le_denominator: 'Un numérateur dépasse son dénominateur.',
  establishments_sum: 'Les totaux régionaux ne sont pas la somme des établissements.',
  granted_sum: 'Le total des montants accordés n\'est pas la somme des montants par financeur.',
  amount_limit: 'Un montant dépasse la limite admise.',
  region_without_establishment: 'Aucun établissement ouvert à la date de référence : les taux par établissement n\'ont pas de valeur.',
  region_without_health_unit: 'Aucune unité sanitaire ouverte à la date de référence : A5.4 n\'a pas de valeur.',
  establishment_without_health_unit: 'Un établissement n\'a pas d\'unité sanitaire ouverte à la date de référence : son A5.4 n\'a pas de valeur.',
  minors_indicator_without_minors: 'Aucun EPM ni quartier mineurs ouvert : A5.8 n\'a pas de valeur.',
  headcount_missing: 'Effectif non renseigné pour une famille de professionnels : son taux de l\'OS 2 n\'a pas de valeur.',
  no_project: 'Aucun projet mis en place sur la période : OO4.6 n\'a pas de valeur.',
  no_reference_hospital: 'Une unité sanitaire ouverte n\'a pas d\'hôpital de rattachement : OO5.1 n\'a pas de valeur.',
  no_steering_committee: 'Aucun comité de pilotage actif à la date de référence : OO5.4 n\'a pas de valeur.',
  programme_missing: 'Aucun programme régional adopté et en vigueur à la date de référence (A5.1 est « non »).',
  read_model_behind: 'Brouillon calculé alors que les indicateurs n\'avaient pas encore reçu toutes les données : recalculez.',
};

// Where the records behind an indicator are corrected
function pageOf (indicator, establishmentId) {
  const id = indicator || '';
  const where = establishmentId && establishmentId !== '0' ? `?establishment=${establishmentId}` : '';
  if (/^(A5\.4|A5\.7|OO5\.2|A5\.2|OO1\.1)/.test (id)) return { href: `#/referents${where}`, label: 'Référents' };
  if (/^(A5\.5|OO5\.4|OS3)/.test (id)) return { href: `#/instances${where}`, label: 'Instances' };
  if (/^(A5\.6|A5\.8|OO4\.1|OO4\.6|OO5\.5)/.test (id)) return { href: `#/projets${where}`, label: 'Projets' };
  if (/^(A5\.3|OS2)/.test (id)) return { href: '#/formation', label: 'Formation' };
  if (/^(OO4\.3|OO1\.3)/.test (id)) return { href: '#/financements', label: 'Financements' };
  return { href: '#/operations', label: 'Toutes les opérations' };
}

// The service labels amounts in cents; the console shows them in euros
export function labelOf (indicator) {
  return (indicator.label || '').replace (' (centimes)', ' (€)');
}

// An indicator's value as a person reads it
export function shown (indicator) {
  if (!indicator)
    return '—';
  switch (indicator.kind) {
    case 'YES_NO': return Number (indicator.numerator || 0) ? 'oui' : 'non';
    case 'COUNT': return fmt.number (indicator.numerator || 0);
    case 'AMOUNT': return fmt.euros (indicator.numerator || 0);
    case 'RATIO': return indicator.has_value ? fmt.percent (indicator.value ?? 0) : 'sans valeur';
    default: return indicator.has_value ? fmt.number (indicator.value ?? 0) : '—';
  }
}

function chartValue (indicator) {
  if (!indicator)
    return NaN;
  if (indicator.kind === 'RATIO')
    return indicator.has_value ? indicator.value ?? 0 : NaN;
  if (indicator.kind === 'AMOUNT')
    return Number (indicator.numerator || 0) / 100;
  return Number (indicator.numerator || 0);
}

function chartFormat (kind) {
  if (kind === 'RATIO') return value => fmt.percent (value, 0);
  if (kind === 'AMOUNT') return value => fmt.euros (value * 100);
  return value => fmt.number (value);
}

const EXPORTS = [
  { format: 'JSON', label: 'Document JSON' },
  { format: 'CSV', label: 'Tableur CSV' },
  { format: 'XLSX', label: 'Classeur Excel (XLSX)' },
  { format: 'DHIS2', label: 'Valeurs DHIS2' },
  { format: 'DHIS2_METADATA', label: 'Métadonnées DHIS2' },
  { format: 'ADX', label: 'ADX (IHE)' },
];

async function exportBilan (year, version, format) {
  const result = await api.read ('indicators', 'export_bilan', { 'bilan.year': year, 'bilan.version': version, format });
  const bytes = result.data ? fromBase64 (result.data) : new TextEncoder ().encode (result.text || '');
  download (result.filename || `bilan-${year}.${format.toLowerCase ()}`, bytes, result.content_type);
}

export default {
  async render (container, params, context) {
    const code = await regionCode (context);
    const thisYear = new Date ().getFullYear ();
    const year = Number (params.get ('year')) || thisYear - 1;
    const finalised = await finalisedBilans (context);
    const versions = finalised.filter (item => item.year === year).sort ((a, b) => b.version - a.version);
    const wanted = params.get ('version');
    // A finalised version when there is one (the latest unless told), else the draft
    const version = wanted === 'brouillon' || !versions.length ? 0 : Number (wanted) || versions [0].version;
    const bilan = version
      ? await api.read ('indicators', 'get_bilan', { year, version })
      : await api.read ('indicators', 'compute_bilan', { year });
    const go = (nextYear, nextVersion) => context.navigate (`#/bilan?year=${nextYear}${nextVersion !== undefined ? `&version=${nextVersion}` : ''}`);

    // ---------------------------------------------------------------- header
    const yearSelect = h ('select', { id: 'bilan-year', onchange: () => go (yearSelect.value) },
      Array.from ({ length: thisYear - FIRST_YEAR + 1 }, (_, index) => thisYear - index).map (item =>
        h ('option', { value: item, selected: item === year }, String (item))));
    const versionSelect = h ('select', { id: 'bilan-version', onchange: () => go (year, versionSelect.value) },
      h ('option', { value: 'brouillon', selected: version === 0 }, 'Brouillon calculé maintenant'),
      versions.map (item => h ('option', { value: item.version, selected: item.version === version },
        `Version ${item.version} — ${enumLabel ('indicators.BilanState', item.state)}`)));
    const errors = (bilan.validation || []).filter (issue => issue.severity === 'ERROR');
    const warnings = (bilan.validation || []).filter (issue => issue.severity !== 'ERROR');
    const status = h ('div', { id: 'bilan-status', 'aria-live': 'polite' });
    const actions = h ('div', { class: 'actions no-print' },
      h ('button', { type: 'button', id: 'bilan-compute', class: 'secondary', onclick: () => go (year, 'brouillon') }, 'Recalculer le brouillon'),
      h ('button', { type: 'button', id: 'bilan-print', class: 'secondary', onclick: () => window.print () }, 'Imprimer le rapport'),
      context.isAdmin && version === 0 ? h ('button', {
        type: 'button', id: 'bilan-finalise', disabled: errors.length > 0,
        title: errors.length ? 'Corrigez d\'abord les erreurs' : undefined,
        onclick: () => confirmFinalise (),
      }, `Finaliser le bilan ${year}`) : null);

    const finaliseDialog = h ('dialog', { id: 'finalise-dialog', 'aria-labelledby': 'finalise-title' },
      h ('h2', { id: 'finalise-title' }, `Finaliser le bilan ${year} ?`),
      h ('p', {}, 'La version finalisée est figée, signée par son empreinte SHA-256 et envoyée au niveau national. Une correction ultérieure produira une nouvelle version.'),
      h ('div', { class: 'actions' },
        h ('button', { type: 'button', id: 'finalise-confirm', onclick: async () => {
          finaliseDialog.close ();
          try {
            const done = await api.write ('indicators', 'finalise_bilan', { year });
            go (year, done.version);
          }
          catch (error) { fill (status, notice ('bad', `Finalisation refusée : ${errorText (error)}`)); }
        } }, 'Finaliser'),
        h ('button', { type: 'button', class: 'secondary', onclick: () => finaliseDialog.close () }, 'Annuler')));
    function confirmFinalise () { finaliseDialog.showModal (); }

    const identity = version
      ? h ('p', { id: 'bilan-identity' }, `Version ${bilan.version}, finalisée le ${fmt.time (bilan.finalised_ms)} par ${bilan.finalised_by || '—'} `,
          badge (bilan.state === 'ACKNOWLEDGED' ? 'ok' : bilan.state === 'REJECTED' ? 'bad' : 'warn', enumLabel ('indicators.BilanState', bilan.state)),
          h ('br'), h ('span', { class: 'muted' }, 'Empreinte SHA-256 : '), h ('code', { id: 'bilan-sha' }, bilan.sha256))
      : h ('p', { id: 'bilan-identity' }, badge ('warn', 'Brouillon'), ` calculé le ${fmt.time (bilan.computed_ms)} à partir des données actuelles ; il n'est ni conservé ni envoyé.`);

    // ---------------------------------------------------------------- checks and figures
    // Made again from a new draft when the data changes (live)
    const sectionsOf = bilan => {
    const errors = (bilan.validation || []).filter (issue => issue.severity === 'ERROR');
    const warnings = (bilan.validation || []).filter (issue => issue.severity !== 'ERROR');
    const issueRow = issue => {
      const page = pageOf (issue.indicator, issue.establishment_id);
      const establishment = (bilan.establishments || []).find (item => item.establishment_id === issue.establishment_id);
      return h ('li', {},
        badge (issue.severity === 'ERROR' ? 'bad' : 'warn', issue.severity === 'ERROR' ? 'Erreur' : 'Avertissement'), ' ',
        issue.indicator ? h ('strong', {}, `${issue.indicator} `) : null,
        establishment ? `(${establishment.name}) ` : '',
        RULES [issue.rule] || issue.message, ' ',
        h ('a', { href: page.href }, `Corriger dans « ${page.label} »`));
    };
    const checks = h ('section', { id: 'bilan-checks' },
      h ('h2', {}, 'Contrôles'),
      errors.length ? notice ('bad', `${errors.length} erreur(s) : le bilan ne peut pas être finalisé.`)
        : notice ('ok', version ? `Aucune erreur ; ${warnings.length} avertissement(s).` : 'Aucune erreur : le bilan peut être finalisé.'),
      (bilan.validation || []).length ? h ('ul', { id: 'bilan-issues' }, [...errors, ...warnings].map (issueRow)) : null);

    // ---------------------------------------------------------------- figures
    const indicators = (bilan.indicators || []).filter (item => !/^OO4\.3\.granted\./.test (item.id));
    const byFunder = (bilan.indicators || []).filter (item => /^OO4\.3\.granted\./.test (item.id));
    const figures = h ('section', { id: 'bilan-figures' },
      h ('h2', {}, 'Indicateurs'),
      table ({
        caption: `Indicateurs du bilan ${year} (annexe 5 et annexe 1)`, id: 'indicators-table',
        columns: [
          { label: 'Code', value: item => h ('span', { id: `ind-${item.id.replace (/\./g, '-')}` }, item.id), rowHeader: true },
          { label: 'Indicateur', value: item => labelOf (item) },
          { label: 'Numérateur', numeric: true, value: item => (item.kind === 'AMOUNT' ? fmt.euros (item.numerator || 0) : fmt.number (item.numerator || 0)) },
          { label: 'Dénominateur', numeric: true, value: item => (item.kind === 'RATIO' ? fmt.number (item.denominator || 0) : '') },
          { label: 'Valeur', numeric: true, value: item => h ('strong', { class: 'value' }, shown (item)) },
        ],
        rows: indicators,
      }),
      byFunder.length ? table ({
        caption: 'Montants accordés par type de financeur (OO 4.3)', id: 'funders-table',
        columns: [
          { label: 'Financeur', value: item => enumLabel ('funding.FunderKind', item.id.split ('.').pop ()), rowHeader: true },
          { label: 'Montant accordé', numeric: true, value: item => fmt.euros (item.numerator || 0) },
        ],
        rows: byFunder,
      }) : null);
    return { checks, figures, errors };
    };
    let sections = sectionsOf (bilan);
    let shownBilan = bilan;

    // ---------------------------------------------------------------- charts
    const perEstablishment = Array.from (new Set ((shownBilan.establishments || []).flatMap (item => item.indicators.map (indicator => indicator.id))));
    const chartPick = h ('select', { id: 'chart-indicator' },
      perEstablishment.map (id => {
        const indicator = (shownBilan.indicators || []).find (item => item.id === id);
        return h ('option', { value: id }, `${id} — ${indicator ? labelOf (indicator) : ''}`);
      }));
    const chartBox = h ('div', { id: 'chart-establishments' });
    const trendBox = h ('div', { id: 'chart-years' });
    const years = Array.from ({ length: TREND_YEARS }, (_, index) => year - TREND_YEARS + 1 + index);
    const yearBilans = Promise.all (years.map (item => (item === year ? Promise.resolve (shownBilan)
      : yearBilan (item, finalised))));
    const drawCharts = async () => {
      const id = chartPick.value;
      const regional = (shownBilan.indicators || []).find (item => item.id === id);
      const kind = regional ? regional.kind : 'RATIO';
      const rows = (shownBilan.establishments || []).map (item => ({ name: item.name, indicator: item.indicators.find (indicator => indicator.id === id) }))
        .filter (row => row.indicator);
      fill (chartBox, barChart ({
        title: `${id} par établissement — ${year}`,
        labels: rows.map (row => row.name),
        values: rows.map (row => chartValue (row.indicator)),
        format: chartFormat (kind),
        max: kind === 'RATIO' ? 1 : undefined,
      }));
      const all = await yearBilans;
      fill (trendBox, lineChart ({
        title: `${id} pour la région, ${years [0]}–${year}`,
        xLabels: years.map (String),
        series: [{ name: id, values: all.map (item => chartValue (item && (item.indicators || []).find (indicator => indicator.id === id))) }],
        format: chartFormat (kind),
        max: kind === 'RATIO' ? 1 : undefined,
      }));
    };
    chartPick.addEventListener ('change', drawCharts);
    const charts = h ('section', { id: 'bilan-charts' },
      h ('h2', {}, 'Graphiques'),
      h ('div', { class: 'toolbar no-print' }, h ('div', { class: 'field' }, h ('label', { for: 'chart-indicator' }, 'Indicateur'), chartPick)),
      chartBox, trendBox);

    // ---------------------------------------------------------------- versions and push
    const history = h ('section', { id: 'bilan-versions' });
    const drawHistory = async fresh => {
    const [kept, outbox] = await Promise.all ([
      fresh ? api.read ('indicators', 'list_bilans', { region_code: code, year })
        .then (list => (list.items || []).sort ((a, b) => b.version - a.version))
        : Promise.resolve (versions),
      api.read ('indicators', 'list_outbox').catch (() => ({ items: [] })),
    ]);
    const pushOf = item => (outbox.items || []).find (entry => entry.year === item.year && entry.version === item.version);
    fill (history,
      h ('h2', {}, 'Versions finalisées et envoi national'),
      table ({
        caption: `Versions du bilan ${year}`, captionHidden: true, id: 'versions-table',
        empty: 'Aucune version finalisée pour cette année.',
        columns: [
          { label: 'Version', value: item => h ('a', { href: `#/bilan?year=${year}&version=${item.version}` }, `Version ${item.version}`), rowHeader: true },
          { label: 'Finalisée le', value: item => fmt.time (item.finalised_ms) },
          { label: 'Par', value: item => item.finalised_by },
          { label: 'État', value: item => enumLabel ('indicators.BilanState', item.state) },
          { label: 'Envoi', value: item => { const entry = pushOf (item); return entry ? `${enumLabel ('indicators.OutboxState', entry.state)} (${entry.attempts} tentative(s))${entry.last_error && entry.state !== 'DELIVERED' ? ` — ${entry.last_error}` : ''}` : '—'; } },
          { label: 'Empreinte SHA-256', value: item => h ('code', {}, (item.sha256 || '').slice (0, 16) + '…') },
        ],
        rows: kept,
      }));
    };

    const downloads = h ('section', { id: 'bilan-downloads', class: 'no-print' },
      h ('h2', {}, 'Téléchargements'),
      version
        ? h ('div', { class: 'actions' }, EXPORTS.map (item => h ('button', {
            type: 'button', class: 'secondary', id: `export-${item.format.toLowerCase ()}`,
            onclick: async () => {
              try { await exportBilan (year, version, item.format); }
              catch (error) { fill (status, notice ('bad', `Export impossible : ${errorText (error)}`)); }
            },
          }, item.label)))
        : h ('p', { class: 'muted' }, 'Les exports portent sur une version finalisée : choisissez-en une, ou finalisez le bilan.'));

    container.append (
      h ('h1', {}, `Bilan ${year} — région ${code}`),
      h ('p', { class: 'print-only' }, `Rapport imprimé le ${fmt.longDate (new Date ().toISOString ().slice (0, 10))}.`),
      h ('div', { class: 'toolbar no-print' },
        h ('div', { class: 'field' }, h ('label', { for: 'bilan-year' }, 'Année'), yearSelect),
        h ('div', { class: 'field' }, h ('label', { for: 'bilan-version' }, 'Version'), versionSelect)),
      identity, status, actions, finaliseDialog,
      sections.checks, sections.figures, charts, history, downloads);
    await Promise.all ([drawCharts (), drawHistory ()]);

    // Live: the push of a version moves (its state, its attempts); a
    // draft is computed again when the data behind it changes, in place
    let later, laterDraft;
    context.on ('indicators.', () => { clearTimeout (later); later = setTimeout (() => drawHistory (true), 300); });
    const recompute = async () => {
      try {
        shownBilan = await api.read ('indicators', 'compute_bilan', { year });
        const next = sectionsOf (shownBilan);
        sections.checks.replaceWith (next.checks);
        sections.figures.replaceWith (next.figures);
        sections = next;
        const finalise = container.querySelector ('#bilan-finalise');
        if (finalise)
          finalise.disabled = next.errors.length > 0;
        fill (identity, badge ('warn', 'Brouillon'), ` recalculé le ${fmt.time (shownBilan.computed_ms)} après un changement des données.`);
        await drawCharts ();
      }
      catch (error) { fill (status, notice ('bad', errorText (error))); }
    };
    if (!version)
      for (const prefix of ['registry.', 'projects.', 'training.', 'funding.'])
        context.on (prefix, () => { clearTimeout (laterDraft); laterDraft = setTimeout (recompute, 500); });
  },
};
