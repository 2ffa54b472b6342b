// The frame of a console: the login, the header (who is logged in), the
// navigation, the page shown by the address's fragment (#/bilan?year=2025),
// and the live events a page listens to while it is shown.

import { api, ApiError, events, setCsrfToken } from './api.js';
import { h, fill, notice, errorText } from './ui.js';

const ROLE_LABELS = { reader: 'lecture', editor: 'saisie', admin: 'administration' };

// startConsole ({ name, scope, pages, home, liveTopics })
//   pages       [{ path, label, load: () => import (...) , nav: true }]
//   liveTopics  async () => the event topics the server declares (none: no live events)
export async function startConsole (options) {
  const root = document.getElementById ('app');
  const state = { me: null, page: null, listeners: [], source: null, cache: new Map () };

  const context = {
    get me () { return state.me; },
    get canWrite () { return state.me && (state.me.role === 'editor' || state.me.role === 'admin'); },
    get isAdmin () { return state.me && state.me.role === 'admin'; },
    navigate (hash) { if (location.hash === hash) route (); else location.hash = hash; },
    refresh () { route (); },
    // Call fn (topic, event) for each live event under prefix while the page is shown
    on (prefix, fn) { state.listeners.push ({ prefix, fn }); },
    // A value computed once per console load (the OpenAPI document, Describe)
    async once (key, compute) {
      if (!state.cache.has (key))
        state.cache.set (key, compute ().catch (error => { state.cache.delete (key); throw error; }));
      return state.cache.get (key);
    },
  };

  window.addEventListener ('pps:unauthorized', () => {
    if (state.me) {
      state.me = null;
      showLogin ('Votre session a expiré : reconnectez-vous.');
    }
  });

  function showLogin (message) {
    closeLive ();
    document.title = `Connexion — ${options.name}`;
    const login = h ('input', { type: 'text', id: 'login', name: 'login', autocomplete: 'username', required: true, autocapitalize: 'none' });
    const password = h ('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true });
    const status = h ('div', { 'aria-live': 'polite' }, message ? notice ('warn', message) : null);
    const submit = h ('button', { type: 'submit' }, 'Se connecter');
    const form = h ('form', { class: 'login', id: 'login-form' },
      h ('h1', {}, options.name),
      h ('p', { class: 'muted' }, options.scope),
      status,
      h ('div', { class: 'field' }, h ('label', { for: 'login' }, 'Identifiant'), login),
      h ('div', { class: 'field' }, h ('label', { for: 'password' }, 'Mot de passe'), password),
      h ('div', { class: 'actions' }, submit));
    form.addEventListener ('submit', async event => {
      event.preventDefault ();
      submit.disabled = true;
      try {
        state.me = await api.login (login.value.trim (), password.value);
        password.value = '';
        await showConsole ();
      }
      catch (error) {
        const text = error instanceof ApiError && error.status === 429
          ? `Trop d'échecs : compte bloqué temporairement. ${error.message}`
          : error instanceof ApiError && error.status === 401
            ? 'Identifiant ou mot de passe incorrect, ou compte désactivé.'
            : errorText (error);
        fill (status, notice ('bad', text));
        password.focus ();
      }
      finally { submit.disabled = false; }
    });
    fill (root, h ('main', { id: 'contenu' }, form));
    login.focus ();
  }

  let nav, main;
  async function showConsole () {
    const who = h ('div', { class: 'who' },
      h ('span', {}, `${state.me.display_name || state.me.login} (${ROLE_LABELS [state.me.role] || state.me.role})`),
      h ('button', { type: 'button', id: 'logout', onclick: async () => {
        await api.logout ().catch (() => {});
        state.me = null;
        showLogin ('Vous êtes déconnecté.');
      } }, 'Se déconnecter'));
    nav = h ('nav', { class: 'app-nav', 'aria-label': 'Navigation principale' },
      h ('ul', {}, options.pages.filter (page => page.nav !== false).map (page =>
        h ('li', {}, h ('a', { href: `#/${page.path}`, 'data-path': page.path }, page.label)))));
    main = h ('main', { id: 'contenu', tabindex: '-1' });
    fill (root, h ('div', { class: 'app' },
      h ('a', { class: 'skip-link', href: '#contenu', onclick: event => { event.preventDefault (); main.focus (); } }, 'Aller au contenu'),
      h ('header', { class: 'app-header' },
        h ('a', { class: 'brand', href: `#/${options.home}` }, options.name),
        h ('span', { class: 'scope' }, options.scope), who),
      nav, main));
    if (options.ready)
      options.ready (context);
    // The page first; the live stream (its topics come from Describe) after
    route ();
    openLive ();
  }

  async function openLive () {
    closeLive ();
    if (!options.liveTopics)
      return;
    let topics = [];
    try { topics = await options.liveTopics (context); } catch (error) { return; }
    state.source = events ([], topics.filter (topic => !topic.endsWith ('.heartbeat')), (topic, event) => {
      for (const listener of state.listeners.slice ())
        if (topic.startsWith (listener.prefix))
          try { listener.fn (topic, event); } catch (error) { console.error (error); }
    });
  }

  function closeLive () {
    if (state.source)
      state.source.close ();
    state.source = null;
  }

  let routing = 0;
  async function route () {
    if (!state.me)
      return;
    const hash = location.hash.replace (/^#\/?/, '');
    const [path, query] = hash.split ('?');
    const page = options.pages.find (item => item.path === (path || options.home)) || options.pages.find (item => item.path === options.home);
    for (const link of nav.querySelectorAll ('a')) {
      if (link.dataset.path === page.path)
        link.setAttribute ('aria-current', 'page');
      else
        link.removeAttribute ('aria-current');
    }
    state.listeners = [];
    const current = ++routing;
    delete main.dataset.drawn;
    fill (main, h ('p', { class: 'loading', role: 'status' }, 'Chargement…'));
    try {
      const module = await page.load ();
      if (current !== routing)
        return;
      document.title = `${page.label} — ${options.name}`;
      const params = new URLSearchParams (query || '');
      const container = h ('div', {});
      await module.default.render (container, params, context);
      if (current !== routing)
        return;
      fill (main, container);
      main.focus ({ preventScroll: true });
      // For the benchmark (bench/bench_console.py): when the page was whole
      performance.mark ('pps:page-drawn', { detail: page.path });
      main.dataset.drawn = page.path;
    }
    catch (error) {
      if (current !== routing)
        return;
      console.error (error);
      fill (main, h ('h1', {}, page.label), notice ('bad', `La page n'a pas pu être affichée : ${errorText (error)}`));
    }
  }

  window.addEventListener ('hashchange', route);
  // A page the browser keeps for "back" must not keep its stream open: it
  // holds one of the few connections a browser allows a server
  window.addEventListener ('pagehide', closeLive);
  window.addEventListener ('pageshow', event => { if (event.persisted && state.me) openLive (); });
  try {
    state.me = await api.me ();
    setCsrfToken (state.me.csrf_token);
    await showConsole ();
  }
  catch (error) {
    showLogin ();
  }
}
