// Instances: the bodies of the regional strategy — the regional committee,
// its yearly working groups, each establishment's health-promotion steering
// committee (COPIL) with its members and the categories of footnote 8 it
// still lacks — and their meetings with who attended (people and
// structures).
//
//   #/instances?tab=comite                      the regional committee
//   #/instances?tab=groupes[&year=Y][&edit=ID]  working groups
//   #/instances?tab=reunions[&body=KIND:ID][&year=Y]  meetings
//   #/instances?tab=copil[&committee=ID]        steering committees
//   #/instances?establishment=ID                that establishment's COPIL

import { api, ApiError } from '/common/api.js';
import { h, fill, fmt, table, notice, badge, errorText, today, tabs } from '/common/ui.js';
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

const TABS = [
  { id: 'comite', label: 'Comité régional' },
  { id: 'groupes', label: 'Groupes de travail' },
  { id: 'reunions', label: 'Réunions' },
  { id: 'copil', label: 'Comités de pilotage' },
];

// Footnote 8 of instruction DGS/SP/DGOS/R4/DAP/DPJJ/2023/97, word for word
const FOOTNOTE_8_INTRO = 'La composition du comité de pilotage est définie par le guide méthodologique : guide_methodo_2019_ppsmj.pdf (solidarites-sante.gouv.fr). Il rassemble :';
const FOOTNOTE_8 = [
  'médecin responsable du dispositif de soins somatiques de l\'USMP et cadre de santé ;',
  'médecin responsable du dispositif de soins psychiatriques de l\'USMP et cadre de santé ;',
  'personnels soignants de l\'USMP (dispositif des soins somatiques et dispositif des soins psychiatriques) ;',
  'directeur du/des établissement(s) de santé en charge de l\'unité sanitaire ;',
  'personnels des services pénitentiaires ;',
  'chef de l\'établissement pénitentiaire ;',
  'personnels du service pénitentiaire d\'insertion et de probation (SPIP) ;',
  'représentants de la PJJ dans les établissements accueillant des mineurs ;',
  'autres partenaires jugés utiles en fonction des situations locales (personnels de l\'Éducation nationale, centres de soin, d\'accompagnement et de prévention en addictologie (CSAPA), IREPS/comités départementaux d\'éducation pour la santé (CODES), centres de lutte antituberculeuse (CLAT), centres gratuits d\'information, de dépistage et de diagnostic (CeGIDD), associations, etc.) ;',
  'une personne détenue représentant les usagers de l\'établissement.',
];

const STRUCTURE_KINDS = ['ARS_STRUCTURE', 'DIRECTORATE_STRUCTURE', 'ESTABLISHMENT_STRUCTURE', 'HEALTH_UNIT_STRUCTURE', 'HOSPITAL_STRUCTURE', 'PARTNER_STRUCTURE'];
const STRUCTURE_GROUPS = {
  ARS_STRUCTURE: 'Agence régionale de santé',
  DIRECTORATE_STRUCTURE: 'Directions interrégionales (DISP, DIRPJJ)',
  ESTABLISHMENT_STRUCTURE: 'Établissements pénitentiaires',
  HEALTH_UNIT_STRUCTURE: 'Unités sanitaires (USMP)',
  HOSPITAL_STRUCTURE: 'Hôpitaux de référence',
  PARTNER_STRUCTURE: 'Partenaires',
};

// A message shown once by the next drawing of the page (after a change)
let flash = null;

const categoryLabel = category => enumLabel ('registry.MemberCategory', category);
const byText = key => (a, b) => String (a [key] || '').localeCompare (String (b [key] || ''), 'fr');
const sits = (committee, day) => committee.constituted_on <= day && (!committee.dissolved_on || committee.dissolved_on > day);

function stat (label, value, id) {
  return h ('div', { class: 'card', id },
    h ('p', { class: 'sub' }, label),
    h ('p', { class: 'figure' }, fmt.number (value || 0)));
}

function statsCards (stats) {
  return h ('div', { class: 'cards', id: 'meeting-stats' },
    stat ('Réunions', stats.meetings),
    stat ('Personnes distinctes présentes', stats.distinct_persons),
    stat ('Structures distinctes représentées', stats.distinct_structures));
}

// Changes go through here: the page is drawn again, with the message
async function change (context, service, op, message, done, hash) {
  const result = await api.write (service, op, message);
  flash = typeof done === 'function' ? done (result) : done;
  if (hash)
    context.navigate (hash);
  else
    context.refresh ();
  return result;
}

// The confirmation of a change takes the focus, at the top of the page
function showFlash (container) {
  if (flash) {
    const done = notice ('ok', flash);
    done.id = 'instances-flash';
    done.tabIndex = -1;
    add (container, done);
    flash = null;
    setTimeout (() => { window.scrollTo (0, 0); done.focus ({ preventScroll: true }); }, 0);
  }
}

// ---------------------------------------------------------------- what names things

