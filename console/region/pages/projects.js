// Projets: the health-promotion projects of the establishments. The list
// (by establishment, status, year of implementation); the project sheet of
// annex 2 as a form, in the annex's headings; a project's life (its status,
// dated), its sessions with counts of people (never a detainee's name), its
// evaluation and the promising flag; per establishment and year, the SWOT
// with the needs (OO 4.1) and the yearly review (OO 5.5).
//   #/projets                               the list
//   #/projets?vue=nouveau                   a new project sheet
//   #/projets?id=N&section=fiche|statut|seances|evaluation
//   #/projets?vue=etablissements&etablissement=E&annee=Y

import { api } from '/common/api.js';
import { h, fill, fmt, table, notice, badge, tabs, errorText, today } from '/common/ui.js';
import { enumLabel } from '/common/labels.js';
import {
  regionCode, openapi, operation, regionEstablishments, registryList, nameOf, groupedForm,
  filterSelect, yearChoices, pageHash, add, facts,
} from '../region.js';

const PAGE = 'projets';
const STATUS_KIND = { DRAFT: '', PLANNED: 'warn', RUNNING: 'ok', COMPLETED: 'ok', ABANDONED: 'bad' };
const STATUSES = ['DRAFT', 'PLANNED', 'RUNNING', 'COMPLETED', 'ABANDONED'];
// DRAFT -> PLANNED -> RUNNING -> COMPLETED; ABANDONED from the first three
const NEXT = { DRAFT: ['PLANNED', 'ABANDONED'], PLANNED: ['RUNNING', 'ABANDONED'], RUNNING: ['COMPLETED', 'ABANDONED'] };
// Sessions and the evaluation belong to a project that runs or ran
const ACTIVE = new Set (['RUNNING', 'COMPLETED']);

// The sheet of annex 2 ("modèle-type de projet"), in its headings
const SHEET_GROUPS = [
  { legend: 'Le projet', paths: ['establishment_id', 'title', 'created_on'] },
  { legend: 'Éléments de base', paths: ['carrier', 'carrier_name', 'partner_ids', 'funding_summary', 'publics', 'places'] },
  { legend: 'Thématiques et démarche', paths: ['themes', 'ottawa_axes', 'participation'] },
  { legend: 'Fiche 1 — Diagnostic : état des lieux', paths: ['diagnostic'],
    hint: 'Les besoins repérés par les professionnels peuvent être différents des attentes exprimées par les personnes détenues.' },
  { legend: 'Fiche 2 — Objectifs', paths: ['objectives', 'objectives.specific', 'objectives.operational'] },
  { legend: 'Fiche 3 — Actions', paths: ['actions'] },
  { legend: 'Partenariat', paths: ['partnership_inside', 'partnership_outside'],
    hint: 'L\'administration pénitentiaire est un partenaire incontournable, de la conception à la réalisation de l\'action.' },
  { legend: 'Descriptif financier', paths: ['planned_budget_cents'] },
  { legend: 'Communication', paths: ['communication'],
    hint: 'Tout projet fait l\'objet d\'une communication auprès de la direction de l\'établissement pénitentiaire.' },
  { legend: 'Fiche 4 — Planification', paths: ['planned_start', 'planned_end'] },
];
const SHEET_FIELDS = ['establishment_id', 'title', 'created_on', 'carrier', 'carrier_name', 'funding_summary',
  'publics', 'places', 'themes', 'ottawa_axes', 'participation', 'diagnostic', 'objectives', 'actions',
  'partnership_inside', 'partnership_outside', 'planned_budget_cents', 'communication', 'planned_start', 'planned_end'];
const SHEET_LABELS = {
  title: 'Intitulé du projet',
  created_on: 'Date de la fiche',
  'diagnostic.context': 'Contexte',
  'diagnostic.problems': 'Problématique(s)',
  'objectives.general': 'Objectif général',
};
const SHEET_HINTS = {
  carrier_name: 'Par exemple : USMP du centre pénitentiaire, association…',
  funding_summary: 'Les financements sollicités ou obtenus, en quelques mots',
  planned_budget_cents: 'En euros. Même si l\'action est menée à moyens constants, il est important de valoriser le temps passé et les acteurs.',
};

// A message shown once, on the page drawn after a change
let flash = null;

function statusBadge (status) {
  return badge (STATUS_KIND [status] ?? '', enumLabel ('projects.ProjectStatus', status));
}

// An enum's label without its examples in brackets, for a table cell
function shortLabel (schema, value) {
  return enumLabel (schema, value).replace (/ \([^)]*\)$/, '');
}

