// The chapters card of a teacher's lecture page: each chapter with its slide's picture, time and
// origin ("from slides" or "yours"); rename and move it, merge it into the one before, delete it,
// add one; the slide detection's status (slidestatus.js); and, once the lecture is processed, its
// video folded away, for "Use the current time".
import { api } from './api.js';
import { announce, clock, h, message } from './dom.js';
import { chapterTitle } from './chapters.js';
import { parseClock, preciseClock } from './cuelist.js';
import { slideStatus } from './slidestatus.js';

const TIME_HINT = 'Minutes:seconds, e.g. 12:30 or 12:30.5.';

export async function chaptersSection(lecture) {
  const path = `/lectures/${lecture.id}/chapters`;
  const heading = h('h2', { id: 'chapters-h', tabindex: -1 }, 'Chapters');
  const intro = h('p', { class: 'meta' });
  const list = h('ol', { class: 'plain chapter-rows' });
  const problem = h('div');
  let chapters = [];
  let pictures = new Map(); // slide number → its picture's signed URL
  let editing = null; // the chapter whose form is open
  let detected = false; // a detection ended while a form was open: read everything when it closes

  const preview = previewPlayer(lecture, () => {
    for (const button of card.querySelectorAll('[data-needs-video]')) button.hidden = false;
  });

  const load = async ({ items, slides = false } = {}) => {
    const withSlides = slides || detected;
    detected = false;
    const [answer, slideList] = await Promise.all([
      items ? { items } : api('GET', path),
      withSlides ? api('GET', `/lectures/${lecture.id}/slides`).catch(() => null) : null,
    ]);
    chapters = answer.items;
    if (slideList) pictures = new Map(slideList.items.filter((s) => s.thumbnail).map((s) => [s.number, s.thumbnail]));
  };

  // Re-rendering replaces the buttons: focus goes to the same action of the same chapter, else
  // the chapter now at that place, else the heading.
  const render = (focus) => {
    list.replaceChildren(...(chapters.length ? chapters.map(row) : [h('li', {}, 'No chapters yet.')]));
    intro.textContent = chapters.some((c) => c.origin === 'slides')
      ? 'Students see these beside the video and as marks on its seek bar. Chapters from slides follow new detections until you change one: then they all become yours.'
      : 'Students see these beside the video and as marks on its seek bar.';
    if (!focus) return;
    const item = list.querySelector(`[data-chapter="${focus.id}"]`) || list.children[Math.min(focus.index ?? -1, chapters.length - 1)];
    (item?.querySelector(`[data-action="${focus.action}"]`) || item?.querySelector('[data-action="edit"]') || heading).focus();
  };

  const act = async (work, done, focus) => {
    problem.replaceChildren();
    try {
      await work();
      await load();
      render(typeof focus === 'function' ? focus() : focus);
      announce(done);
      status.refresh();
      return true;
    } catch (e) {
      problem.replaceChildren(message(e.message, 'error'));
      return false;
    }
  };

  const button = (action, text, label, onclick, needsVideo) => h('button', {
    type: 'button', class: 'secondary', 'data-action': action, 'aria-label': label, onclick,
    'data-needs-video': needsVideo, hidden: needsVideo && !preview.ready(),
  }, text);

  const row = (c, i) => {
    if (c.id === editing) return editRow(c, i);
    const name = chapterTitle(c);
    const picture = c.slideNumber !== null && c.slideNumber !== undefined ? pictures.get(c.slideNumber) : null;
    const origin = c.origin === 'slides' ? `from slides${c.slideNumber ? ` (slide ${c.slideNumber})` : ''}` : 'yours';
    return h('li', { class: 'chapter-row', 'data-chapter': c.id },
      picture ? h('img', { class: 'chapter-thumb', src: picture, alt: '', loading: 'lazy' }) : h('span', { class: 'chapter-thumb', 'aria-hidden': 'true' }),
      h('div', { class: 'chapter-info' },
        h('p', {}, h('strong', { class: 'chapter-name' }, `${i + 1}. ${name}`)),
        h('p', { class: 'meta' }, h('span', { class: 'time' }, clock(c.startSeconds)), ` · ${origin}`),
        h('p', { class: 'buttons' },
          button('edit', 'Edit', `Edit chapter ${i + 1}, ${name}: rename it or change its time`, () => {
            editing = c.id;
            render({ id: c.id, action: 'title' });
          }),
          i > 0 ? button('merge', 'Merge with previous', `Merge with previous: chapter ${i + 1}, ${name}, into chapter ${i}`,
            () => act(() => api('DELETE', `${path}/${c.id}`), `Chapter ${i + 1} merged into chapter ${i}, ${chapterTitle(chapters[i - 1])}`,
              { id: chapters[i - 1].id, action: 'edit' })) : null,
          button('delete', 'Delete', `Delete chapter ${i + 1}, ${name}`, () => {
            if (confirm(`Delete the chapter “${name}”?`)) act(() => api('DELETE', `${path}/${c.id}`), `Chapter ${i + 1} deleted`, { index: i, action: 'delete' });
          }),
          button('seek', 'Show in the video', `Show in the video: chapter ${i + 1}, ${name}`, () => preview.seek(c.startSeconds), true))));
  };

  const editRow = (c, i) => {
    const id = (part) => `chapter-${c.id}-${part}`;
    const title = h('input', { id: id('title'), 'data-action': 'title', required: true, maxlength: 300, value: c.title, 'aria-describedby': id('error') });
    const start = timeInput(id('start'), preciseClock(c.startSeconds), id('error'));
    const error = h('p', { class: 'field-error', id: id('error'), hidden: true });
    const cancel = () => {
      editing = null;
      if (detected) act(async () => {}, 'Chapters read again after the slide detection', { id: c.id, action: 'edit' });
      else render({ id: c.id, action: 'edit' });
    };
    const form = h('form', { class: 'chapter-edit', 'aria-label': `Edit chapter ${i + 1}`, onsubmit: async (event) => {
      event.preventDefault();
      const body = {};
      if (title.value.trim() !== c.title) body.title = title.value.trim();
      // A time is sent as loaded (to the millisecond) unless the teacher changed it.
      if (start.value.trim() !== preciseClock(c.startSeconds)) body.startSeconds = parseClock(start.value);
      const wrong = !title.value.trim() ? [title, 'Write a title.']
        : Number.isNaN(body.startSeconds) ? [start, `Write the time as minutes:seconds, e.g. ${clock(c.startSeconds)}.`] : null;
      if (wrong) { fieldError(error, ...wrong); return; }
      if (!Object.keys(body).length) { cancel(); return; }
      problem.replaceChildren();
      try {
        await api('PATCH', `${path}/${c.id}`, body);
      } catch (e) {
        fieldError(error, { title, startSeconds: start }[e.field] || title, e.message);
        return;
      }
      editing = null;
      await act(async () => {}, body.startSeconds === undefined ? `Chapter renamed ${body.title}`
        : `Chapter ${body.title || chapterTitle(c)} now starts at ${clock(body.startSeconds)}`, { id: c.id, action: 'edit' });
    } },
    h('div', { class: 'field' }, h('label', { for: id('title') }, `Title of chapter ${i + 1}`), title),
    timeField(id('start'), 'Starts at', start, preview),
    error,
    h('p', { class: 'buttons' }, h('button', { type: 'submit' }, 'Save'), h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Cancel')));
    form.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.preventDefault(); cancel(); } });
    return h('li', { class: 'chapter-row editing', 'data-chapter': c.id }, form);
  };

  const status = await slideStatus(lecture, async (items) => {
    // A detection ended: never drop what the teacher is typing.
    if (editing && !items) { detected = true; return; }
    editing = null;
    try {
      await load({ items, slides: true });
      render(items ? { action: 'edit', index: 0 } : null);
    } catch (e) {
      problem.replaceChildren(message(e.message, 'error'));
    }
  });
  try {
    await load({ slides: true });
    render();
  } catch (e) {
    problem.replaceChildren(message(`The chapters could not be loaded: ${e.message}`, 'error'));
  }
  const card = h('section', { class: 'card', id: 'chapters-card', 'aria-labelledby': 'chapters-h' },
    heading, intro, status.element, preview.element, list, problem,
    addForm(path, preview, (chapter) => act(async () => {}, `Chapter ${chapter.title} added at ${clock(chapter.startSeconds)}`,
      { id: chapter.id, action: 'edit' })));
  return card;
}

