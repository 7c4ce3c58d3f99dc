// Search over titles, descriptions, captions and the text on slides; a caption or slide hit links
// to its moment in the player.
import { api } from './api.js';
import { clock, h, message, show } from './dom.js';

// Slide text can be long: show this much around the first word found.
const SNIPPET_CHARS = 160;

export async function searchPage(params) {
  const q = (params.get('q') || '').trim();
  const course = params.get('course');
  const input = h('input', { id: 'search-q', name: 'q', type: 'search', value: q, autocomplete: 'off' });
  const form = h('form', { class: 'search', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams({ q: input.value.trim() });
    if (course) next.set('course', course);
    location.hash = `#/search?${next}`;
  } }, h('label', { for: 'search-q' }, 'Search lectures, captions and slides'), input, h('button', { type: 'submit' }, 'Search'));

  let results = null;
  if (q) {
    const query = new URLSearchParams({ q, limit: '20' });
    if (course) query.set('course', course);
    const { items } = await api('GET', `/search?${query}`);
    results = items.length
      ? h('ol', { class: 'results' }, items.map(({ lecture, captionHits, slideHits }) => h('li', { class: 'card' },
        h('h2', {}, h('a', { href: `#/watch/${lecture.id}` }, lecture.title)),
        lecture.description ? h('p', {}, lecture.description) : null,
        slideHits && slideHits.length ? h('ul', { class: 'hits slide-hits', 'aria-label': `Slides of ${lecture.title}` },
          slideHits.map((hit) => slideHit(lecture, hit, q))) : null,
        captionHits && captionHits.length ? h('ul', { class: 'hits', 'aria-label': `Captions of ${lecture.title}` }, captionHits.map((hit) => h('li', {},
          h('a', { href: `#/watch/${lecture.id}?t=${hit.startSeconds}`, class: 'hit' },
            h('span', { class: 'time' }, clock(hit.startSeconds)), ' ', hit.text)))) : null)))
      : message(`Nothing found for “${q}”.`);
  }
  show(q ? `Search: ${q}` : 'Search', h('h1', {}, 'Search'), form, results);
  if (!q) input.focus();
}

/** A slide whose text matched: its picture, number and title, and the words around the match. */
function slideHit(lecture, hit, q) {
  const title = hit.title || `Slide ${hit.number}`;
  return h('li', {}, h('a', { href: `#/watch/${lecture.id}?t=${hit.startSeconds}`, class: 'slide-hit', 'data-slide': hit.number },
    hit.thumbnail ? h('img', { class: 'slide-thumb', src: hit.thumbnail, alt: '', loading: 'lazy', decoding: 'async' }) : null,
    h('span', { class: 'slide-hit-text' },
      h('span', { class: 'slide-hit-title' }, `Slide ${hit.number}: ${title}`),
      h('span', { class: 'time' }, `shown at ${clock(hit.startSeconds)}`),
      hit.text ? h('span', { class: 'slide-hit-words' }, marked(snippet(hit.text, q), q)) : null)));
}

/** Query words to look for in the text: letters and digits, two or more of them. */
function words(q) {
  return [...new Set(q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1))];
}

/** About SNIPPET_CHARS of `text` around the first query word in it (its start when none is). */
export function snippet(text, q) {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SNIPPET_CHARS) return flat;
  const lower = flat.toLowerCase();
  const at = Math.min(...words(q).map((w) => lower.indexOf(w)).filter((i) => i >= 0), Infinity);
  const from = Number.isFinite(at) ? Math.max(0, at - SNIPPET_CHARS / 3) : 0;
  const start = from > 0 ? flat.indexOf(' ', from) + 1 || from : 0;
  const end = Math.min(flat.length, start + SNIPPET_CHARS);
  const cut = end < flat.length ? flat.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '… ' : ''}${flat.slice(start, cut > start ? cut : end)}${end < flat.length ? ' …' : ''}`;
}

/** The text with every word that starts like a query word as <mark>. */
function marked(text, q) {
  const found = words(q);
  if (!found.length) return [text];
  const escaped = found.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // No lookbehind (Safari before 16.4 refuses it): the character before the word is group 1.
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])((?:${escaped.join('|')})[\\p{L}\\p{N}]*)`, 'giu');
  const parts = [];
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index + match[1].length;
    parts.push(text.slice(from, at), h('mark', {}, match[2]));
    from = at + match[2].length;
  }
  parts.push(text.slice(from));
  return parts;
}
