// Recording in the browser: the screen (or a window or tab) with the microphone and an optional
// camera inset, recorded by MediaRecorder in one-second pieces that are uploaded while recording
// (tus with a deferred length), so the upload ends seconds after Stop. Every piece stays in
// IndexedDB until the whole recording is on the server: a dropped connection loses nothing, and a
// reloaded page offers to finish the upload or to save the recording to disk.
import { token } from './api.js';
import { announce, bytes, clock, h, message } from './dom.js';

const PIECE_MS = 1000;
const RETRY_MS = [1000, 2000, 5000, 10000];
const TYPES = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'];

// --- IndexedDB: recordings (what is known about each) and their pieces ---------------------------

let database;
function db() {
  database ??= new Promise((resolve, reject) => {
    const open = indexedDB.open('lectern-recordings', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('recordings', { keyPath: 'id' });
      open.result.createObjectStore('pieces', { keyPath: ['id', 'seq'] });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  return database;
}

async function store(name, mode, action) {
  const tx = (await db()).transaction(name, mode);
  const result = action(tx.objectStore(name));
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(result.result);
    tx.onerror = () => reject(tx.error);
  });
}

const saveRecording = (rec) => store('recordings', 'readwrite', (s) => s.put(rec));
const savePiece = (id, seq, blob) => store('pieces', 'readwrite', (s) => s.put({ id, seq, blob }));
const piece = (id, seq) => store('pieces', 'readonly', (s) => s.get([id, seq]));
const piecesOf = (id) => store('pieces', 'readonly', (s) => s.getAll(IDBKeyRange.bound([id, 0], [id, Infinity])));

async function forget(id) {
  await store('pieces', 'readwrite', (s) => s.delete(IDBKeyRange.bound([id, 0], [id, Infinity])));
  await store('recordings', 'readwrite', (s) => s.delete(id));
}

/** Recordings of this lecture this browser has not finished uploading. */
export async function unfinishedRecordings(lectureId) {
  const all = await store('recordings', 'readonly', (s) => s.getAll());
  return all.filter((r) => r.lectureId === lectureId);
}

// --- Upload: pieces in order, the length with the last one ----------------------------------------

async function tus(method, url, headers, body) {
  const response = await fetch(url, {
    method, body,
    headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${token()}`, ...headers },
  });
  if (!response.ok) {
    let detail = `the server answered ${response.status}`;
    try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* no body */ }
    throw Object.assign(new Error(detail), { status: response.status });
  }
  return response;
}

async function createUpload(rec) {
  const b64 = (text) => btoa(unescape(encodeURIComponent(text)));
  const response = await tus('POST', '/api/v1/uploads', {
    'Upload-Defer-Length': '1',
    'Upload-Metadata': `lectureId ${b64(rec.lectureId)},filename ${b64(rec.filename)},filetype ${b64(rec.type)}`,
  });
  rec.upload = response.headers.get('Location');
  await saveRecording(rec);
}

/** Sends what the server lacks; runs once at a time per recording, again whenever called later. */
class Uploader {
  constructor(rec, onChange) {
    this.rec = rec;
    this.onChange = onChange;
    this.running = null;
    this.failures = 0;
  }

  pump() {
    this.running ??= this.run().finally(() => { this.running = null; });
    return this.running;
  }

  async run() {
    const rec = this.rec;
    for (;;) {
      try {
        if (!rec.upload) await createUpload(rec);
        const next = await piece(rec.id, rec.sentPieces);
        if (next) {
          await this.send(next.blob, rec.stopped && rec.sentPieces === rec.pieces - 1);
        } else if (rec.sentPieces < rec.pieces) {
          await new Promise((resolve) => setTimeout(resolve, 100)); // a piece still being saved
          continue;
        } else if (rec.stopped && !rec.done) {
          await this.send(new Blob([]), true); // the length, after a last piece sent before Stop
        } else {
          return;
        }
        this.failures = 0;
      } catch (error) {
        if (error.status && error.status < 500 && error.status !== 409 && error.status !== 423) {
          this.onChange(`Upload stopped: ${error.message}`, true);
          return;
        }
        this.onChange(navigator.onLine ? 'Connection interrupted; retrying…' : 'Offline; the recording is kept and uploads when you are back.');
        await new Promise((resolve) => {
          const wake = () => { window.removeEventListener('online', wake); resolve(); };
          window.addEventListener('online', wake);
          setTimeout(wake, RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]);
        });
        await this.resync();
      }
    }
  }

  async send(blob, last) {
    const rec = this.rec;
    const headers = { 'Upload-Offset': String(rec.sent), 'Content-Type': 'application/offset+octet-stream' };
    if (last) headers['Upload-Length'] = String(rec.total);
    await tus('PATCH', rec.upload, headers, blob);
    rec.sent += blob.size;
    if (blob.size) rec.sentPieces += 1;
    if (last && rec.sent === rec.total) rec.done = true;
    await saveRecording(rec);
    this.onChange(rec.done ? 'Uploaded; the lecture is being processed.' : null);
    if (rec.done) await forget(rec.id);
  }

  /** After a lost answer the server may hold more than we think: continue from what it holds. */
  async resync() {
    const rec = this.rec;
    if (!rec.upload) return;
    try {
      const head = await tus('HEAD', rec.upload, {});
      const offset = Number(head.headers.get('Upload-Offset'));
      const pieces = await piecesOf(rec.id);
      let sum = 0;
      let count = 0;
      for (const p of pieces.sort((a, b) => a.seq - b.seq)) {
        if (sum + p.blob.size > offset) break;
        sum += p.blob.size;
        count += 1;
      }
      if (sum === offset) Object.assign(rec, { sent: sum, sentPieces: count });
    } catch { /* still offline: the next attempt looks again */ }
  }
}

// --- Recording ------------------------------------------------------------------------------------

/** The screen with the camera drawn in a corner, as one video track. */
function withInset(screen, camera) {
  const canvas = document.createElement('canvas');
  const screenVideo = Object.assign(document.createElement('video'), { srcObject: screen, muted: true });
  const cameraVideo = Object.assign(document.createElement('video'), { srcObject: camera, muted: true });
  screenVideo.play(); cameraVideo.play();
  const g = canvas.getContext('2d');
  const timer = setInterval(() => {
    const w = screenVideo.videoWidth || 1280;
    const hgt = screenVideo.videoHeight || 720;
    if (canvas.width !== w) { canvas.width = w; canvas.height = hgt; }
    g.drawImage(screenVideo, 0, 0, w, hgt);
    const iw = Math.round(w / 5);
    const ih = Math.round(iw * (cameraVideo.videoHeight || 3) / (cameraVideo.videoWidth || 4));
    g.drawImage(cameraVideo, w - iw - 16, hgt - ih - 16, iw, ih);
  }, 1000 / 15);
  const track = canvas.captureStream(15).getVideoTracks()[0];
  track.addEventListener('ended', () => clearInterval(timer));
  return { track, stop: () => clearInterval(timer) };
}

/** A level meter on the microphone, so the teacher sees it hears them. */
function levelMeter(stream, meter) {
  const audio = new AudioContext();
  const analyser = audio.createAnalyser();
  audio.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let peak = 0;
    for (const s of samples) peak = Math.max(peak, Math.abs(s));
    meter.value = peak;
  }, 100);
  return () => { clearInterval(timer); audio.close(); };
}

/** The Record card for a lecture; onDone runs when the recording is fully uploaded. */
export async function recordSection(lecture, onDone) {
  const state = h('p', { class: 'upload-state', role: 'status' });
  const duration = h('span', { class: 'meta' }, '0:00');
  const sent = h('span', { class: 'meta' });
  const meter = h('meter', { min: 0, max: 1, value: 0, 'aria-label': 'Microphone level' });
  const microphone = h('input', { id: 'record-mic', type: 'checkbox', checked: true });
  const camera = h('input', { id: 'record-camera', type: 'checkbox' });
  const start = h('button', { type: 'button', id: 'record-start' }, 'Record');
  const pause = h('button', { type: 'button', class: 'secondary', id: 'record-pause', hidden: true }, 'Pause');
  const stop = h('button', { type: 'button', class: 'danger', id: 'record-stop', hidden: true }, 'Stop');
  const card = h('div', { class: 'card recorder', id: 'recorder' },
    h('p', {}, 'Record your screen with your voice; it uploads while you record.'),
    h('p', {}, h('label', {}, microphone, ' Microphone'), ' ', h('label', {}, camera, ' Camera in a corner')),
    h('p', { class: 'buttons' }, start, ' ', pause, ' ', stop),
    h('p', {}, duration, ' ', meter, ' ', sent), state);

  const report = (rec) => (text, error) => {
    sent.textContent = `${bytes(rec.sent)} of ${bytes(rec.total ?? rec.recorded)} uploaded`;
    if (text) state.replaceChildren(error ? message(text, 'error') : text);
    card.dataset.uploaded = String(rec.sent);
    if (rec.done) { card.dataset.done = 'true'; announce('Recording uploaded'); if (onDone) onDone(); }
  };

  for (const rec of await unfinishedRecordings(lecture.id)) {
    card.append(offerRecovery(rec, report(rec)));
  }

  start.addEventListener('click', async () => {
    start.disabled = true;
    let screen;
    const tracks = [];
    try {
      screen = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 15 }, audio: false });
      tracks.push(...screen.getTracks());
      const voice = microphone.checked ? await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } }) : null;
      const face = camera.checked ? await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } }) : null;
      if (voice) tracks.push(...voice.getTracks());
      if (face) tracks.push(...face.getTracks());
      const inset = face ? withInset(screen, face) : null;
      const video = inset ? inset.track : screen.getVideoTracks()[0];
      const type = TYPES.find((t) => MediaRecorder.isTypeSupported(t)) || '';
      const rec = {
        id: crypto.randomUUID(), lectureId: lecture.id, type: type.split(';')[0] || 'video/webm',
        filename: `recording-${new Date().toISOString().slice(0, 16).replace(':', '-')}.${type.includes('mp4') ? 'mp4' : 'webm'}`,
        pieces: 0, recorded: 0, sent: 0, sentPieces: 0, stopped: false, done: false, started: Date.now(),
      };
      await saveRecording(rec);
      const uploader = new Uploader(rec, report(rec));
      const stopMeter = voice ? levelMeter(voice, meter) : () => {};
      const recorder = new MediaRecorder(new MediaStream([video, ...(voice ? voice.getAudioTracks() : [])]), type ? { mimeType: type } : {});
      let seconds = 0;
      const tick = setInterval(() => { if (recorder.state === 'recording') duration.textContent = clock(++seconds); }, 1000);
      recorder.ondataavailable = async (event) => {
        if (!event.data.size) return;
        const seq = rec.pieces++;
        rec.recorded += event.data.size;
        await savePiece(rec.id, seq, event.data);
        await saveRecording(rec);
        uploader.pump();
      };
      recorder.onstop = async () => {
        clearInterval(tick);
        stopMeter();
        if (inset) inset.stop();
        tracks.forEach((t) => t.stop());
        // ondataavailable for the last piece runs before onstop; its save may still be pending.
        await new Promise((resolve) => setTimeout(resolve, 100));
        Object.assign(rec, { stopped: true, total: rec.recorded });
        await saveRecording(rec);
        pause.hidden = true; stop.hidden = true;
        state.textContent = 'Stopped; sending the rest…';
        uploader.pump();
      };
      screen.getVideoTracks()[0].addEventListener('ended', () => { if (recorder.state !== 'inactive') recorder.stop(); });
      pause.onclick = () => {
        if (recorder.state === 'recording') { recorder.pause(); pause.textContent = 'Resume'; state.textContent = 'Paused'; }
        else { recorder.resume(); pause.textContent = 'Pause'; state.textContent = 'Recording'; }
      };
      stop.onclick = () => recorder.stop();
      recorder.start(PIECE_MS);
      card.dataset.recording = rec.id;
      pause.hidden = false; stop.hidden = false;
      state.textContent = 'Recording';
      announce('Recording started');
    } catch (error) {
      tracks.forEach((t) => t.stop());
      start.disabled = false;
      state.replaceChildren(message(error.name === 'NotAllowedError'
        ? 'Recording needs permission to see your screen (and hear your microphone).'
        : `Recording could not start: ${error.message}`, 'error'));
    }
  });
  return h('section', { 'aria-labelledby': 'record-h' }, h('h2', { id: 'record-h' }, 'Record'), card);
}

/** A recording a reloaded or closed page left behind: finish its upload, or keep it on disk. */
function offerRecovery(rec, onChange) {
  const box = h('div', { class: 'recovery' });
  const finish = h('button', { type: 'button', id: 'recording-finish' }, 'Finish the upload');
  const save = h('button', { type: 'button', class: 'secondary' }, 'Save to disk');
  finish.addEventListener('click', async () => {
    finish.disabled = true;
    if (!rec.stopped) {
      // The page closed while recording: the pieces it kept are the whole recording.
      const pieces = await piecesOf(rec.id);
      const total = pieces.reduce((sum, p) => sum + p.blob.size, 0);
      Object.assign(rec, { stopped: true, pieces: pieces.length, recorded: total, total });
      await saveRecording(rec);
    }
    const uploader = new Uploader(rec, onChange);
    await uploader.resync();
    await uploader.pump();
    if (rec.done) box.remove();
  });
  save.addEventListener('click', async () => {
    const pieces = (await piecesOf(rec.id)).sort((a, b) => a.seq - b.seq);
    const link = h('a', { href: URL.createObjectURL(new Blob(pieces.map((p) => p.blob), { type: rec.type })), download: rec.filename });
    link.click();
  });
  box.append(message(`A recording started ${new Date(rec.started).toLocaleString()} (${bytes(rec.recorded)}) is not fully uploaded.`),
    h('p', { class: 'buttons' }, finish, ' ', save));
  return box;
}
