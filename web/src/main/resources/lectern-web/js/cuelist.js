// The caption editor's list of cues: start and end as m:ss.s, the text, add after, delete, "use
// current time", and errors shown next to the cue they are about.
import { announce, h } from './dom.js';

/** 62.34 → "1:02.3", 3723.5 → "1:02:03.5". */
export function preciseClock(seconds) {
  const tenths = Math.round(Math.max(0, seconds) * 10);
  const s = Math.floor(tenths / 10);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = `${String(s % 60).padStart(2, '0')}.${tenths % 10}`;
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** "1:02.3", "62.3", "1:02:03,5" → seconds; NaN for anything else. */
export function parseClock(text) {
  const match = /^\s*(?:(?:(\d+):)?(\d{1,2}):)?(\d+(?:[.,]\d+)?)\s*$/.exec(text);
  if (!match) return NaN;
  const [, hh = 0, mm = 0, ss] = match;
  return Number(hh) * 3600 + Number(mm) * 60 + Number(ss.replace(',', '.'));
}

// A new cue lasts this long, or until the next one starts.
const NEW_CUE_SECONDS = 2;

/**
 * The cues as editable rows. `video` (may be null) gives "use current time" and seeking;
 * `onChange` runs on every edit. A time is sent as it was loaded unless the teacher changed it,
 * so unchanged cues keep their exact timings (and, on the server, their word timings).
 */
export function cueList(cues, { video, onChange }) {
  let nextKey = 0;
  let rows = [];
  let playing = null;
  const list = h('ol', { class: 'cue-rows' });
  const empty = h('button', { type: 'button', class: 'secondary', onclick: () => addAfter(-1) }, 'Add a cue');

  const load = (items) => {
    rows = items.map((c) => ({ key: nextKey++, start: c.start, end: c.end, text: c.text, typed: {} }));
    render();
  };
  const render = () => {
    list.replaceChildren(...rows.map(row));
    empty.hidden = rows.length > 0;
    playing = null;
  };

  const row = (r, i) => {
    const id = (part) => `cue-${r.key}-${part}`;
    const text = h('textarea', { id: id('text'), rows: 2, maxlength: 500, 'aria-describedby': id('error') }, r.text);
    text.addEventListener('input', () => { r.text = text.value; onChange(); });
    const fieldset = h('fieldset', { class: 'cue-row', 'data-key': r.key },
      h('legend', {}, `Cue ${i + 1}`),
      video ? h('button', { type: 'button', class: 'link seek', onclick: () => seek(r) }, `Go to cue ${i + 1}`) : null,
      h('div', { class: 'cue-times' }, timeField(r, i, 'start', 'Start'), timeField(r, i, 'end', 'End')),
      h('label', { for: id('text') }, 'Text'), text,
      h('p', { class: 'field-error', id: id('error'), hidden: true }),
      h('p', { class: 'buttons' },
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Add a cue after cue ${i + 1}`, onclick: () => addAfter(i) }, 'Add cue after'),
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Delete cue ${i + 1}`, onclick: () => remove(i) }, 'Delete cue')));
    // A click on the cue itself, not on one of its controls, goes there in the video.
    fieldset.addEventListener('click', (event) => { if (video && event.target.matches('fieldset, legend, .cue-times')) seek(r); });
    return h('li', {}, fieldset);
  };

  const timeField = (r, i, part, label) => {
    const id = `cue-${r.key}-${part}`;
    const input = h('input', { id, class: 'cue-time', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false',
      value: part in r.typed ? r.typed[part] : preciseClock(r[part]), 'aria-describedby': `cue-${r.key}-error` });
    input.addEventListener('input', () => { r.typed[part] = input.value; onChange(); });
    const now = video ? h('button', { type: 'button', class: 'secondary', 'aria-label': `${label} of cue ${i + 1}: use the current time`, onclick: () => {
      r[part] = Math.round(video.currentTime * 10) / 10;
      delete r.typed[part];
      input.value = preciseClock(r[part]);
      input.removeAttribute('aria-invalid');
      onChange();
    } }, 'Use current time') : null;
    return h('div', { class: 'cue-time-field' }, h('label', { for: id }, label), input, now);
  };

  const seek = (r) => {
    const start = 'start' in r.typed ? parseClock(r.typed.start) : r.start;
    if (Number.isFinite(start)) video.currentTime = start;
  };
  const addAfter = (i) => {
    const before = rows[i];
    const start = before ? before.end : Math.round((video?.currentTime || 0) * 10) / 10;
    const next = rows[i + 1];
    const end = next && next.start > start + 0.5 ? Math.min(next.start, start + NEW_CUE_SECONDS) : start + NEW_CUE_SECONDS;
    rows.splice(i + 1, 0, { key: nextKey++, start, end, text: '', typed: {} });
    render();
    onChange();
    list.querySelector(`#cue-${rows[i + 1].key}-text`).focus();
    announce(`Cue ${i + 2} added`);
  };
  const remove = (i) => {
    rows.splice(i, 1);
    render();
    onChange();
    const neighbour = rows[Math.min(i, rows.length - 1)];
    (neighbour ? list.querySelector(`#cue-${neighbour.key}-text`) : empty).focus();
    announce(`Cue ${i + 1} deleted`);
  };

  const showError = (index, part, text) => {
    const r = rows[index];
    if (!r) return null;
    const error = list.querySelector(`#cue-${r.key}-error`);
    error.textContent = `Cue ${index + 1}: ${text}`;
    error.hidden = false;
    const inputs = (part ? [part] : ['start', 'end']).map((p) => list.querySelector(`#cue-${r.key}-${p}`));
    for (const input of inputs) input.setAttribute('aria-invalid', 'true');
    return inputs[0];
  };
  const clearErrors = () => {
    for (const error of list.querySelectorAll('.field-error')) { error.hidden = true; error.textContent = ''; }
    for (const input of list.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  };

  /** The cues to send, or the problems found before sending ({index, part, text}). */
  const values = () => {
    const errors = [];
    const cues = rows.map((r, index) => {
      const time = (part) => {
        if (!(part in r.typed)) return r[part];
        const seconds = parseClock(r.typed[part]);
        if (!Number.isFinite(seconds)) errors.push({ index, part, text: `write the ${part} as minutes:seconds, e.g. 1:02.5` });
        return seconds;
      };
      const cue = { start: time('start'), end: time('end'), text: r.text.trim() };
      if (!cue.text) errors.push({ index, part: 'text', text: 'write its text, or delete the cue' });
      return cue;
    });
    return { cues, errors };
  };

  /** Marks the cue playing at `seconds`; returns its text (as edited) or ''. */
  const highlight = (seconds) => {
    const index = rows.findIndex((r) => r.start <= seconds && seconds < r.end);
    const el = index >= 0 ? list.children[index]?.firstChild : null;
    if (el !== playing) {
      playing?.classList.remove('playing');
      el?.classList.add('playing');
      playing = el;
    }
    return index >= 0 ? rows[index].text : '';
  };

  load(cues);
  return { element: h('div', {}, list, empty), load, values, showError, clearErrors, highlight };
}
