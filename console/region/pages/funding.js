// Financements (annex 4 of the instruction): the funders, the calls for
// projects (joint between funders or not) with the concertation view of a
// call, the applications of the projects from their submission to the
// funder's decision, the budgets allocated to the health units by
// convention, the co-financing of a project, the amounts granted in a
// year. Amounts are cents in the API and euros on the page.
//   #/financements                             calls for projects
//   #/financements?appel=N                     a call: concertation, applications
//   #/financements?demande=N                   an application: review, decide, withdraw
//   #/financements?vue=demandes|cofinancement|financeurs|budgets|totaux

import { api } from '/common/api.js';
import { h, fmt, table, notice, badge, tabs, errorText, today, card } from '/common/ui.js';
import { barChart } from '/common/charts.js';
import { enumLabel } from '/common/labels.js';
import {
  regionCode, openapi, operation, regionEstablishments, registryList, nameOf, groupedForm,
  filterSelect, yearChoices, pageHash, add, cardRow, facts,
} from '../region.js';

const PAGE = 'financements';
const CALL_NEXT = { DRAFT: 'OPEN', OPEN: 'CLOSED', CLOSED: 'DECIDED' };
const CALL_KIND = { DRAFT: '', OPEN: 'ok', CLOSED: 'warn', DECIDED: '' };
const APPLICATION_KIND = { SUBMITTED: '', UNDER_REVIEW: 'warn', GRANTED: 'ok', PARTLY_GRANTED: 'ok', REJECTED: 'bad', WITHDRAWN: '' };
const APPLICATION_STATUSES = ['SUBMITTED', 'UNDER_REVIEW', 'GRANTED', 'PARTLY_GRANTED', 'REJECTED', 'WITHDRAWN'];
const DECISIONS = ['GRANTED', 'PARTLY_GRANTED', 'REJECTED'];

let flash = null;

function showFlash (container) {
  if (flash) {
    add (container, notice ('ok', flash));
    flash = null;
  }
}

const euros = cents => fmt.euros (cents || '0');
const callBadge = status => badge (CALL_KIND [status] ?? '', enumLabel ('funding.CallStatus', status));
const applicationBadge = status => badge (APPLICATION_KIND [status] ?? '', enumLabel ('funding.ApplicationStatus', status));

function pageTabs (current) {
  return tabs ([
    { id: 'appels', label: 'Appels à projets' },
    { id: 'demandes', label: 'Demandes' },
    { id: 'cofinancement', label: 'Cofinancement d\'un projet' },
    { id: 'financeurs', label: 'Financeurs' },
    { id: 'budgets', label: 'Budgets octroyés' },
    { id: 'totaux', label: 'Montants accordés' },
  ], current, id => (id === 'appels' ? '#/financements' : pageHash (PAGE, { vue: id })));
}

function folded (title, element, open = false) {
  return h ('details', { class: 'fold', open }, h ('summary', {}, h ('strong', {}, title)), element);
}

async function schemasOf (context) {
  return (await openapi (context)).components.schemas;
}

async function requiredOf (context, op, ...leave) {
  const found = await operation (context, 'funding', op);
  return ((found && found.required) || []).filter (path => !leave.includes (path));
}

async function funders () {
  const result = await api.read ('funding', 'list_funders');
  return result.items || [];
}

async function regionProjects (context) {
  const result = await api.read ('projects', 'list_projects', { region_code: await regionCode (context) });
  return (result.items || []).slice ().sort ((a, b) => Number (b.id) - Number (a.id));
}

function toolbar (id, label, nodes, onSubmit, button = 'Afficher') {
  const form = h ('form', { class: 'toolbar', id, role: 'search', 'aria-label': label },
    nodes, h ('div', { class: 'actions' }, h ('button', { type: 'submit' }, button)));
  form.addEventListener ('submit', event => { event.preventDefault (); onSubmit (); });
  return form;
}

// The amounts of a funder line (co-financing, concertation)
function funderLines (lines, caption, id) {
  return table ({
    caption, captionHidden: true, id,
    empty: 'Aucun financeur sollicité.',
    columns: [
      { label: 'Financeur', rowHeader: true, value: item => item.name },
      { label: 'Type', value: item => enumLabel ('funding.FunderKind', item.kind) },
      { label: 'Demandes', numeric: true, value: item => fmt.number (item.applications || 0) },
      { label: 'Demandé', numeric: true, value: item => euros (item.requested_cents) },
      { label: 'Accordé', numeric: true, value: item => euros (item.granted_cents) },
      { label: 'En attente de décision', numeric: true, value: item => euros (item.pending_cents) },
    ],
    rows: lines || [],
  });
}

