// Formation: the training of the professionals (objective OS 2). The
// region's catalogue of offers and their sessions; who attended a session,
// named staff or counts per category where names are not collected; the
// staff headcounts of the establishments (the denominators); the trained
// professionals of a year against those headcounts.
//   #/formation?annee=Y                      offers and sessions of a year
//   #/formation?offre=N                      an offer, its sessions
//   #/formation?session=N                    a session and its attendance
//   #/formation?vue=effectifs&annee=Y        headcounts
//   #/formation?vue=formes&annee=Y&etablissement=E   trained professionals

import { api } from '/common/api.js';
import { h, fmt, table, notice, tabs, errorText, today, card } from '/common/ui.js';
import { enumLabel } from '/common/labels.js';
import {
  regionCode, openapi, operation, regionEstablishments, registryList, nameOf, groupedForm,
  filterSelect, yearChoices, pageHash, add, cardRow, facts,
} from '../region.js';

const PAGE = 'formation';
const CATEGORIES = ['HEALTH_PROFESSIONAL', 'PRISON_GUARD', 'PRISON_OFFICER', 'PRISON_MANAGEMENT', 'SPIP', 'PJJ', 'EDUCATION_NATIONALE', 'OTHER_CATEGORY'];
// Column headers of the headcount table: the categories in a few words
const CATEGORY_SHORT = {
  HEALTH_PROFESSIONAL: 'Santé (USMP)', PRISON_GUARD: 'Surveillants', PRISON_OFFICER: 'Gradés, officiers',
  PRISON_MANAGEMENT: 'Direction', SPIP: 'SPIP', PJJ: 'PJJ', EDUCATION_NATIONALE: 'Éducation nationale', OTHER_CATEGORY: 'Autres',
};

let flash = null;

function showFlash (container) {
  if (flash) {
    add (container, notice ('ok', flash));
    flash = null;
  }
}

const category = value => enumLabel ('training.StaffCategory', value);

function duration (minutes) {
  if (!minutes)
    return '—';
  const hours = Math.floor (minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${String (rest).padStart (2, '0')}` : `${hours} h`;
}

function period (first, last) {
  if (!last || last === first)
    return fmt.date (first);
  return `du ${fmt.date (first)} au ${fmt.date (last)}`;
}

function site (session, establishments) {
  if (session.establishment_id && session.establishment_id !== '0')
    return nameOf (establishments, session.establishment_id, 'Établissement');
  return session.site_label || '—';
}

function pageTabs (current) {
  return tabs ([
    { id: 'offres', label: 'Offres et sessions' },
    { id: 'effectifs', label: 'Effectifs des établissements' },
    { id: 'formes', label: 'Professionnels formés' },
  ], current, id => (id === 'offres' ? '#/formation' : pageHash (PAGE, { vue: id })));
}

// A secondary form folded under its title until it is needed
function folded (title, element, open = false) {
  return h ('details', { class: 'fold', open }, h ('summary', {}, h ('strong', {}, title)), element);
}

async function schemasOf (context) {
  return (await openapi (context)).components.schemas;
}

async function requiredOf (context, op) {
  const found = await operation (context, 'training', op);
  return (found && found.required) || [];
}

// ---------------------------------------------------------------- offers and sessions

function offerForm (context, { schemas, required, offer, partners }) {
  return groupedForm ({
    schemas, message: 'training.TrainingOffer', id: offer ? 'offer-edit-form' : 'offer-form',
    only: ['title', 'provider_kind', 'provider_partner_id', 'duration_minutes', 'audience', 'themes', 'open_from', 'open_to', 'description'],
    labels: { title: 'Intitulé de la formation', duration_minutes: 'Durée (en minutes)', audience: 'Public visé', themes: 'Thèmes abordés' },
    hints: {
      duration_minutes: 'De 60 (1 h) à 60 000 (1 000 h)',
      open_to: 'Laisser vide : ouverte jusqu\'à nouvel ordre',
    },
    choices: { provider_partner_id: partners.map (item => ({ value: item.id, label: item.name })) },
    extras: { themes: { kind: 'lines', label: 'Thèmes abordés', hint: 'Un thème par ligne' } },
    required: required.filter (path => path !== 'region_code'),
    values: offer || { open_from: today () },
    submitLabel: offer ? 'Enregistrer l\'offre' : 'Ajouter l\'offre',
    async onSubmit (json) {
      const code = await regionCode (context);
      if (offer) {
        await api.write ('training', 'update_offer', { ...json, id: offer.id, region_code: offer.region_code || code });
        flash = 'L\'offre de formation est enregistrée.';
        context.navigate (pageHash (PAGE, { offre: offer.id }));
      }
      else {
        const saved = await api.write ('training', 'create_offer', { ...json, region_code: code });
        flash = `L'offre « ${saved.title} » est ajoutée au catalogue.`;
        context.navigate (pageHash (PAGE, { offre: saved.id }));
      }
    },
  });
}

