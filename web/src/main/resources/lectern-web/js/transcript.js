// The watch page's transcript: the cues of the shown caption track (else the default one) as a
// list that follows playback, seeks on click or Enter, and can be searched; closed on phones.
import { api, download } from './api.js';
import { clock, h } from './dom.js';

const PHONE = '(max-width: 40rem)';
// After the student scrolls the list or steps through matches, it stops following playback for a moment.
const HANDS_OFF_MS = 5000;

/** The toggle button with the panel after it; cues load when the panel first opens. */
export function transcriptPanel(video, lecture) {
  const tracks = [...video.querySelectorAll('track')];
  const list = h('ol', { class: 'transcript-cues', 'aria-label': 'Transcript lines' });
  let handsOffUntil = 0;
  const handsOff = () => { handsOffUntil = Date.now() + HANDS_OFF_MS; };
  const find = finder(list, handsOff);
  const status = h('p', { class: 'meta', role: 'status' });
  const save = h('button', { type: 'button', class: 'link' }, 'Download transcript');
  const panel = h('section', { class: 'transcript', id: 'transcript', 'aria-labelledby': 'transcript-h' },
    h('h2', { id: 'transcript-h' }, 'Transcript'), find.form, status, list, h('p', {}, save));
  const toggle = h('button', { type: 'button', class: 'secondary', id: 'transcript-toggle', 'aria-controls': 'transcript' }, 'Transcript');

  let loadedId = null;
  let cues = [];
  let current = -1;

  const wanted = () => (tracks.find((t) => t.track.mode === 'showing') || tracks.find((t) => t.default) || tracks[0]).dataset.caption;
  const load = async () => {
    const id = wanted();
    if (id === loadedId || panel.hidden) return;
    loadedId = id;
    status.textContent = 'Loading…';
    try {
      const track = await api('GET', `/lectures/${lecture.id}/captions/${id}`);
      if (loadedId !== id) return;
      cues = track.cues;
      current = -1;
      status.textContent = tracks.length > 1 ? `From the captions “${track.label}”.` : '';
      list.replaceChildren(...cues.map((cue, i) => h('li', {}, h('button', {
        type: 'button', class: 'cue', 'data-index': i, onclick: () => { video.currentTime = cue.start; },
      }, h('span', { class: 'time' }, clock(cue.start)), ' ', h('span', { class: 'cue-text' }, cue.text.replace(/\s*\n\s*/g, ' '))))));
      find.refresh();
      follow();
    } catch (e) {
      loadedId = null;
      status.textContent = `The transcript could not be loaded: ${e.message}`;
    }
  };

  const follow = () => {
    const index = cueAt(cues, video.currentTime);
    if (index === current) return;
    list.children[current]?.firstChild.removeAttribute('aria-current');
    current = index;
    const line = list.children[current]?.firstChild;
    if (!line) return;
    line.setAttribute('aria-current', 'true');
    // Scrolls the list only (never the page, never the focus), unless the student is scrolling it.
    if (!panel.hidden && Date.now() > handsOffUntil) list.scrollTop = line.parentElement.offsetTop - list.clientHeight / 3;
  };

  const open = (shown) => {
    panel.hidden = !shown;
    toggle.setAttribute('aria-expanded', String(shown));
    toggle.textContent = shown ? 'Hide transcript' : 'Show transcript';
    panel.closest('.watch')?.classList.toggle('with-transcript', shown);
    if (shown) load();
  };
  toggle.addEventListener('click', () => open(panel.hidden));
  for (const name of ['wheel', 'touchmove']) list.addEventListener(name, handsOff, { passive: true });
  video.addEventListener('timeupdate', follow);
  video.addEventListener('seeked', follow);
  video.textTracks.addEventListener('change', () => { if (tracks.some((t) => t.track.mode === 'showing')) load(); });
  save.addEventListener('click', async () => {
    try {
      await download(`/lectures/${lecture.id}/transcript?caption=${loadedId || wanted()}`, `${lecture.title} - transcript.txt`);
    } catch (e) {
      status.textContent = `The transcript could not be downloaded: ${e.message}`;
    }
  });
  return {
    element: h('div', { class: 'transcript-side' }, toggle, panel),
    /** Call once it is in the page: open on wide screens, closed on phones. */
    start() { open(!matchMedia(PHONE).matches); },
  };
}

/** The cue playing at `seconds` (cues are in time order), or -1 between cues. */
function cueAt(cues, seconds) {
  let low = 0;
  let high = cues.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (cues[mid].start <= seconds) { found = mid; low = mid + 1; } else high = mid - 1;
  }
  return found >= 0 && seconds < cues[found].end ? found : -1;
}

/**
 * The find box: marks matches in the lines and steps through them with Next/Previous or Enter;
 * `onJump` runs when it scrolls the list to a match.
 */
function finder(list, onJump) {
  const input = h('input', { id: 'transcript-find', type: 'search', autocomplete: 'off' });
  const count = h('span', { class: 'meta', 'aria-live': 'polite' });
  let matches = [];
  let at = -1;

  const mark = (span, text, query) => {
    if (!query) { span.replaceChildren(text); return false; }
    const parts = [];
    const lower = text.toLowerCase();
    let from = 0;
    for (let i = lower.indexOf(query); i >= 0; i = lower.indexOf(query, i + query.length)) {
      parts.push(text.slice(from, i), h('mark', {}, text.slice(i, i + query.length)));
      from = i + query.length;
    }
    parts.push(text.slice(from));
    span.replaceChildren(...parts);
    return parts.length > 1;
  };
  const go = (step) => {
    if (!matches.length) return;
    matches[at]?.classList.remove('match-current');
    at = (at + step + matches.length) % matches.length;
    const line = matches[at];
    line.classList.add('match-current');
    list.scrollTop = line.parentElement.offsetTop - list.clientHeight / 3;
    onJump();
    count.textContent = `${at + 1} of ${matches.length}`;
  };
  const refresh = () => {
    const query = input.value.trim().toLowerCase();
    matches = [];
    at = -1;
    for (const line of list.querySelectorAll('.cue')) {
      const span = line.querySelector('.cue-text');
      line.classList.remove('match-current');
      if (mark(span, span.textContent, query)) matches.push(line);
    }
    count.textContent = !query ? '' : matches.length ? `${matches.length} found` : 'Not found';
    if (matches.length) go(1);
  };

  input.addEventListener('input', refresh);
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    go(event.shiftKey ? -1 : 1);
  });
  const form = h('div', { class: 'transcript-find', role: 'search' },
    h('label', { for: 'transcript-find' }, 'Find in the transcript'), input,
    h('button', { type: 'button', class: 'secondary', 'aria-label': 'Previous match', onclick: () => go(-1) }, 'Previous'),
    h('button', { type: 'button', class: 'secondary', 'aria-label': 'Next match', onclick: () => go(1) }, 'Next'), count);
  return { form, refresh };
}
