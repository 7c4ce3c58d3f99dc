// "My courses" and one course's page: teachers see every lecture with live status and can add one;
// students see the released lectures and a search box.
import { api, subscribe } from './api.js';
import { announce, clock, dateTime, h, message, show } from './dom.js';

const STATUS_LABELS = {
  awaiting_upload: 'Awaiting upload',
  uploading: 'Uploading',
  queued: 'Queued',
  processing: 'Processing',
  ready: 'Ready',
  rejected: 'Rejected',
  failed: 'Failed',
};

export function statusLabel(status) {
  return STATUS_LABELS[status] || status;
}

export function isTeacher(course) {
  return course.role === 'teacher' || course.role === 'admin';
}

export async function coursesPage() {
  const { items } = await api('GET', '/courses');
  const list = items.length
    ? h('ul', { class: 'cards' }, items.map((c) => h('li', { class: 'card' },
      h('h2', {}, h('a', { href: `#/course/${c.id}` }, c.title)),
      h('p', { class: 'meta' }, [c.code, c.term, c.role].filter(Boolean).join(' · ')))))
    : message('You are not in any course yet.');
  show('My courses', h('h1', {}, 'My courses'), list);
}

let stopEvents = null;
window.addEventListener('hashchange', () => {
  if (stopEvents) { stopEvents.abort(); stopEvents = null; }
});

export async function coursePage(courseId) {
  const course = await api('GET', `/courses/${courseId}`);
  const { items } = await api('GET', `/lectures?course=${courseId}&limit=100`);
  if (isTeacher(course)) {
    const { glossaryForm } = await import('./glossary.js');
    teacherCourse(course, items, glossaryForm(course));
  } else {
    studentCourse(course, items);
  }
}

function studentCourse(course, lectures) {
  const search = h('form', { class: 'search', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    const q = event.target.elements.q.value.trim();
    if (q) location.hash = `#/search?q=${encodeURIComponent(q)}&course=${course.id}`;
  } },
  h('label', { for: 'course-q' }, 'Search this course'),
  h('input', { id: 'course-q', name: 'q', type: 'search', autocomplete: 'off' }),
  h('button', { type: 'submit' }, 'Search'));
  const list = lectures.length
    ? h('ul', { class: 'lectures' }, lectures.map((l) => h('li', { class: 'card' },
      h('h2', {}, h('a', { href: `#/watch/${l.id}` }, l.title)),
      h('p', { class: 'meta' }, [l.durationSeconds ? clock(l.durationSeconds) : null, l.presenter, dateTime(l.recordedAt || l.availableFrom)].filter(Boolean).join(' · ')),
      l.complete === false ? h('p', { class: 'badge', 'data-growing': l.growing }, l.growing
        ? `Playing now · the first ${clock(l.playableSeconds)} is ready, the rest is still processing`
        : `Incomplete: only the first ${clock(l.playableSeconds)} could be processed`) : null,
      l.description ? h('p', {}, l.description) : null)))
    : message('No lectures have been released yet.');
  show(course.title, h('h1', {}, course.title), h('p', { class: 'meta' }, course.code), search, h('h2', {}, 'Lectures'), list);
}

