// Tableau de bord: is everything running, what needs doing today, how the
// year compares with the previous ones. Each block refreshes itself when
// an event about it arrives.

import { api } from '/common/api.js';
import { h, fill, fmt, table, card, notice, badge, errorText, today, daysBetween } from '/common/ui.js';
import { lineChart } from '/common/charts.js';
import { enumLabel, serviceLabels } from '/common/labels.js';
import { regionCode, firstStatus, finalisedBilans, yearBilan } from '../region.js';

// The indicators the dashboard follows across years (docs/bilan.md)
const KEY_INDICATORS = ['A5.4', 'A5.6', 'A5.7', 'OO5.2', 'OS2.trained', 'OS3.meetings'];
const YEARS_SHOWN = 4;
const VACANCIES_SHOWN = 8;

function gauge (status, name, label) {
  const found = (status.gauges || []).find (item => item.name === name && (!label || item.label === label));
  return found ? found.value : undefined;
}

async function servicesBlock (box, fresh) {
  const status = fresh ? await api.get ('status') : await firstStatus (box.context);
  const down = status.services.filter (service => !service.up);
  const indicators = status.services.find (service => service.service === 'indicators');
  const lags = indicators ? (indicators.gauges || []).filter (item => item.name === 'subscriber_lag') : [];
  const lag = lags.reduce ((sum, item) => sum + (item.value || 0), 0);
  fill (box,
    h ('h2', {}, 'Services'),
    down.length ? notice ('bad', `Service(s) injoignable(s) : ${down.map (service => serviceLabels [service.service] || service.service).join (', ')}.`)
      : notice ('ok', `Les ${status.services.length} services répondent.`),
    table ({
      caption: 'État des services', captionHidden: true, id: 'services-table',
      columns: [
        { label: 'Service', value: service => serviceLabels [service.service] || service.service, rowHeader: true },
        { label: 'État', value: service => (service.up ? badge ('ok', 'en service') : badge ('bad', 'injoignable')) },
        { label: 'Dernier événement', numeric: true, value: service => fmt.number (service.last_seq) },
        { label: 'Démarré le', value: service => fmt.time (service.started_ms) },
      ],
      rows: status.services,
    }),
    h ('p', {}, 'Retard du modèle de lecture des indicateurs : ',
      h ('strong', { id: 'read-model-lag' }, lag === 0 ? 'à jour' : `${fmt.number (lag)} événement(s) à appliquer`)));
}

async function pushBlock (box) {
  const [outbox, bilans] = await Promise.all ([
    api.read ('indicators', 'list_outbox'),
    api.read ('indicators', 'list_bilans', { region_code: await regionCode (box.context) }),
  ]);
  const items = (outbox.items || []).slice ().sort ((a, b) => Number (b.created_ms) - Number (a.created_ms));
  const last = items [0];
  const finalised = (bilans.items || []).slice ().sort ((a, b) => b.year - a.year || b.version - a.version);
  const stateKind = { DELIVERED: 'ok', PENDING: 'warn', NEEDS_OPERATOR: 'bad' };
  fill (box,
    h ('h2', {}, 'Envoi au niveau national'),
    last
      ? h ('p', {}, `Dernier bilan envoyé : ${last.year} (version ${last.version}) `,
          badge (stateKind [last.state], enumLabel ('indicators.OutboxState', last.state)),
          last.state === 'PENDING' ? ` — ${last.attempts} tentative(s), prochaine le ${fmt.time (last.next_attempt_ms)}` : '',
          last.state === 'DELIVERED' ? ` le ${fmt.time (last.delivered_ms)}` : '',
          last.last_error && last.state !== 'DELIVERED' ? h ('span', { class: 'muted' }, ` — ${last.last_error}`) : '')
      : h ('p', { class: 'muted' }, 'Aucun bilan n\'a encore été finalisé.'),
    finalised.length ? h ('p', {}, 'Bilans finalisés : ', finalised.map ((bilan, index) =>
      [index ? ', ' : '', h ('a', { href: `#/bilan?year=${bilan.year}` }, `${bilan.year} (v${bilan.version})`)])) : null,
    h ('p', {}, h ('a', { href: '#/bilan' }, 'Ouvrir la page du bilan')));
}

async function vacanciesBlock (box) {
  const code = await regionCode (box.context);
  const result = await api.read ('registry', 'vacancies', { region_code: code });
  const items = result.items || [];
  const now = today ();
  fill (box,
    h ('h2', {}, 'Postes de référent vacants aujourd\'hui ', badge (items.length ? 'warn' : 'ok', fmt.number (items.length))),
    table ({
      caption: 'Postes de référent obligatoires sans titulaire', captionHidden: true, id: 'vacancies-table',
      empty: 'Tous les postes obligatoires sont pourvus.',
      columns: [
        { label: 'Établissement', value: item => item.establishment_name || 'Région', rowHeader: true },
        { label: 'Rôle', value: item => enumLabel ('registry.ReferentRole', item.role) },
        { label: 'Vacant depuis', value: item => (item.vacant_since ? `${fmt.date (item.vacant_since)} (${fmt.number (daysBetween (item.vacant_since, now))} j)` : 'jamais pourvu') },
      ],
      rows: items.slice (0, VACANCIES_SHOWN),
    }),
    items.length > VACANCIES_SHOWN ? h ('p', { class: 'muted' }, `… et ${items.length - VACANCIES_SHOWN} autre(s).`) : null,
    items.length ? h ('p', {}, h ('a', { href: '#/referents' }, 'Voir les référents par établissement et désigner')) : null);
}

