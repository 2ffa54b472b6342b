// A form made from a message's schema (the OpenAPI document, itself made
// from the services' descriptors): one input per field, of the field's
// type, labelled in French; its value read back as the API's JSON; a
// refusal of the API shown next to the field it names.

import { h } from './ui.js';
import { enumLabel, fieldLabel } from './labels.js';
import { frenchRefusal } from './refusals.js';

const LONG_TEXT = new Set ([
  'description', 'objectives', 'note', 'text', 'summary', 'results', 'feedback', 'strengths',
  'weaknesses', 'opportunities', 'threats', 'actions', 'procedure', 'process', 'diagnostic',
  'problems', 'purpose', 'context', 'communication', 'end_note', 'rejection_reason',
  'general', 'specific', 'disp_coordination_note', 'partnership_inside', 'partnership_outside',
  'needs_voiced_by_detainees', 'needs_seen_by_professionals', 'needs_people', 'needs_logistics',
  'needs_money',
]);
const MAX_DEPTH = 3;
let formCount = 0;

function resolve (schemas, schema) {
  if (schema && schema.$ref) {
    const name = schema.$ref.replace ('#/components/schemas/', '');
    return { name, schema: schemas [name] || {} };
  }
  return { name: null, schema: schema || {} };
}

const isId = schema => schema.type === 'string' && /int64/.test (schema.format || '');

