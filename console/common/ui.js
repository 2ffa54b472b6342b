// What every page is made of: elements, French formats, tables, notices.

// An element: h ('a', { href: '#/', class: 'x', onclick: fn }, 'text', child...)
export function h (tag, props, ...children) {
  const element = document.createElement (tag);
  for (const [key, value] of Object.entries (props || {})) {
    if (value === undefined || value === null || value === false)
      continue;
    if (key.startsWith ('on') && typeof value === 'function')
      element.addEventListener (key.slice (2), value);
    else if (key === 'class')
      element.className = value;
    else if (key === 'text')
      element.textContent = value;
    else if (key in element && typeof value !== 'string' && key !== 'list')
      element [key] = value;
    else
      element.setAttribute (key, value === true ? '' : value);
  }
  append (element, children);
  return element;
}

function append (element, children) {
  for (const child of children.flat (Infinity)) {
    if (child === undefined || child === null || child === false)
      continue;
    element.append (child instanceof Node ? child : document.createTextNode (String (child)));
  }
}

// Replace what element holds.
export function fill (element, ...children) {
  element.replaceChildren ();
  append (element, children);
  return element;
}

// ---------------------------------------------------------------- formats

const numberFormat = new Intl.NumberFormat ('fr-FR');
const euroFormat = new Intl.NumberFormat ('fr-FR', { style: 'currency', currency: 'EUR' });
const dateFormat = new Intl.DateTimeFormat ('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const longDateFormat = new Intl.DateTimeFormat ('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat ('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

export const fmt = {
  // 1 234,5 ; '' for nothing
  number (value, digits) {
    if (value === undefined || value === null || value === '' || Number.isNaN (Number (value)))
      return '—';
    const number = Number (value);
    return digits === undefined ? numberFormat.format (number)
      : new Intl.NumberFormat ('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format (number);
  },
  // A ratio 0..1 as "42,5 %"
  percent (ratio, digits = 1) {
    if (ratio === undefined || ratio === null || Number.isNaN (Number (ratio)))
      return '—';
    return new Intl.NumberFormat ('fr-FR', { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format (Number (ratio));
  },
  // Cents (a string in the API: 64-bit) as "1 800,00 €"
  euros (cents) {
    if (cents === undefined || cents === null || cents === '')
      return '—';
    return euroFormat.format (Number (cents) / 100);
  },
  // "2025-01-20" as "20/01/2025"
  date (text) {
    if (!text)
      return '—';
    const day = new Date (text + 'T00:00:00Z');
    return Number.isNaN (day.getTime ()) ? text : dateFormat.format (day);
  },
  longDate (text) {
    if (!text)
      return '—';
    const day = new Date (text + 'T00:00:00Z');
    return Number.isNaN (day.getTime ()) ? text : longDateFormat.format (day);
  },
  // Milliseconds since the epoch (a string in the API) as local date and time
  time (ms) {
    if (!ms || ms === '0')
      return '—';
    return timeFormat.format (new Date (Number (ms)));
  },
};

// Today as YYYY-MM-DD (local calendar day)
export function today () {
  const now = new Date ();
  return `${now.getFullYear ()}-${String (now.getMonth () + 1).padStart (2, '0')}-${String (now.getDate ()).padStart (2, '0')}`;
}

// Whole days from one YYYY-MM-DD to another
export function daysBetween (from, to) {
  return Math.round ((Date.parse (to + 'T00:00:00Z') - Date.parse (from + 'T00:00:00Z')) / 86400000);
}

// ---------------------------------------------------------------- blocks

// A table: columns [{ label, value: row => text|Node, numeric, key }],
// with a caption (shown, or for screen readers only when hidden)
export function table ({ caption, captionHidden = false, columns, rows, empty = 'Aucune donnée.', id }) {
  if (!rows || rows.length === 0)
    return h ('p', { class: 'muted', id }, empty);
  const head = h ('tr', {}, columns.map (column =>
    h ('th', { scope: 'col', class: column.numeric ? 'num' : undefined }, column.label)));
  const body = rows.map (row => h ('tr', {}, columns.map ((column, index) => {
    const value = column.value ? column.value (row) : row [column.key];
    const cell = index === 0 && column.rowHeader ? 'th' : 'td';
    return h (cell, { class: column.numeric ? 'num' : undefined, scope: cell === 'th' ? 'row' : undefined },
      value === undefined || value === null || value === '' ? '—' : value);
  })));
  // The wrapper scrolls a wide table: a keyboard must reach it too
  return h ('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption || 'Tableau' },
    h ('table', { id },
      caption ? h ('caption', { class: captionHidden ? 'visually-hidden' : undefined }, caption) : null,
      h ('thead', {}, head), h ('tbody', {}, body)));
}

// A notice: kind '' (information), 'ok', 'warn', 'bad'
export function notice (kind, ...children) {
  return h ('div', { class: `notice ${kind || ''}`, role: kind === 'bad' ? 'alert' : 'status' }, ...children);
}

export function badge (kind, text) {
  return h ('span', { class: `badge ${kind || ''}` }, text);
}

export function loading (text = 'Chargement…') {
  return h ('p', { class: 'loading', role: 'status' }, text);
}

// A figure card of the dashboard
export function card (title, figure, sub, extra) {
  return h ('section', { class: 'card' },
    h ('h2', {}, title),
    figure !== undefined ? h ('div', { class: 'figure' }, figure) : null,
    sub ? h ('div', { class: 'sub' }, sub) : null,
    extra || null);
}

// The message of an error for a person
export function errorText (error) {
  if (!error)
    return '';
  if (error.status === 403)
    return `Action refusée : ${error.message}`;
  if (error.status === 503 || error.status === 0)
    return `Service indisponible : ${error.message}`;
  return error.message || String (error);
}

// Download bytes under a file name
export function download (name, bytes, type) {
  const blob = bytes instanceof Blob ? bytes : new Blob ([bytes], { type });
  const url = URL.createObjectURL (blob);
  const link = h ('a', { href: url, download: name, class: 'visually-hidden' }, name);
  document.body.append (link);
  link.click ();
  setTimeout (() => { URL.revokeObjectURL (url); link.remove (); }, 1000);
}

// Base64 (bytes fields of the API) into bytes
export function fromBase64 (text) {
  const binary = atob (text || '');
  const bytes = new Uint8Array (binary.length);
  for (let index = 0; index < binary.length; index++)
    bytes [index] = binary.charCodeAt (index);
  return bytes;
}

// Tabs inside a page: [{ id, label }], the current id, a route prefix
export function tabs (items, current, href) {
  return h ('nav', { class: 'page-tabs', 'aria-label': 'Sections de la page' },
    items.map (item => h ('a', { href: href (item.id), 'aria-current': item.id === current ? 'page' : undefined }, item.label)));
}
