// Search over titles, descriptions and captions; a caption hit links to its moment in the player.
import { api } from './api.js';
import { clock, h, message, show } from './dom.js';

export async function searchPage(params) {
  const q = (params.get('q') || '').trim();
  const course = params.get('course');
  const input = h('input', { id: 'search-q', name: 'q', type: 'search', value: q, autocomplete: 'off' });
  const form = h('form', { class: 'search', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams({ q: input.value.trim() });
    if (course) next.set('course', course);
    location.hash = `#/search?${next}`;
  } }, h('label', { for: 'search-q' }, 'Search lectures and captions'), input, h('button', { type: 'submit' }, 'Search'));

  let results = null;
  if (q) {
    const query = new URLSearchParams({ q, limit: '20' });
    if (course) query.set('course', course);
    const { items } = await api('GET', `/search?${query}`);
    results = items.length
      ? h('ol', { class: 'results' }, items.map(({ lecture, captionHits }) => h('li', { class: 'card' },
        h('h2', {}, h('a', { href: `#/watch/${lecture.id}` }, lecture.title)),
        lecture.description ? h('p', {}, lecture.description) : null,
        captionHits && captionHits.length ? h('ul', { class: 'hits' }, captionHits.map((hit) => h('li', {},
          h('a', { href: `#/watch/${lecture.id}?t=${hit.startSeconds}`, class: 'hit' },
            h('span', { class: 'time' }, clock(hit.startSeconds)), ' ', hit.text)))) : null)))
      : message(`Nothing found for “${q}”.`);
  }
  show(q ? `Search: ${q}` : 'Search', h('h1', {}, 'Search'), form, results);
  if (!q) input.focus();
}
