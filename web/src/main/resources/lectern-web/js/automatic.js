// "Automatic captions: running 40 %": where speech recognition of a lecture stands, refreshed while
// it is queued or running, and the teacher's request to recognise the speech again.
import { api } from './api.js';
import { announce, h, message } from './dom.js';

const POLL_MS = 3000;

/** What each state says; the recognition job's own states, plus off (no engine) and none. */
function describe(status) {
  const percent = Number.isFinite(status.percent) ? ` ${Math.round(status.percent)} %` : '';
  switch (status.state) {
    case 'off': return 'off: this server has no speech recognition set up. Upload a caption file instead.';
    case 'none': return 'not made for this lecture yet.';
    case 'queued': return 'queued, waiting for a free worker.';
    case 'running': return `running${percent}.`;
    case 'done': return status.track && !status.track.published
      ? 'done. The draft waits for your review: edit it, then publish it.'
      : 'done.';
    case 'failed': return `failed: ${status.error || 'the recognition stopped without saying why'}.`;
    case 'cancelled': return 'cancelled.';
    default: return status.state;
  }
}

/**
 * The status line with its "Recognise again" button. `onTrackChanged` runs when a recognition ends,
 * so the list of tracks shows the new automatic one.
 */
export async function automaticLine(lecture, onTrackChanged) {
  const path = `/lectures/${lecture.id}/captions/automatic`;
  const text = h('span', { 'data-state': '' });
  const meter = h('progress', { max: 100, 'aria-label': 'Recognition progress', hidden: true });
  const problem = h('div');
  const rerun = h('button', { type: 'button', class: 'secondary', id: 'recognise' });
  const line = h('div', { class: 'automatic', id: 'automatic-captions' },
    // Not a live region: progress every few seconds would be read out; endings are announced.
    h('p', {}, h('strong', {}, 'Automatic captions: '), text, ' ', meter), rerun, problem);

  let timer = null;
  let last = null;
  const show = (status) => {
    last = status;
    text.dataset.state = status.state;
    text.textContent = describe(status);
    meter.hidden = status.state !== 'running' || !Number.isFinite(status.percent);
    if (!meter.hidden) meter.value = status.percent;
    rerun.hidden = !status.enabled || status.state === 'queued' || status.state === 'running';
    rerun.textContent = status.state === 'none' && !status.track ? 'Recognise speech' : 'Recognise again';
    clearTimeout(timer);
    const live = status.state === 'queued' || status.state === 'running'
      // Recognition is queued as the lecture becomes ready (its status comes from the page's events).
      || (status.state === 'none' && status.enabled && ['uploading', 'queued', 'processing'].includes(lecture.status));
    if (live) timer = setTimeout(poll, POLL_MS);
  };
  const poll = async () => {
    // The page changed: stop asking.
    if (!line.isConnected) return;
    const before = text.dataset.state;
    try {
      const status = await api('GET', path);
      show(status);
      if (status.state !== before && ['done', 'failed', 'cancelled'].includes(status.state)) {
        announce(`Automatic captions ${status.state}`);
        onTrackChanged();
      }
    } catch (e) {
      timer = setTimeout(poll, POLL_MS * 3);
    }
  };
  rerun.addEventListener('click', async () => {
    if (last?.track && !confirm('Recognise the speech again? The new automatic track replaces the current one and any edits made to it.')) return;
    problem.replaceChildren();
    try {
      show(await api('POST', path));
      announce('Speech recognition queued');
    } catch (e) {
      problem.replaceChildren(message(e.message, 'error'));
    }
  });

  try {
    show(await api('GET', path));
  } catch (e) {
    return h('div', { class: 'automatic' }, message(`Automatic captions: ${e.message}`, 'error'));
  }
  return line;
}