// Everything a meeting's attendance and a committee's members refer to
async function loadNames (code) {
  const list = (op, params) => api.read ('registry', op, params).then (result => result.items || []);
  const [persons, partners, establishments, units, hospitals, directorates, groups, committees, regional] = await Promise.all ([
    list ('list_persons', { region_code: code }),
    list ('list_partners', { region_code: code }),
    list ('list_establishments', { region_code: code }),
    list ('list_health_units', { region_code: code }),
    list ('list_hospitals', { region_code: code }),
    list ('list_directorates', { region_code: code }),
    list ('list_working_groups', { region_code: code }),
    list ('list_steering_committees', { region_code: code }),
    api.read ('registry', 'get_regional_committee', { region_code: code }).catch (error => {
      if (error instanceof ApiError && error.status === 404)
        return null;
      throw error;
    }),
  ]);
  const map = items => new Map (items.map (item => [item.id, item]));
  const names = {
    code,
    now: today (),
    persons: map (persons),
    personList: persons.slice ().sort (byText ('full_name')),
    partners: map (partners),
    partnerList: partners.slice ().sort (byText ('name')),
    establishments: map (establishments),
    establishmentList: establishments.slice ().sort (byText ('name')),
    units: map (units),
    hospitals: map (hospitals),
    directorates: map (directorates),
    groups: map (groups),
    groupList: groups.slice ().sort ((a, b) => b.year - a.year || a.title.localeCompare (b.title, 'fr')),
    committees: map (committees),
    committeeList: committees,
    regional,
  };
  return names;
}

function personName (names, id) {
  const person = names.persons.get (id);
  return person ? person.full_name : `Personne n° ${id}`;
}

function establishmentName (names, id) {
  const establishment = names.establishments.get (id);
  return establishment ? establishment.name : `Établissement n° ${id}`;
}

function structureName (names, ref) {
  const id = ref.id || '0';
  switch (ref.kind) {
    case 'ARS_STRUCTURE': return 'ARS';
    case 'DIRECTORATE_STRUCTURE': return names.directorates.get (id)?.name || `Direction n° ${id}`;
    case 'ESTABLISHMENT_STRUCTURE': return establishmentName (names, id);
    case 'HEALTH_UNIT_STRUCTURE': return names.units.get (id)?.name || `USMP n° ${id}`;
    case 'HOSPITAL_STRUCTURE': return names.hospitals.get (id)?.name || `Hôpital n° ${id}`;
    case 'PARTNER_STRUCTURE': return names.partners.get (id)?.name || `Partenaire n° ${id}`;
    default: return enumLabel ('registry.StructureKind', ref.kind);
  }
}

function bodyName (names, kind, id) {
  if (kind === 'REGIONAL_COMMITTEE_BODY')
    return 'Comité régional';
  if (kind === 'WORKING_GROUP_BODY') {
    const group = names.groups.get (id);
    return group ? `Groupe de travail « ${group.title} » (${group.year})` : `Groupe de travail n° ${id}`;
  }
  if (kind === 'STEERING_COMMITTEE_BODY') {
    const committee = names.committees.get (id);
    return committee ? `Comité de pilotage — ${establishmentName (names, committee.establishment_id)}` : `Comité de pilotage n° ${id}`;
  }
  return enumLabel ('registry.BodyKind', kind);
}

// Every body a meeting may be of, as select choices "KIND:ID"
function bodyChoices (names, onlySitting) {
  const choices = [];
  if (names.regional && (!onlySitting || !names.regional.dissolved_on))
    choices.push ({ value: `REGIONAL_COMMITTEE_BODY:${names.regional.id}`, label: 'Comité régional' });
  for (const group of names.groupList)
    choices.push ({ value: `WORKING_GROUP_BODY:${group.id}`, label: bodyName (names, 'WORKING_GROUP_BODY', group.id) });
  const committees = names.committeeList.filter (item => !onlySitting || sits (item, names.now))
    .sort ((a, b) => establishmentName (names, a.establishment_id).localeCompare (establishmentName (names, b.establishment_id), 'fr'));
  for (const committee of committees)
    choices.push ({ value: `STEERING_COMMITTEE_BODY:${committee.id}`, label: bodyName (names, 'STEERING_COMMITTEE_BODY', committee.id) });
  return choices;
}