function qualityBadges (project) {
  return [
    project.promising ? badge ('ok', 'Prometteur') : null,
    project.evidence_based ? badge ('ok', 'Probant') : null,
  ];
}

function showFlash (container) {
  if (flash) {
    add (container, notice ('ok', flash));
    flash = null;
  }
}

function pageTabs (current) {
  return tabs ([
    { id: 'liste', label: 'Liste des projets' },
    { id: 'nouveau', label: 'Nouvelle fiche projet' },
    { id: 'etablissements', label: 'SWOT et bilan annuel par établissement' },
  ], current, id => (id === 'liste' ? '#/projets' : pageHash (PAGE, { vue: id })));
}

// ---------------------------------------------------------------- the list

async function listView (container, params, context) {
  const code = await regionCode (context);
  const establishments = await regionEstablishments (context);
  const chosen = {
    establishment: params.get ('etablissement') || '',
    status: params.get ('statut') || '',
    year: params.get ('annee') || '',
  };
  const statsYear = Number (chosen.year) || new Date ().getFullYear ();

  const establishment = filterSelect ({ id: 'filter-establishment', label: 'Établissement', value: chosen.establishment,
    choices: establishments.map (item => ({ value: item.id, label: item.name })) });
  const status = filterSelect ({ id: 'filter-status', label: 'Statut', value: chosen.status,
    choices: STATUSES.map (value => ({ value, label: enumLabel ('projects.ProjectStatus', value) })) });
  const year = filterSelect ({ id: 'filter-year', label: 'Mis en œuvre en', value: chosen.year, empty: 'Toutes les années',
    choices: yearChoices (6) });
  const filters = h ('form', { class: 'toolbar', id: 'project-filters', role: 'search', 'aria-label': 'Filtrer les projets' },
    establishment.node, status.node, year.node,
    h ('div', { class: 'actions' }, h ('button', { type: 'submit' }, 'Filtrer'),
      h ('a', { class: 'button secondary', href: '#/projets' }, 'Tout afficher')));
  filters.addEventListener ('submit', event => {
    event.preventDefault ();
    context.navigate (pageHash (PAGE, { etablissement: establishment.select.value, statut: status.select.value, annee: year.select.value }));
  });

  const statsBox = h ('section', { id: 'project-stats', 'aria-labelledby': 'project-stats-title' });
  const listBox = h ('section', { id: 'project-list', 'aria-labelledby': 'project-list-title' });

  async function drawStats () {
    const stats = await api.read ('projects', 'project_stats', { region_code: code, from: `${statsYear}-01-01`, to: `${statsYear}-12-31` });
    fill (statsBox,
      h ('h2', { id: 'project-stats-title', class: 'visually-hidden' }, `La région en ${statsYear}`),
      h ('p', { class: 'notice' }, h ('strong', {}, `En ${statsYear} : `),
        `${fmt.number (stats.projects_implemented || 0)} projet(s) mis en œuvre dans ${fmt.number (stats.establishments || 0)} établissement(s)`,
        ` (dont ${fmt.number (stats.in_minors_establishments || 0)} en EPM ou quartier mineurs), `,
        `${fmt.number (stats.promising_or_evidence_based || 0)} probant(s) ou prometteur(s) ; `,
        `${fmt.number (stats.sessions || 0)} séance(s), ${fmt.number (stats.attended_total || 0)} personne(s) venue(s) au total.`));
  }

  async function drawList () {
    const query = { region_code: code, establishment_id: chosen.establishment, status: chosen.status };
    if (chosen.year) {
      query.from = `${chosen.year}-01-01`;
      query.to = `${chosen.year}-12-31`;
    }
    const result = await api.read ('projects', 'list_projects', query);
    const items = (result.items || []).slice ().sort ((a, b) => Number (b.id) - Number (a.id));
    fill (listBox,
      h ('h2', { id: 'project-list-title' }, `Projets (${fmt.number (items.length)})`),
      chosen.year ? h ('p', { class: 'muted' }, `Projets en cours à un moment de ${chosen.year}, d'après leur historique.`) : null,
      table ({
        caption: 'Projets de promotion de la santé', captionHidden: true, id: 'projects-table',
        empty: 'Aucun projet ne répond à ces critères.',
        columns: [
          { label: 'Intitulé', rowHeader: true, value: item => h ('a', { href: pageHash (PAGE, { id: item.id }) }, item.title) },
          { label: 'Établissement', value: item => nameOf (establishments, item.establishment_id, 'Établissement') },
          { label: 'Porteur', value: item => item.carrier_name || enumLabel ('projects.Carrier', item.carrier) },
          { label: 'Thématiques', value: item => (item.themes || []).map (theme => enumLabel ('projects.Theme', theme)).join (', ') },
          { label: 'Statut', value: item => [statusBadge (item.status), ' ', qualityBadges (item)] },
          { label: 'Fiche du', value: item => fmt.date (item.created_on) },
        ],
        rows: items,
      }));
  }

  const draw = async (box, fn) => {
    try { await fn (); }
    catch (error) { fill (box, notice ('bad', `Liste indisponible : ${errorText (error)}`)); }
  };
  add (container, h ('h1', {}, 'Projets'), pageTabs ('liste'));
  showFlash (container);
  add (container, filters, statsBox, listBox);
  await Promise.all ([draw (statsBox, drawStats), draw (listBox, drawList)]);
  let later;
  context.on ('projects.', () => {
    clearTimeout (later);
    later = setTimeout (() => { draw (statsBox, drawStats); draw (listBox, drawList); }, 300);
  });
}

