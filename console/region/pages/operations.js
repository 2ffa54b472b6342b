// Toutes les opérations: every operation of every service as a form made
// from its Describe and its message's schema, so that nothing is left to
// the command line. A read shows its result; a write is sent once.

import { api } from '/common/api.js';
import { h, fill, fmt, table, notice, errorText, badge } from '/common/ui.js';
import { schemaForm } from '/common/forms.js';
import { serviceLabels, operationLabel, fieldLabel, enumLabel } from '/common/labels.js';
import { describe, openapi } from '../region.js';

const KIND_LABELS = { READ: 'lecture', WRITE: 'écriture', ADMIN: 'administration' };

// A result as a person reads it: a list of records as a table, a record as
// a list of its fields
function resultView (value, schemas, schemaName) {
  if (value === null || value === undefined)
    return h ('p', {}, '—');
  if (typeof value !== 'object')
    return h ('p', {}, String (value));
  const schema = schemas [schemaName] || {};
  const lists = Object.entries (value).filter (([, item]) => Array.isArray (item) && item.length && typeof item [0] === 'object');
  if (lists.length === 1 && Object.keys (value).length <= 2) {
    const [name, items] = lists [0];
    const keys = Array.from (new Set (items.flatMap (item => Object.keys (item))))
      .filter (key => items.some (item => typeof item [key] !== 'object')).slice (0, 8);
    return table ({
      caption: fieldLabel (name), id: 'operation-result-table',
      columns: keys.map (key => ({ label: fieldLabel (key), value: item => scalarText (key, item [key], schemas, schema) })),
      rows: items,
    });
  }
  return h ('dl', { id: 'operation-result' }, Object.entries (value).flatMap (([key, item]) => [
    h ('dt', {}, fieldLabel (key)),
    h ('dd', {}, item && typeof item === 'object'
      ? h ('pre', {}, JSON.stringify (item, null, 2))
      : scalarText (key, item, schemas, schema)),
  ]));
}

function scalarText (key, value, schemas, schema) {
  if (value === undefined || value === null)
    return '—';
  if (typeof value === 'object')
    return Array.isArray (value) ? value.map (item => (typeof item === 'object' ? JSON.stringify (item) : String (item))).join (', ') : JSON.stringify (value);
  if (key.endsWith ('_cents'))
    return fmt.euros (value);
  if (typeof value === 'boolean')
    return value ? 'oui' : 'non';
  if (/_date$|_on$|^date$/.test (key))
    return fmt.date (value);
  if (/_ms$/.test (key))
    return fmt.time (value);
  const property = schema.properties && schema.properties [key];
  if (property && property.$ref) {
    const name = property.$ref.replace ('#/components/schemas/', '');
    if (schemas [name] && schemas [name].enum)
      return enumLabel (name, value);
  }
  return String (value);
}

export default {
  async render (container, params, context) {
    const [all, document] = await Promise.all ([describe (context), openapi (context)]);
    const schemas = document.components.schemas;
    const service = params.get ('service');
    const name = params.get ('op');
    container.append (h ('h1', {}, 'Toutes les opérations'));
    if (!service || !name) {
      container.append (h ('p', { class: 'muted' }, 'Chaque opération des services, y compris celles qui n\'ont pas de page dédiée. Les opérations d\'écriture demandent le rôle « saisie » ou « administration ».'));
      for (const [serviceName, description] of Object.entries (all.services)) {
        if (!description)
          continue;
        container.append (h ('h2', {}, serviceLabels [serviceName] || serviceName),
          h ('ul', { class: 'operations' }, description.operations.map (op =>
            h ('li', {}, h ('a', { href: `#/operations?service=${serviceName}&op=${op.name}` }, operationLabel (serviceName, op.name)),
              ' ', badge (op.kind === 'READ' || !op.kind ? '' : 'warn', KIND_LABELS [op.kind || 'READ'])))));
      }
      return;
    }
    const description = all.services [service];
    const op = description && description.operations.find (item => item.name === name);
    if (!op) {
      container.append (notice ('bad', 'Cette opération n\'existe pas.'), h ('p', {}, h ('a', { href: '#/operations' }, 'Toutes les opérations')));
      return;
    }
    const kind = op.kind || 'READ';
    const result = h ('section', { id: 'operation-output', 'aria-live': 'polite' });
    const allowed = kind === 'READ' || (kind === 'WRITE' ? context.canWrite : context.isAdmin);
    const form = schemaForm ({
      schemas, message: op.request_message, required: op.required || [], id: 'operation-form',
      submitLabel: kind === 'READ' ? 'Consulter' : 'Envoyer',
      async onSubmit (message) {
        const reply = kind === 'READ' ? await api.read (service, name, flatten (message)) : await api.write (service, name, message);
        fill (result, h ('h2', {}, 'Résultat'), kind === 'READ' ? null : notice ('ok', 'Enregistré.'),
          resultView (reply, schemas, op.reply_message));
      },
    });
    container.append (
      h ('p', {}, h ('a', { href: '#/operations' }, '← Toutes les opérations')),
      h ('h2', {}, `${serviceLabels [service] || service} — ${operationLabel (service, name)}`),
      h ('p', { class: 'muted' }, `Opération de ${KIND_LABELS [kind]} (${service}.${name}).`),
      allowed ? form.element : notice ('warn', 'Votre rôle ne permet pas cette opération.'),
      result);
  },
};

// A read goes as a query string: nested fields as dotted names
function flatten (message, prefix = '', out = {}) {
  for (const [key, value] of Object.entries (message)) {
    if (value && typeof value === 'object' && !Array.isArray (value))
      flatten (value, `${prefix}${key}.`, out);
    else
      out [`${prefix}${key}`] = value;
  }
  return out;
}
