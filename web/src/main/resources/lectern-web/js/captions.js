// The captions section of a teacher's lecture page: every track with where it came from and
// whether students see it (edit, publish or hide, make default, delete, download the transcript),
// automatic captions with their progress and a re-run, and the caption file upload.
import { api, download } from './api.js';
import { announce, h, message } from './dom.js';
import { automaticLine } from './automatic.js';

const ORIGINS = {
  uploaded: () => 'Uploaded file',
  imported: () => 'Imported with the recording',
  automatic: (c) => `Automatic (${c.engine || 'speech recognition'})`,
};

/** "Automatic (pocketsphinx) — draft, not shown to students". */
export function trackOrigin(c) {
  const origin = (ORIGINS[c.origin] || (() => c.origin))(c);
  const shown = c.published
    ? c.default ? 'shown to students, on by default' : 'shown to students'
    : c.origin === 'automatic' ? 'draft, not shown to students' : 'hidden from students';
  return `${origin} — ${shown}`;
}

export async function captionsSection(lecture) {
  const heading = h('h2', { id: 'captions-h', tabindex: -1 }, 'Captions');
  const list = h('ul', { class: 'plain tracks' });
  const problem = h('div');
  // Re-rendering replaces the buttons, so focus goes back to the same action of the same track
  // (or its Edit button, or the heading when the track is gone).
  const render = async (captionId, action = 'edit') => {
    const { items } = await api('GET', `/lectures/${lecture.id}/captions`);
    list.replaceChildren(...(items.length ? items.map((c) => trackItem(lecture, c, act, render)) : [h('li', {}, 'No captions yet.')]));
    if (!captionId) return;
    const item = list.querySelector(`[data-caption="${captionId}"]`);
    (item?.querySelector(`[data-action="${action}"]`) || item?.querySelector('[data-action="edit"]') || heading).focus();
  };
  const act = async (work, { done, captionId, action, refresh = true }) => {
    problem.replaceChildren();
    try {
      await work();
      if (done) announce(done);
      if (refresh) await render(captionId, action);
    } catch (e) {
      problem.replaceChildren(message(e.message, 'error'));
    }
  };
  await render();
  return h('section', { class: 'card', 'aria-labelledby': 'captions-h' },
    heading, list, problem,
    await automaticLine(lecture, () => render()),
    uploadForm(lecture, () => render()));
}

function trackItem(lecture, c, act, render) {
  const path = `/lectures/${lecture.id}/captions/${c.id}`;
  const button = (action, text, label, onclick) => h('button', { type: 'button', class: 'secondary', 'data-action': action, 'aria-label': label, onclick }, text);
  const same = (action, done) => ({ done, captionId: c.id, action });
  const buttons = [
    button('edit', 'Edit', `Edit captions ${c.label}`, async () => {
      const { openEditor } = await import('./editor.js');
      // After a save the list shows the new revision; focus returns to the new Edit button.
      openEditor(lecture, c, () => render(c.id));
    }),
    button('visibility', c.published ? 'Hide' : 'Publish', `${c.published ? 'Hide' : 'Publish'} captions ${c.label}`,
      () => act(() => api('PATCH', path, { published: !c.published }), same('visibility', c.published ? 'Captions hidden from students' : 'Captions published'))),
    c.published && !c.default
      ? button('default', 'Make default', `Make default: ${c.label}`, () => act(() => api('PATCH', path, { default: true }), same('default', 'Captions made the default')))
      : null,
    button('delete', 'Delete', `Delete captions ${c.label}`, () => {
      if (confirm(`Delete the captions "${c.label}"? This cannot be undone.`)) act(() => api('DELETE', path), same('delete', 'Captions deleted'));
    }),
    button('transcript', 'Download transcript', `Download transcript: ${c.label}`,
      () => act(() => download(`/lectures/${lecture.id}/transcript?caption=${c.id}`, `${lecture.title} - ${c.label}.txt`), { refresh: false })),
  ];
  return h('li', { class: 'track', 'data-caption': c.id },
    h('p', {}, h('strong', {}, c.label), ` (${c.language})`),
    h('p', { class: 'meta' }, trackOrigin(c), ` · ${c.cueCount} cues · revision ${c.revision}`, c.model ? ` · model ${c.model}` : ''),
    h('p', { class: 'buttons' }, buttons));
}

function uploadForm(lecture, render) {
  const problem = h('div');
  const form = h('form', { onsubmit: async (event) => {
    event.preventDefault();
    const els = form.elements;
    const file = els.captionFile.files[0];
    if (!file) return;
    const query = new URLSearchParams({ language: els.captionLanguage.value.trim(), label: els.captionLabel.value.trim(), default: String(els.captionDefault.checked) });
    try {
      await api('POST', `/lectures/${lecture.id}/captions?${query}`, await file.text());
      problem.replaceChildren(message('Captions added.'));
      form.reset();
      render();
    } catch (e) {
      problem.replaceChildren(message(e.line ? `${e.message} (line ${e.line})` : e.message, 'error'));
    }
  } },
  h('h3', {}, 'Upload a caption file'),
  h('div', { class: 'field' }, h('label', { for: 'caption-file' }, 'Caption file (SRT or WebVTT)'),
    h('input', { id: 'caption-file', name: 'captionFile', type: 'file', accept: '.vtt,.srt,text/vtt', required: true })),
  h('div', { class: 'field' }, h('label', { for: 'caption-language' }, 'Language (e.g. en, de-CH)'),
    h('input', { id: 'caption-language', name: 'captionLanguage', required: true, value: lecture.language || 'en', maxlength: 35 })),
  h('div', { class: 'field' }, h('label', { for: 'caption-label' }, 'Label shown to students'),
    h('input', { id: 'caption-label', name: 'captionLabel', maxlength: 100 })),
  h('div', { class: 'field check' }, h('input', { id: 'caption-default', name: 'captionDefault', type: 'checkbox', checked: true }),
    h('label', { for: 'caption-default' }, 'Show by default')),
  problem,
  h('button', { type: 'submit' }, 'Upload captions'));
  return form;
}
