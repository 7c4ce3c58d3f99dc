// "Slides: running 40 %", "12 slides found": where slide detection of a lecture stands, refreshed
// while it is queued or running, with "Detect slides again" and, once the teacher has made the
// chapters their own, "Use the slides' chapters".
import { api } from './api.js';
import { announce, h, message } from './dom.js';

const POLL_MS = 3000;

const slides = (n) => (n === 1 ? '1 slide' : `${n} slides`);

/** What each state says: the slide job's own states, plus off (not set up here) and none. */
function describe(status) {
  const percent = Number.isFinite(status.percent) ? ` ${Math.round(status.percent)} %` : '';
  switch (status.state) {
    case 'off': return status.slides
      ? `off: this server does not look for slides now (${slides(status.slides)} found before).`
      : 'off: this server does not look for slides. Add chapters yourself below.';
    case 'none': return 'not looked for in this lecture yet.';
    case 'queued': return 'queued, waiting for a free worker.';
    case 'running': return `running${percent}.`;
    case 'done': {
      const found = !status.slides ? 'no slides found (the video does not look like a slide deck).'
        : status.ocr === false ? `${slides(status.slides)} found; their text is not read on this server, so they are titled by number and not searchable.`
          : `${slides(status.slides)} found.`;
      return status.teacherChapters && status.slides ? `${found} The chapters are yours: new detections leave them as they are.` : found;
    }
    case 'failed': return `failed: ${status.error || 'the detection stopped without saying why'}.`;
    case 'cancelled': return 'cancelled.';
    default: return status.state;
  }
}

/**
 * The status line and its two buttons. `onChapters(items)` runs when the chapters changed: a
 * detection ended (their list is read again: pass nothing) or the teacher went back to the
 * slides' chapters (the answer's list). Returns {element, refresh}.
 */
export async function slideStatus(lecture, onChapters) {
  const path = `/lectures/${lecture.id}/chapters/automatic`;
  const text = h('span', { 'data-state': '' });
  const meter = h('progress', { max: 100, 'aria-label': 'Slide detection progress', hidden: true });
  const problem = h('div');
  const rerun = h('button', { type: 'button', class: 'secondary', id: 'detect-slides' });
  const useSlides = h('button', { type: 'button', class: 'secondary', id: 'use-slide-chapters' }, 'Use the slides’ chapters');
  const line = h('div', { class: 'automatic', id: 'slide-status' },
    // Not a live region: progress every few seconds would be read out; endings are announced.
    h('p', {}, h('strong', {}, 'Slides: '), text, ' ', meter), h('p', { class: 'buttons' }, rerun, useSlides), problem);

  let timer = null;
  let last = null;
  const show = (status) => {
    last = status;
    text.dataset.state = status.state;
    text.textContent = describe(status);
    meter.hidden = status.state !== 'running' || !Number.isFinite(status.percent);
    if (!meter.hidden) meter.value = status.percent;
    const busy = status.state === 'queued' || status.state === 'running';
    rerun.hidden = !status.enabled || busy;
    rerun.textContent = status.state === 'none' ? 'Detect slides' : 'Detect slides again';
    useSlides.hidden = !status.teacherChapters || !status.slides || busy;
    clearTimeout(timer);
    // Detection is queued after the transcode (the lecture's status comes from the page's events).
    const live = busy || (status.state === 'none' && status.enabled && ['uploading', 'queued', 'processing'].includes(lecture.status));
    if (live) timer = setTimeout(poll, POLL_MS);
  };
  const refresh = async () => {
    const before = text.dataset.state;
    const status = await api('GET', path);
    show(status);
    if (before && status.state !== before && ['done', 'failed', 'cancelled'].includes(status.state)) {
      announce(status.state === 'done' ? `Slide detection done: ${describe(status)}` : `Slide detection ${status.state}`);
      onChapters();
    }
  };
  const poll = async () => {
    // The page changed: stop asking.
    if (!line.isConnected) return;
    try {
      await refresh();
    } catch (e) {
      timer = setTimeout(poll, POLL_MS * 3);
    }
  };
  rerun.addEventListener('click', async () => {
    problem.replaceChildren();
    try {
      show(await api('POST', path));
      announce('Slide detection queued');
    } catch (e) {
      problem.replaceChildren(message(e.message, 'error'));
    }
  });
  useSlides.addEventListener('click', async () => {
    const count = last?.slides === 1 ? 'the slide' : `each of the ${last?.slides} slides`;
    if (!confirm(`Replace all chapters with one for ${count}? Your own chapters and the changes you made to them are lost.`)) return;
    problem.replaceChildren();
    try {
      const { items } = await api('POST', `/lectures/${lecture.id}/chapters/from-slides`);
      await refresh();
      onChapters(items);
      announce(`Chapters made from the slides: ${items.length}`);
    } catch (e) {
      problem.replaceChildren(message(e.message, 'error'));
    }
  });

  try {
    show(await api('GET', path));
  } catch (e) {
    // A lecture page without slide detection (or an older server) still edits chapters.
    return { element: h('div', { class: 'automatic' }, message(`Slides: ${e.message}`, 'error')), refresh: async () => {} };
  }
  return { element: line, refresh: () => refresh().catch(() => {}) };
}