function meetingsTable (names, meetings, { id = 'meetings-table', caption = 'Réunions', showBody = true } = {}) {
  const rows = meetings.slice ().sort ((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return table ({
    caption, captionHidden: true, id,
    empty: 'Aucune réunion enregistrée.',
    columns: [
      { label: 'Date', value: meeting => fmt.date (meeting.date), rowHeader: true },
      showBody ? { label: 'Instance', value: meeting => bodyName (names, meeting.body_kind, meeting.body_id) } : null,
      { label: 'Intitulé', value: meeting => meeting.title || '' },
      { label: 'Personnes présentes', value: meeting => {
        const ids = meeting.attendee_person_ids || [];
        return ids.length ? [h ('strong', {}, fmt.number (ids.length)), ' : ', ids.map (item => personName (names, item)).join (', ')] : '0';
      } },
      { label: 'Structures représentées', value: meeting => {
        const refs = meeting.attendee_structures || [];
        return refs.length ? [h ('strong', {}, fmt.number (refs.length)), ' : ', refs.map (ref => structureName (names, ref)).join (', ')] : '0';
      } },
    ].filter (Boolean),
    rows,
  });
}

// ---------------------------------------------------------------- the regional committee

async function regionalTab (box, context, names, schemas) {
  const committee = names.regional;
  const sitting = committee && !committee.dissolved_on;
  add (box, h ('h2', {}, 'Comité régional'),
    h ('p', { class: 'muted' }, 'Le comité régional réunit, autour de l\'ARS, la DISP, la DIRPJJ, l\'IREPS et les acteurs de la promotion de la santé en milieu pénitentiaire ; ',
      'ses groupes de travail préparent et suivent le programme régional.'));
  if (!committee)
    add (box, notice ('warn', 'Aucun comité régional n\'a été mis en place dans la région.'));
  else if (sitting)
    add (box, notice ('ok', `Le comité régional siège depuis le ${fmt.longDate (committee.created_on)}.`));
  else
    add (box, notice ('warn', `Le comité régional mis en place le ${fmt.longDate (committee.created_on)} a été dissous le ${fmt.longDate (committee.dissolved_on)} (premier jour sans comité).`));

  if (committee) {
    const filter = { region_code: names.code, body_kind: 'REGIONAL_COMMITTEE_BODY', body_id: committee.id };
    const [stats, meetings] = await Promise.all ([
      api.read ('registry', 'meeting_stats', filter),
      api.read ('registry', 'list_meetings', filter),
    ]);
    add (box, statsCards (stats),
      h ('h3', {}, 'Réunions du comité'),
      meetingsTable (names, meetings.items || [], { id: 'regional-meetings-table', caption: 'Réunions du comité régional', showBody: false }),
      sitting ? h ('p', {}, h ('a', { href: `#/instances?tab=reunions&body=REGIONAL_COMMITTEE_BODY:${committee.id}` }, 'Enregistrer une réunion du comité')) : null);
  }

  if (!context.canWrite)
    return;
  if (sitting) {
    const op = await operation (context, 'registry', 'dissolve_regional_committee');
    const form = schemaForm ({
      schemas, message: 'registry.Dissolve', id: 'dissolve-regional-form',
      only: ['date'], required: op ? op.required.filter (path => path !== 'id') : [],
      labels: { date: 'Date de dissolution' }, hints: { date: 'Le premier jour sans le comité ; aucune réunion ne peut être datée de ce jour ou après.' },
      submitLabel: 'Dissoudre le comité régional',
      onSubmit: json => change (context, 'registry', 'dissolve_regional_committee', { ...json, id: committee.id },
        done => `Comité régional dissous à compter du ${fmt.date (done.dissolved_on)}.`),
    });
    add (box, h ('details', { id: 'dissolve-regional' }, h ('summary', {}, 'Dissoudre le comité régional'), form.element));
  }
  else {
    const op = await operation (context, 'registry', 'create_regional_committee');
    const form = schemaForm ({
      schemas, message: 'registry.RegionalCommittee', id: 'regional-form',
      only: ['created_on'], required: op ? op.required.filter (path => path !== 'region_code') : [],
      labels: { created_on: 'Date de mise en place' }, values: { created_on: names.now },
      submitLabel: 'Mettre en place le comité régional',
      onSubmit: json => change (context, 'registry', 'create_regional_committee', { ...json, region_code: names.code },
        done => `Comité régional mis en place le ${fmt.date (done.created_on)}.`),
    });
    add (box, h ('h3', {}, 'Mettre en place le comité régional'), form.element);
  }
}

// ---------------------------------------------------------------- working groups

async function groupsTab (box, context, names, schemas, params) {
  const year = /^[0-9]{4}$/.test (params.get ('year') || '') ? Number (params.get ('year')) : null;
  const meetings = await api.read ('registry', 'list_meetings', { region_code: names.code, body_kind: 'WORKING_GROUP_BODY' });
  const count = new Map ();
  for (const meeting of meetings.items || [])
    count.set (meeting.body_id, (count.get (meeting.body_id) || 0) + 1);
  const groups = names.groupList.filter (group => !year || group.year === year);
  const years = [...new Set (names.groupList.map (group => group.year))].sort ((a, b) => b - a);

  const yearSelect = h ('select', { id: 'groups-year', name: 'year' },
    h ('option', { value: '' }, 'Toutes les années'),
    years.map (item => h ('option', { value: item, selected: item === year }, String (item))));
  const filter = h ('form', { class: 'toolbar', id: 'groups-filter', onsubmit: event => {
    event.preventDefault ();
    context.navigate (yearSelect.value ? `#/instances?tab=groupes&year=${yearSelect.value}` : '#/instances?tab=groupes');
  } }, h ('div', { class: 'field' }, h ('label', { for: 'groups-year' }, 'Année'), yearSelect),
  h ('button', { type: 'submit', class: 'secondary' }, 'Filtrer'));

  add (box, h ('h2', {}, 'Groupes de travail'),
    h ('p', { class: 'muted' }, 'Les groupes de travail du comité régional, par année, avec leur thématique et le nombre de leurs réunions.'),
    filter,
    table ({
      caption: year ? `Groupes de travail de ${year}` : 'Groupes de travail', captionHidden: true, id: 'working-groups-table',
      empty: 'Aucun groupe de travail.',
      columns: [
        { label: 'Intitulé', value: group => group.title, rowHeader: true },
        { label: 'Année', value: group => String (group.year) },
        { label: 'Thématique', value: group => group.theme || '' },
        { label: 'Réunions', numeric: true, value: group => h ('a', { href: `#/instances?tab=reunions&body=WORKING_GROUP_BODY:${group.id}` },
          fmt.number (count.get (group.id) || 0), h ('span', { class: 'visually-hidden' }, ` réunion(s) de « ${group.title} »`)) },
        context.canWrite ? { label: 'Action', value: group => h ('a', { href: `#/instances?tab=groupes&edit=${group.id}` },
          'Modifier', h ('span', { class: 'visually-hidden' }, ` « ${group.title} » (${group.year})`)) } : null,
      ].filter (Boolean),
      rows: groups,
    }));

  if (!context.canWrite)
    return;
  const editing = names.groups.get (params.get ('edit') || '');
  const op = await operation (context, 'registry', editing ? 'update_working_group' : 'create_working_group');
  const form = schemaForm ({
    schemas, message: 'registry.WorkingGroup', id: 'working-group-form',
    only: ['title', 'year', 'theme'],
    required: op ? op.required.filter (path => path !== 'region_code' && path !== 'id') : [],
    labels: { title: 'Intitulé du groupe', theme: 'Thématique' },
    values: editing || { year: new Date ().getFullYear () },
    submitLabel: editing ? 'Enregistrer les modifications' : 'Mettre en place le groupe',
    extraActions: editing ? h ('a', { class: 'button secondary', href: '#/instances?tab=groupes' }, 'Annuler') : null,
    onSubmit: json => (editing
      ? change (context, 'registry', 'update_working_group', { ...json, id: editing.id, region_code: names.code },
        done => `Groupe de travail « ${done.title} » modifié.`, '#/instances?tab=groupes')
      : change (context, 'registry', 'create_working_group', { ...json, region_code: names.code },
        done => `Groupe de travail « ${done.title} » (${done.year}) mis en place.`)),
  });
  add (box, h ('h3', { id: 'working-group-form-heading' }, editing ? `Modifier le groupe « ${editing.title} »` : 'Mettre en place un groupe de travail'),
    form.element);
  if (editing)
    setTimeout (() => { form.element.scrollIntoView ({ block: 'start' }); form.element.querySelector ('input')?.focus (); }, 0);
}

// ---------------------------------------------------------------- meetings

// A list of checkboxes in a box that scrolls, each checked one read back
function checkList (legend, items, name, idPrefix) {
  const boxes = [];
  // A box that scrolls is reached by the keyboard itself too
  const scroll = h ('div', { class: 'check-list', tabindex: '0', role: 'group', 'aria-label': `${legend} : liste à faire défiler` });
  scroll.style.maxHeight = '15rem';
  scroll.style.overflowY = 'auto';
  scroll.style.padding = '0 .25rem';
  for (const group of items) {
    const inner = group.items.map (item => {
      const id = `${idPrefix}-${item.value.replace (/[^a-zA-Z0-9]/g, '-')}`;
      const box = h ('input', { type: 'checkbox', id, name, value: item.value });
      boxes.push (box);
      return h ('div', { class: 'field check' }, box, h ('label', { for: id }, item.label));
    });
    scroll.append (group.legend ? h ('fieldset', {}, h ('legend', {}, group.legend), inner) : h ('div', {}, inner));
  }
  const fieldset = h ('fieldset', { 'data-path': name }, h ('legend', {}, legend), scroll);
  return { element: fieldset, read: () => boxes.filter (box => box.checked).map (box => box.value) };
}

async function meetingsTab (box, context, names, schemas, params) {
  const bodyParam = /^[A-Z_]+:[0-9]+$/.test (params.get ('body') || '') ? params.get ('body') : '';
  const year = /^[0-9]{4}$/.test (params.get ('year') || '') ? params.get ('year') : '';
  const filter = { region_code: names.code };
  if (bodyParam)
    [filter.body_kind, filter.body_id] = bodyParam.split (':');
  if (year) {
    filter.from = `${year}-01-01`;
    filter.to = `${year}-12-31`;
  }
  const [stats, meetings, all] = await Promise.all ([
    api.read ('registry', 'meeting_stats', filter),
    api.read ('registry', 'list_meetings', filter),
    api.read ('registry', 'list_meetings', { region_code: names.code }),
  ]);
  const years = [...new Set ((all.items || []).map (meeting => meeting.date.slice (0, 4)))].sort ().reverse ();
  const bodySelect = h ('select', { id: 'meetings-body', name: 'body' },
    h ('option', { value: '' }, 'Toutes les instances'),
    bodyChoices (names, false).map (choice => h ('option', { value: choice.value, selected: choice.value === bodyParam }, choice.label)));
  const yearSelect = h ('select', { id: 'meetings-year', name: 'year' },
    h ('option', { value: '' }, 'Toutes les années'),
    years.map (item => h ('option', { value: item, selected: item === year }, item)));
  const filterForm = h ('form', { class: 'toolbar', id: 'meetings-filter', onsubmit: event => {
    event.preventDefault ();
    const query = new URLSearchParams ({ tab: 'reunions' });
    if (bodySelect.value)
      query.set ('body', bodySelect.value);
    if (yearSelect.value)
      query.set ('year', yearSelect.value);
    context.navigate (`#/instances?${query.toString ().replace (/%3A/g, ':')}`);
  } },
  h ('div', { class: 'field' }, h ('label', { for: 'meetings-body' }, 'Instance'), bodySelect),
  h ('div', { class: 'field' }, h ('label', { for: 'meetings-year' }, 'Année'), yearSelect),
  h ('button', { type: 'submit', class: 'secondary' }, 'Filtrer'));

  const scope = [bodyParam ? bodyName (names, filter.body_kind, filter.body_id) : 'toutes instances', year ? `année ${year}` : 'toutes années'].join (', ');
  add (box, h ('h2', {}, 'Réunions et participation'),
    h ('p', { class: 'muted' }, 'Chaque réunion d\'une instance avec les professionnels présents et les structures représentées (indicateurs de l\'OS 3).'));
  const list = [filterForm,
    h ('p', { id: 'meetings-scope' }, `Sélection : ${scope}.`),
    statsCards (stats),
    meetingsTable (names, meetings.items || [], { caption: `Réunions (${scope})` })];
  if (!context.canWrite) {
    add (box, list);
    return;
  }
  const op = await operation (context, 'registry', 'create_meeting');
  const sitting = bodyChoices (names, true);
  const form = schemaForm ({
    schemas, message: 'registry.Meeting', id: 'meeting-form',
    only: ['date', 'title'],
    required: op ? op.required.filter (path => path !== 'body_kind' && path !== 'body_id') : [],
    labels: { date: 'Date de la réunion', title: 'Intitulé ou ordre du jour' },
    values: { date: names.now },
    submitLabel: 'Enregistrer la réunion',
    async onSubmit (json) {
      if (!instance.value)
        throw Object.assign (new Error ('Choisissez l\'instance qui s\'est réunie.'), { field: 'body_id' });
      const [bodyKind, bodyId] = instance.value.split (':');
      const message = { ...json, body_kind: bodyKind, body_id: bodyId };
      const people = persons.read ();
      const refs = structures.read ().map (value => {
        const [kind, id] = value.split (':');
        return id && id !== '0' ? { kind, id } : { kind };
      });
      if (people.length)
        message.attendee_person_ids = people;
      if (refs.length)
        message.attendee_structures = refs;
      return change (context, 'registry', 'create_meeting', message,
        done => `Réunion du ${fmt.date (done.date)} enregistrée (${bodyName (names, done.body_kind, done.body_id)}) : `
          + `${fmt.number ((done.attendee_person_ids || []).length)} personne(s), ${fmt.number ((done.attendee_structures || []).length)} structure(s).`);
    },
  });
  const instanceId = 'meeting-form-body';
  const instance = h ('select', { id: instanceId, name: 'body_id', 'aria-required': 'true' },
    h ('option', { value: '' }, '—'),
    sitting.map (choice => h ('option', { value: choice.value, selected: choice.value === bodyParam }, choice.label)));
  const instanceBox = h ('div', { class: 'field', 'data-path': 'body_id' },
    h ('label', { for: instanceId }, 'Instance réunie', h ('span', { 'aria-hidden': 'true' }, ' *')),
    h ('span', { class: 'hint', id: `${instanceId}-hint` }, 'Les instances qui siègent aujourd\'hui.'), instance);
  instance.setAttribute ('aria-describedby', `${instanceId}-hint`);
  const persons = checkList ('Personnes présentes', [{ items: names.personList.map (person => ({
    value: person.id, label: person.organisation ? `${person.full_name} — ${person.organisation}` : person.full_name })) }],
  'attendee_person_ids', 'meeting-person');
  const structures = checkList ('Structures représentées', STRUCTURE_KINDS.map (kind => ({
    legend: STRUCTURE_GROUPS [kind],
    items: kind === 'ARS_STRUCTURE' ? [{ value: 'ARS_STRUCTURE:0', label: 'ARS (l\'agence de la région)' }]
      : structureItems (names, kind),
  })).filter (group => group.items.length), 'attendee_structures', 'meeting-structure');
  const actions = form.element.querySelector ('.actions');
  form.element.insertBefore (instanceBox, form.element.querySelector ('[data-path="date"]'));
  form.element.insertBefore (h ('div', { class: 'columns' }, persons.element, structures.element), actions);
  // The form comes first, folded (the list below is long), unfolded when
  // the page is opened for one body
  add (box, h ('details', { id: 'meeting-details', open: Boolean (bodyParam) },
    h ('summary', { id: 'meeting-form-heading' }, 'Enregistrer une réunion'), form.element), list);
}

function structureItems (names, kind) {
  const pick = (map, label = item => item.name) => [...map.values ()].sort (byText ('name'))
    .map (item => ({ value: `${kind}:${item.id}`, label: label (item) }));
  switch (kind) {
    case 'DIRECTORATE_STRUCTURE': return pick (names.directorates);
    case 'ESTABLISHMENT_STRUCTURE': return pick (names.establishments);
    case 'HEALTH_UNIT_STRUCTURE': return pick (names.units);
    case 'HOSPITAL_STRUCTURE': return pick (names.hospitals);
    case 'PARTNER_STRUCTURE': return pick (names.partners);
    default: return [];
  }
}

// ---------------------------------------------------------------- steering committees

function footnote (open) {
  return h ('details', { class: 'footnote-8', id: 'footnote-8', open },
    h ('summary', {}, 'Qui doit siéger au comité de pilotage ? (note 8 de l\'instruction du 7 septembre 2023)'),
    h ('blockquote', {},
      h ('p', {}, `« ${FOOTNOTE_8_INTRO}`),
      h ('ul', {}, FOOTNOTE_8.map ((line, index) => h ('li', {}, index === FOOTNOTE_8.length - 1 ? `${line} »` : line)))),
    h ('p', { class: 'muted' }, 'Toutes ces catégories sont attendues, sauf les autres partenaires (facultatifs) ; la PJJ seulement là où des mineurs sont accueillis. ',
      'La personne détenue qui représente les usagers n\'est jamais nommée : décrivez seulement sa qualité.'));
}

function missingList (missing) {
  if (!missing)
    return '';
  const items = missing.missing || [];
  if (!items.length)
    return badge ('ok', 'complet');
  return h ('span', {}, badge ('warn', `${fmt.number (items.length)} manquante(s)`), ' ',
    items.map (categoryLabel).join (' ; '));
}

async function committeesOverview (box, context, names, schemas, params) {
  const sitting = names.committeeList.filter (committee => sits (committee, names.now));
  const missing = new Map (await Promise.all (sitting.map (committee =>
    api.read ('registry', 'missing_categories', { id: committee.id }).then (result => [committee.id, result]))));
  const rows = names.establishmentList
    .filter (establishment => !establishment.closed_on || establishment.closed_on >= names.now)
    .map (establishment => {
      const committee = sitting.find (item => item.establishment_id === establishment.id);
      const past = names.committeeList.filter (item => item.establishment_id === establishment.id && item.dissolved_on && item.dissolved_on <= names.now)
        .sort ((a, b) => (a.dissolved_on < b.dissolved_on ? 1 : -1)) [0];
      return { establishment, committee, past, missing: committee ? missing.get (committee.id) : null };
    });
  const complete = rows.filter (row => row.committee && !(row.missing.missing || []).length).length;

  add (box, h ('h2', {}, 'Comités de pilotage de promotion de la santé'),
    notice (rows.every (row => row.committee) ? 'ok' : 'warn',
      `${fmt.number (sitting.length)} comité(s) en place pour ${fmt.number (rows.length)} établissement(s) ouvert(s) ; `,
      `${fmt.number (complete)} réuni(ssen)t toutes les catégories de la note 8.`),
    footnote (false),
    table ({
      caption: 'Comités de pilotage par établissement et catégories de membres manquantes', captionHidden: true, id: 'steering-table',
      columns: [
        { label: 'Établissement', rowHeader: true, value: row => row.establishment.name },
        { label: 'Comité', value: row => (row.committee ? `constitué le ${fmt.date (row.committee.constituted_on)}`
          : [badge ('bad', 'aucun comité en place'), row.past ? h ('span', { class: 'muted' }, ` (dissous le ${fmt.date (row.past.dissolved_on)})`) : null]) },
        { label: 'Membres', numeric: true, value: row => (row.committee ? fmt.number ((row.committee.members || []).length) : '') },
        { label: 'Catégories manquantes (note 8)', value: row => missingList (row.missing) },
        { label: 'Action', value: row => (row.committee
          ? h ('a', { href: `#/instances?tab=copil&committee=${row.committee.id}`, class: 'committee-link', 'data-committee': row.committee.id },
            'Voir le comité', h ('span', { class: 'visually-hidden' }, ` de ${row.establishment.name}`))
          : context.canWrite ? h ('a', { href: `#/instances?tab=copil&constitute=${row.establishment.id}` },
            'Constituer', h ('span', { class: 'visually-hidden' }, ` le comité de ${row.establishment.name}`)) : '') },
      ],
      rows,
    }));

  if (!context.canWrite)
    return;
  const without = rows.filter (row => !row.committee);
  if (!without.length)
    return;
  const op = await operation (context, 'registry', 'create_steering_committee');
  const wanted = params.get ('constitute') || params.get ('establishment') || '';
  const form = schemaForm ({
    schemas, message: 'registry.SteeringCommittee', id: 'steering-form',
    only: ['establishment_id', 'constituted_on'],
    required: op ? op.required : [],
    labels: { constituted_on: 'Date de constitution' },
    choices: { establishment_id: without.map (row => ({ value: row.establishment.id, label: row.establishment.name })) },
    values: { establishment_id: wanted, constituted_on: names.now },
    submitLabel: 'Constituer le comité',
    async onSubmit (json) {
      const made = await api.write ('registry', 'create_steering_committee', json);
      flash = `Comité de pilotage de ${establishmentName (names, made.establishment_id)} constitué le ${fmt.date (made.constituted_on)} : ajoutez ses membres.`;
      context.navigate (`#/instances?tab=copil&committee=${made.id}`);
    },
  });
  add (box, h ('h3', { id: 'steering-form-heading' }, 'Constituer un comité de pilotage'), form.element);
  if (wanted && without.some (row => row.establishment.id === wanted))
    setTimeout (() => { form.element.scrollIntoView ({ block: 'start' }); form.element.querySelector ('select')?.focus (); }, 0);
}

async function committeeDetail (box, context, names, schemas, committee) {
  const [missing, meetings] = await Promise.all ([
    api.read ('registry', 'missing_categories', { id: committee.id }),
    api.read ('registry', 'list_meetings', { region_code: names.code, body_kind: 'STEERING_COMMITTEE_BODY', body_id: committee.id }),
  ]);
  const name = establishmentName (names, committee.establishment_id);
  const sitting = sits (committee, names.now);
  const members = committee.members || [];
  const lacking = missing.missing || [];

  add (box,
    h ('p', {}, h ('a', { href: '#/instances?tab=copil' }, '← Tous les comités de pilotage')),
    h ('h2', { id: 'committee-heading' }, `Comité de pilotage — ${name}`),
    h ('p', { class: 'muted' }, `Constitué le ${fmt.longDate (committee.constituted_on)}`,
      committee.dissolved_on ? `, dissous le ${fmt.longDate (committee.dissolved_on)}` : '',
      missing.minors_held ? ' — l\'établissement accueille des mineurs : la PJJ y est attendue.' : ' — l\'établissement n\'accueille pas de mineurs.',
      ' ', h ('a', { href: `#/referents?establishment=${committee.establishment_id}` }, `Référents de ${name}`)),
    h ('section', { id: 'missing-categories', 'aria-labelledby': 'missing-heading' },
      h ('h3', { id: 'missing-heading' }, 'Catégories de la note 8 manquantes'),
      lacking.length
        ? [notice ('warn', `Il manque ${fmt.number (lacking.length)} catégorie(s) de membres prévue(s) par la note 8 de l'instruction :`),
          h ('ul', { id: 'missing-list' }, lacking.map (category => h ('li', { 'data-category': category }, categoryLabel (category))))]
        : notice ('ok', 'Toutes les catégories de membres prévues par la note 8 sont représentées.')),
    footnote (true),
    h ('h3', {}, `Membres (${fmt.number (members.length)})`),
    table ({
      caption: `Membres du comité de pilotage de ${name}`, captionHidden: true, id: 'members-table',
      empty: 'Aucun membre enregistré.',
      columns: [
        { label: 'Catégorie (note 8)', rowHeader: true, value: member => categoryLabel (member.category) },
        { label: 'Description', value: member => member.label || '' },
        { label: 'Personne', value: member => (member.person_id && member.person_id !== '0' ? personName (names, member.person_id) : '') },
        { label: 'Structure', value: member => (member.partner_id && member.partner_id !== '0' ? names.partners.get (member.partner_id)?.name || `Partenaire n° ${member.partner_id}` : '') },
        context.canWrite && sitting ? { label: 'Action', value: member => {
          const index = members.indexOf (member);
          return h ('button', { type: 'button', class: 'secondary remove-member', 'data-index': index, onclick: async event => {
            const button = event.currentTarget;
            button.disabled = true;
            try {
              await change (context, 'registry', 'remove_member', { committee_id: committee.id, index },
                `Membre retiré : ${categoryLabel (member.category)}${member.label ? ` (${member.label})` : ''}.`);
            }
            catch (error) {
              button.disabled = false;
              fill (removeStatus, notice ('bad', `Le membre n'a pas pu être retiré : ${errorText (error)}`));
            }
          } }, 'Retirer', h ('span', { class: 'visually-hidden' }, ` : ${categoryLabel (member.category)}${member.label ? `, ${member.label}` : ''}`));
        } } : null,
      ].filter (Boolean),
      rows: members,
    }));
  const removeStatus = h ('div', { 'aria-live': 'polite' });
  add (box, removeStatus);

  if (context.canWrite && sitting) {
    const op = await operation (context, 'registry', 'add_member');
    const form = schemaForm ({
      schemas, message: 'registry.AddMember', id: 'member-form',
      only: ['member'],
      required: op ? op.required.filter (path => path !== 'committee_id' && path !== 'member') : [],
      labels: { member: 'Nouveau membre', 'member.category': 'Catégorie (note 8)', 'member.label': 'Description (fonction, service)',
        'member.person_id': 'Professionnel (facultatif)', 'member.partner_id': 'Structure partenaire (facultatif)' },
      hints: { 'member.person_id': 'Jamais pour la personne détenue représentant les usagers : elle n\'est pas nommée.',
        'member.category': lacking.length ? `Manquantes : ${lacking.map (categoryLabel).join (' ; ')}.` : undefined },
      choices: {
        'member.category': [...lacking, ...Object.keys (await categoryNames (context)).filter (item => !lacking.includes (item))]
          .map (category => ({ value: category, label: lacking.includes (category) ? `${categoryLabel (category)} (manquante)` : categoryLabel (category) })),
        'member.person_id': names.personList.map (person => ({ value: person.id, label: person.organisation ? `${person.full_name} — ${person.organisation}` : person.full_name })),
        'member.partner_id': names.partnerList.map (partner => ({ value: partner.id, label: partner.name })),
      },
      submitLabel: 'Ajouter le membre',
      onSubmit: json => change (context, 'registry', 'add_member', { ...json, committee_id: committee.id },
        done => `Membre ajouté : ${categoryLabel (json.member && json.member.category)} ; le comité compte ${fmt.number ((done.members || []).length)} membre(s).`),
    });
    const dissolveOp = await operation (context, 'registry', 'dissolve_steering_committee');
    const dissolve = schemaForm ({
      schemas, message: 'registry.Dissolve', id: 'dissolve-steering-form',
      only: ['date'], required: dissolveOp ? dissolveOp.required.filter (path => path !== 'id') : [],
      labels: { date: 'Date de dissolution' }, hints: { date: 'Le premier jour sans le comité ; aucune réunion ne peut être datée de ce jour ou après.' },
      submitLabel: 'Dissoudre le comité',
      onSubmit: json => change (context, 'registry', 'dissolve_steering_committee', { ...json, id: committee.id },
        done => `Comité de pilotage de ${name} dissous à compter du ${fmt.date (done.dissolved_on)}.`),
    });
    add (box, h ('h3', { id: 'member-form-heading' }, 'Ajouter un membre'), form.element,
      h ('details', { id: 'dissolve-steering' }, h ('summary', {}, 'Dissoudre le comité'), dissolve.element));
  }

  add (box, h ('h3', {}, 'Réunions du comité'),
    meetingsTable (names, meetings.items || [], { id: 'committee-meetings-table', caption: `Réunions du comité de pilotage de ${name}`, showBody: false }),
    sitting && context.canWrite ? h ('p', {}, h ('a', { href: `#/instances?tab=reunions&body=STEERING_COMMITTEE_BODY:${committee.id}` }, 'Enregistrer une réunion du comité')) : null);
}

// The member categories by name, in the proto's order (from the OpenAPI document)
async function categoryNames (context) {
  const document = await openapi (context);
  const values = (document.components.schemas ['registry.MemberCategory'] || {}).enum || [];
  return Object.fromEntries (values.filter (value => !value.endsWith ('_UNSPECIFIED')).map (value => [value, categoryLabel (value)]));
}

async function committeesTab (box, context, names, schemas, params) {
  let committee = names.committees.get (params.get ('committee') || '');
  if (!committee && params.get ('establishment'))
    committee = names.committeeList.find (item => item.establishment_id === params.get ('establishment') && sits (item, names.now));
  if (committee)
    return committeeDetail (box, context, names, schemas, committee);
  return committeesOverview (box, context, names, schemas, params);
}

// ---------------------------------------------------------------- the page

export default {
  async render (container, params, context) {
    const code = await regionCode (context);
    let tab = params.get ('tab');
    if (!TABS.some (item => item.id === tab))
      tab = params.get ('committee') || params.get ('establishment') || params.get ('constitute') ? 'copil' : 'comite';
    const [names, schemas] = await Promise.all ([
      loadNames (code),
      openapi (context).then (document => document.components.schemas),
    ]);
    add (container, h ('h1', {}, 'Instances'),
      tabs (TABS, tab, id => `#/instances?tab=${id}`));
    showFlash (container);
    const box = h ('div', { id: `tab-${tab}` });
    add (container, box);
    const draw = { comite: regionalTab, groupes: groupsTab, reunions: meetingsTab, copil: committeesTab } [tab];
    try { await draw (box, context, names, schemas, params); }
    catch (error) {
      add (box, notice ('bad', `Cette section n'a pas pu être affichée : ${errorText (error)}`));
    }
    // Another person's change: drawn again unless a form is being filled
    context.on ('registry.', (topic, event) => {
      if (!/^registry\.(meeting|working_group|steering_committee|regional_committee)\./.test (topic))
        return;
      if (event && context.me && event.actor === context.me.login)
        return;
      const busy = container.querySelector ('form:not(.toolbar) :focus')
        || Array.from (container.querySelectorAll ('form input[type=text], form textarea')).some (input => input.value);
      if (!busy)
        context.refresh ();
    });
  },
};