function applicationsTable (items, { fundersList, establishments, calls, caption, id, showCall = true, showProject = true }) {
  return table ({
    caption, captionHidden: true, id,
    empty: 'Aucune demande de financement.',
    columns: [
      { label: 'Demande', rowHeader: true, value: item => h ('a', { href: pageHash (PAGE, { demande: item.id }) }, `n° ${item.id}`) },
      ...(showProject ? [{ label: 'Projet', value: item => h ('a', { href: pageHash (PAGE, { vue: 'cofinancement', projet: item.project_id }) }, item.project_title || `Projet n° ${item.project_id}`) },
        { label: 'Établissement', value: item => nameOf (establishments, item.establishment_id, 'Établissement') }] : []),
      { label: 'Financeur', value: item => nameOf (fundersList, item.funder_id, 'Financeur') },
      ...(showCall ? [{ label: 'Appel', value: item => nameOf (calls, item.call_id, 'Appel', call => `${call.year} — ${call.title}`) }] : []),
      { label: 'Déposée le', value: item => fmt.date (item.submitted_on) },
      { label: 'Demandé', numeric: true, value: item => euros (item.amount_requested_cents) },
      { label: 'Accordé', numeric: true, value: item => (item.decision_date && item.status !== 'WITHDRAWN' ? euros (item.amount_granted_cents) : '—') },
      { label: 'Statut', value: item => applicationBadge (item.status) },
    ],
    rows: items,
  });
}

// ---------------------------------------------------------------- calls

function callForm (context, { schemas, required, fundersList, establishments }) {
  return groupedForm ({
    schemas, message: 'funding.Call', id: 'call-form',
    only: ['title', 'year', 'coordinated_instruction', 'envelope_cents', 'opening_date', 'closing_date', 'eligible_themes'],
    groups: [
      { legend: 'L\'appel à projets', paths: ['title', 'year', 'funder_ids', 'coordinated_instruction', 'envelope_cents'] },
      { legend: 'Calendrier', paths: ['opening_date', 'closing_date'] },
      { legend: 'Éligibilité', paths: ['eligible_themes', 'eligible_establishment_ids'],
        hint: 'Rien de coché : toutes les thématiques, tous les établissements.' },
    ],
    labels: { title: 'Intitulé de l\'appel', coordinated_instruction: 'Instruction coordonnée des dossiers entre financeurs',
      envelope_cents: 'Enveloppe (€)', eligible_themes: 'Thématiques éligibles' },
    hints: { envelope_cents: 'En euros ; laisser vide si elle n\'est pas annoncée', closing_date: 'Dernier jour pour déposer une demande' },
    extras: {
      funder_ids: { kind: 'ids', label: 'Financeurs de l\'appel (plusieurs : appel conjoint) *',
        items: fundersList.map (item => ({ value: item.id, label: item.name })) },
      eligible_establishment_ids: { kind: 'ids', label: 'Établissements éligibles',
        items: establishments.map (item => ({ value: item.id, label: item.name })) },
    },
    required,
    values: { year: new Date ().getFullYear () + 1 },
    submitLabel: 'Créer l\'appel à projets (brouillon)',
    async onSubmit (json) {
      const saved = await api.write ('funding', 'create_call', json);
      flash = `L'appel « ${saved.title} » est créé en brouillon : ouvrez-le pour recevoir les demandes.`;
      context.navigate (pageHash (PAGE, { appel: saved.id }));
    },
  });
}

async function callsView (container, params, context) {
  const [establishments, fundersList, callsResult] = await Promise.all ([
    regionEstablishments (context), funders (), api.read ('funding', 'list_calls'),
  ]);
  const calls = (callsResult.items || []).slice ().sort ((a, b) => b.year - a.year || Number (b.id) - Number (a.id));
  add (container, h ('h1', {}, 'Financements'), pageTabs ('appels'));
  showFlash (container);
  add (container, 
    h ('h2', {}, `Appels à projets (${fmt.number (calls.length)})`),
    h ('p', {}, 'Un appel conjoint réunit plusieurs financeurs ; l\'instruction coordonnée fait instruire les dossiers ensemble (OO 1.3). Ouvrez un appel pour la concertation des financeurs.'),
    table ({
      caption: 'Appels à projets', captionHidden: true, id: 'calls-table',
      empty: 'Aucun appel à projets.',
      columns: [
        { label: 'Intitulé', rowHeader: true, value: item => h ('a', { href: pageHash (PAGE, { appel: item.id }) }, item.title) },
        { label: 'Année', numeric: true, value: item => String (item.year) },
        { label: 'Financeurs', value: item => (item.funder_ids || []).map (id => nameOf (fundersList, id, 'Financeur')).join (' ; ') },
        { label: 'Enveloppe', numeric: true, value: item => (Number (item.envelope_cents) ? euros (item.envelope_cents) : 'non annoncée') },
        { label: 'Dépôt', value: item => `du ${fmt.date (item.opening_date)} au ${fmt.date (item.closing_date)}` },
        { label: 'Statut', value: item => [callBadge (item.status), item.coordinated_instruction ? [' ', badge ('', 'instruction coordonnée')] : null] },
      ],
      rows: calls,
    }));
  if (context.canWrite) {
    const [schemas, required] = await Promise.all ([schemasOf (context), requiredOf (context, 'create_call')]);
    add (container, folded ('Créer un appel à projets', callForm (context, { schemas, required, fundersList, establishments }).element));
  }
}