// ---------------------------------------------------------------- the sheet (create, update)

async function sheetForm (context, { project, establishmentId }) {
  const [schemas, op, establishments, partners] = await Promise.all ([
    openapi (context).then (doc => doc.components.schemas),
    operation (context, 'projects', project ? 'update_project' : 'create_project'),
    regionEstablishments (context),
    registryList (context, 'list_partners'),
  ]);
  const only = project ? SHEET_FIELDS.filter (name => name !== 'establishment_id' && name !== 'created_on') : SHEET_FIELDS;
  const groups = SHEET_GROUPS.map (group => ({ ...group, paths: group.paths.filter (path => only.includes (path.split ('.') [0]) || path === 'partner_ids') }))
    .filter (group => group.paths.length);
  return groupedForm ({
    schemas, message: 'projects.Project', id: 'project-form',
    only, groups,
    labels: SHEET_LABELS, hints: SHEET_HINTS,
    required: (op && op.required) || [],
    choices: { establishment_id: establishments.map (item => ({ value: item.id, label: item.name })) },
    extras: {
      partner_ids: { kind: 'ids', label: 'Intervenants (partenaires de la région)',
        items: partners.map (item => ({ value: item.id, label: item.name })), empty: 'Aucun partenaire enregistré dans la région.' },
      'objectives.specific': { kind: 'lines', label: 'Objectifs spécifiques', hint: 'Un objectif par ligne' },
      'objectives.operational': { kind: 'lines', label: 'Objectifs opérationnels', hint: 'Un objectif par ligne' },
    },
    values: project || { created_on: today (), establishment_id: establishmentId || undefined },
    submitLabel: project ? 'Enregistrer la fiche' : 'Créer la fiche projet',
    async onSubmit (json) {
      if (project) {
        const saved = await api.write ('projects', 'update_project', { ...json, id: project.id });
        flash = `La fiche « ${saved.title} » est enregistrée.`;
        context.navigate (pageHash (PAGE, { id: saved.id, section: 'fiche' }));
      }
      else {
        const saved = await api.write ('projects', 'create_project', json);
        flash = `La fiche projet « ${saved.title} » est créée (brouillon). Planifiez-la, puis enregistrez ses séances une fois le projet en cours.`;
        context.navigate (pageHash (PAGE, { id: saved.id, section: 'statut' }));
      }
    },
  });
}

async function newView (container, params, context) {
  add (container, h ('h1', {}, 'Nouvelle fiche projet'), pageTabs ('nouveau'));
  if (!context.canWrite) {
    add (container, notice ('warn', 'Votre compte est en lecture seule : il ne peut pas créer de fiche projet.'));
    return;
  }
  const form = await sheetForm (context, { establishmentId: params.get ('etablissement') });
  add (container, 
    h ('p', {}, 'La fiche suit le modèle-type de projet de l\'annexe 2 de l\'instruction. Les champs marqués d\'un astérisque (*) sont obligatoires ; le reste peut être complété plus tard.'),
    form.element);
}

