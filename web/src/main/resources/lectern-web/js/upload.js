// Resumable uploads with tus-js-client: progress with speed and time left, pause/resume, automatic
// retry, and resume after a reload (the upload URL is remembered in localStorage per lecture+file).
import { token } from './api.js';
import { announce, bytes, clock, h, loadScript, message } from './dom.js';

const TUS_URL = '/vendor/tus/tus.min.js';
const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024; // one S3 part per PATCH (LECTERN_S3_PART_SIZE_MB default)
const RETRY_DELAYS_MS = [0, 1000, 3000, 5000, 10000, 20000, 30000];

export async function loadTus() {
  await loadScript(TUS_URL);
  return window.tus;
}

/** A smaller chunk loses less on a flaky link; a device can lower it (lectern.uploadChunkBytes). */
function chunkBytes() {
  const custom = Number(localStorage.getItem('lectern.uploadChunkBytes'));
  return Number.isFinite(custom) && custom >= 1024 ? custom : DEFAULT_CHUNK_BYTES;
}

/** Unfinished uploads this browser remembers for a lecture (to offer resuming after a reload). */
export async function rememberedUploads(lectureId) {
  const tus = await loadTus();
  const all = await tus.defaultOptions.urlStorage.findAllUploads();
  return all.filter((u) => u.metadata && u.metadata.lectureId === lectureId);
}

/**
 * Starts (or resumes) uploading one file as a lecture's source. Returns the element showing its
 * progress and controls; onDone runs after the last byte is accepted.
 */
export async function uploadFile(lectureId, file, onDone) {
  const tus = await loadTus();
  const bar = h('progress', { max: 100, value: 0, 'aria-label': `Upload of ${file.name}` });
  const numbers = h('span', { class: 'meta', 'aria-live': 'off' }, 'Starting…');
  const state = h('span', { class: 'upload-state', role: 'status' });
  const pause = h('button', { type: 'button', class: 'secondary' }, 'Pause');
  const box = h('div', { class: 'upload card', 'data-upload': lectureId },
    h('p', {}, h('strong', {}, file.name), ` (${bytes(file.size)})`),
    bar, h('p', {}, numbers, ' ', state), pause);

  const samples = []; // [time ms, bytes] over the last few seconds, for a steady speed figure
  let paused = false;
  let lastAnnounced = 0;
  const upload = new tus.Upload(file, {
    endpoint: '/api/v1/uploads',
    chunkSize: chunkBytes(),
    retryDelays: RETRY_DELAYS_MS,
    metadata: { lectureId, filename: file.name, filetype: file.type || 'application/octet-stream' },
    // The same file sent to another lecture is another upload.
    fingerprint: (f) => Promise.resolve(['lectern', lectureId, f.name, f.size, f.lastModified].join(':')),
    removeFingerprintOnSuccess: true,
    onBeforeRequest: (req) => req.setHeader('Authorization', `Bearer ${token()}`),
    // tus-js-client does not retry while navigator.onLine is false; we wait for 'online' instead (below).
    onShouldRetry: (err) => {
      box.dataset.interruptions = String(Number(box.dataset.interruptions || 0) + 1);
      state.textContent = 'Connection interrupted; retrying…';
      const status = err.originalResponse ? err.originalResponse.getStatus() : 0;
      return status === 0 || status >= 500 || status === 409 || status === 423;
    },
    onProgress: (sent, total) => {
      const now = performance.now();
      samples.push([now, sent]);
      while (samples.length > 2 && now - samples[0][0] > 5000) samples.shift();
      const [t0, b0] = samples[0];
      const speed = now > t0 ? ((sent - b0) * 1000) / (now - t0) : 0;
      const percent = total ? (sent / total) * 100 : 0;
      bar.value = percent;
      const left = speed > 0 ? `, ${clock((total - sent) / speed)} left` : '';
      numbers.textContent = `${percent.toFixed(0)}% · ${bytes(sent)} of ${bytes(total)} · ${bytes(speed)}/s${left}`;
      state.textContent = '';
      if (percent - lastAnnounced >= 25) {
        lastAnnounced = percent - (percent % 25);
        announce(`${file.name}: ${lastAnnounced}% uploaded`);
      }
    },
    onSuccess: () => {
      bar.value = 100;
      numbers.textContent = `${bytes(file.size)} uploaded`;
      state.textContent = 'Upload complete; checking the file.';
      pause.remove();
      announce(`${file.name} uploaded`);
      if (onDone) onDone();
    },
    onError: (err) => {
      if (!navigator.onLine) {
        box.dataset.interruptions = String(Number(box.dataset.interruptions || 0) + 1);
        state.textContent = 'Connection lost; the upload continues when you are back online.';
        // The 'online' event, or a look every few seconds where it is not fired reliably.
        const resume = () => {
          window.removeEventListener('online', resume);
          clearInterval(check);
          if (!paused) upload.start();
        };
        const check = setInterval(() => { if (navigator.onLine) resume(); }, 3000);
        window.addEventListener('online', resume);
        return;
      }
      state.replaceChildren(message(`Upload stopped: ${describe(err)}`, 'error'),
        h('button', { type: 'button', onclick: () => { state.textContent = 'Retrying…'; upload.start(); } }, 'Retry'));
    },
  });

  pause.addEventListener('click', () => {
    paused = !paused;
    if (paused) {
      upload.abort();
      pause.textContent = 'Resume';
      state.textContent = 'Paused';
    } else {
      pause.textContent = 'Pause';
      state.textContent = 'Resuming…';
      upload.start();
    }
  });

  const previous = await upload.findPreviousUploads();
  if (previous.length) {
    upload.resumeFromPreviousUpload(previous[0]);
    state.textContent = 'Resuming the earlier upload…';
  }
  upload.start();
  return box;
}

function describe(err) {
  const response = err.originalResponse;
  if (response) {
    try {
      const problem = JSON.parse(response.getBody());
      if (problem.detail || problem.title) return problem.detail || problem.title;
    } catch { /* not a problem document */ }
    return `the server answered ${response.getStatus()}`;
  }
  return err.message || 'network error';
}