async function callView (container, params, context) {
  const id = params.get ('appel');
  let concertation;
  try { concertation = await api.read ('funding', 'concertation', { call_id: id }); }
  catch (error) {
    add (container, h ('h1', {}, 'Appel à projets introuvable'), notice ('bad', errorText (error)), h ('p', {}, h ('a', { href: '#/financements' }, 'Revenir aux appels à projets')));
    return;
  }
  const call = concertation.call;
  const [establishments, fundersList, applicationsResult, callsResult] = await Promise.all ([
    regionEstablishments (context), funders (), api.read ('funding', 'list_applications', { call_id: id }), api.read ('funding', 'list_calls'),
  ]);
  const applications = (applicationsResult.items || []).slice ().sort ((a, b) => Number (a.id) - Number (b.id));
  add (container, 
    h ('p', { class: 'muted' }, h ('a', { href: '#/financements' }, 'Appels à projets'), ' › appel'),
    h ('h1', {}, call.title));
  showFlash (container);
  add (container, 
    h ('p', { id: 'call-status' }, callBadge (call.status), call.status_date ? ` depuis le ${fmt.date (call.status_date)}` : '',
      ` — année ${call.year} — dépôt du ${fmt.date (call.opening_date)} au ${fmt.date (call.closing_date)}`,
      call.coordinated_instruction ? ' — instruction coordonnée des dossiers' : ''),
    h ('p', {}, 'Financeurs : ', (call.funder_ids || []).map (fid => nameOf (fundersList, fid, 'Financeur')).join (' ; '),
      (call.eligible_themes || []).length ? ` — thématiques éligibles : ${call.eligible_themes.map (theme => enumLabel ('projects.Theme', theme)).join (', ')}` : '',
      (call.eligible_establishment_ids || []).length ? ` — établissements éligibles : ${call.eligible_establishment_ids.map (eid => nameOf (establishments, eid, 'Établissement')).join (', ')}` : ''),
    h ('h2', {}, 'Concertation des financeurs'),
    cardRow ('concertation-cards',
      card ('Enveloppe', Number (call.envelope_cents) ? euros (call.envelope_cents) : 'non annoncée'),
      card ('Demandé', euros (concertation.requested_cents), `${fmt.number (concertation.applications || 0)} demande(s), hors retirées`),
      card ('Accordé', euros (concertation.granted_cents), `en attente de décision : ${euros (concertation.pending_cents)}`),
      card ('Solde de l\'enveloppe', Number (call.envelope_cents) ? euros (concertation.envelope_balance_cents) : '—', 'enveloppe moins demandes')),
    concertation.requests_exceed_envelope ? notice ('warn', 'Les demandes dépassent l\'enveloppe de l\'appel.') : null,
    concertation.grants_exceed_envelope ? notice ('bad', 'Les montants accordés dépassent l\'enveloppe de l\'appel.') : null,
    h ('h3', {}, 'Par financeur'),
    funderLines (concertation.funders, 'Demandes et décisions de l\'appel par financeur', 'concertation-funders'),
    h ('h3', {}, 'Projets sollicitant plusieurs financeurs'),
    table ({
      caption: 'Projets sollicitant plusieurs financeurs dans l\'année', captionHidden: true, id: 'multi-funder-table',
      empty: 'Aucun projet ne sollicite plusieurs financeurs.',
      columns: [
        { label: 'Projet', rowHeader: true, value: item => h ('a', { href: pageHash (PAGE, { vue: 'cofinancement', projet: item.project_id }) }, item.project_title) },
        { label: 'Établissement', value: item => nameOf (establishments, item.establishment_id, 'Établissement') },
        { label: 'Financeurs', value: item => (item.funder_ids || []).map (fid => nameOf (fundersList, fid, 'Financeur')).join (' ; ') },
        { label: 'Demandé dans l\'année', numeric: true, value: item => euros (item.requested_cents) },
      ],
      rows: concertation.multi_funder_projects || [],
    }),
    h ('h3', {}, `Établissements sans demande en ${call.year} (${fmt.number ((concertation.silent_establishments || []).length)})`),
    (concertation.silent_establishments || []).length
      ? h ('p', { id: 'silent-establishments' }, concertation.silent_establishments.map (item => item.name).join (', '))
      : h ('p', { class: 'muted' }, 'Tous les établissements ont déposé au moins une demande.'),
    h ('h2', {}, `Demandes de l'appel (${fmt.number (applications.length)})`),
    applicationsTable (applications, { fundersList, establishments, calls: callsResult.items || [], caption: 'Demandes de financement de l\'appel', id: 'call-applications', showCall: false }));
  if (!context.canWrite)
    return;
  const schemas = await schemasOf (context);
  if (call.status === 'OPEN') {
    const projects = await regionProjects (context);
    const callFunders = (call.funder_ids || []).map (fid => ({ value: fid, label: nameOf (fundersList, fid, 'Financeur') }));
    const form = groupedForm ({
      schemas, message: 'funding.Application', id: 'application-form',
      only: ['project_id', 'funder_id', 'amount_requested_cents', 'submitted_on', 'note'],
      labels: { project_id: 'Projet', funder_id: 'Financeur sollicité', submitted_on: 'Date de dépôt' },
      hints: { funder_id: 'Un financeur de l\'appel ; pour en solliciter plusieurs, une demande par financeur',
        submitted_on: `Entre le ${fmt.date (call.opening_date)} et le ${fmt.date (call.closing_date)}` },
      choices: {
        project_id: projects.map (item => ({ value: item.id, label: `${item.title} — ${nameOf (establishments, item.establishment_id, 'Établissement')}` })),
        funder_id: callFunders,
      },
      required: await requiredOf (context, 'submit_application', 'call_id'),
      values: { submitted_on: today () < call.closing_date ? today () : call.closing_date, funder_id: callFunders.length === 1 ? callFunders [0].value : undefined },
      submitLabel: 'Déposer la demande',
      async onSubmit (json) {
        const saved = await api.write ('funding', 'submit_application', { ...json, call_id: call.id });
        flash = `La demande n° ${saved.id} (${euros (saved.amount_requested_cents)}) est déposée.`;
        context.refresh ();
      },
    });
    add (container, folded ('Déposer une demande de financement', form.element));
  }
  const next = CALL_NEXT [call.status];
  if (next) {
    const form = groupedForm ({
      schemas, message: 'funding.CallTransition', id: 'call-transition-form',
      only: ['status', 'date'],
      labels: { status: 'Nouveau statut', date: 'Date' },
      hints: { status: next === 'DECIDED' ? 'Une fois chaque demande décidée ou retirée' : undefined },
      choices: { status: [{ value: next, label: enumLabel ('funding.CallStatus', next) }] },
      required: await requiredOf (context, 'transition_call', 'call_id'),
      values: { status: next, date: today () },
      submitLabel: 'Changer le statut de l\'appel',
      async onSubmit (json) {
        const saved = await api.write ('funding', 'transition_call', { ...json, call_id: call.id });
        flash = `L'appel est maintenant « ${enumLabel ('funding.CallStatus', saved.status)} ».`;
        context.refresh ();
      },
    });
    add (container, folded (`Changer le statut de l'appel : ${enumLabel ('funding.CallStatus', next).toLowerCase ()}`, form.element));
  }
}