// A read-only sheet, for an account that may not change it
function sheetSummary (project, partners) {
  const enums = (schema, values) => (values || []).map (value => enumLabel (schema, value)).join (', ');
  const items = values => ((values || []).length ? h ('ul', {}, values.map (text => h ('li', {}, text))) : null);
  const diagnostic = project.diagnostic || {};
  const objectives = project.objectives || {};
  return h ('div', { id: 'project-sheet' },
    h ('h3', {}, 'Éléments de base'),
    facts ('sheet-base', [
      ['Porteur du projet', `${enumLabel ('projects.Carrier', project.carrier)}${project.carrier_name ? ` — ${project.carrier_name}` : ''}`],
      ['Intervenants', (project.partner_ids || []).map (id => nameOf (partners, id, 'Partenaire')).join (', ')],
      ['Financement(s)', project.funding_summary],
      ['Public concerné', enums ('projects.TargetPublic', project.publics)],
      ['Lieu de l\'action', enums ('projects.Place', project.places)],
      ['Thématiques', enums ('projects.Theme', project.themes)],
      ['Axes de la Charte d\'Ottawa', enums ('projects.OttawaAxis', project.ottawa_axes)],
      ['Participation des personnes détenues', project.participation && enumLabel ('projects.Participation', project.participation)],
    ]),
    h ('h3', {}, 'Fiche 1 — Diagnostic'),
    facts ('sheet-diagnostic', [
      ['Contexte', diagnostic.context], ['Problématique(s)', diagnostic.problems],
      ['Attentes formulées par les personnes détenues', diagnostic.needs_voiced_by_detainees],
      ['Besoins identifiés par les professionnels', diagnostic.needs_seen_by_professionals],
    ]),
    h ('h3', {}, 'Fiche 2 — Objectifs'),
    facts ('sheet-objectives', [
      ['Objectif général', objectives.general],
      ['Objectifs spécifiques', items (objectives.specific)],
      ['Objectifs opérationnels', items (objectives.operational)],
    ]),
    h ('h3', {}, 'Fiches 3 et 4 — Actions, partenariat, financement, planification'),
    facts ('sheet-actions', [
      ['Actions', project.actions], ['Partenariat dans les murs', project.partnership_inside],
      ['Partenariat hors les murs', project.partnership_outside],
      ['Budget prévisionnel', Number (project.planned_budget_cents) ? fmt.euros (project.planned_budget_cents) : null],
      ['Communication', project.communication],
      ['Début prévu', project.planned_start && fmt.date (project.planned_start)],
      ['Fin prévue', project.planned_end && fmt.date (project.planned_end)],
    ]));
}

// ---------------------------------------------------------------- a project

const SECTIONS = [
  { id: 'fiche', label: 'Fiche projet (annexe 2)' },
  { id: 'statut', label: 'Statut et historique' },
  { id: 'seances', label: 'Séances (fiche 5)' },
  { id: 'evaluation', label: 'Évaluation (fiche 6)' },
];

async function projectView (container, params, context) {
  const id = params.get ('id');
  const section = SECTIONS.some (item => item.id === params.get ('section')) ? params.get ('section') : 'fiche';
  let project;
  try { project = await api.read ('projects', 'get_project', { id }); }
  catch (error) {
    add (container, h ('h1', {}, 'Projet introuvable'), notice ('bad', errorText (error)),
      h ('p', {}, h ('a', { href: '#/projets' }, 'Revenir à la liste des projets')));
    return;
  }
  const [establishments, partners] = await Promise.all ([regionEstablishments (context), registryList (context, 'list_partners')]);
  const establishment = nameOf (establishments, project.establishment_id, 'Établissement');
  const sectionTabs = tabs (SECTIONS, section, item => pageHash (PAGE, { id: project.id, section: item }));
  sectionTabs.setAttribute ('aria-label', 'Parties du projet');
  add (container, 
    h ('p', { class: 'muted' }, h ('a', { href: pageHash (PAGE, { etablissement: project.establishment_id }) }, `Projets de ${establishment}`),
      ' · ', h ('a', { href: '#/projets' }, 'Tous les projets')),
    h ('h1', {}, project.title),
    h ('p', { id: 'project-status' }, `Projet n° ${project.id} — ${establishment}${project.establishment_minors ? ' (EPM ou quartier mineurs)' : ''} — `,
      statusBadge (project.status), ' ', qualityBadges (project),
      ' — ', h ('a', { href: pageHash ('financements', { vue: 'cofinancement', projet: project.id }) }, 'Cofinancement du projet')),
    sectionTabs);
  showFlash (container);
  const body = h ('div', { id: `section-${section}` });
  add (container, body);
  if (section === 'fiche')
    await sheetSection (body, project, context, establishments, partners);
  else if (section === 'statut')
    await statusSection (body, project, context);
  else if (section === 'seances')
    await sessionsSection (body, project, params, context);
  else
    await evaluationSection (body, project, context);
}

