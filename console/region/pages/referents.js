// Référents: the referent posts the instruction asks for (the region's
// posts, and in each establishment the health unit's, the prison staff's
// and, where minors are held, the PJJ's), who holds each since when or how
// long it has been vacant; designating a referent, ending a designation
// with its reason, and the history of a post.
//
//   #/referents                               every post of the region
//   #/referents?establishment=ID[&role=ROLE]  one establishment's posts
//   #/referents?scope=region[&role=ROLE]      the region's own posts
//                                            (establishment=0 too)
// role preselects the post in the designation form and moves there.

import { api } from '/common/api.js';
import { h, fill, fmt, table, notice, badge, errorText, today, daysBetween } from '/common/ui.js';
import { schemaForm } from '/common/forms.js';
import { enumLabel } from '/common/labels.js';
import { regionCode, openapi, operation } from '../region.js';

// Appends children, flattening lists and leaving out null, undefined, false
function add (element, ...children) {
  for (const child of children.flat (Infinity))
    if (child !== null && child !== undefined && child !== false)
      element.append (child);
  return element;
}

// The posts of each scope (services/registry/registry_rules.c s_roles):
// the region's four, and in an establishment the USMP's (several may be
// named: somatic and psychiatric teams), the prison staff's, and the PJJ's
// where minors are held.
const REGION_ROLES = ['ARS_REFERENT', 'DISP_HEALTH_REFERENT', 'DIRPJJ_REFERENT', 'IREPS_REFERENT'];
const ESTABLISHMENT_ROLES = ['HEALTH_UNIT_REFERENT', 'PRISON_STAFF_REFERENT', 'PJJ_REFERENT'];
const ROLE_ORDER = [...REGION_ROLES, ...ESTABLISHMENT_ROLES];

// A message shown once by the next drawing of the page (after a change)
let flash = null;

const roleLabel = role => enumLabel ('registry.ReferentRole', role);
const holdsMinors = establishment => establishment.kind === 'EPM' || establishment.has_minors_quarter === true;
const rolesOf = establishment => (establishment
  ? ESTABLISHMENT_ROLES.filter (role => role !== 'PJJ_REFERENT' || holdsMinors (establishment))
  : REGION_ROLES);
const byRole = (a, b) => ROLE_ORDER.indexOf (a.role) - ROLE_ORDER.indexOf (b.role);
const byName = (a, b) => a.name.localeCompare (b.name, 'fr');

function openOn (establishment, day) {
  return (!establishment.opened_on || establishment.opened_on <= day)
      && (!establishment.closed_on || establishment.closed_on >= day);
}

function scopeHref (establishmentId, role) {
  const base = establishmentId && establishmentId !== '0' ? `#/referents?establishment=${establishmentId}` : '#/referents?scope=region';
  return role ? `${base}&role=${role}` : base;
}

function personLabel (person) {
  return person.organisation ? `${person.full_name} — ${person.organisation}` : person.full_name;
}

function holderCell (persons, designation) {
  const person = persons.get (designation.person_id);
  if (!person)
    return `Personne n° ${designation.person_id}`;
  return h ('span', {}, person.full_name,
    person.organisation || person.role_title
      ? h ('span', { class: 'muted' }, ` — ${[person.role_title, person.organisation].filter (Boolean).join (', ')}`) : null);
}

function vacantSince (vacancy, now) {
  return vacancy.vacant_since
    ? `${fmt.date (vacancy.vacant_since)} (${fmt.number (daysBetween (vacancy.vacant_since, now))} j)`
    : 'jamais pourvu';
}

// Everything the page shows, read afresh
async function load (code) {
  const now = today ();
  const [establishments, active, vacancies, persons] = await Promise.all ([
    api.read ('registry', 'list_establishments', { region_code: code }),
    api.read ('registry', 'list_designations', { region_code: code, active_at: now }),
    api.read ('registry', 'vacancies', { region_code: code }),
    api.read ('registry', 'list_persons', { region_code: code }),
  ]);
  return {
    now,
    establishments: (establishments.items || []).filter (item => openOn (item, now)).sort (byName),
    active: active.items || [],
    vacancies: vacancies.items || [],
    persons: new Map ((persons.items || []).map (person => [person.id, person])),
    personList: (persons.items || []).slice ().sort ((a, b) => a.full_name.localeCompare (b.full_name, 'fr')),
  };
}

