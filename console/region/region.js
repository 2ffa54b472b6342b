// What the region's pages share: the region itself, the OpenAPI document
// and Describe (read once per console load), lists used by many forms.
import { api } from '/common/api.js';

// The services' status as the console loaded (asked once, at the login,
// alongside the page's own modules)
export const firstStatus = context => context.once ('status', () => api.get ('status'));

// The region this console runs for (the services' status names it)
export async function regionCode (context) {
  const status = await firstStatus (context);
  const named = status.services.find (service => service.region_code);
  return named ? named.region_code : '';
}

// The region's finalised bilans of every year, read once per page shown
export const finalisedBilans = async context => {
  const code = await regionCode (context);
  return ((await api.read ('indicators', 'list_bilans', { region_code: code })).items || []);
};

// A year's bilan for a trend: its latest finalised version when there is
// one, else a draft computed now
export function yearBilan (year, finalised) {
  const kept = finalised.some (item => item.year === year);
  return (kept ? api.read ('indicators', 'get_bilan', { year }) : api.read ('indicators', 'compute_bilan', { year }))
    .catch (() => null);
}

export const openapi = context => context.once ('openapi', () => api.get ('openapi.json'));
export const describe = context => context.once ('describe', () => api.get ('describe'));

// The operation's description (kind, required fields, summary)
export async function operation (context, service, name) {
  const all = await describe (context);
  const entry = all.services [service];
  return entry && entry.operations.find (op => op.name === name);
}

// The region's establishments, by id (for selects and names)
export async function establishments (context) {
  const code = await regionCode (context);
  return context.once ('establishments', async () => {
    const list = await api.read ('registry', 'list_establishments', { region_code: code });
    return list.items || [];
  });
}

export function choicesOf (items, label = item => item.name) {
  return items.map (item => ({ value: item.id, label: label (item) }));
}

// ---------------------------------------------------------------- lists and grouped forms
// (added with the Projets, Formation and Financements pages)
import { h } from '/common/ui.js';
import { schemaForm } from '/common/forms.js';

// The region's establishments: registry.list_establishments answers
// { items }, read once per console load
export async function regionEstablishments (context) {
  const code = await regionCode (context);
  return context.once ('establishment-items', async () => {
    const list = await api.read ('registry', 'list_establishments', { region_code: code });
    return list.items || [];
  });
}

// A registry list of the region read once per console load:
// 'list_partners', 'list_persons', 'list_health_units', 'list_hospitals'
export async function registryList (context, op) {
  const code = await regionCode (context);
  return context.once (`registry.${op}`, async () => {
    const list = await api.read ('registry', op, { region_code: code });
    return list.items || [];
  });
}

// The name of the item with that id, or the fallback
export function nameOf (items, id, fallback = '—', label = item => item.name) {
  const found = (items || []).find (item => String (item.id) === String (id));
  return found ? label (found) : (id && id !== '0' ? `${fallback} n° ${id}` : fallback);
}

function valueAt (values, path) {
  let value = values;
  for (const part of path.split ('.')) {
    if (value === undefined || value === null)
      return undefined;
    value = value [part];
  }
  return value;
}

function setAt (json, path, value) {
  const parts = path.split ('.');
  let target = json;
  for (const part of parts.slice (0, -1))
    target = target [part] = target [part] || {};
  target [parts [parts.length - 1]] = value;
}

let extraCount = 0;

// A control schemaForm does not make:
//   { kind: 'ids', label, items: [{ value, label }] }  a set of ids as checkboxes
//   { kind: 'lines', label, hint }                     text items, one per line
//                                                      (commas kept inside an item)
function extraControl (path, extra, value) {
  const id = `x${++extraCount}-${path.replace (/[^a-zA-Z0-9]/g, '-')}`;
  if (extra.kind === 'ids') {
    const chosen = new Set ((value || []).map (String));
    const boxes = extra.items.map ((item, index) => {
      const box = h ('input', { type: 'checkbox', id: `${id}-${index}`, value: String (item.value), checked: chosen.has (String (item.value)) });
      return h ('div', { class: 'field check' }, box, h ('label', { for: box.id }, item.label));
    });
    const list = h ('div', { class: 'choices' }, boxes);
    if (extra.items.length > 6) {
      list.style.columns = '2 16rem';
      boxes.forEach (box => { box.style.breakInside = 'avoid'; });
    }
    const node = h ('fieldset', { 'data-path': path }, h ('legend', {}, extra.label),
      extra.hint ? h ('p', { class: 'hint muted' }, extra.hint) : null,
      extra.items.length ? list : h ('p', { class: 'muted' }, extra.empty || 'Aucun choix possible.'));
    return { node, read: () => {
      const ids = Array.from (node.querySelectorAll ('input:checked'), box => box.value);
      return ids.length ? ids : undefined;
    } };
  }
  const hintId = `${id}-hint`;
  const area = h ('textarea', { id, name: path, rows: 3, 'aria-describedby': hintId });
  area.value = (value || []).join ('\n');
  const node = h ('div', { class: 'field', 'data-path': path },
    h ('label', { for: id }, extra.label),
    h ('span', { class: 'hint', id: hintId }, extra.hint || 'Un élément par ligne'),
    area);
  return { node, read: () => {
    const lines = area.value.split ('\n').map (text => text.trim ()).filter (Boolean);
    return lines.length ? lines : undefined;
  } };
}

// The common refusals in French: console/common/refusals.js (forms use it)
import { frenchRefusal } from '/common/refusals.js';
export { frenchRefusal };