async function sheetSection (box, project, context, establishments, partners) {
  add (box, h ('h2', {}, 'Fiche projet'));
  add (box, h ('p', { class: 'muted' }, `Fiche du ${fmt.date (project.created_on)}. L'établissement d'un projet ne change pas ; son statut change dans « Statut et historique ».`));
  if (!context.canWrite) {
    add (box, sheetSummary (project, partners));
    return;
  }
  const form = await sheetForm (context, { project });
  add (box, form.element);
}

async function statusSection (box, project, context) {
  const history = project.history || [];
  add (box, h ('h2', {}, 'Statut du projet'),
    h ('p', {}, 'Un projet passe de brouillon à planifié, puis en cours, puis terminé ; il peut être abandonné avant d\'être terminé. Chaque étape est datée.'),
    table ({
      caption: 'Historique des statuts', id: 'history-table',
      columns: [
        { label: 'Statut', rowHeader: true, value: item => statusBadge (item.status) },
        { label: 'Date', value: item => fmt.date (item.date) },
        { label: 'Par', value: item => item.actor },
        { label: 'Commentaire', value: item => (item.note === 'created' ? 'Fiche créée' : item.note) },
      ],
      rows: history,
    }));
  const next = NEXT [project.status] || [];
  if (!next.length) {
    add (box, notice ('', `Le statut « ${enumLabel ('projects.ProjectStatus', project.status)} » est définitif.`));
    return;
  }
  if (!context.canWrite)
    return;
  const [schemas, op] = await Promise.all ([openapi (context).then (doc => doc.components.schemas), operation (context, 'projects', 'transition_project')]);
  const last = history.length ? history [history.length - 1].date : project.created_on;
  const form = groupedForm ({
    schemas, message: 'projects.TransitionProject', id: 'transition-form',
    only: ['to', 'date', 'note'],
    labels: { to: 'Nouveau statut', date: 'Date du changement', note: 'Commentaire' },
    hints: { date: `Pas avant le ${fmt.date (last)}, date de la dernière étape.` },
    choices: { to: next.map (value => ({ value, label: enumLabel ('projects.ProjectStatus', value) })) },
    required: (op && op.required) || [],
    values: { to: next [0], date: today () < last ? last : today () },
    submitLabel: 'Changer le statut',
    async onSubmit (json) {
      const saved = await api.write ('projects', 'transition_project', { ...json, id: project.id });
      flash = `Le projet est maintenant « ${enumLabel ('projects.ProjectStatus', saved.status)} ».`;
      context.navigate (pageHash (PAGE, { id: project.id, section: ACTIVE.has (saved.status) ? 'seances' : 'statut' }));
    },
  });
  add (box, h ('h3', {}, 'Changer le statut'), form.element);
}