function sessionForm (context, { schemas, required, offers, session, offerId, establishments }) {
  return groupedForm ({
    schemas, message: 'training.TrainingSession', id: session ? 'training-session-edit-form' : 'training-session-form',
    only: ['offer_id', 'first_date', 'last_date', 'establishment_id', 'site_label', 'trainers'],
    labels: { offer_id: 'Offre de formation', establishment_id: 'Établissement où elle a lieu', site_label: 'Autre lieu' },
    hints: {
      last_date: 'Laisser vide pour une session d\'une journée',
      establishment_id: 'Un établissement, ou sinon un autre lieu ci-dessous',
    },
    choices: {
      offer_id: offers.map (item => ({ value: item.id, label: item.title })),
      establishment_id: establishments.map (item => ({ value: item.id, label: item.name })),
    },
    extras: { trainers: { kind: 'lines', label: 'Formateurs', hint: 'Un formateur par ligne (personne ou structure)' } },
    required,
    values: session || { offer_id: offerId, first_date: today () },
    submitLabel: session ? 'Enregistrer la session' : 'Programmer la session',
    async onSubmit (json) {
      if (session) {
        await api.write ('training', 'update_session', { ...json, id: session.id });
        flash = 'La session est enregistrée.';
        context.navigate (pageHash (PAGE, { session: session.id }));
      }
      else {
        const saved = await api.write ('training', 'create_session', json);
        flash = `La session du ${fmt.date (saved.first_date)} est programmée : saisissez ses présents.`;
        context.navigate (pageHash (PAGE, { session: saved.id }));
      }
    },
  });
}

function sessionsTable (sessions, offers, establishments, caption, id) {
  return table ({
    caption, captionHidden: true, id,
    empty: 'Aucune session.',
    columns: [
      { label: 'Dates', rowHeader: true, value: item => h ('a', { href: pageHash (PAGE, { session: item.id }) }, period (item.first_date, item.last_date)) },
      { label: 'Offre de formation', value: item => nameOf (offers, item.offer_id, 'Offre', offer => offer.title) },
      { label: 'Lieu', value: item => site (item, establishments) },
      { label: 'Formateurs', value: item => (item.trainers || []).join (', ') },
    ],
    rows: sessions,
  });
}