// groupedForm (options): schemaForm (same options) with
//   groups  [{ legend, paths, hint }]: fieldsets in that order, holding the
//           fields of those paths (a nested message's fields are taken out of
//           its own fieldset: no legend twice)
//   extras  { path: { kind: 'ids' | 'lines', label, items, hint } }: controls
//           schemaForm does not make, their values merged into the message
// and the common refusals of the services said in French (frenchRefusal).
// Returns schemaForm's { element, read, clear, showError }.
export function groupedForm (options) {
  const extras = options.extras || {};
  const controls = {};
  for (const [path, extra] of Object.entries (extras))
    controls [path] = extraControl (path, extra, valueAt (options.values, path));
  const merge = json => {
    for (const [path, control] of Object.entries (controls)) {
      const value = control.read ();
      if (value !== undefined)
        setAt (json, path, value);
    }
    return json;
  };
  const form = schemaForm ({
    ...options,
    omit: [...(options.omit || []), ...Object.keys (extras)],
    onSubmit: options.onSubmit ? async json => {
      try { return await options.onSubmit (merge (json)); }
      catch (error) { throw frenchRefusal (error); }
    } : undefined,
  });
  const element = form.element;
  const before = element.querySelector (':scope > .actions');
  const top = new Map (Array.from (element.querySelectorAll (':scope > [data-path]'), node => [node.dataset.path, node]));
  for (const group of options.groups || []) {
    const fieldset = h ('fieldset', { class: 'group' }, h ('legend', {}, group.legend),
      group.hint ? h ('p', { class: 'hint muted' }, group.hint) : null);
    for (const path of group.paths) {
      if (controls [path]) {
        fieldset.append (controls [path].node);
        continue;
      }
      const node = top.get (path) || element.querySelector (`[data-path="${path}"]`);
      if (!node)
        continue;
      if (node.tagName === 'FIELDSET' && node.querySelector (':scope > [data-path]'))
        // A nested message: its fields, without its own legend
        fieldset.append (...Array.from (node.children).filter (child => child.tagName !== 'LEGEND'));
      else
        fieldset.append (node);
    }
    element.insertBefore (fieldset, before);
  }
  for (const control of Object.values (controls))
    if (!element.contains (control.node))
      element.insertBefore (control.node, before);
  for (const node of top.values ())
    if (node.tagName === 'FIELDSET' && !node.querySelector ('[data-path], input, select, textarea'))
      node.remove ();
  // Long sets of checkboxes (enum values) in columns
  for (const fieldset of element.querySelectorAll ('fieldset[data-path]')) {
    const checks = Array.from (fieldset.children).filter (child => child.classList.contains ('check'));
    if (checks.length > 6) {
      const list = h ('div', { class: 'choices' });
      list.style.columns = '2 16rem';
      checks [0].before (list);
      list.append (...checks);
      checks.forEach (check => { check.style.breakInside = 'avoid'; });
    }
  }
  const read = () => merge (form.read ());
  return { ...form, read };
}

// A select with its label, for the filters of a list (a toolbar's field)
export function filterSelect ({ id, label, choices, value, empty = 'Tous' }) {
  const select = h ('select', { id, name: id },
    h ('option', { value: '' }, empty),
    choices.map (choice => h ('option', { value: String (choice.value), selected: String (choice.value) === String (value ?? '') }, choice.label)));
  return { select, node: h ('div', { class: 'field' }, h ('label', { for: id }, label), select) };
}

// The years a list may be filtered on: this year and the previous ones
export function yearChoices (count = 6, from = new Date ().getFullYear ()) {
  return Array.from ({ length: count }, (_, index) => ({ value: from - index, label: String (from - index) }));
}

// A hash under a page with its query: pageHash ('projets', { id: 3 })
export function pageHash (path, query = {}) {
  const search = new URLSearchParams ();
  for (const [key, value] of Object.entries (query))
    if (value !== undefined && value !== null && value !== '')
      search.set (key, String (value));
  const text = search.toString ();
  return `#/${path}${text ? `?${text}` : ''}`;
}

// Append children to an element as h () does: nested arrays flattened,
// null, undefined and false left out (Element.append would write "null")
export function add (element, ...children) {
  element.append (...children.flat (Infinity).filter (child => child !== null && child !== undefined && child !== false)
    .map (child => (child instanceof Node ? child : String (child))));
  return element;
}

// A row of figure cards narrow enough for four side by side at 1280 px
export function cardRow (id, ...cards) {
  const row = add (h ('div', { class: 'cards', id }), ...cards);
  row.style.gridTemplateColumns = 'repeat(auto-fill, minmax(13rem, 1fr))';
  return row;
}

// A record's facts as a definition list, labels beside their values:
// facts ('offer-summary', [['Durée', '14 h'], ['Public', node], ...]);
// a pair without a value is left out
export function facts (id, pairs) {
  const list = h ('dl', { class: 'facts', id });
  list.style.display = 'grid';
  list.style.gridTemplateColumns = 'minmax(10rem, 20rem) 1fr';
  list.style.gap = '.35rem 1.25rem';
  for (const [label, value] of pairs) {
    if (value === null || value === undefined || value === '' || (Array.isArray (value) && !value.length))
      continue;
    const term = h ('dt', {}, label);
    term.style.fontWeight = '600';
    const definition = add (h ('dd', {}), value);
    definition.style.margin = '0';
    list.append (term, definition);
  }
  return list;
}
