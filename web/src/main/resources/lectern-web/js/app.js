// The page shell: sign-in, navigation and a hash router (#/course/ID, #/watch/ID, …), so the one
// HTML file serves every page and a reload lands where the user was.
import { api, setToken, token } from './api.js';
import { h, message, show } from './dom.js';

const routes = [
  [/^#\/?$/, () => import('./courses.js').then((m) => m.coursesPage())],
  [/^#\/course\/([\w-]+)$/, (id) => import('./courses.js').then((m) => m.coursePage(id))],
  [/^#\/lecture\/([\w-]+)$/, (id) => import('./manage.js').then((m) => m.managePage(id))],
  [/^#\/watch\/([\w-]+)(?:\?t=([\d.]+))?$/, (id, t) => import('./player.js').then((m) => m.watchPage(id, t))],
  [/^#\/search\?(.*)$/, (query) => import('./search.js').then((m) => m.searchPage(new URLSearchParams(query)))],
  [/^#\/signin$/, () => signInPage()],
];

let me = null;

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
  takeTokenFromLink();
  if (!token()) {
    if (location.hash !== '#/signin') location.hash = '#/signin';
    else signInPage();
    renderNav();
    return;
  }
  if (!me) {
    try {
      me = await api('GET', '/me');
    } catch (e) {
      setToken(null);
      signInPage(e.status === 401 ? 'That token was refused or has expired. Paste a new one.' : e.message);
      renderNav();
      return;
    }
  }
  renderNav();
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

function signOut() {
  setToken(null);
  me = null;
  location.hash = '#/signin';
}

function signInPage(problem) {
  const input = h('textarea', { id: 'token', name: 'token', rows: 4, required: true, autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'card narrow', onsubmit: async (event) => {
    event.preventDefault();
    setToken(input.value);
    me = null;
    location.hash = '#/';
    await route();
  } },
  h('label', { for: 'token' }, 'Access token'),
  h('p', { class: 'hint', id: 'token-hint' }, 'Paste the token your administrator gave you (or run ',
    h('code', {}, 'lectern token --user you'), '). It is kept in this browser only.'),
  input,
  h('button', { type: 'submit' }, 'Sign in'));
  input.setAttribute('aria-describedby', 'token-hint');
  show('Sign in', h('h1', {}, 'Sign in to Lectern'), problem ? message(problem, 'error') : null, form);
}

window.addEventListener('lectern:signed-out', () => {
  setToken(null);
  me = null;
  location.hash = '#/signin';
});
window.addEventListener('hashchange', route);
route();