// The posts of one scope (establishment, or null for the region): one row
// per holder, one per vacant post
function postsOf (data, establishment) {
  const id = establishment ? establishment.id : undefined;
  const same = item => (item.establishment_id || undefined) === id;
  const rows = [];
  for (const role of rolesOf (establishment)) {
    const holders = data.active.filter (item => item.role === role && same (item));
    const vacancy = data.vacancies.find (item => item.role === role && same (item));
    for (const designation of holders.sort ((a, b) => (a.start_date < b.start_date ? -1 : 1)))
      rows.push ({ establishment, role, designation });
    // A closed establishment has no vacant post any more
    if (vacancy || (!holders.length && (!establishment || openOn (establishment, data.now))))
      rows.push ({ establishment, role, vacancy: vacancy || {} });
  }
  return rows;
}

// ---------------------------------------------------------------- every post

// What a post's cell says: its holder(s) since when, or vacant since when
// with a link to designate
function postCell (data, rows, where, canWrite) {
  if (!rows.length)
    return h ('span', { class: 'muted' }, 'sans objet');
  return rows.map (row => {
    if (row.designation) {
      const person = data.persons.get (row.designation.person_id);
      return h ('div', { class: 'holder' },
        person ? person.full_name : `Personne n° ${row.designation.person_id}`,
        h ('br'), h ('span', { class: 'muted' }, `depuis le ${fmt.date (row.designation.start_date)}`,
          row.designation.end_date ? `, jusqu'au ${fmt.date (row.designation.end_date)}` : ''));
    }
    return h ('div', { class: 'vacant' },
      badge ('bad', row.vacancy.vacant_since ? `Vacant depuis le ${fmt.date (row.vacancy.vacant_since)}` : 'Vacant, jamais pourvu'),
      row.vacancy.vacant_since ? h ('span', { class: 'muted' }, ` (${fmt.number (daysBetween (row.vacancy.vacant_since, data.now))} j)`) : null,
      canWrite ? ' ' : null, canWrite ? h ('a', { href: scopeHref (row.establishment && row.establishment.id, row.role), class: 'designate-link', 'data-role': row.role },
        'Désigner', h ('span', { class: 'visually-hidden' }, ` : ${roleLabel (row.role)}, ${where}`)) : null);
  });
}

function regionTable (data, canWrite) {
  const rows = postsOf (data, null);
  return table ({
    caption: 'Postes de référent régionaux', captionHidden: true, id: 'region-posts-table',
    columns: [
      { label: 'Poste', rowHeader: true, value: role => roleLabel (role) },
      { label: 'Titulaire ou vacance', value: role => postCell (data, rows.filter (row => row.role === role), 'région', canWrite) },
    ],
    rows: REGION_ROLES,
  });
}

function establishmentsTable (data, establishments, canWrite) {
  return table ({
    caption: 'Postes de référent des établissements : un établissement par ligne, un poste par colonne',
    captionHidden: true, id: 'referents-table',
    empty: 'Aucun établissement ne correspond au filtre.',
    columns: [
      { label: 'Établissement', rowHeader: true, value: item => h ('a', { href: scopeHref (item.establishment.id) }, item.establishment.name) },
      ...ESTABLISHMENT_ROLES.map (role => ({
        label: roleLabel (role),
        value: item => postCell (data, item.rows.filter (row => row.role === role), item.establishment.name, canWrite),
      })),
    ],
    rows: establishments,
  });
}

async function renderOverview (container, context, code) {
  const data = await load (code);
  const region = postsOf (data, null);
  const establishments = data.establishments.map (establishment => ({ establishment, rows: postsOf (data, establishment) }));
  const all = [...region, ...establishments.flatMap (item => item.rows)];
  const vacant = all.filter (row => row.vacancy).length;
  const filled = all.filter (row => row.designation).length;

  const vacantOnly = h ('input', { type: 'checkbox', id: 'referents-vacant-only', name: 'vacant_only' });
  const tableBox = h ('div', { id: 'referents-posts' });
  const draw = () => {
    const shown = establishments.filter (item => !vacantOnly.checked || item.rows.some (row => row.vacancy));
    fill (tableBox, establishmentsTable (data, shown, context.canWrite),
      h ('p', { class: 'visually-hidden', role: 'status' }, `${shown.length} établissement(s) affiché(s).`));
  };
  vacantOnly.addEventListener ('change', draw);

  add (container,
    h ('h1', {}, 'Référents'),
    h ('p', {}, 'L\'instruction du 7 septembre 2023 demande que des référents « promotion de la santé » soient identifiés au sein de l\'USMP, ',
      'de l\'établissement pénitentiaire et, dans les établissements accueillant des mineurs, de la PJJ ; au niveau régional, ',
      'l\'ARS, la DISP, la DIRPJJ et l\'IREPS ont chacune le leur. Ouvrez un établissement pour désigner, mettre fin à une désignation ou lire l\'historique.'),
    notice (vacant ? 'warn' : 'ok',
      `${fmt.number (vacant)} poste(s) obligatoire(s) vacant(s) aujourd'hui ; ${fmt.number (filled)} désignation(s) en cours `,
      `dans ${fmt.number (data.establishments.length)} établissement(s) ouvert(s) et à la région.`),
    h ('section', { 'aria-labelledby': 'region-posts-heading' },
      h ('h2', { id: 'region-posts-heading' }, 'Postes régionaux'),
      regionTable (data, context.canWrite),
      h ('p', {}, h ('a', { href: scopeHref (null) }, 'Gérer les postes régionaux et leur historique'))),
    h ('h2', { id: 'establishments-heading' }, 'Établissements'),
    h ('div', { class: 'toolbar' },
      h ('div', { class: 'field check' }, vacantOnly, h ('label', { for: 'referents-vacant-only' }, 'Seulement les établissements où un poste est vacant'))),
    tableBox);
  draw ();
  context.on ('registry.designation', (topic, event) => {
    if (!(event && context.me && event.actor === context.me.login))
      context.refresh ();
  });
}