// ---------------------------------------------------------------- an application

async function applicationView (container, params, context) {
  const id = params.get ('demande');
  let application;
  try { application = await api.read ('funding', 'get_application', { id }); }
  catch (error) {
    add (container, h ('h1', {}, 'Demande introuvable'), notice ('bad', errorText (error)), h ('p', {}, h ('a', { href: pageHash (PAGE, { vue: 'demandes' }) }, 'Revenir aux demandes')));
    return;
  }
  const [establishments, fundersList, call] = await Promise.all ([
    regionEstablishments (context), funders (), api.read ('funding', 'get_call', { id: application.call_id }).catch (() => null),
  ]);
  add (container, 
    h ('p', { class: 'muted' }, h ('a', { href: pageHash (PAGE, { vue: 'demandes' }) }, 'Demandes de financement'), ' › demande'),
    h ('h1', {}, `Demande n° ${application.id} — ${application.project_title}`));
  showFlash (container);
  const decided = application.decision_date && application.status !== 'WITHDRAWN';
  add (container, 
    h ('p', { id: 'application-status' }, applicationBadge (application.status),
      application.decision_date ? ` le ${fmt.date (application.decision_date)}` : ''),
    facts ('application-summary', [
      ['Projet', [h ('a', { href: pageHash ('projets', { id: application.project_id }) }, application.project_title),
        ` — ${nameOf (establishments, application.establishment_id, 'Établissement')}`]],
      ['Appel à projets', call ? h ('a', { href: pageHash (PAGE, { appel: call.id }) }, call.title) : `n° ${application.call_id}`],
      ['Financeur', nameOf (fundersList, application.funder_id, 'Financeur')],
      ['Déposée le', fmt.date (application.submitted_on)],
      ['Montant demandé', euros (application.amount_requested_cents)],
      ['Budget prévisionnel du projet', euros (application.planned_budget_cents)],
      ['Montant accordé', decided ? euros (application.amount_granted_cents) : null],
      ['Motif du refus', application.rejection_reason],
      ['Commentaire', application.note],
    ]),
    h ('p', {}, h ('a', { href: pageHash (PAGE, { vue: 'cofinancement', projet: application.project_id }) }, 'Voir le cofinancement du projet')));
  const open = application.status === 'SUBMITTED' || application.status === 'UNDER_REVIEW';
  if (!context.canWrite || !open) {
    if (!open)
      add (container, notice ('', 'Cette demande est décidée ou retirée : son statut est définitif.'));
    return;
  }
  const schemas = await schemasOf (context);
  if (application.status === 'SUBMITTED') {
    const status = h ('div', { 'aria-live': 'polite' });
    const button = h ('button', { type: 'button', id: 'review-button', onclick: async () => {
      button.disabled = true;
      try {
        await api.write ('funding', 'review_application', { application_id: application.id });
        flash = 'La demande est mise en instruction.';
        context.refresh ();
      }
      catch (error) {
        button.disabled = false;
        status.replaceChildren (notice ('bad', errorText (error)));
      }
    } }, 'Mettre en instruction');
    add (container, h ('h2', {}, 'Instruction'), h ('p', {}, 'La demande est déposée : mettez-la en instruction avant d\'enregistrer la décision du financeur.'),
      status, h ('div', { class: 'actions' }, button));
  }
  else {
    const requested = application.amount_requested_cents;
    const form = groupedForm ({
      schemas, message: 'funding.Decision', id: 'decision-form',
      only: ['status', 'amount_granted_cents', 'decision_date', 'rejection_reason'],
      labels: { status: 'Décision', amount_granted_cents: 'Montant accordé (€)' },
      hints: {
        amount_granted_cents: `Accordée : le montant demandé (${euros (requested)}) ; accordée en partie : moins ; refusée : rien.`,
        rejection_reason: 'Obligatoire pour un refus',
      },
      choices: { status: DECISIONS.map (value => ({ value, label: enumLabel ('funding.ApplicationStatus', value) })) },
      required: await requiredOf (context, 'decide_application', 'application_id'),
      values: { amount_granted_cents: requested, decision_date: today () },
      submitLabel: 'Enregistrer la décision',
      async onSubmit (json) {
        const message = { ...json, application_id: application.id };
        if (message.status === 'REJECTED')
          delete message.amount_granted_cents;
        const saved = await api.write ('funding', 'decide_application', message);
        flash = `Décision enregistrée : ${enumLabel ('funding.ApplicationStatus', saved.status).toLowerCase ()}${saved.status === 'REJECTED' ? '' : `, ${euros (saved.amount_granted_cents)}`}.`;
        context.refresh ();
      },
    });
    add (container, h ('h2', {}, 'Décision du financeur'), form.element);
  }
  const withdraw = groupedForm ({
    schemas, message: 'funding.Withdrawal', id: 'withdraw-form',
    only: ['date', 'note'],
    labels: { date: 'Date du retrait', note: 'Commentaire' },
    required: await requiredOf (context, 'withdraw_application', 'application_id'),
    values: { date: today () },
    submitLabel: 'Retirer la demande',
    async onSubmit (json) {
      await api.write ('funding', 'withdraw_application', { ...json, application_id: application.id });
      flash = 'La demande est retirée.';
      context.refresh ();
    },
  });
  add (container, folded ('Retirer la demande (à l\'initiative du porteur)', withdraw.element));
}