async function sessionsSection (box, project, params, context) {
  const result = await api.read ('projects', 'list_sessions', { project_id: project.id });
  const sessions = (result.items || []).slice ().sort ((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number (a.id) - Number (b.id)));
  const registered = sessions.reduce ((sum, item) => sum + (item.registered || 0), 0);
  const attended = sessions.reduce ((sum, item) => sum + (item.attended || 0), 0);
  add (box, h ('h2', {}, 'Séances'),
    h ('p', {}, 'Une séance compte les personnes inscrites et venues : elle ne nomme jamais une personne détenue.'),
    h ('p', { id: 'sessions-summary' }, sessions.length
      ? `${fmt.number (sessions.length)} séance(s) : ${fmt.number (attended)} personne(s) venue(s) pour ${fmt.number (registered)} inscrite(s)${registered ? ` (${fmt.percent (attended / registered, 0)})` : ''}.`
      : 'Aucune séance enregistrée.'),
    table ({
      caption: `Séances du projet « ${project.title} »`, captionHidden: true, id: 'sessions-table',
      empty: '',
      columns: [
        { label: 'Date', rowHeader: true, value: item => fmt.date (item.date) },
        { label: 'Lieu', value: item => shortLabel ('projects.Place', item.place) },
        { label: 'Sujet abordé', value: item => item.topic },
        { label: 'Intervenant(s)', value: item => item.facilitators },
        { label: 'Groupe', value: item => enumLabel ('projects.GroupKind', item.group) },
        { label: 'Inscrits', numeric: true, value: item => fmt.number (item.registered || 0) },
        { label: 'Venues', numeric: true, value: item => fmt.number (item.attended || 0) },
        { label: 'Avis recueillis', value: item => item.feedback },
        ...(context.canWrite ? [{ label: 'Action', value: item => h ('a', { href: pageHash (PAGE, { id: project.id, section: 'seances', seance: item.id }),
          'aria-label': `Corriger la séance du ${fmt.date (item.date)}` }, 'Corriger') }] : []),
      ],
      rows: sessions,
    }));
  if (!context.canWrite)
    return;
  if (!ACTIVE.has (project.status)) {
    add (box, notice ('warn', 'Les séances s\'enregistrent une fois le projet en cours : changez d\'abord son statut.',
      ' ', h ('a', { href: pageHash (PAGE, { id: project.id, section: 'statut' }) }, 'Changer le statut')));
    return;
  }
  const editing = params.get ('seance') ? sessions.find (item => item.id === params.get ('seance')) : null;
  const [schemas, op] = await Promise.all ([
    openapi (context).then (doc => doc.components.schemas),
    operation (context, 'projects', editing ? 'update_session' : 'record_session'),
  ]);
  const form = groupedForm ({
    schemas, message: 'projects.Session', id: 'session-form',
    only: ['date', 'place', 'topic', 'facilitators', 'group', 'registered', 'attended', 'feedback'],
    labels: { date: 'Date de la séance', registered: 'Nombre d\'inscrits', attended: 'Nombre de personnes venues' },
    hints: {
      facilitators: 'Les professionnels ou les structures qui animent la séance',
      group: 'Groupe ouvert : chacun peut venir, les membres changent d\'une séance à l\'autre. Groupe fermé : membres recrutés sur critères, les mêmes d\'une séance à l\'autre.',
      attended: 'Pas plus que d\'inscrits dans un groupe fermé',
      feedback: 'Quelques phrases sur la séance et les avis recueillis, anonymes : aucun nom de personne détenue.',
    },
    required: (op && op.required) || [],
    values: editing || { date: today (), place: (project.places || []) [0], facilitators: project.carrier_name, topic: '' },
    submitLabel: editing ? 'Enregistrer la correction' : 'Enregistrer la séance',
    extraActions: editing ? h ('a', { class: 'button secondary', href: pageHash (PAGE, { id: project.id, section: 'seances' }) }, 'Annuler') : null,
    async onSubmit (json) {
      if (editing) {
        await api.write ('projects', 'update_session', { ...json, id: editing.id, project_id: project.id });
        flash = `La séance du ${fmt.date (json.date)} est corrigée.`;
      }
      else {
        await api.write ('projects', 'record_session', { ...json, project_id: project.id });
        flash = `La séance du ${fmt.date (json.date)} est enregistrée.`;
      }
      context.navigate (pageHash (PAGE, { id: project.id, section: 'seances' }));
    },
  });
  add (box, h ('h3', { id: 'session-form-title' }, editing ? `Corriger la séance du ${fmt.date (editing.date)}` : 'Enregistrer une séance'), form.element);
  if (editing)
    setTimeout (() => form.element.querySelector ('input, select, textarea')?.focus (), 0);
}

async function evaluationSection (box, project, context) {
  const evaluation = project.evaluation;
  add (box, h ('h2', {}, 'Évaluation'),
    h ('p', {}, 'Cette évaluation peut être simple : questionner de vive voix, proposer d\'écrire trois mots en fin d\'action, un questionnaire avec des émoticônes pour ne pas mettre en difficulté les personnes peu lettrées.'),
    evaluation
      ? h ('p', { id: 'evaluation-summary' }, `Évaluation enregistrée le ${fmt.date (evaluation.evaluated_on)}. `, qualityBadges (project))
      : h ('p', { id: 'evaluation-summary', class: 'muted' }, 'Pas encore d\'évaluation.'));
  if (!context.canWrite) {
    if (evaluation)
      add (box, facts ('evaluation-facts', [['Résultats', evaluation.results], ['Procédure', evaluation.procedure], ['Processus', evaluation.process]]));
    return;
  }
  if (!ACTIVE.has (project.status)) {
    add (box, notice ('warn', 'L\'évaluation s\'enregistre pour un projet en cours ou terminé.'));
    return;
  }
  const [schemas, op] = await Promise.all ([openapi (context).then (doc => doc.components.schemas), operation (context, 'projects', 'set_evaluation')]);
  const form = groupedForm ({
    schemas, message: 'projects.SetEvaluation', id: 'evaluation-form',
    only: ['evaluation', 'promising', 'evidence_based'],
    groups: [
      { legend: 'Évaluation du projet', paths: ['evaluation.evaluated_on', 'evaluation.results', 'evaluation.procedure', 'evaluation.process'] },
      { legend: 'Qualité du projet', paths: ['promising', 'evidence_based'],
        hint: 'Un projet probant ou prometteur compte dans le suivi de l\'objectif opérationnel 4.6.' },
    ],
    labels: { 'evaluation.evaluated_on': 'Date de l\'évaluation', 'evaluation.results': 'Résultats',
      'evaluation.procedure': 'Procédure', 'evaluation.process': 'Processus',
      promising: 'Projet prometteur', evidence_based: 'Projet probant' },
    required: (op && op.required) || [],
    values: { evaluation: evaluation || { evaluated_on: today () }, promising: project.promising, evidence_based: project.evidence_based },
    submitLabel: 'Enregistrer l\'évaluation',
    async onSubmit (json) {
      await api.write ('projects', 'set_evaluation', { ...json, project_id: project.id });
      flash = 'L\'évaluation est enregistrée.';
      context.navigate (pageHash (PAGE, { id: project.id, section: 'evaluation' }));
    },
  });
  add (box, form.element);
}