async function offersView (container, params, context) {
  const code = await regionCode (context);
  const thisYear = new Date ().getFullYear ();
  const year = params.get ('annee') === 'toutes' ? '' : (params.get ('annee') || String (thisYear));
  const range = year ? { from: `${year}-01-01`, to: `${year}-12-31` } : {};
  const [establishments, partners, offersResult, allOffers, sessionsResult] = await Promise.all ([
    regionEstablishments (context),
    registryList (context, 'list_partners'),
    api.read ('training', 'list_offers', { region_code: code, ...range }),
    api.read ('training', 'list_offers', { region_code: code }),
    api.read ('training', 'list_sessions', { region_code: code, ...range }),
  ]);
  const offers = (offersResult.items || []).slice ().sort ((a, b) => (a.open_from < b.open_from ? 1 : -1));
  const everyOffer = allOffers.items || [];
  const sessions = (sessionsResult.items || []).slice ().sort ((a, b) => (a.first_date < b.first_date ? 1 : -1));
  const perOffer = new Map ();
  for (const session of sessions)
    perOffer.set (session.offer_id, (perOffer.get (session.offer_id) || 0) + 1);

  const yearSelect = filterSelect ({ id: 'training-year', label: 'Année', value: year || 'toutes', empty: 'Choisir…',
    choices: [...yearChoices (6, thisYear + 1), { value: 'toutes', label: 'Toutes les années' }] });
  const chooser = h ('form', { class: 'toolbar', id: 'training-filters', role: 'search', 'aria-label': 'Choisir l\'année' },
    yearSelect.node, h ('div', { class: 'actions' }, h ('button', { type: 'submit' }, 'Afficher')));
  chooser.addEventListener ('submit', event => {
    event.preventDefault ();
    context.navigate (pageHash (PAGE, { annee: yearSelect.select.value }));
  });

  add (container, h ('h1', {}, 'Formation'), pageTabs ('offres'));
  showFlash (container);
  add (container, chooser,
    h ('h2', {}, year ? `Offres de formation ouvertes en ${year}` : 'Offres de formation'),
    table ({
      caption: 'Catalogue régional des offres de formation', captionHidden: true, id: 'offers-table',
      empty: 'Aucune offre de formation ouverte sur cette période.',
      columns: [
        { label: 'Intitulé', rowHeader: true, value: item => h ('a', { href: pageHash (PAGE, { offre: item.id }) }, item.title) },
        { label: 'Organisme', value: item => (item.provider_partner_id ? nameOf (partners, item.provider_partner_id, 'Partenaire')
          : enumLabel ('training.ProviderKind', item.provider_kind)) },
        { label: 'Durée', numeric: true, value: item => duration (item.duration_minutes) },
        { label: 'Public visé', value: item => (item.audience || []).map (value => CATEGORY_SHORT [value] || category (value)).join (', ') },
        { label: 'Ouverte', value: item => (item.open_to ? `du ${fmt.date (item.open_from)} au ${fmt.date (item.open_to)}` : `depuis le ${fmt.date (item.open_from)}`) },
        { label: 'Sessions', numeric: true, value: item => fmt.number (perOffer.get (item.id) || 0) },
      ],
      rows: offers,
    }),
    h ('h2', {}, year ? `Sessions de ${year} (${fmt.number (sessions.length)})` : `Sessions (${fmt.number (sessions.length)})`),
    sessionsTable (sessions, everyOffer, establishments, 'Sessions de formation', 'training-sessions-table'));
  if (context.canWrite) {
    const [schemas, offerRequired, sessionRequired] = await Promise.all ([
      schemasOf (context), requiredOf (context, 'create_offer'), requiredOf (context, 'create_session')]);
    add (container, 
      folded ('Programmer une session de formation', sessionForm (context, { schemas, required: sessionRequired, offers: everyOffer, establishments }).element),
      folded ('Ajouter une offre de formation au catalogue', offerForm (context, { schemas, required: offerRequired, partners }).element));
  }
}