async function applicationsView (container, params, context) {
  const chosen = { status: params.get ('statut') || '', funder: params.get ('financeur') || '', call: params.get ('appel_id') || '' };
  const [establishments, fundersList, callsResult, result] = await Promise.all ([
    regionEstablishments (context), funders (), api.read ('funding', 'list_calls'),
    api.read ('funding', 'list_applications', { status: chosen.status, funder_id: chosen.funder, call_id: chosen.call }),
  ]);
  const calls = (callsResult.items || []).slice ().sort ((a, b) => b.year - a.year);
  const items = (result.items || []).slice ().sort ((a, b) => Number (b.id) - Number (a.id));
  const status = filterSelect ({ id: 'application-status-filter', label: 'Statut', value: chosen.status,
    choices: APPLICATION_STATUSES.map (value => ({ value, label: enumLabel ('funding.ApplicationStatus', value) })) });
  const funder = filterSelect ({ id: 'application-funder-filter', label: 'Financeur', value: chosen.funder,
    choices: fundersList.map (item => ({ value: item.id, label: item.name })) });
  const call = filterSelect ({ id: 'application-call-filter', label: 'Appel à projets', value: chosen.call,
    choices: calls.map (item => ({ value: item.id, label: `${item.year} — ${item.title}` })) });
  call.select.style.maxWidth = '28rem';
  add (container, h ('h1', {}, 'Financements'), pageTabs ('demandes'));
  showFlash (container);
  const requested = items.filter (item => item.status !== 'WITHDRAWN').reduce ((sum, item) => sum + Number (item.amount_requested_cents || 0), 0);
  const granted = items.filter (item => item.decision_date && item.status !== 'WITHDRAWN').reduce ((sum, item) => sum + Number (item.amount_granted_cents || 0), 0);
  add (container, 
    toolbar ('application-filters', 'Filtrer les demandes', [status.node, funder.node, call.node],
      () => context.navigate (pageHash (PAGE, { vue: 'demandes', statut: status.select.value, financeur: funder.select.value, appel_id: call.select.value })), 'Filtrer'),
    h ('h2', {}, `Demandes de financement (${fmt.number (items.length)})`),
    h ('p', {}, `Demandé : ${euros (requested)} (hors retirées) ; accordé : ${euros (granted)}.`),
    applicationsTable (items, { fundersList, establishments, calls, caption: 'Demandes de financement', id: 'applications-table' }));
}

