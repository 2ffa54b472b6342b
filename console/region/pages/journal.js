// Journal: the audit trail of a service, newest first, filtered by the
// kind of change, the person, the dates and a record (its number or a
// word it holds). Every change of every service is there, with who made it.

import { api } from '/common/api.js';
import { h, fill, fmt, table, notice, errorText } from '/common/ui.js';
import { serviceLabels, topicLabel, fieldLabel } from '/common/labels.js';
import { describe } from '../region.js';

const PAGE = 50;

// The record an event is about: its first member that is a message
function recordOf (event) {
  for (const [key, value] of Object.entries (event))
    if (value && typeof value === 'object' && !Array.isArray (value))
      return { kind: key, value };
  return null;
}

function recordSummary (record) {
  if (!record)
    return '—';
  const value = record.value;
  const name = value.name || value.title || value.full_name || value.subject || value.label || '';
  const id = value.id ? `n° ${value.id}` : '';
  // A bilan and its push are known by their year and version
  const year = value.year ? `${value.year}${value.version ? `, version ${value.version}` : ''}` : '';
  return [fieldLabel (record.kind), id, year, name].filter (Boolean).join (' — ');
}

export default {
  async render (container, params, context) {
    const services = Object.keys ((await describe (context)).services);
    const service = params.get ('service') || 'registry';
    const filters = {
      service,
      topic: params.get ('topic') || '',
      actor: params.get ('actor') || '',
      from: params.get ('from') || '',
      to: params.get ('to') || '',
      text: params.get ('text') || '',
    };
    const form = h ('form', { class: 'toolbar', id: 'journal-filters', role: 'search' },
      h ('div', { class: 'field' }, h ('label', { for: 'journal-service' }, 'Service'),
        h ('select', { id: 'journal-service', name: 'service' }, services.map (name =>
          h ('option', { value: name, selected: name === service }, serviceLabels [name] || name)))),
      h ('div', { class: 'field' }, h ('label', { for: 'journal-topic' }, 'Type de changement'),
        h ('select', { id: 'journal-topic', name: 'topic' }, h ('option', { value: '' }, 'Tous'),
          ((await describe (context)).services [service]?.topics || []).filter (topic => !topic.endsWith ('.heartbeat'))
            .map (topic => h ('option', { value: topic, selected: topic === filters.topic }, topicLabel (topic))))),
      h ('div', { class: 'field' }, h ('label', { for: 'journal-actor' }, 'Personne (identifiant)'),
        h ('input', { type: 'text', id: 'journal-actor', name: 'actor', value: filters.actor })),
      h ('div', { class: 'field' }, h ('label', { for: 'journal-from' }, 'Du'),
        h ('input', { type: 'date', id: 'journal-from', name: 'from', value: filters.from })),
      h ('div', { class: 'field' }, h ('label', { for: 'journal-to' }, 'Au'),
        h ('input', { type: 'date', id: 'journal-to', name: 'to', value: filters.to })),
      h ('div', { class: 'field' }, h ('label', { for: 'journal-text' }, 'Enregistrement (numéro ou mot)'),
        h ('input', { type: 'search', id: 'journal-text', name: 'text', value: filters.text })),
      h ('button', { type: 'submit' }, 'Filtrer'));
    form.addEventListener ('submit', event => {
      event.preventDefault ();
      const data = new URLSearchParams (new FormData (form));
      for (const [key, value] of Array.from (data.entries ()))
        if (!value)
          data.delete (key);
      context.navigate (`#/journal?${data.toString ()}`);
    });
    form.querySelector ('#journal-service').addEventListener ('change', () => {
      form.querySelector ('#journal-topic').value = '';
      form.requestSubmit ();
    });

    const results = h ('div', { id: 'journal-results', 'aria-live': 'polite' });
    const more = h ('div', {});
    const rows = [];
    const query = { ...filters, limit: PAGE };
    const text = filters.text.trim ();
    if (/^\d+$/.test (text))
      query.text = `"id":"${text}"`;       // a record's number: match the id, not any digit
    const load = async before => {
      try {
        const page = await api.get ('journal', { ...query, before });
        rows.push (...page.events);
        fill (results, table ({
          caption: `Journal — ${serviceLabels [service] || service}`, id: 'journal-table',
          empty: 'Aucun changement ne correspond à ces critères.',
          columns: [
            { label: 'N°', numeric: true, value: event => event.seq },
            { label: 'Date', value: event => fmt.time (event.time_ms) },
            { label: 'Personne', value: event => event.actor },
            { label: 'Changement', value: event => topicLabel (event.topic) },
            { label: 'Enregistrement', value: event => recordSummary (recordOf (event)) },
          ],
          rows,
        }));
        fill (more, page.next_before
          ? h ('button', { type: 'button', class: 'secondary', id: 'journal-more', onclick: () => load (page.next_before) }, 'Plus ancien')
          : null);
      }
      catch (error) { fill (results, notice ('bad', errorText (error))); }
    };
    container.append (h ('h1', {}, 'Journal des changements'),
      h ('p', { class: 'muted' }, 'Chaque changement enregistré par un service, avec la personne qui l\'a fait (son identifiant de connexion).'),
      form, results, more);
    await load ();
  },
};