async function notificationsBlock (box) {
  const since = Date.now () - 30 * 86400000;
  const result = await api.read ('notify', 'list_notifications', { region_code: await regionCode (box.context), since_ms: since, limit: 12 });
  const items = result.items || [];
  fill (box,
    h ('h2', {}, 'Notifications des 30 derniers jours'),
    table ({
      caption: 'Notifications récentes', captionHidden: true, id: 'notifications-table',
      empty: 'Aucune notification ces 30 derniers jours.',
      columns: [
        { label: 'Émise le', value: item => fmt.time (item.created_ms) },
        { label: 'Objet', value: item => item.subject },
        { label: 'Type', value: item => enumLabel ('notify.NotificationKind', item.kind) },
      ],
      rows: items,
    }));
}

async function trendBlock (box) {
  const year = new Date ().getFullYear ();
  const years = Array.from ({ length: YEARS_SHOWN }, (_, index) => year - YEARS_SHOWN + 1 + index);
  const finalised = await finalisedBilans (box.context);
  const bilans = await Promise.all (years.map (item => yearBilan (item, finalised)));
  const byId = (bilan, id) => bilan && (bilan.indicators || []).find (item => item.id === id);
  const current = bilans [bilans.length - 1];
  const cards = KEY_INDICATORS.map (id => {
    const indicator = byId (current, id);
    if (!indicator)
      return null;
    const previous = byId (bilans [bilans.length - 2], id);
    const shown = indicator.kind === 'RATIO' ? fmt.percent (indicator.value ?? 0) : fmt.number (indicator.numerator ?? 0);
    const detail = indicator.kind === 'RATIO' ? `${fmt.number (indicator.numerator ?? 0)} / ${fmt.number (indicator.denominator ?? 0)}` : '';
    const before = previous && previous.has_value
      ? `${year - 1} : ${previous.kind === 'RATIO' ? fmt.percent (previous.value ?? 0) : fmt.number (previous.numerator ?? 0)}` : '';
    return card (indicator.label, indicator.has_value || indicator.kind !== 'RATIO' ? shown : '—', [detail, before].filter (Boolean).join (' — '));
  });
  const ratios = KEY_INDICATORS.filter (id => byId (current, id) && byId (current, id).kind === 'RATIO');
  fill (box,
    h ('h2', {}, `Indicateurs clés de ${year}`),
    h ('p', { class: 'muted' }, `Année en cours, calculée à ce jour ; comparée aux ${YEARS_SHOWN - 1} années précédentes.`),
    h ('div', { class: 'cards' }, cards),
    lineChart ({
      title: `Évolution ${years [0]}–${year} (taux)`,
      xLabels: years.map (String),
      series: ratios.map (id => ({
        name: `${id} — ${byId (current, id).label.split (' / ') [0]}`,
        values: bilans.map (bilan => { const item = byId (bilan, id); return item && item.has_value ? item.value ?? 0 : NaN; }),
      })),
      format: value => fmt.percent (value, 0),
      max: 1,
    }));
}

export default {
  async render (container, params, context) {
    const blocks = {
      services: h ('section', { id: 'block-services' }),
      push: h ('section', { id: 'block-push' }),
      vacancies: h ('section', { id: 'block-vacancies' }),
      notifications: h ('section', { id: 'block-notifications' }),
      trend: h ('section', { id: 'block-trend' }),
    };
    const draw = { services: servicesBlock, push: pushBlock, vacancies: vacanciesBlock, notifications: notificationsBlock, trend: trendBlock };
    const refresh = async (name, fresh) => {
      const box = blocks [name];
      box.context = context;
      try { await draw [name] (box, fresh); }
      catch (error) { fill (box, notice ('bad', `Bloc indisponible : ${errorText (error)}`)); }
    };
    const code = await regionCode (context);
    container.append (h ('h1', {}, `Tableau de bord — région ${code}`),
      blocks.trend,
      h ('div', { class: 'columns' }, blocks.vacancies, blocks.push),
      h ('div', { class: 'columns' }, blocks.notifications, blocks.services));
    await Promise.all (Object.keys (blocks).map (refresh));
    // Live: a designation ends or starts, a notification is raised, a bilan moves
    const later = {};
    const soon = name => { clearTimeout (later [name]); later [name] = setTimeout (() => refresh (name, true), 300); };
    context.on ('registry.designation', () => { soon ('vacancies'); soon ('trend'); });
    context.on ('notify.notification', () => soon ('notifications'));
    context.on ('indicators.', () => soon ('push'));
    context.on ('', () => soon ('services'));
  },
};