function timeInput(id, value, describedBy) {
  return h('input', { id, class: 'chapter-time', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', value,
    'aria-describedby': `${id}-hint ${describedBy}` });
}

/** A time field with its hint and, when the video is on the page, "Use the current time". */
function timeField(id, label, input, preview) {
  const now = h('button', { type: 'button', class: 'secondary', 'data-needs-video': true, hidden: !preview.ready(),
    'aria-label': `${label}: use the current time of the video`, onclick: () => {
      input.value = preciseClock(preview.currentTime());
      input.removeAttribute('aria-invalid');
      input.focus();
    } }, 'Use the current time');
  return h('div', { class: 'field chapter-time-field' }, h('label', { for: id }, label),
    h('p', { class: 'hint', id: `${id}-hint` }, TIME_HINT), input, now);
}

function fieldError(error, input, text) {
  for (const marked of error.parentElement.querySelectorAll('[aria-invalid]')) marked.removeAttribute('aria-invalid');
  error.textContent = text;
  error.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

function addForm(path, preview, added) {
  const title = h('input', { id: 'new-chapter-title', required: true, maxlength: 300, 'aria-describedby': 'new-chapter-error' });
  const start = timeInput('new-chapter-start', '', 'new-chapter-error');
  const error = h('p', { class: 'field-error', id: 'new-chapter-error', hidden: true });
  const form = h('form', { class: 'chapter-add', onsubmit: async (event) => {
    event.preventDefault();
    error.hidden = true;
    const seconds = parseClock(start.value);
    if (!title.value.trim()) { fieldError(error, title, 'Write a title.'); return; }
    if (!Number.isFinite(seconds)) { fieldError(error, start, 'Write the time as minutes:seconds, e.g. 12:30.'); return; }
    try {
      const chapter = await api('POST', path, { title: title.value.trim(), startSeconds: seconds });
      form.reset();
      for (const marked of form.querySelectorAll('[aria-invalid]')) marked.removeAttribute('aria-invalid');
      await added(chapter);
    } catch (e) {
      fieldError(error, e.field === 'startSeconds' ? start : title, e.message);
    }
  } },
  h('h3', {}, 'Add a chapter'),
  h('div', { class: 'field' }, h('label', { for: 'new-chapter-title' }, 'Title'), title),
  timeField('new-chapter-start', 'Starts at', start, preview),
  error,
  h('button', { type: 'submit' }, 'Add chapter'));
  return form;
}

/** The lecture's video, loaded when the teacher unfolds it (processed lectures only). */
function previewPlayer(lecture, onReady) {
  if (lecture.status !== 'ready') return { element: null, ready: () => false, currentTime: () => 0, seek() {} };
  const video = h('video', { id: 'chapter-video', controls: true, playsinline: true, preload: 'metadata', 'aria-label': `Video of ${lecture.title}` });
  const notes = h('div', { class: 'player-notes', role: 'status' });
  const element = h('details', { class: 'chapter-preview' },
    h('summary', {}, 'Show the video (to pick times)'), video, notes);
  let engine = null;
  let ready = false;
  element.addEventListener('toggle', async () => {
    if (!element.open || engine) return;
    try {
      const playback = await api('GET', `/lectures/${lecture.id}/playback`);
      const { attach } = await import('./player.js');
      engine = await attach(video, playback, 'off', notes);
      window.addEventListener('hashchange', () => engine.destroy(), { once: true });
      ready = true;
      onReady();
    } catch (e) {
      notes.replaceChildren(message(`The video cannot be shown: ${e.message}`, 'error'));
    }
  });
  return {
    element,
    ready: () => ready,
    currentTime: () => video.currentTime,
    seek(seconds) {
      video.currentTime = seconds;
      video.focus();
    },
  };
}