async function offerView (container, params, context) {
  const id = params.get ('offre');
  const code = await regionCode (context);
  let offer;
  try { offer = await api.read ('training', 'get_offer', { id }); }
  catch (error) {
    add (container, h ('h1', {}, 'Offre introuvable'), notice ('bad', errorText (error)), h ('p', {}, h ('a', { href: '#/formation' }, 'Revenir à la formation')));
    return;
  }
  const [establishments, partners, sessionsResult, allOffers] = await Promise.all ([
    regionEstablishments (context), registryList (context, 'list_partners'),
    api.read ('training', 'list_sessions', { region_code: code, offer_id: id }),
    api.read ('training', 'list_offers', { region_code: code }),
  ]);
  const sessions = (sessionsResult.items || []).slice ().sort ((a, b) => (a.first_date < b.first_date ? 1 : -1));
  add (container, 
    h ('p', { class: 'muted' }, h ('a', { href: '#/formation' }, 'Formation'), ' › offre de formation'),
    h ('h1', {}, offer.title));
  showFlash (container);
  add (container, 
    facts ('offer-summary', [
      ['Organisme de formation', `${enumLabel ('training.ProviderKind', offer.provider_kind)}${offer.provider_partner_id ? ` — ${nameOf (partners, offer.provider_partner_id, 'Partenaire')}` : ''}`],
      ['Durée', duration (offer.duration_minutes)],
      ['Public visé', (offer.audience || []).map (category).join (', ') || '—'],
      ['Thèmes', (offer.themes || []).join (', ') || '—'],
      ['Ouverte', offer.open_to ? `du ${fmt.date (offer.open_from)} au ${fmt.date (offer.open_to)}` : `depuis le ${fmt.date (offer.open_from)}, jusqu'à nouvel ordre`],
      ['Description', offer.description],
    ]),
    h ('h2', {}, `Sessions de cette offre (${fmt.number (sessions.length)})`),
    sessionsTable (sessions, allOffers.items || [], establishments, `Sessions de « ${offer.title} »`, 'offer-sessions-table'));
  if (context.canWrite) {
    const [schemas, sessionRequired, offerRequired] = await Promise.all ([
      schemasOf (context), requiredOf (context, 'create_session'), requiredOf (context, 'update_offer')]);
    add (container, 
      h ('h2', {}, 'Programmer une session'),
      sessionForm (context, { schemas, required: sessionRequired, offers: allOffers.items || [], offerId: offer.id, establishments }).element,
      folded ('Modifier l\'offre', offerForm (context, { schemas, required: offerRequired.filter (path => path !== 'id'), offer, partners }).element));
  }
}

// ---------------------------------------------------------------- a session's attendance

