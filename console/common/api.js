// The HTTP/JSON API as the consoles call it: JSON in and out, the session
// cookie sent by the browser, the CSRF token on every change, refusals
// (RFC 9457 problems) thrown as ApiError naming their field.

const BASE = '/api/v1/';
let csrfToken = null;

export class ApiError extends Error {
  constructor (status, problem) {
    super (problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.field = problem.field || null;
    this.problem = problem;
  }
}

export function setCsrfToken (token) { csrfToken = token || null; }

function queryString (params) {
  const search = new URLSearchParams ();
  for (const [key, value] of Object.entries (params || {})) {
    if (value === undefined || value === null || value === '')
      continue;
    for (const item of Array.isArray (value) ? value : [value])
      search.append (key, String (item));
  }
  const text = search.toString ();
  return text ? `?${text}` : '';
}

// A request to path under /api/v1/; the parsed JSON body, or the raw
// Response when options.raw.
export async function request (method, path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  let body;
  if (options.body !== undefined) {
    headers ['Content-Type'] = 'application/json';
    body = JSON.stringify (options.body);
  }
  if (method !== 'GET' && csrfToken)
    headers ['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch (BASE + path + queryString (options.query), {
      method, headers, body, credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiError (0, { detail: 'Le serveur ne répond pas : vérifiez votre connexion.' });
  }
  if (!response.ok) {
    let problem = {};
    try { problem = await response.json (); } catch (error) { /* not JSON */ }
    if (response.status === 401 && !options.quietUnauthorized)
      window.dispatchEvent (new CustomEvent ('pps:unauthorized'));
    throw new ApiError (response.status, problem);
  }
  if (options.raw)
    return response;
  return response.status === 204 ? {} : response.json ();
}

// A fresh idempotency key for one change, so that a retried click
// applies it once.
export function newKey () {
  const bytes = new Uint8Array (16);
  crypto.getRandomValues (bytes);
  return 'console-' + Array.from (bytes, byte => byte.toString (16).padStart (2, '0')).join ('');
}

export const api = {
  me: () => request ('GET', 'me', { quietUnauthorized: true }),
  async login (login, password) {
    const user = await request ('POST', 'login', { body: { login, password }, quietUnauthorized: true });
    setCsrfToken (user.csrf_token);
    return user;
  },
  async logout () {
    try { await request ('POST', 'logout'); } finally { setCsrfToken (null); }
  },
  // A read: GET /api/v1/<service>/<op>?params
  read: (service, op, params) => request ('GET', `${service}/${op}`, { query: params }),
  // A write: POST with its message, once (Idempotency-Key)
  write: (service, op, message, key = newKey ()) =>
    request ('POST', `${service}/${op}`, { body: message || {}, headers: { 'Idempotency-Key': key } }),
  get: (path, params) => request ('GET', path, { query: params }),
  post: (path, body) => request ('POST', path, { body }),
};

// Server-Sent Events of the API, for the topic prefixes given: calls
// onEvent (topic, event) for each event. Each SSE event is named by its
// topic, so a listener is added per topic the services declare (their
// Describe lists them). The browser reconnects by itself and the server
// resumes after the last id it sent. Returns the EventSource (close it).
export function events (prefixes, declaredTopics, onEvent) {
  const source = new EventSource (BASE + 'events' + queryString ({ topics: prefixes.join (',') }));
  const deliver = message => {
    let data = null;
    try { data = JSON.parse (message.data); } catch (error) { return; }
    onEvent (message.type, data);
  };
  for (const topic of declaredTopics)
    if (!prefixes.length || prefixes.some (prefix => topic.startsWith (prefix)))
      source.addEventListener (topic, deliver);
  return source;
}