function teacherCourse(course, lectures, glossary) {
  const rows = new Map();
  const tbody = h('tbody');
  const renderRow = (lecture) => {
    const row = h('tr', { 'data-lecture': lecture.id },
      h('th', { scope: 'row' }, h('a', { href: `#/lecture/${lecture.id}` }, lecture.title)),
      h('td', {}, statusCell(lecture)),
      h('td', {}, lecture.visibility === 'scheduled' ? `Scheduled ${dateTime(lecture.availableFrom)}` : lecture.visibility),
      h('td', {}, lecture.durationSeconds ? clock(lecture.durationSeconds) : '—'));
    const old = rows.get(lecture.id);
    if (old) old.replaceWith(row); else tbody.append(row);
    rows.set(lecture.id, row);
  };
  const byId = new Map(lectures.map((l) => [l.id, l]));
  lectures.forEach(renderRow);

  const create = h('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    const title = event.target.elements.title.value.trim();
    try {
      const lecture = await api('POST', `/courses/${course.id}/lectures`, { title, visibility: 'published' });
      location.hash = `#/lecture/${lecture.id}`;
    } catch (e) {
      event.target.querySelector('.form-problem').replaceChildren(message(e.message, 'error'));
    }
  } },
  h('h2', {}, 'New lecture'),
  h('label', { for: 'new-title' }, 'Title'),
  h('input', { id: 'new-title', name: 'title', required: true, maxlength: 300 }),
  h('div', { class: 'form-problem' }),
  h('button', { type: 'submit' }, 'Create and upload'));

  const many = h('input', { id: 'many-files', type: 'file', multiple: true, accept: 'video/*,audio/*' });
  const manyUploads = h('div', { class: 'uploads' });
  many.addEventListener('change', async () => {
    // One lecture per file, titled after the file; each upload resumes on its own.
    const { uploadFile } = await import('./upload.js');
    for (const file of many.files) {
      const title = file.name.replace(/\.[^.]+$/, '').slice(0, 300) || file.name;
      try {
        const lecture = await api('POST', `/courses/${course.id}/lectures`, { title, visibility: 'draft' });
        byId.set(lecture.id, lecture);
        renderRow(lecture);
        manyUploads.append(await uploadFile(lecture.id, file));
      } catch (e) {
        manyUploads.append(message(`${file.name}: ${e.message}`, 'error'));
      }
    }
  });
  const bulk = h('section', { class: 'card', 'aria-labelledby': 'many-h' },
    h('h2', { id: 'many-h' }, 'Upload several recordings'),
    h('label', { for: 'many-files' }, 'Choose files (one draft lecture each)'),
    many, manyUploads);

  show(course.title,
    h('h1', {}, course.title),
    h('p', { class: 'meta' }, `${course.code} · you teach this course`),
    h('div', { class: 'two' }, create, bulk),
    h('h2', {}, 'Lectures'),
    h('table', { class: 'lectures-table' },
      h('caption', { class: 'visually-hidden' }, 'Lectures with their processing status; updates live'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Release'), h('th', { scope: 'col' }, 'Length'))),
      tbody),
    glossary);

  stopEvents = new AbortController();
  subscribe(`/courses/${course.id}/events`, (name, data) => {
    if (name === 'removed') {
      rows.get(data.lectureId)?.remove();
      rows.delete(data.lectureId);
      return;
    }
    const known = byId.get(data.lectureId);
    if (!known) return;
    const before = known.status;
    Object.assign(known, { status: data.status, error: data.error, progress: data.progress });
    renderRow(known);
    if (before !== data.status) announce(`${known.title}: ${statusLabel(data.status)}`);
  }, stopEvents.signal);
}

/** Status text plus, while processing, the transcode job's progress as a labelled meter. */
export function statusCell(lecture) {
  const label = h('span', { class: `status status-${lecture.status}`, 'data-status': lecture.status }, statusLabel(lecture.status));
  const progress = lecture.progress;
  if (lecture.status === 'processing' && progress && Number.isFinite(progress.percent)) {
    const eta = progress.etaSeconds > 0 ? `, about ${clock(progress.etaSeconds)} left` : '';
    return h('span', {}, label, ' ',
      h('progress', { max: 100, value: progress.percent, 'aria-label': 'Processing progress' }),
      h('span', { class: 'meta' }, ` ${Math.round(progress.percent)}%${eta}`));
  }
  if ((lecture.status === 'rejected' || lecture.status === 'failed') && lecture.error) {
    return h('span', {}, label, h('span', { class: 'meta' }, `: ${lecture.error.message || lecture.error.code}`));
  }
  return label;
}