async function sessionView (container, params, context) {
  const id = params.get ('session');
  let attendance;
  try { attendance = await api.read ('training', 'session_attendance', { id }); }
  catch (error) {
    add (container, h ('h1', {}, 'Session introuvable'), notice ('bad', errorText (error)), h ('p', {}, h ('a', { href: '#/formation' }, 'Revenir à la formation')));
    return;
  }
  const session = attendance.session;
  const code = await regionCode (context);
  const [establishments, persons, offersResult] = await Promise.all ([
    regionEstablishments (context), registryList (context, 'list_persons'), api.read ('training', 'list_offers', { region_code: code }),
  ]);
  const offers = offersResult.items || [];
  const offerTitle = nameOf (offers, session.offer_id, 'Offre', offer => offer.title);
  const participants = attendance.participants || [];
  const counts = attendance.counts || [];
  const anonymous = counts.reduce ((sum, item) => sum + (item.count || 0), 0);
  add (container, 
    h ('p', { class: 'muted' }, h ('a', { href: '#/formation' }, 'Formation'), ' › ', h ('a', { href: pageHash (PAGE, { offre: session.offer_id }) }, offerTitle), ' › session'),
    h ('h1', {}, `Session de formation ${session.last_date && session.last_date !== session.first_date ? '' : 'du '}${period (session.first_date, session.last_date)}`));
  showFlash (container);
  add (container, 
    h ('p', {}, `${offerTitle} — ${site (session, establishments)}${(session.trainers || []).length ? ` — formateurs : ${session.trainers.join (', ')}` : ''}`),
    h ('p', { id: 'attendance-total' }, h ('strong', {}, `${fmt.number (attendance.total || 0)} participant(s)`),
      ` : ${fmt.number (participants.length)} nommé(s), ${fmt.number (anonymous)} compté(s) par catégorie sans être nommés.`),
    h ('div', { class: 'columns' },
      h ('section', { 'aria-labelledby': 'participants-title' },
        h ('h2', { id: 'participants-title' }, 'Professionnels nommés'),
        table ({
          caption: 'Professionnels présents, nommés', captionHidden: true, id: 'participants-table',
          empty: 'Aucun professionnel nommé.',
          columns: [
            { label: 'Professionnel', rowHeader: true, value: item => nameOf (persons, item.person_id, 'Personne', person => person.full_name) },
            { label: 'Catégorie', value: item => CATEGORY_SHORT [item.category] || category (item.category) },
            { label: 'Établissement', value: item => (item.establishment_id ? nameOf (establishments, item.establishment_id, 'Établissement') : '—') },
            ...(context.canWrite ? [{ label: 'Action', value: item => h ('button', {
              type: 'button', class: 'link',
              'aria-label': `Retirer ${nameOf (persons, item.person_id, 'Personne', person => person.full_name)} de la liste de présence`,
              onclick: async event => {
                event.target.disabled = true;
                try {
                  await api.write ('training', 'remove_participant', { session_id: session.id, person_id: item.person_id });
                  flash = 'Le professionnel est retiré de la liste de présence.';
                  context.refresh ();
                }
                catch (error) {
                  event.target.disabled = false;
                  event.target.after (notice ('bad', errorText (error)));
                }
              } }, 'Retirer') }] : []),
          ],
          rows: participants,
        })),
      h ('section', { 'aria-labelledby': 'counts-title' },
        h ('h2', { id: 'counts-title' }, 'Participants comptés par catégorie'),
        table ({
          caption: 'Participants non nommés, par catégorie', captionHidden: true, id: 'counts-table',
          empty: 'Aucun participant compté sans nom.',
          columns: [
            { label: 'Catégorie', rowHeader: true, value: item => CATEGORY_SHORT [item.category] || category (item.category) },
            { label: 'Établissement', value: item => (item.establishment_id ? nameOf (establishments, item.establishment_id, 'Établissement') : '—') },
            { label: 'Nombre', numeric: true, value: item => fmt.number (item.count || 0) },
          ],
          rows: counts,
        }))));
  if (!context.canWrite)
    return;
  const [schemas, participantRequired, countRequired, sessionRequired] = await Promise.all ([
    schemasOf (context), requiredOf (context, 'add_participant'), requiredOf (context, 'set_category_count'), requiredOf (context, 'update_session')]);
  const establishmentChoices = establishments.map (item => ({ value: item.id, label: item.name }));
  const participantForm = groupedForm ({
    schemas, message: 'training.Participant', id: 'participant-form',
    only: ['person_id', 'category', 'establishment_id'],
    labels: { person_id: 'Professionnel', category: 'Catégorie', establishment_id: 'Établissement où il travaille' },
    hints: { establishment_id: 'Laisser vide : le lieu de la session', category: 'Sa catégorie pour le suivi des professionnels formés' },
    choices: {
      person_id: persons.map (item => ({ value: item.id, label: `${item.full_name}${item.organisation ? ` — ${item.organisation}` : ''}` })),
      establishment_id: establishmentChoices,
    },
    required: participantRequired.filter (path => path !== 'session_id'),
    submitLabel: 'Ajouter à la liste de présence',
    async onSubmit (json) {
      await api.write ('training', 'add_participant', { ...json, session_id: session.id });
      flash = 'La présence du professionnel est enregistrée.';
      context.refresh ();
    },
  });
  const countForm = groupedForm ({
    schemas, message: 'training.CategoryCount', id: 'category-count-form',
    only: ['category', 'establishment_id', 'count'],
    labels: { category: 'Catégorie', establishment_id: 'Établissement où ils travaillent', count: 'Nombre de participants' },
    hints: { count: 'Remplace le nombre déjà saisi pour cette catégorie et cet établissement ; 0 retire la ligne.',
      establishment_id: 'Laisser vide : le lieu de la session' },
    choices: { establishment_id: establishmentChoices },
    required: countRequired.filter (path => path !== 'session_id'),
    values: { establishment_id: session.establishment_id },
    submitLabel: 'Enregistrer le nombre',
    async onSubmit (json) {
      await api.write ('training', 'set_category_count', { count: 0, ...json, session_id: session.id });
      flash = 'Le nombre de participants est enregistré.';
      context.refresh ();
    },
  });
  add (container, 
    h ('div', { class: 'columns' },
      h ('section', {}, h ('h2', {}, 'Ajouter un professionnel nommé'), participantForm.element),
      h ('section', {}, h ('h2', {}, 'Saisir un nombre de participants, sans les nommer'), countForm.element)),
    folded ('Modifier la session', sessionForm (context, { schemas, required: sessionRequired.filter (path => path !== 'id'), offers, session, establishments }).element));
}

