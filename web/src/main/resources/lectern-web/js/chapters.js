// The watch page's chapters (a teacher's, or one per slide): where playback stands among them,
// PageDown / PageUp to the next or previous one (what presentation clickers send), and the chapter
// list beside the video with each slide's picture, following playback and seeking on click.
import { announce, clock, h } from './dom.js';

const PHONE = '(max-width: 40rem)';
// A seek lands on the chapter's start, give or take float rounding.
const SLACK = 0.1;
// After the student scrolls the list it stops following playback for a moment.
const HANDS_OFF_MS = 5000;

/** A chapter's name: its title, else its slide's number. */
export function chapterTitle(c) {
  return c.title || (c.slideNumber ? `Slide ${c.slideNumber}` : 'Untitled chapter');
}

/** The index of the chapter playing at `seconds` (chapters in time order), or -1 before the first. */
export function chapterAt(chapters, seconds) {
  let found = -1;
  for (let i = 0; i < chapters.length && chapters[i].startSeconds <= seconds + SLACK; i++) found = i;
  return found;
}

/** Moving between the chapters of one video: `next()`, `previous()` and which one plays `at(seconds)`. */
export function chapterNavigation(video, chapters) {
  const list = [...chapters].sort((a, b) => a.startSeconds - b.startSeconds);
  const go = (index) => {
    const c = list[index];
    if (!c) return false;
    video.currentTime = c.startSeconds;
    // The picture changes silently: say where the student is now.
    announce(`Chapter ${index + 1} of ${list.length}: ${chapterTitle(c)}`);
    return true;
  };
  return {
    list,
    at: (seconds) => chapterAt(list, seconds),
    /** The chapter after the one playing; false at the last. */
    next: () => go(chapterAt(list, video.currentTime) + 1),
    /** The chapter before the one playing (the first one's start from within it); false before the first. */
    previous: () => {
      const index = chapterAt(list, video.currentTime);
      return index < 0 ? false : go(Math.max(0, index - 1));
    },
  };
}

/** Handles PageDown / PageUp for `navigation`; true when the key was used. */
export function chapterKey(event, navigation) {
  if (!navigation.list.length || event.ctrlKey || event.metaKey || event.altKey) return false;
  if (event.target.matches('input:not([type=range]), select, textarea')) return false;
  if (event.key === 'PageDown') navigation.next();
  else if (event.key === 'PageUp') navigation.previous();
  else return false;
  event.preventDefault();
  return true;
}

/** The toggle button and the chapter list after it; open on wide screens, closed on phones. */
export function chaptersPanel(video, navigation) {
  const chapters = navigation.list;
  let handsOffUntil = 0;
  let current = -1;
  const list = h('ol', { class: 'chapter-list', 'aria-label': 'Chapters' }, chapters.map((c, i) => h('li', {},
    h('button', { type: 'button', class: 'chapter', 'data-index': i, onclick: () => { video.currentTime = c.startSeconds; } },
      c.thumbnail ? h('img', { class: 'chapter-thumb', src: c.thumbnail, alt: '', loading: 'lazy', decoding: 'async' }) : null,
      h('span', { class: 'chapter-text' },
        h('span', { class: 'chapter-title' }, chapterTitle(c)),
        h('span', { class: 'time' }, clock(c.startSeconds), c.slideNumber ? ` · slide ${c.slideNumber}` : ''))))));
  const panel = h('section', { class: 'chapters-panel', id: 'chapters', 'aria-labelledby': 'chapters-h' },
    h('h2', { id: 'chapters-h' }, 'Chapters'),
    h('p', { class: 'meta' }, 'PageDown / PageUp: next / previous chapter.'), list);
  const toggle = h('button', { type: 'button', class: 'secondary', id: 'chapters-toggle', 'aria-controls': 'chapters' });

  const follow = () => {
    const index = navigation.at(video.currentTime);
    if (index === current) return;
    list.children[current]?.firstChild.removeAttribute('aria-current');
    current = index;
    const item = list.children[current]?.firstChild;
    if (!item) return;
    item.setAttribute('aria-current', 'true');
    // Scrolls the list only (never the page, never the focus), unless the student is scrolling it.
    if (!panel.hidden && Date.now() > handsOffUntil) list.scrollTop = item.parentElement.offsetTop - list.clientHeight / 3;
  };
  const open = (shown) => {
    panel.hidden = !shown;
    toggle.setAttribute('aria-expanded', String(shown));
    toggle.textContent = shown ? 'Hide chapters' : 'Show chapters';
    panel.closest('.watch')?.classList.toggle('with-chapters', shown);
    if (shown) { current = -1; follow(); }
  };
  toggle.addEventListener('click', () => open(panel.hidden));
  for (const name of ['wheel', 'touchmove']) list.addEventListener(name, () => { handsOffUntil = Date.now() + HANDS_OFF_MS; }, { passive: true });
  panel.addEventListener('keydown', (event) => chapterKey(event, navigation));
  video.addEventListener('timeupdate', follow);
  video.addEventListener('seeked', follow);
  return {
    element: h('div', { class: 'chapters-side' }, toggle, panel),
    /** Call once it is in the page. */
    start() { open(!matchMedia(PHONE).matches); },
  };
}

/** Ticks on the seek bar where chapters start (after the first moment); decoration only. */
export function chapterMarks(navigation, duration) {
  const marks = h('div', { class: 'chapter-marks', 'aria-hidden': 'true' });
  const place = (seconds) => {
    if (!(seconds > 0)) return;
    marks.replaceChildren(...navigation.list.filter((c) => c.startSeconds > 0.5 && c.startSeconds < seconds)
      .map((c) => {
        // Through the CSSOM: the Content-Security-Policy refuses style attributes.
        const mark = h('span', { class: 'chapter-mark' });
        mark.style.setProperty('--at', (c.startSeconds / seconds).toFixed(5));
        return mark;
      }));
  };
  place(duration);
  return { element: marks, place };
}
