// The caption editor: a modal dialog with the lecture's video and the track's cues. Saving makes
// the cues the track's next revision (what players and search then use); "Save and publish" also
// shows a draft to students. Unsaved changes hold back closing, navigating and unloading.
import { api } from './api.js';
import { announce, guardLeaving, h, message } from './dom.js';
import { trackOrigin } from './captions.js';
import { cueList } from './cuelist.js';

const LEAVE = 'Leave the caption editor without saving? Your changes will be lost.';

/** Opens the editor for one track; `onSaved` runs when it closes after at least one save. */
export async function openEditor(lecture, track, onSaved) {
  const path = `/lectures/${lecture.id}/captions/${track.id}`;
  const [full, playback] = await Promise.all([api('GET', path), api('GET', `/lectures/${lecture.id}/playback`).catch(() => null)]);
  let current = full;
  let dirty = false;
  let saved = false;

  const video = playback ? h('video', { controls: true, playsinline: true, preload: 'metadata', 'aria-label': `Video of ${lecture.title}` }) : null;
  const notes = h('div', { class: 'player-notes', role: 'status' });
  const preview = h('p', { class: 'caption-preview', 'aria-hidden': 'true' });
  const cues = cueList(full.cues, { video, onChange: () => { dirty = true; } });
  const meta = h('p', { class: 'meta' });
  const status = h('div', { role: 'status' });
  const saveButton = h('button', { type: 'button', id: 'editor-save', onclick: () => save(false) }, 'Save');
  const publishButton = h('button', { type: 'button', id: 'editor-publish', onclick: () => save(true) }, 'Save and publish');
  const closeButton = h('button', { type: 'button', class: 'secondary', onclick: () => close() }, 'Close');
  const heading = h('h2', { id: 'editor-h', tabindex: -1 }, `Edit captions: ${full.label}`);
  const describe = () => {
    meta.textContent = `${trackOrigin(current)} · revision ${current.revision}`;
    publishButton.hidden = current.published;
  };
  describe();

  const dialog = h('dialog', { class: 'editor', 'aria-labelledby': 'editor-h' },
    h('div', { class: 'editor-head' }, heading, meta),
    h('div', { class: 'editor-body' },
      video
        ? h('div', { class: 'editor-video' }, video, preview, notes,
          h('p', { class: 'hint' }, '“Go to cue” or a click on a cue moves the video there; “Use current time” takes the video’s position.'))
        : h('p', { class: 'hint editor-video' }, 'The video can be previewed here once the lecture is processed.'),
      h('div', { class: 'editor-cues' }, cues.element)),
    h('div', { class: 'editor-foot' }, status, h('p', { class: 'buttons' }, saveButton, publishButton, closeButton)));

  let engine = null;
  if (video) {
    const { attach } = await import('./player.js');
    engine = await attach(video, playback, 'off', notes);
    video.addEventListener('timeupdate', () => { preview.textContent = cues.highlight(video.currentTime); });
  }

  async function save(publish) {
    cues.clearErrors();
    status.replaceChildren();
    const { cues: edited, errors } = cues.values();
    if (errors.length) {
      errors.map((e) => cues.showError(e.index, e.part, e.text))[0]?.focus();
      status.replaceChildren(message(`Not saved: ${errors.length === 1 ? 'one cue needs' : `${errors.length} cues need`} a fix.`, 'error'));
      return;
    }
    saveButton.disabled = publishButton.disabled = true;
    try {
      current = await api('PUT', `${path}/cues`, { cues: edited });
      if (publish) current = await api('PATCH', path, { published: true });
      dirty = false;
      saved = true;
      // The server keeps the cues in time order; show them as saved.
      cues.load((await api('GET', path)).cues);
      describe();
      status.replaceChildren(message(`Saved as revision ${current.revision}. ${current.published
        ? 'Students see it the next time they open the lecture.' : 'Still a draft: students do not see it until you publish it.'}`));
    } catch (e) {
      const [, index, part] = /^cues\/(\d+)(?:\/(\w+))?$/.exec(e.field || '') || [];
      const input = index !== undefined ? cues.showError(Number(index), part, e.message.replace(/^cues\/[\w/]+:\s*/, '')) : null;
      status.replaceChildren(message(`Not saved: ${input ? 'see the cue marked below' : e.message}.`, 'error'));
      input?.focus();
    } finally {
      saveButton.disabled = publishButton.disabled = false;
    }
  }

  const unload = (event) => {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = '';
  };
  function teardown() {
    guardLeaving(null);
    window.removeEventListener('beforeunload', unload);
    engine?.destroy();
    if (dialog.open) dialog.close();
    dialog.remove();
    if (saved) onSaved();
  }
  function close() {
    if (dirty && !confirm(LEAVE)) return;
    teardown();
  }
  // Escape asks first, like the Close button.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });
  window.addEventListener('beforeunload', unload);
  guardLeaving(() => {
    if (dirty && !confirm(LEAVE)) return false;
    teardown();
    return true;
  });

  document.body.append(dialog);
  dialog.showModal();
  heading.focus();
  announce(`Caption editor, ${full.cues.length} cues`);
}