// ---------------------------------------------------------------- headcounts

async function headcountsView (container, params, context) {
  const code = await regionCode (context);
  const thisYear = new Date ().getFullYear ();
  const year = Number (params.get ('annee')) || thisYear;
  const [establishments, result] = await Promise.all ([
    regionEstablishments (context), api.read ('training', 'list_headcounts', { region_code: code, year }),
  ]);
  const counts = new Map ();
  for (const item of result.items || [])
    counts.set (`${item.establishment_id}/${item.category}`, item.count || 0);
  const totals = CATEGORIES.map (value => establishments.reduce ((sum, item) => sum + (counts.get (`${item.id}/${value}`) || 0), 0));
  const yearSelect = filterSelect ({ id: 'headcount-year', label: 'Année', value: year, empty: 'Choisir…', choices: yearChoices (6, thisYear + 1) });
  const chooser = h ('form', { class: 'toolbar', id: 'headcount-filters', 'aria-label': 'Choisir l\'année' },
    yearSelect.node, h ('div', { class: 'actions' }, h ('button', { type: 'submit' }, 'Afficher')));
  chooser.addEventListener ('submit', event => {
    event.preventDefault ();
    context.navigate (pageHash (PAGE, { vue: 'effectifs', annee: yearSelect.select.value }));
  });
  add (container, h ('h1', {}, 'Formation'), pageTabs ('effectifs'));
  showFlash (container);
  add (container, chooser,
    h ('h2', {}, `Effectifs des établissements en ${year}`),
    h ('p', {}, 'Les effectifs par catégorie sont le dénominateur du suivi des professionnels formés (OS 2).'),
    table ({
      caption: `Effectifs ${year} par établissement et catégorie`, captionHidden: true, id: 'headcounts-table',
      columns: [
        { label: 'Établissement', rowHeader: true, value: item => item.name },
        // Two lines for a header of two words: the table fits at 1280 px
        ...CATEGORIES.map ((value, index) => ({ label: CATEGORY_SHORT [value].split (' ').flatMap ((word, at) => (at ? [h ('br'), word] : [word])), numeric: true, value: item => {
          if (item.id === 'total')
            return h ('strong', {}, fmt.number (totals [index]));
          const count = counts.get (`${item.id}/${value}`);
          return count === undefined ? '—' : fmt.number (count);
        } })),
      ],
      rows: [...establishments, { id: 'total', name: 'Total de la région' }],
    }));
  if (!context.canWrite)
    return;
  const [schemas, required] = await Promise.all ([schemasOf (context), requiredOf (context, 'put_headcount')]);
  const form = groupedForm ({
    schemas, message: 'training.StaffHeadcount', id: 'headcount-form',
    only: ['establishment_id', 'year', 'category', 'count'],
    labels: { count: 'Effectif' },
    hints: { count: 'Remplace l\'effectif déjà saisi pour cet établissement, cette année et cette catégorie' },
    choices: { establishment_id: establishments.map (item => ({ value: item.id, label: item.name })) },
    required,
    values: { year },
    submitLabel: 'Enregistrer l\'effectif',
    async onSubmit (json) {
      const saved = await api.write ('training', 'put_headcount', { count: 0, ...json });
      flash = `L'effectif ${saved.year} est enregistré : ${fmt.number (saved.count || 0)} (${category (saved.category)}).`;
      context.navigate (pageHash (PAGE, { vue: 'effectifs', annee: saved.year }));
    },
  });
  add (container, h ('h2', {}, 'Saisir un effectif'), form.element);
}

// ---------------------------------------------------------------- trained professionals