// ---------------------------------------------------------------- co-financing of a project

async function coFinancingView (container, params, context) {
  const projectId = params.get ('projet') || '';
  const [establishments, projects, fundersList, callsResult] = await Promise.all ([
    regionEstablishments (context), regionProjects (context), funders (), api.read ('funding', 'list_calls'),
  ]);
  const project = filterSelect ({ id: 'cofinancing-project', label: 'Projet', value: projectId, empty: 'Choisir un projet…',
    choices: projects.map (item => ({ value: item.id, label: `${item.title} — ${nameOf (establishments, item.establishment_id, 'Établissement')}` })) });
  project.select.style.maxWidth = '40rem';
  add (container, h ('h1', {}, 'Financements'), pageTabs ('cofinancement'),
    toolbar ('cofinancing-chooser', 'Choisir un projet', [project.node],
      () => context.navigate (pageHash (PAGE, { vue: 'cofinancement', projet: project.select.value }))));
  if (!projectId) {
    add (container, h ('p', {}, 'Choisissez un projet pour voir, financeur par financeur, ce qu\'il a demandé et obtenu face à son budget prévisionnel.'));
    return;
  }
  let co;
  try { co = await api.read ('funding', 'co_financing', { project_id: projectId }); }
  catch (error) {
    add (container, notice ('bad', `Cofinancement indisponible : ${errorText (error)}`));
    return;
  }
  const budget = Number (co.planned_budget_cents || 0);
  const section = h ('section', { id: 'cofinancing', 'aria-labelledby': 'cofinancing-title' },
    h ('h2', { id: 'cofinancing-title' }, `Cofinancement de « ${co.project_title} »`),
    h ('p', {}, nameOf (establishments, co.establishment_id, 'Établissement'), ' — ',
      h ('a', { href: pageHash ('projets', { id: co.project_id }) }, 'Ouvrir la fiche projet')),
    cardRow ('cofinancing-cards',
      card ('Budget prévisionnel', budget ? euros (co.planned_budget_cents) : 'non renseigné'),
      card ('Demandé', euros (co.requested_cents)),
      card ('Accordé', euros (co.granted_cents), budget ? `${fmt.percent (Number (co.granted_cents || 0) / budget, 0)} du budget` : ''),
      card ('Reste à financer', budget ? euros (co.remaining_cents) : '—', `en attente de décision : ${euros (co.pending_cents)}`)),
    co.over_funded ? notice ('bad', 'Le projet reçoit plus que son budget prévisionnel.') : null,
    co.over_requested ? notice ('warn', 'Les demandes dépassent le budget prévisionnel.') : null,
    co.under_funded ? notice ('warn', 'Financement insuffisant : même si toutes les demandes en attente étaient accordées, le budget ne serait pas couvert.') : null,
    h ('h3', {}, 'Par financeur'),
    funderLines (co.funders, 'Cofinancement du projet par financeur', 'cofinancing-funders'),
    h ('h3', {}, 'Demandes du projet'),
    applicationsTable (co.applications || [], { fundersList, establishments, calls: callsResult.items || [], caption: 'Demandes de financement du projet', id: 'cofinancing-applications', showProject: false }));
  add (container, section);
}

// ---------------------------------------------------------------- funders