// ---------------------------------------------------------------- SWOT and yearly review

async function yearsView (container, params, context) {
  const code = await regionCode (context);
  const establishments = await regionEstablishments (context);
  const thisYear = new Date ().getFullYear ();
  const year = Number (params.get ('annee')) || thisYear;
  const chosenId = params.get ('etablissement') || '';
  add (container, h ('h1', {}, 'SWOT et bilan annuel par établissement'), pageTabs ('etablissements'));
  showFlash (container);
  add (container, h ('p', {}, 'Chaque année, un établissement fait l\'analyse de ses forces, faiblesses, opportunités et menaces avec ses besoins (objectif opérationnel 4.1), puis le bilan annuel de ses actions (objectif opérationnel 5.5).'));

  const establishment = filterSelect ({ id: 'year-establishment', label: 'Établissement', value: chosenId, empty: 'Choisir…',
    choices: establishments.map (item => ({ value: item.id, label: item.name })) });
  const yearSelect = filterSelect ({ id: 'year-year', label: 'Année', value: year, empty: 'Choisir…', choices: yearChoices (6, thisYear + 1) });
  const chooser = h ('form', { class: 'toolbar', id: 'year-chooser', 'aria-label': 'Choisir l\'établissement et l\'année' },
    establishment.node, yearSelect.node, h ('div', { class: 'actions' }, h ('button', { type: 'submit' }, 'Afficher')));
  chooser.addEventListener ('submit', event => {
    event.preventDefault ();
    context.navigate (pageHash (PAGE, { vue: 'etablissements', etablissement: establishment.select.value, annee: yearSelect.select.value || year }));
  });
  add (container, chooser);

  const all = await api.read ('projects', 'list_establishment_years', { region_code: code, year });
  const byEstablishment = new Map ((all.items || []).map (item => [item.establishment_id, item]));
  // The region's overview: below the establishment's forms when one is chosen
  const overview = h ('section', { id: 'years-overview', 'aria-labelledby': 'years-overview-title' },
    h ('h2', { id: 'years-overview-title' }, `Où en sont les établissements en ${year}`),
    table ({
      caption: `SWOT et bilans annuels ${year} par établissement`, captionHidden: true, id: 'years-table',
      columns: [
        { label: 'Établissement', rowHeader: true, value: item => h ('a', { href: pageHash (PAGE, { vue: 'etablissements', etablissement: item.id, annee: year }) }, item.name) },
        { label: 'Analyse SWOT', value: item => {
          const entry = byEstablishment.get (item.id);
          return entry && entry.swot ? badge ('ok', entry.swot.done_on ? `faite le ${fmt.date (entry.swot.done_on)}` : 'faite') : badge ('warn', 'à faire');
        } },
        { label: 'Bilan annuel', value: item => {
          const entry = byEstablishment.get (item.id);
          return entry && entry.review ? badge ('ok', `fait le ${fmt.date (entry.review.done_on)}`) : badge ('warn', 'à faire');
        } },
      ],
      rows: establishments,
    }));
  if (!chosenId) {
    add (container, overview);
    return;
  }
  const name = nameOf (establishments, chosenId, 'Établissement');
  let entry = null;
  try { entry = await api.read ('projects', 'get_establishment_year', { establishment_id: chosenId, year }); }
  catch (error) { if (error.status !== 404) throw error; }
  const section = h ('section', { id: 'establishment-year', 'aria-labelledby': 'establishment-year-title' },
    h ('h2', { id: 'establishment-year-title' }, `${name} — ${year}`));
  add (container, section);
  if (!context.canWrite) {
    const swot = (entry && entry.swot) || {};
    add (section, table ({
      caption: 'Analyse SWOT et besoins', id: 'swot-table',
      columns: [{ label: 'Rubrique', rowHeader: true, key: 'label' }, { label: 'Contenu', key: 'text' }],
      rows: [['strengths', 'Forces'], ['weaknesses', 'Faiblesses'], ['opportunities', 'Opportunités'], ['threats', 'Menaces'],
        ['needs_people', 'Besoins humains'], ['needs_logistics', 'Besoins logistiques'], ['needs_money', 'Besoins financiers']]
        .map (([key, label]) => ({ label, text: swot [key] })),
    }), h ('p', {}, 'Bilan annuel : ', entry && entry.review ? `${fmt.date (entry.review.done_on)} — ${entry.review.summary}` : 'pas encore fait.'));
    add (container, overview);
    return;
  }
  const schemas = (await openapi (context)).components.schemas;
  const [swotOp, reviewOp] = await Promise.all ([operation (context, 'projects', 'put_swot'), operation (context, 'projects', 'put_review')]);
  const swotForm = groupedForm ({
    schemas, message: 'projects.PutSwot', id: 'swot-form',
    only: ['swot'],
    groups: [
      { legend: 'Analyse SWOT', paths: ['swot.strengths', 'swot.weaknesses', 'swot.opportunities', 'swot.threats'] },
      { legend: 'Besoins', paths: ['swot.needs_people', 'swot.needs_logistics', 'swot.needs_money'] },
      { legend: 'Réalisation', paths: ['swot.done_on'] },
    ],
    labels: { 'swot.done_on': 'Analyse faite le' },
    required: ((swotOp && swotOp.required) || []).filter (path => path !== 'swot'),
    values: { swot: (entry && entry.swot) || {} },
    submitLabel: 'Enregistrer l\'analyse SWOT',
    async onSubmit (json) {
      await api.write ('projects', 'put_swot', { establishment_id: chosenId, year, swot: json.swot || {} });
      flash = `L'analyse SWOT ${year} de ${name} est enregistrée.`;
      context.navigate (pageHash (PAGE, { vue: 'etablissements', etablissement: chosenId, annee: year }));
    },
  });
  const reviewForm = groupedForm ({
    schemas, message: 'projects.PutReview', id: 'review-form',
    only: ['review'],
    groups: [{ legend: 'Bilan annuel', paths: ['review'] }],
    labels: { 'review.done_on': 'Bilan fait le', 'review.summary': 'Synthèse du bilan' },
    hints: { 'review.done_on': `En ${year} ou au début de ${year + 1}` },
    required: ((reviewOp && reviewOp.required) || []).filter (path => path !== 'review'),
    values: { review: (entry && entry.review) || {} },
    submitLabel: 'Enregistrer le bilan annuel',
    async onSubmit (json) {
      await api.write ('projects', 'put_review', { establishment_id: chosenId, year, review: json.review || {} });
      flash = `Le bilan annuel ${year} de ${name} est enregistré.`;
      context.navigate (pageHash (PAGE, { vue: 'etablissements', etablissement: chosenId, annee: year }));
    },
  });
  // The four boxes of the SWOT side by side, two by two
  const swotBoxes = ['strengths', 'weaknesses', 'opportunities', 'threats']
    .map (key => swotForm.element.querySelector (`[data-path="swot.${key}"]`)).filter (Boolean);
  if (swotBoxes.length === 4) {
    const grid = h ('div', { class: 'swot-grid' });
    grid.style.display = 'grid';
    grid.style.gridTemplateColumns = 'repeat(auto-fit, minmax(17rem, 1fr))';
    grid.style.columnGap = '1rem';
    swotBoxes [0].before (grid);
    grid.append (...swotBoxes);
    swotForm.element.style.maxWidth = '60rem';
  }
  add (section, h ('p', {}, h ('a', { href: pageHash (PAGE, { etablissement: chosenId }) }, `Voir les projets de ${name}`)),
    h ('h3', {}, 'Analyse SWOT et besoins (OO 4.1)'), swotForm.element,
    h ('h3', {}, 'Bilan annuel (OO 5.5)'), reviewForm.element);
  add (container, overview);
}

export default {
  async render (container, params, context) {
    if (params.get ('id'))
      return projectView (container, params, context);
    const view = params.get ('vue');
    if (view === 'nouveau')
      return newView (container, params, context);
    if (view === 'etablissements')
      return yearsView (container, params, context);
    return listView (container, params, context);
  },
};