// ---------------------------------------------------------------- one scope

function historyTable (data, items, role) {
  const rows = items.filter (item => !role || item.role === role).slice ().reverse ();
  return table ({
    caption: 'Historique des désignations, de la plus récente à la plus ancienne',
    captionHidden: true,
    id: 'history-table',
    empty: 'Aucune désignation enregistrée.',
    columns: [
      { label: 'Rôle', value: item => roleLabel (item.role), rowHeader: true },
      { label: 'Titulaire', value: item => holderCell (data.persons, item) },
      { label: 'Du', value: item => fmt.date (item.start_date) },
      { label: 'Au', value: item => (item.end_date ? fmt.date (item.end_date) : badge ('ok', 'en fonction')) },
      { label: 'Motif de fin', value: item => (item.end_reason ? enumLabel ('registry.EndReason', item.end_reason) : (item.end_date ? 'fin de mandat prévue' : '')) },
      { label: 'Commentaire', value: item => item.end_note || '' },
    ],
    rows,
  });
}

async function renderScope (container, params, context, code, establishmentId) {
  const [data, schemas, designateOp, endOp, personOp] = await Promise.all ([
    load (code),
    openapi (context).then (document => document.components.schemas),
    operation (context, 'registry', 'designate'),
    operation (context, 'registry', 'end_designation'),
    operation (context, 'registry', 'create_person'),
  ]);
  let establishment = null;
  if (establishmentId) {
    const found = await api.read ('registry', 'get_establishment', { id: establishmentId });
    if (found.region_code !== code)
      throw new Error (`L'établissement n° ${establishmentId} n'est pas dans la région ${code}.`);
    establishment = found;
  }
  const scopeName = establishment ? establishment.name : 'la région';
  const history = await api.read ('registry', 'scope_history', establishment
    ? { region_code: code, establishment_id: establishment.id } : { region_code: code });
  const historyItems = history.items || [];
  const posts = postsOf (data, establishment);
  const roles = rolesOf (establishment);
  const wanted = roles.includes (params.get ('role')) ? params.get ('role') : '';

  add (container,
    h ('p', {}, h ('a', { href: '#/referents' }, '← Tous les postes de la région')),
    h ('h1', {}, establishment ? `Référents — ${establishment.name}` : 'Référents régionaux'));
  if (establishment)
    add (container, h ('p', { class: 'muted', id: 'scope-facts' },
      [enumLabel ('registry.EstablishmentKind', establishment.kind),
        establishment.commune ? `${establishment.commune} (${establishment.departement_code})` : '',
        establishment.kind === 'EPM' ? 'accueille des mineurs' : establishment.has_minors_quarter ? 'quartier mineurs' : 'sans mineurs détenus',
        openOn (establishment, data.now) ? '' : 'fermé'].filter (Boolean).join (' — ')));
  else
    add (container, h ('p', { class: 'muted', id: 'scope-facts' },
      'Les postes régionaux : le référent de l\'ARS, le référent santé de la DISP, le référent de la DIRPJJ et celui de l\'IREPS.'));
  if (flash) {
    // The confirmation of a change takes the focus, at the top of the page
    const done = notice ('ok', flash);
    done.id = 'referents-flash';
    done.tabIndex = -1;
    add (container, done);
    flash = null;
    setTimeout (() => { window.scrollTo (0, 0); done.focus ({ preventScroll: true }); }, 0);
  }

  // The forms are made first: the table's buttons fill them
  let designateForm = null, endForm = null, personForm = null;
  const active = data.active.filter (item => (item.establishment_id || undefined) === (establishment ? establishment.id : undefined));
  if (context.canWrite) {
    designateForm = schemaForm ({
      schemas, message: 'registry.Designation', id: 'designate-form',
      only: ['person_id', 'role', 'start_date', 'end_date'],
      required: designateOp ? designateOp.required : [],
      labels: { person_id: 'Personne désignée', role: 'Poste de référent', start_date: 'Date de début', end_date: 'Fin de mandat prévue (facultatif)' },
      hints: { person_id: 'Absente de la liste ? Ajoutez-la avec « Ajouter une personne » ci-dessous.', end_date: 'Le dernier jour en fonction, s\'il est déjà connu.' },
      choices: {
        person_id: data.personList.map (person => ({ value: person.id, label: personLabel (person) })),
        role: roles.map (role => ({ value: role, label: roleLabel (role) })),
      },
      values: { role: wanted, start_date: data.now },
      submitLabel: 'Désigner',
      async onSubmit (json) {
        const message = { ...json, region_code: code };
        if (establishment)
          message.establishment_id = establishment.id;
        const made = await api.write ('registry', 'designate', message);
        const person = data.persons.get (made.person_id);
        flash = `Désignation enregistrée : ${person ? person.full_name : `personne n° ${made.person_id}`}, ${roleLabel (made.role)}, `
          + `à compter du ${fmt.date (made.start_date)}.`;
        context.navigate (scopeHref (establishment && establishment.id));
      },
    });
    personForm = schemaForm ({
      schemas, message: 'registry.Person', id: 'person-form',
      only: ['full_name', 'organisation', 'role_title', 'category', 'work_email', 'work_phone'],
      required: personOp ? personOp.required.filter (path => path !== 'region_code') : ['full_name'],
      labels: { organisation: 'Structure (USMP, établissement, DISP, IREPS…)' },
      hints: { work_email: 'Coordonnées professionnelles seulement.' },
      submitLabel: 'Ajouter la personne',
      async onSubmit (json) {
        const person = await api.write ('registry', 'create_person', { ...json, region_code: code });
        data.persons.set (person.id, person);
        const select = designateForm.element.querySelector ('select[name="person_id"]');
        select.append (h ('option', { value: person.id }, personLabel (person)));
        select.value = person.id;
        personForm.element.reset ();
        personDetails.open = false;
        fill (personStatus, notice ('ok', `${person.full_name} est ajouté·e à la liste et choisi·e dans le formulaire de désignation.`));
        select.focus ();
      },
    });
    endForm = schemaForm ({
      schemas, message: 'registry.EndDesignation', id: 'end-form',
      only: ['id', 'end_date', 'reason', 'note'],
      required: endOp ? endOp.required : [],
      labels: { id: 'Désignation', end_date: 'Date de fin (dernier jour en fonction)', reason: 'Motif de fin', note: 'Commentaire' },
      choices: {
        id: active.filter (item => !item.end_reason).sort (byRole).map (item => {
          const person = data.persons.get (item.person_id);
          return { value: item.id, label: `${roleLabel (item.role)} — ${person ? person.full_name : `personne n° ${item.person_id}`} (depuis le ${fmt.date (item.start_date)})` };
        }),
      },
      values: { end_date: data.now },
      submitLabel: 'Mettre fin à la désignation',
      async onSubmit (json) {
        const ended = await api.write ('registry', 'end_designation', json);
        const person = data.persons.get (ended.person_id);
        flash = `Désignation terminée : ${person ? person.full_name : `personne n° ${ended.person_id}`}, ${roleLabel (ended.role)}, `
          + `dernier jour le ${fmt.date (ended.end_date)} (${enumLabel ('registry.EndReason', ended.end_reason)}).`;
        context.navigate (scopeHref (establishment && establishment.id));
      },
    });
  }

  const focusField = (form, name, value) => {
    const control = form.element.querySelector (`[name="${name}"]`);
    if (value !== undefined)
      control.value = value;
    form.element.scrollIntoView ({ block: 'start' });
    control.focus ();
  };

  add (container,
    h ('h2', { id: 'posts-heading' }, 'Postes'),
    table ({
      caption: `Postes de référent de ${scopeName}`, captionHidden: true, id: 'posts-table',
      columns: [
        { label: 'Poste', value: row => roleLabel (row.role), rowHeader: true },
        { label: 'Titulaire', value: row => (row.designation ? holderCell (data.persons, row.designation) : badge ('bad', 'Poste vacant')) },
        { label: 'Depuis le', value: row => (row.designation ? fmt.date (row.designation.start_date) : vacantSince (row.vacancy, data.now)) },
        { label: 'Fin prévue', value: row => (row.designation && row.designation.end_date ? fmt.date (row.designation.end_date) : '') },
        context.canWrite ? { label: 'Action', value: row => {
          const what = h ('span', { class: 'visually-hidden' }, ` — ${roleLabel (row.role)}`);
          const nowrap = button => { button.style.whiteSpace = 'nowrap'; return button; };
          if (row.designation)
            return row.designation.end_reason ? '' : nowrap (h ('button', { type: 'button', class: 'secondary end-button', 'data-designation': row.designation.id,
              onclick: () => focusField (endForm, 'id', row.designation.id) }, 'Mettre fin', what));
          return nowrap (h ('button', { type: 'button', class: 'secondary designate-button', 'data-role': row.role,
            onclick: () => {
              designateForm.element.querySelector ('[name="role"]').value = row.role;
              focusField (designateForm, 'person_id');
            } }, 'Désigner', what));
        } } : null,
      ].filter (Boolean),
      rows: posts,
    }));

  const personDetails = h ('details', { id: 'person-details' }, h ('summary', {}, 'Ajouter une personne'));
  const personStatus = h ('div', { 'aria-live': 'polite' });
  if (context.canWrite) {
    personDetails.append (h ('p', { class: 'muted' }, 'Un professionnel seulement : son nom, sa structure, sa fonction et un contact professionnel, rien de plus.'), personForm.element);
    add (container, h ('div', { class: 'columns' },
      h ('section', { 'aria-labelledby': 'designate-heading' },
        h ('h2', { id: 'designate-heading' }, 'Désigner un référent'),
        h ('p', { class: 'muted' }, establishment && roles.includes ('HEALTH_UNIT_REFERENT')
          ? 'Un seul titulaire par poste, sauf à l\'USMP (équipes somatique et psychiatrique) : mettez d\'abord fin à la désignation du prédécesseur.'
          : 'Un seul titulaire par poste : mettez d\'abord fin à la désignation du prédécesseur.'),
        designateForm.element, personStatus, personDetails),
      h ('section', { 'aria-labelledby': 'end-heading' },
        h ('h2', { id: 'end-heading' }, 'Mettre fin à une désignation'),
        active.length ? endForm.element : h ('p', { class: 'muted' }, 'Aucune désignation en cours.'))));
  }
  else
    add (container, notice ('', 'Votre compte est en lecture seule : les désignations se font avec un compte de saisie.'));

  // The history, of the whole scope or of one post
  const historyRole = h ('select', { id: 'history-role', name: 'history_role' },
    h ('option', { value: '' }, 'Tous les postes'),
    roles.map (role => h ('option', { value: role }, roleLabel (role))));
  const historyBox = h ('div', { id: 'history' });
  const drawHistory = () => fill (historyBox, historyTable (data, historyItems, historyRole.value));
  historyRole.addEventListener ('change', drawHistory);
  add (container,
    h ('h2', { id: 'history-heading' }, `Historique des référents de ${scopeName}`),
    h ('div', { class: 'toolbar' }, h ('div', { class: 'field' }, h ('label', { for: 'history-role' }, 'Poste'), historyRole)),
    historyBox);
  drawHistory ();

  if (wanted && designateForm && !container.querySelector ('#referents-flash'))
    setTimeout (() => focusField (designateForm, 'person_id'), 0);
  // Someone else designates or ends: redraw (unless a form is being filled)
  context.on ('registry.designation', (topic, event) => {
    if (event && context.me && event.actor === context.me.login)
      return;       // this page's own change: already redrawn
    const busy = container.querySelector ('form :focus') || Array.from (container.querySelectorAll ('form input[type=text], form textarea')).some (input => input.value);
    if (!busy)
      context.refresh ();
  });
}

export default {
  async render (container, params, context) {
    const code = await regionCode (context);
    const establishment = params.get ('establishment');
    if (params.get ('scope') === 'region' || establishment === '0')
      return renderScope (container, params, context, code, null);
    if (establishment && /^[0-9]+$/.test (establishment))
      return renderScope (container, params, context, code, establishment);
    try { return await renderOverview (container, context, code); }
    catch (error) {
      add (container, h ('h1', {}, 'Référents'), notice ('bad', `Les postes n'ont pas pu être lus : ${errorText (error)}`));
    }
  },
};