async function fundersView (container, params, context) {
  const code = await regionCode (context);
  const fundersList = await funders ();
  const editing = params.get ('financeur') ? fundersList.find (item => item.id === params.get ('financeur')) : null;
  add (container, h ('h1', {}, 'Financements'), pageTabs ('financeurs'));
  showFlash (container);
  add (container, 
    h ('h2', {}, `Financeurs (${fmt.number (fundersList.length)})`),
    h ('p', {}, 'Les sources de financement mobilisables par l\'ARS et ses partenaires (annexe 4 de l\'instruction).'),
    table ({
      caption: 'Financeurs', captionHidden: true, id: 'funders-table',
      columns: [
        { label: 'Nom', rowHeader: true, value: item => item.name },
        { label: 'Type', value: item => enumLabel ('funding.FunderKind', item.kind) },
        { label: 'Niveau', value: item => enumLabel ('funding.FunderLevel', item.level) },
        { label: 'Région', value: item => item.region_code },
        ...(context.canWrite ? [{ label: 'Action', value: item => h ('a', { href: pageHash (PAGE, { vue: 'financeurs', financeur: item.id }),
          'aria-label': `Modifier ${item.name}` }, 'Modifier') }] : []),
      ],
      rows: fundersList,
    }));
  if (!context.canWrite)
    return;
  const schemas = await schemasOf (context);
  const form = groupedForm ({
    schemas, message: 'funding.Funder', id: 'funder-form',
    only: ['kind', 'name', 'level', 'region_code'],
    labels: { kind: 'Type de financeur', region_code: 'Région (code)' },
    hints: { region_code: 'Obligatoire pour un financeur régional ou local' },
    required: await requiredOf (context, editing ? 'update_funder' : 'create_funder', 'id'),
    values: editing || { region_code: code },
    submitLabel: editing ? 'Enregistrer le financeur' : 'Ajouter le financeur',
    extraActions: editing ? h ('a', { class: 'button secondary', href: pageHash (PAGE, { vue: 'financeurs' }) }, 'Annuler') : null,
    async onSubmit (json) {
      const saved = editing
        ? await api.write ('funding', 'update_funder', { ...json, id: editing.id })
        : await api.write ('funding', 'create_funder', json);
      flash = `Le financeur « ${saved.name} » est enregistré.`;
      context.navigate (pageHash (PAGE, { vue: 'financeurs' }));
    },
  });
  add (container, editing ? h ('h2', {}, `Modifier « ${editing.name} »`) : null,
    editing ? form.element : folded ('Ajouter un financeur', form.element));
}

// ---------------------------------------------------------------- allocations

async function budgetsView (container, params, context) {
  const year = params.get ('annee') || '';
  const [establishments, fundersList, units, partners, cpoms, allocations, indirect] = await Promise.all ([
    regionEstablishments (context), funders (), registryList (context, 'list_health_units'), registryList (context, 'list_partners'),
    registryList (context, 'list_cpoms').catch (() => []),
    api.read ('funding', 'list_allocations', { year }), api.read ('funding', 'list_indirect_fundings', { year }),
  ]);
  const yearSelect = filterSelect ({ id: 'budget-year', label: 'Année', value: year, empty: 'Toutes les années', choices: yearChoices (6, new Date ().getFullYear () + 1) });
  const items = (allocations.items || []).slice ().sort ((a, b) => b.year - a.year || (a.signed_on < b.signed_on ? 1 : -1));
  const total = items.reduce ((sum, item) => sum + Number (item.amount_cents || 0), 0);
  add (container, h ('h1', {}, 'Financements'), pageTabs ('budgets'));
  showFlash (container);
  add (container, 
    toolbar ('budget-filters', 'Choisir l\'année', [yearSelect.node], () => context.navigate (pageHash (PAGE, { vue: 'budgets', annee: yearSelect.select.value }))),
    h ('h2', {}, `Budgets octroyés aux USMP par convention (${fmt.number (items.length)})`),
    h ('p', {}, `Total : ${euros (total)}.`),
    table ({
      caption: 'Budgets octroyés aux unités sanitaires', captionHidden: true, id: 'allocations-table',
      empty: 'Aucun budget octroyé.',
      columns: [
        { label: 'Unité sanitaire', rowHeader: true, value: item => nameOf (units, item.health_unit_id, 'USMP') },
        { label: 'Financeur', value: item => nameOf (fundersList, item.funder_id, 'Financeur') },
        { label: 'Année', numeric: true, value: item => String (item.year) },
        { label: 'Montant', numeric: true, value: item => euros (item.amount_cents) },
        { label: 'Objet', value: item => item.purpose },
        { label: 'Convention', value: item => item.convention_reference },
        { label: 'Signée le', value: item => fmt.date (item.signed_on) },
      ],
      rows: items,
    }),
    h ('h2', {}, 'Financements indirects (CPOM)'),
    h ('p', {}, 'Un partenaire déjà financé par un CPOM qui intervient dans un établissement : montant estimé, jamais compté dans les totaux.'),
    table ({
      caption: 'Financements indirects par CPOM', captionHidden: true, id: 'indirect-table',
      empty: 'Aucun financement indirect.',
      columns: [
        { label: 'Partenaire', rowHeader: true, value: item => nameOf (partners, item.partner_id, 'Partenaire') },
        { label: 'CPOM', value: item => nameOf (cpoms, item.cpom_id, 'CPOM', cpom => cpom.title) },
        { label: 'Établissement', value: item => nameOf (establishments, item.establishment_id, 'Établissement') },
        { label: 'Année', numeric: true, value: item => String (item.year) },
        { label: 'Action', value: item => item.description },
        { label: 'Montant estimé', numeric: true, value: item => (Number (item.estimated_cents) ? euros (item.estimated_cents) : 'non estimé') },
      ],
      rows: indirect.items || [],
    }));
  if (!context.canWrite)
    return;
  const schemas = await schemasOf (context);
  const form = groupedForm ({
    schemas, message: 'funding.Allocation', id: 'allocation-form',
    only: ['health_unit_id', 'funder_id', 'amount_cents', 'year', 'purpose', 'convention_reference', 'signed_on'],
    labels: { health_unit_id: 'Unité sanitaire (USMP)', amount_cents: 'Montant (€)', purpose: 'Objet', signed_on: 'Convention signée le' },
    choices: {
      health_unit_id: units.map (item => ({ value: item.id, label: item.name })),
      funder_id: fundersList.map (item => ({ value: item.id, label: item.name })),
    },
    required: await requiredOf (context, 'create_allocation'),
    values: { year: Number (year) || new Date ().getFullYear (), signed_on: today () },
    submitLabel: 'Enregistrer le budget octroyé',
    async onSubmit (json) {
      const saved = await api.write ('funding', 'create_allocation', json);
      flash = `Le budget de ${euros (saved.amount_cents)} est enregistré.`;
      context.navigate (pageHash (PAGE, { vue: 'budgets', annee: saved.year }));
    },
  });
  add (container, folded ('Enregistrer un budget octroyé à une USMP', form.element));
}