async function trainedView (container, params, context) {
  const code = await regionCode (context);
  const thisYear = new Date ().getFullYear ();
  const year = Number (params.get ('annee')) || thisYear;
  const establishmentId = params.get ('etablissement') || '';
  const establishments = await regionEstablishments (context);
  const yearSelect = filterSelect ({ id: 'trained-year', label: 'Année', value: year, empty: 'Choisir…', choices: yearChoices (6) });
  const establishment = filterSelect ({ id: 'trained-establishment', label: 'Établissement', value: establishmentId, empty: 'Toute la région',
    choices: establishments.map (item => ({ value: item.id, label: item.name })) });
  const chooser = h ('form', { class: 'toolbar', id: 'trained-filters', role: 'search', 'aria-label': 'Choisir l\'année et l\'établissement' },
    yearSelect.node, establishment.node, h ('div', { class: 'actions' }, h ('button', { type: 'submit' }, 'Afficher')));
  chooser.addEventListener ('submit', event => {
    event.preventDefault ();
    context.navigate (pageHash (PAGE, { vue: 'formes', annee: yearSelect.select.value, etablissement: establishment.select.value }));
  });
  add (container, h ('h1', {}, 'Formation'), pageTabs ('formes'), chooser);
  let stats;
  try {
    stats = await api.read ('training', 'trained_stats', { region_code: code, establishment_id: establishmentId, from: `${year}-01-01`, to: `${year}-12-31` });
  }
  catch (error) {
    add (container, notice ('bad', `Chiffres indisponibles : ${errorText (error)}`));
    return;
  }
  const scope = establishmentId ? nameOf (establishments, establishmentId, 'Établissement') : 'la région';
  const ratio = (trained, headcount) => (headcount ? fmt.percent ((trained || 0) / headcount) : '—');
  add (container, 
    h ('h2', {}, `Professionnels formés en ${year} — ${scope}`),
    h ('p', { class: 'muted' }, `Sessions avec un jour en ${year} : ${fmt.number (stats.sessions || 0)}. Effectifs de ${stats.headcount_year || year}. Un professionnel nommé compte une fois ; les participants comptés sans nom ne peuvent pas être dédoublonnés d'une session à l'autre.`),
    cardRow ('trained-cards',
      card ('Professionnels formés', fmt.number (stats.total_trained || 0), `dont ${fmt.number (stats.distinct_persons || 0)} nommé(s)`),
      card ('Professionnels de santé formés', ratio (stats.health_trained, stats.health_headcount),
        `${fmt.number (stats.health_trained || 0)} sur un effectif de ${fmt.number (stats.health_headcount || 0)}`),
      card ('Personnels pénitentiaires formés', ratio (stats.penitentiary_trained, stats.penitentiary_headcount),
        `${fmt.number (stats.penitentiary_trained || 0)} sur un effectif de ${fmt.number (stats.penitentiary_headcount || 0)}`)),
    table ({
      caption: `Professionnels formés en ${year} par catégorie — ${scope}`, id: 'trained-table',
      columns: [
        { label: 'Catégorie', rowHeader: true, value: item => category (item.category) },
        { label: 'Nommés', numeric: true, value: item => fmt.number (item.persons || 0) },
        { label: 'Comptés sans nom', numeric: true, value: item => fmt.number (item.anonymous || 0) },
        { label: 'Formés', numeric: true, value: item => fmt.number (item.trained || 0) },
        { label: 'Effectif', numeric: true, value: item => (item.headcount ? fmt.number (item.headcount) : '—') },
        { label: 'Part formée', numeric: true, value: item => ratio (item.trained, item.headcount) },
      ],
      rows: stats.categories || [],
    }));
}

export default {
  async render (container, params, context) {
    if (params.get ('session'))
      return sessionView (container, params, context);
    if (params.get ('offre'))
      return offerView (container, params, context);
    const view = params.get ('vue');
    if (view === 'effectifs')
      return headcountsView (container, params, context);
    if (view === 'formes')
      return trainedView (container, params, context);
    return offersView (container, params, context);
  },
};
