// The page shell: sign-in, navigation and a hash router (#/course/ID, #/watch/ID, …), so the one
// HTML file serves every page and a reload lands where the user was.
import { api, setToken, token } from './api.js';
import { h, mayLeave, message, show } from './dom.js';
import { beginSignIn, completeSignIn, endSession, isProviderAnswer, recentlySignedIn, signInConfig } from './signin.js';

const routes = [
  [/^#\/?$/, () => import('./courses.js').then((m) => m.coursesPage())],
  [/^#\/course\/([\w-]+)$/, (id) => import('./courses.js').then((m) => m.coursePage(id))],
  [/^#\/lecture\/([\w-]+)$/, (id) => import('./manage.js').then((m) => m.managePage(id))],
  [/^#\/watch\/([\w-]+)(?:\?t=([\d.]+))?$/, (id, t) => import('./player.js').then((m) => m.watchPage(id, t))],
  [/^#\/search\?(.*)$/, (query) => import('./search.js').then((m) => m.searchPage(new URLSearchParams(query)))],
];

let me = null;
// Where to go once signed in: the page the user asked for before being sent to sign in.
let afterSignIn = '#/';
// A message for the next sign-in page (a refused token, an answer from the provider).
let signInProblem = null;
// Set while the browser is on its way to the provider, so no page flashes before it leaves.
let leaving = false;

/** Who is signed in ({userId, displayName, admin}), or null. */
export function currentUser() {
  return me;
}

function takeTokenFromLink() {
  // `lectern serve` prints http://host/#token=…: keep it, then drop it from the address bar and history.
  const match = location.hash.match(/^#token=([^&]+)/);
  if (match) {
    setToken(decodeURIComponent(match[1]));
    me = null;
    history.replaceState(null, '', `${location.pathname}#/`);
  }
}

async function route() {
  if (leaving) return;
  takeTokenFromLink();
  if (isProviderAnswer()) {
    try {
      await completeSignIn();
      me = null;
    } catch (e) {
      signInProblem = e.message;
    }
  }
  if (!token()) {
    if (location.hash !== '#/signin') {
      if (location.hash.startsWith('#/')) afterSignIn = location.hash;
      history.replaceState(null, '', `${location.pathname}#/signin`);
    }
    me = null;
    renderNav();
    await signInPage();
    return;
  }
  if (!me) {
    try {
      me = await api('GET', '/me');
    } catch (e) {
      // A 401 is handled by the lectern:signed-out listener (sign in again).
      if (e.status !== 401) {
        renderNav();
        show('Error', h('h1', {}, 'Lectern could not be reached'), message(e.message, 'error'),
          h('p', {}, h('button', { type: 'button', onclick: route }, 'Try again')));
      }
      return;
    }
  }
  renderNav();
  if (location.hash === '#/signin') {
    location.hash = afterSignIn;
    return;
  }
  for (const [pattern, render] of routes) {
    const match = location.hash.match(pattern) || (location.hash === '' && pattern.test('#/') ? [] : null);
    if (match) {
      try {
        await render(...match.slice(1));
      } catch (e) {
        show('Error', h('h1', {}, 'Something went wrong'), message(e.message, 'error'));
      }
      return;
    }
  }
  show('Not found', h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to my courses')));
}

function renderNav() {
  const nav = document.getElementById('nav');
  if (!me) {
    nav.replaceChildren();
    return;
  }
  nav.replaceChildren(
    h('li', {}, h('a', { href: '#/' }, 'My courses')),
    h('li', {}, h('a', { href: '#/search?q=' }, 'Search')),
    h('li', {}, h('span', { class: 'who' }, me.displayName || me.userId)),
    h('li', {}, h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out')),
  );
}

async function signOut() {
  setToken(null);
  me = null;
  afterSignIn = '#/';
  // With a provider, its session ends too; it sends the browser back to this origin's `/`.
  const providerSignOut = await endSession();
  if (providerSignOut) {
    leaving = true;
    location.assign(providerSignOut);
    return;
  }
  history.replaceState(null, '', `${location.pathname}#/signin`);
  await route();
}

/** The API refused the token (expired or revoked): sign in again and come back to this page. */
let refusal = null;
function tokenRefused() {
  // Several calls of one page may be refused at once; the first one decides what happens.
  if (!refusal) refusal = handleRefusal().finally(() => { refusal = null; });
  return refusal;
}

async function handleRefusal() {
  if (leaving) return;
  const hadToken = Boolean(token());
  setToken(null);
  me = null;
  if (location.hash.startsWith('#/') && location.hash !== '#/signin') afterSignIn = location.hash;
  const cfg = await signInConfig().catch(() => null);
  if (cfg?.mode === 'oidc' && hadToken && !recentlySignedIn()) {
    // The provider usually still knows the user, so this round trip needs no typing.
    leaving = true;
    try {
      await beginSignIn(afterSignIn);
      return;
    } catch (e) {
      leaving = false;
      signInProblem = `Sign-in could not start: ${e.message}`;
    }
  } else if (hadToken) {
    signInProblem = cfg?.mode === 'oidc'
      ? 'Lectern did not accept the sign-in from your school\'s identity provider. Please tell your administrator (the token\'s issuer or audience may not match Lectern\'s settings).'
      : 'That token was refused or has expired. Paste a new one.';
  }
  history.replaceState(null, '', `${location.pathname}#/signin`);
  await route();
}

function tokenForm(hint) {
  const input = h('textarea', { id: 'token', name: 'token', rows: 4, required: true, autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'card narrow', onsubmit: async (event) => {
    event.preventDefault();
    setToken(input.value);
    me = null;
    await route();
  } },
  h('label', { for: 'token' }, 'Access token'),
  h('p', { class: 'hint', id: 'token-hint' }, ...hint),
  input,
  h('button', { type: 'submit' }, 'Sign in'));
  input.setAttribute('aria-describedby', 'token-hint');
  return form;
}

async function signInPage() {
  const problem = signInProblem;
  signInProblem = null;
  const title = h('h1', {}, 'Sign in to Lectern');
  const shown = problem ? message(problem, 'error') : null;
  let cfg;
  try {
    cfg = await signInConfig();
  } catch (e) {
    show('Sign in', title, shown, message(e.message, 'error'));
    return;
  }
  if (cfg.mode !== 'oidc') {
    show('Sign in', title, shown, tokenForm(['Paste the token your administrator gave you (or run ',
      h('code', {}, 'lectern token --user you'), '). It is kept in this browser only.']));
    return;
  }
  const button = h('button', { type: 'button', id: 'oidc-signin', onclick: async () => {
    button.disabled = true;
    leaving = true;
    try {
      await beginSignIn(afterSignIn);
    } catch (e) {
      leaving = false;
      button.disabled = false;
      button.after(message(`Sign-in could not start: ${e.message}`, 'error'));
    }
  } }, 'Sign in with your school account');
  show('Sign in', title, shown,
    h('div', { class: 'card narrow' }, button,
      h('p', { class: 'hint' }, "You go to your school's sign-in page and come back here.")),
    h('details', { class: 'narrow' }, h('summary', {}, 'Use an access token instead'),
      tokenForm(['Paste an access token from your school\'s identity provider. It is kept in this browser only.'])));
}

window.addEventListener('lectern:signed-out', tokenRefused);
// Back from the provider's page without signing in: the browser may restore this page as it was.
window.addEventListener('pageshow', (event) => {
  if (event.persisted && leaving) {
    leaving = false;
    route();
  }
});
// Registered before any page module's listener, so staying (unsaved work) hides the change from
// them too: the address goes back and the page keeps running as it was.
window.addEventListener('hashchange', (event) => {
  if (mayLeave()) {
    route();
    return;
  }
  event.stopImmediatePropagation();
  history.replaceState(null, '', event.oldURL);
});
route();