// ---------------------------------------------------------------- amounts granted

async function totalsView (container, params, context) {
  const thisYear = new Date ().getFullYear ();
  const year = Number (params.get ('annee')) || thisYear;
  const establishments = await regionEstablishments (context);
  const yearSelect = filterSelect ({ id: 'totals-year', label: 'Année', value: year, empty: 'Choisir…', choices: yearChoices (6) });
  add (container, h ('h1', {}, 'Financements'), pageTabs ('totaux'),
    toolbar ('totals-filters', 'Choisir l\'année', [yearSelect.node], () => context.navigate (pageHash (PAGE, { vue: 'totaux', annee: yearSelect.select.value }))));
  let totals;
  try { totals = await api.read ('funding', 'granted_totals', { from: `${year}-01-01`, to: `${year}-12-31` }); }
  catch (error) {
    add (container, notice ('bad', `Totaux indisponibles : ${errorText (error)}`));
    return;
  }
  const amounts = (items, label, caption, id) => table ({
    caption, captionHidden: true, id, empty: 'Aucun montant.',
    columns: [
      { label: 'Libellé', rowHeader: true, value: label },
      { label: 'Montant accordé', numeric: true, value: item => euros (item.cents) },
    ],
    rows: (items || []).slice ().sort ((a, b) => Number (b.cents) - Number (a.cents)),
  });
  const byFunder = (totals.by_funder || []).slice ().sort ((a, b) => Number (b.cents) - Number (a.cents));
  add (container, 
    h ('h2', {}, `Montants accordés en ${year}`),
    h ('p', { class: 'muted' }, 'Décisions sur les demandes datées de l\'année et conventions signées dans l\'année (suivi de l\'OO 4.3).'),
    cardRow ('totals-cards',
      card ('Total accordé', euros (totals.total_cents)),
      card ('Sur appels à projets', euros (totals.grants_cents)),
      card ('Par convention avec les hôpitaux', euros (totals.allocations_cents)),
      card ('Financeurs ayant accordé un montant', fmt.number (totals.funders_granting || 0))),
    byFunder.length ? barChart ({
      title: `Montants accordés en ${year} par financeur`,
      labels: byFunder.map (item => item.label || item.key),
      values: byFunder.map (item => Number (item.cents) / 100),
      format: value => fmt.euros (Math.round (value * 100)),
    }) : null,
    h ('div', { class: 'columns' },
      h ('section', {}, h ('h3', {}, 'Par type de financeur'),
        amounts (totals.by_funder_kind, item => enumLabel ('funding.FunderKind', item.key), 'Montants accordés par type de financeur', 'totals-by-kind')),
      h ('section', {}, h ('h3', {}, 'Par établissement'),
        amounts (totals.by_establishment, item => nameOf (establishments, item.key, 'Établissement'), 'Montants accordés par établissement', 'totals-by-establishment'))),
    h ('h3', {}, 'Par thématique'),
    h ('p', { class: 'muted' }, 'Un montant compte sous chaque thématique de son projet : ces lignes peuvent dépasser le total des appels à projets.'),
    amounts (totals.by_theme, item => enumLabel ('projects.Theme', item.key), 'Montants accordés par thématique', 'totals-by-theme'));
}

export default {
  async render (container, params, context) {
    if (params.get ('appel'))
      return callView (container, params, context);
    if (params.get ('demande'))
      return applicationView (container, params, context);
    const views = { demandes: applicationsView, cofinancement: coFinancingView, financeurs: fundersView, budgets: budgetsView, totaux: totalsView };
    return (views [params.get ('vue')] || callsView) (container, params, context);
  },
};