// schemaForm ({ schemas, message, only, omit, labels, hints, values, choices,
//               required, submitLabel, onSubmit })
//   schemas   components.schemas of the OpenAPI document
//   message   the schema's name ("registry.Designation")
//   only      the fields to show, in order (default: all but omit)
//   labels    a label per field path, over the French defaults
//   choices   per field path, [{ value, label }] for a select
//   values    initial values, a JSON object like the API's
//   required  paths shown as required (the operation's Describe)
//   onSubmit  async (json) => ...; a thrown ApiError is shown on its field
export function schemaForm (options) {
  const { schemas, message } = options;
  const prefix = `f${++formCount}`;
  const inputs = [];                  // { path, read, element, field }
  const general = h ('div', { class: 'form-error', 'aria-live': 'polite' });
  const required = new Set ((options.required || []).flatMap (path => path.split ('|')));
  const omit = new Set (options.omit || []);

  function inputId (path) { return `${prefix}-${path.replace (/[^a-zA-Z0-9]/g, '-')}`; }

  function labelOf (path, name) {
    return (options.labels && options.labels [path]) || fieldLabel (name);
  }

  function fieldBox (path, name, control, hint) {
    const id = control.id;
    const hintId = hint ? `${id}-hint` : null;
    if (hintId)
      control.setAttribute ('aria-describedby', hintId);
    const box = h ('div', { class: 'field', 'data-path': path },
      h ('label', { for: id }, labelOf (path, name), required.has (path) ? h ('span', { 'aria-hidden': 'true' }, ' *') : null),
      hint ? h ('span', { class: 'hint', id: hintId }, hint) : null,
      control);
    if (required.has (path))
      control.setAttribute ('aria-required', 'true');
    return box;
  }

  function initial (path) {
    let value = options.values;
    for (const part of path.split ('.')) {
      if (value === undefined || value === null)
        return undefined;
      value = value [part];
    }
    return value;
  }

  function scalar (path, name, schema, enumName) {
    const id = inputId (path);
    const hint = options.hints && options.hints [path];
    const value = initial (path);
    const choices = options.choices && options.choices [path];
    if (choices) {
      const select = h ('select', { id, name: path },
        h ('option', { value: '' }, '—'),
        choices.map (choice => h ('option', { value: String (choice.value), selected: String (choice.value) === String (value ?? '') }, choice.label)));
      inputs.push ({ path, element: select, read: () => select.value || undefined });
      return fieldBox (path, name, select, hint);
    }
    if (schema.enum) {
      const select = h ('select', { id, name: path },
        schema.enum.map ((item, index) => h ('option', { value: index === 0 ? '' : item, selected: item === value },
          index === 0 ? '—' : enumLabel (enumName, item))));
      inputs.push ({ path, element: select, read: () => select.value || undefined });
      return fieldBox (path, name, select, hint);
    }
    if (schema.type === 'boolean') {
      const box = h ('input', { type: 'checkbox', id, name: path, checked: value === true });
      inputs.push ({ path, element: box, read: () => box.checked || undefined });
      return h ('div', { class: 'field check', 'data-path': path }, box, h ('label', { for: id }, labelOf (path, name)));
    }
    if (name.endsWith ('_cents')) {
      const input = h ('input', { type: 'number', id, name: path, step: '0.01', min: '0', inputmode: 'decimal',
        value: value !== undefined ? (Number (value) / 100).toFixed (2) : '' });
      inputs.push ({ path, element: input, read: () => input.value === '' ? undefined : String (Math.round (Number (input.value) * 100)) });
      return fieldBox (path, name, input, hint || 'En euros');
    }
    if (schema.type === 'integer' || schema.type === 'number') {
      const input = h ('input', { type: 'number', id, name: path, value: value ?? '', step: schema.type === 'number' ? 'any' : '1' });
      inputs.push ({ path, element: input, read: () => input.value === '' ? undefined : Number (input.value) });
      return fieldBox (path, name, input, hint);
    }
    if (schema.format === 'date') {
      const input = h ('input', { type: 'date', id, name: path, value: value ?? '' });
      inputs.push ({ path, element: input, read: () => input.value || undefined });
      return fieldBox (path, name, input, hint);
    }
    if (LONG_TEXT.has (name)) {
      const area = h ('textarea', { id, name: path, rows: 4 });
      area.value = value ?? '';
      inputs.push ({ path, element: area, read: () => area.value.trim () || undefined });
      return fieldBox (path, name, area, hint);
    }
    const input = h ('input', { type: 'text', id, name: path, value: value ?? '',
      inputmode: isId (schema) ? 'numeric' : undefined, maxlength: schema.maxLength });
    inputs.push ({ path, element: input, read: () => input.value.trim () || undefined });
    return fieldBox (path, name, input, hint);
  }

  function list (path, name, schema, depth) {
    const { name: itemName, schema: item } = resolve (schemas, schema.items);
    const values = initial (path) || [];
    if (item.enum) {
      // A set of enum values: one checkbox each
      const boxes = item.enum.slice (1).map (value => {
        const id = inputId (`${path}.${value}`);
        const box = h ('input', { type: 'checkbox', id, value, checked: values.includes (value) });
        return { box, node: h ('div', { class: 'field check' }, box, h ('label', { for: id }, enumLabel (itemName, value))) };
      });
      const fieldset = h ('fieldset', { 'data-path': path }, h ('legend', {}, labelOf (path, name)), boxes.map (entry => entry.node));
      inputs.push ({ path, element: boxes [0] && boxes [0].box, read: () => {
        const chosen = boxes.filter (entry => entry.box.checked).map (entry => entry.box.value);
        return chosen.length ? chosen : undefined;
      } });
      return fieldset;
    }
    if (item.type === 'object' && depth < MAX_DEPTH) {
      // Rows of a message: one fieldset each, added and removed
      const rows = h ('div', {});
      const readers = [];
      const add = rowValues => {
        const index = readers.length;
        const sub = schemaForm ({ ...options, message: itemName, values: rowValues, only: undefined, omit: [], required: [],
          labels: {}, choices: {}, onSubmit: undefined, embedded: true, depth: depth + 1 });
        const entry = { read: sub.read, node: null };
        entry.node = h ('fieldset', {}, h ('legend', {}, `${labelOf (path, name)} ${index + 1}`), sub.element,
          h ('button', { type: 'button', class: 'secondary', onclick: () => { entry.node.remove (); readers.splice (readers.indexOf (entry), 1); } }, 'Retirer'));
        readers.push (entry);
        rows.append (entry.node);
      };
      values.forEach (add);
      inputs.push ({ path, element: null, read: () => {
        const all = readers.map (entry => entry.read ()).filter (value => Object.keys (value).length);
        return all.length ? all : undefined;
      } });
      return h ('fieldset', { 'data-path': path }, h ('legend', {}, labelOf (path, name)), rows,
        h ('button', { type: 'button', class: 'secondary', onclick: () => add ({}) }, 'Ajouter'));
    }
    // Scalars: one per line; identifiers and numbers may also be given
    // separated by commas (a sentence keeps its commas)
    const id = inputId (path);
    const area = h ('textarea', { id, name: path, rows: 3 });
    area.value = values.join ('\n');
    const separators = item.type === 'string' && !isId (item) ? /\n+/ : /[\n,;]+/;
    inputs.push ({ path, element: area, read: () => {
      const items = area.value.split (separators).map (text => text.trim ()).filter (Boolean);
      return items.length ? items.map (text => (item.type === 'integer' ? Number (text) : text)) : undefined;
    } });
    return fieldBox (path, name, area, 'Une valeur par ligne');
  }

  function fields (messageName, base, depth) {
    const schema = schemas [messageName] || {};
    const properties = schema.properties || {};
    let names = Object.keys (properties).filter (name => !name.endsWith ('_euros'));
    if (depth === 0 && options.only)
      names = options.only.filter (name => properties [name.split ('.') [0]]);
    return names.filter (name => !omit.has (base + name)).map (name => {
      const path = base + name;
      const { name: refName, schema: field } = resolve (schemas, properties [name]);
      if (field.type === 'array')
        return list (path, name, field, depth);
      if (field.type === 'object' && refName) {
        if (depth >= MAX_DEPTH)
          return null;
        return h ('fieldset', { 'data-path': path }, h ('legend', {}, labelOf (path, name)), fields (refName, path + '.', depth + 1));
      }
      return scalar (path, name, field, refName);
    });
  }

  function read () {
    const json = {};
    for (const input of inputs) {
      const value = input.read ();
      if (value === undefined)
        continue;
      const parts = input.path.split ('.');
      let target = json;
      for (const part of parts.slice (0, -1))
        target = target [part] = target [part] || {};
      target [parts [parts.length - 1]] = value;
    }
    return json;
  }

  function clear () {
    general.replaceChildren ();
    for (const node of element.querySelectorAll ('.field.invalid')) {
      node.classList.remove ('invalid');
      const error = node.querySelector ('.error');
      const control = node.querySelector ('input, select, textarea');
      if (control) {
        control.removeAttribute ('aria-invalid');
        const described = (control.getAttribute ('aria-describedby') || '').split (' ').filter (id => id && id !== error?.id);
        described.length ? control.setAttribute ('aria-describedby', described.join (' ')) : control.removeAttribute ('aria-describedby');
      }
      error?.remove ();
    }
  }

  // The field a refusal names: its path, or the path that ends with it
  // (the service names fields from the envelope's member down)
  function findField (field) {
    if (!field)
      return null;
    const boxes = Array.from (element.querySelectorAll ('[data-path]'));
    const exact = boxes.find (box => box.dataset.path === field);
    if (exact)
      return exact;
    return boxes.find (box => field.endsWith ('.' + box.dataset.path))
        || boxes.find (box => box.dataset.path.endsWith ('.' + field)) || null;
  }

  function showError (error) {
    clear ();
    frenchRefusal (error);
    const box = findField (error.field);
    const text = error.message || String (error);
    if (box && box.classList.contains ('field')) {
      const control = box.querySelector ('input, select, textarea');
      const id = `${control ? control.id : inputId (box.dataset.path)}-error`;
      const message = h ('span', { class: 'error', id }, text);
      box.classList.add ('invalid');
      box.append (message);
      if (control) {
        control.setAttribute ('aria-invalid', 'true');
        control.setAttribute ('aria-describedby', [control.getAttribute ('aria-describedby'), id].filter (Boolean).join (' '));
        control.focus ();
      }
      const label = box.querySelector ('label');
      const name = label ? label.textContent.replace (/\s*\*$/, '') : fieldLabel (error.field.split ('.').pop ());
      general.replaceChildren (h ('div', { class: 'notice bad', role: 'alert' }, `Le formulaire contient une erreur : ${name} — ${text}`));
    }
    else
      general.replaceChildren (h ('div', { class: 'notice bad', role: 'alert' }, text));
  }

  const body = fields (message, '', options.depth || 0);
  let element;
  if (options.embedded)
    element = h ('div', {}, body);
  else {
    const submit = h ('button', { type: 'submit' }, options.submitLabel || 'Enregistrer');
    element = h ('form', { class: 'form', novalidate: true, id: options.id }, general, body,
      h ('div', { class: 'actions' }, submit, options.extraActions || null));
    element.addEventListener ('submit', async event => {
      event.preventDefault ();
      if (!options.onSubmit)
        return;
      clear ();
      submit.disabled = true;
      try { await options.onSubmit (read ()); }
      catch (error) { showError (error); }
      finally { submit.disabled = false; }
    });
  }
  return { element, read, clear, showError };
}
