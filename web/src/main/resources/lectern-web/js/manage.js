// A teacher's page for one lecture: upload (resumable) or record in the browser, details and release, captions and chapters
// (their own modules), live status with the rejection reason, re-run processing, delete, and who
// has watched how much.
import { api, subscribe } from './api.js';
import { announce, clock, dateTime, h, message, show } from './dom.js';
import { statusCell } from './courses.js';
import { captionsSection } from './captions.js';
import { chaptersSection } from './chaptercard.js';
import { recordSection } from './record.js';
import { rememberedUploads, uploadFile } from './upload.js';

let stopEvents = null;
window.addEventListener('hashchange', () => {
  if (stopEvents) { stopEvents.abort(); stopEvents = null; }
});

export async function managePage(lectureId) {
  const lecture = await api('GET', `/lectures/${lectureId}`);
  const course = await api('GET', `/courses/${lecture.courseId}`);
  const status = h('div', { id: 'lecture-status', 'aria-live': 'polite' }, statusCell(lecture));
  const uploads = h('div', { class: 'uploads' });

  show(lecture.title,
    h('p', { class: 'crumbs' }, h('a', { href: `#/course/${course.id}` }, course.title)),
    h('h1', {}, lecture.title),
    h('section', { 'aria-labelledby': 'status-h' }, h('h2', { id: 'status-h' }, 'Status'), status,
      lecture.source ? h('p', { class: 'meta' }, `Source: ${lecture.source.filename}`) : null,
      lecture.status === 'ready' ? h('p', {}, h('a', { href: `#/watch/${lecture.id}` }, 'Watch it')) : null),
    uploadSection(lecture, uploads),
    await recordingSection(lecture),
    detailsForm(lecture),
    await captionsSection(lecture),
    await chaptersSection(lecture),
    actions(lecture),
    await completionSection(lecture));

  stopEvents = new AbortController();
  subscribe(`/courses/${course.id}/events`, (name, data) => {
    if (data.lectureId !== lecture.id) return;
    if (name === 'removed') { location.hash = `#/course/${course.id}`; return; }
    const changed = data.status !== lecture.status;
    Object.assign(lecture, { status: data.status, error: data.error, progress: data.progress });
    status.replaceChildren(statusCell(lecture));
    if (changed) {
      announce(`Status: ${data.status.replace('_', ' ')}`);
      if (data.status === 'ready') status.append(h('p', {}, h('a', { href: `#/watch/${lecture.id}` }, 'Watch it')));
    }
  }, stopEvents.signal);
}

function uploadSection(lecture, uploads) {
  const canUpload = ['awaiting_upload', 'uploading', 'rejected', 'failed'].includes(lecture.status);
  if (!canUpload) return null;
  const input = h('input', { id: 'source-file', type: 'file', accept: 'video/*,audio/*,.mkv,.webm,.mp4,.mov,.m4a,.mp3' });
  const start = async () => {
    const file = input.files[0];
    if (!file) return;
    input.disabled = true;
    uploads.replaceChildren(await uploadFile(lecture.id, file));
  };
  input.addEventListener('change', start);
  const section = h('section', { 'aria-labelledby': 'upload-h' },
    h('h2', { id: 'upload-h' }, 'Recording'),
    h('label', { for: 'source-file' }, 'Choose the recording to upload'),
    input, uploads);
  rememberedUploads(lecture.id).then((previous) => {
    if (previous.length) {
      const p = previous[0];
      uploads.before(message(`An upload of ${p.metadata.filename} was interrupted. Choose the same file to continue where it stopped.`));
    }
  });
  return section;
}

/** Recording in the browser, where the lecture can take a source and the browser can record. */
async function recordingSection(lecture) {
  const canUpload = ['awaiting_upload', 'uploading', 'rejected', 'failed'].includes(lecture.status);
  const canRecord = navigator.mediaDevices?.getDisplayMedia && window.MediaRecorder && window.indexedDB;
  return canUpload && canRecord ? recordSection(lecture) : null;
}

function detailsForm(lecture) {
  const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const localValue = (iso) => {
    if (!iso) return '';
    const d = new Date(iso);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  };
  const when = h('input', { id: 'available-from', name: 'availableFrom', type: 'datetime-local', value: localValue(lecture.availableFrom) });
  const visibility = h('select', { id: 'visibility', name: 'visibility' },
    ['published', 'scheduled', 'draft'].map((v) => h('option', { value: v, selected: lecture.visibility === v },
      { published: 'Released now', scheduled: 'Released at a set time', draft: 'Draft (students cannot see it)' }[v])));
  const problem = h('div');
  const form = h('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    const els = form.elements;
    const body = { title: els.title.value.trim(), description: els.description.value, visibility: els.visibility.value };
    body.availableFrom = body.visibility === 'scheduled' && els.availableFrom.value ? new Date(els.availableFrom.value).toISOString() : null;
    try {
      Object.assign(lecture, await api('PATCH', `/lectures/${lecture.id}`, body));
      problem.replaceChildren(message('Saved.'));
    } catch (e) {
      problem.replaceChildren(message(e.message, 'error'));
    }
  } },
  h('h2', {}, 'Details and release'),
  field('title', 'Title', h('input', { id: 'title', name: 'title', required: true, maxlength: 300, value: lecture.title })),
  field('description', 'Description', h('textarea', { id: 'description', name: 'description', rows: 3 }, lecture.description || '')),
  field('visibility', 'Release', visibility),
  field('available-from', 'Release time (for "at a set time")', when),
  problem,
  h('button', { type: 'submit' }, 'Save details'));
  return form;
}

function actions(lecture) {
  const problem = h('div');
  const reprocess = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    try {
      await api('POST', `/lectures/${lecture.id}/reprocess`);
      problem.replaceChildren(message('Processing again; students keep the current version meanwhile.'));
    } catch (e) { problem.replaceChildren(message(e.message, 'error')); }
  } }, 'Re-run processing');
  const remove = h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!confirm(`Delete "${lecture.title}" and all its files? This cannot be undone.`)) return;
    try {
      await api('DELETE', `/lectures/${lecture.id}`);
      location.hash = `#/course/${lecture.courseId}`;
    } catch (e) { problem.replaceChildren(message(e.message, 'error')); }
  } }, 'Delete lecture');
  return h('section', { 'aria-labelledby': 'actions-h' }, h('h2', { id: 'actions-h' }, 'Actions'), h('p', { class: 'buttons' }, reprocess, ' ', remove), problem);
}

async function completionSection(lecture) {
  let completion;
  try {
    completion = await api('GET', `/lectures/${lecture.id}/completion`);
  } catch (e) {
    return null;
  }
  const rows = completion.students.map((s) => h('tr', {},
    h('th', { scope: 'row' }, s.displayName || s.userId),
    h('td', {}, s.fraction === null || s.fraction === undefined ? clock(s.furthestSeconds) : `${Math.round(s.fraction * 100)}%`),
    h('td', {}, s.updatedAt ? dateTime(s.updatedAt) : 'not started')));
  return h('section', { 'aria-labelledby': 'completion-h' },
    h('h2', { id: 'completion-h' }, 'Who has watched'),
    h('p', {}, `${completion.started} of ${completion.enrolled} students started; ${completion.buckets?.completed ?? 0} watched 90% or more.`),
    rows.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Student'), h('th', { scope: 'col' }, 'Furthest point'), h('th', { scope: 'col' }, 'Last watched'))), h('tbody', {}, rows)) : null);
}
