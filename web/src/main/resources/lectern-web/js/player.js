// The watch page: hls.js (or Safari's native HLS), data-saver mode remembered per device, quality,
// captions and their transcript, chapters (list, seek-bar marks, PageDown / PageUp), downloads,
// resume where the student stopped (progress PUT periodically), and lectures still being encoded.
import { api, token } from './api.js';
import { h, loadScript, message, show } from './dom.js';
import { buildControls } from './controls.js';
import { chapterNavigation, chaptersPanel } from './chapters.js';
import { transcriptPanel } from './transcript.js';
import { followEncoding } from './growing.js';

const HLS_URL = '/vendor/hls/1.7.4/hls.min.js';
const SAVE_EVERY_MS = 10000;
export const DATA_SAVER_KEY = 'lectern.dataSaver'; // 'off' | 'low' | 'audio'

let teardown = null;
window.addEventListener('hashchange', () => {
  if (teardown) { teardown(); teardown = null; }
});

export async function watchPage(lectureId, startAt) {
  if (teardown) { teardown(); teardown = null; }
  let playback;
  try {
    playback = await api('GET', `/lectures/${lectureId}/playback`);
  } catch (e) {
    show('Not available', h('h1', {}, 'This lecture is not available'), message(e.message, 'error'),
      h('p', {}, h('a', { href: '#/' }, 'Back to my courses')));
    return;
  }
  const lecture = await api('GET', `/lectures/${lectureId}`);
  const video = h('video', { id: 'video', playsinline: true, preload: 'metadata', poster: playback.poster, 'aria-label': lecture.title });
  for (const c of playback.captions || []) {
    video.append(h('track', { kind: 'captions', src: c.url, srclang: c.language, label: c.label, default: c.default, 'data-caption': c.id }));
  }
  // Focusable, so after a click on the video the keyboard shortcuts still reach the player.
  const stage = h('div', { class: 'player', id: 'player', tabindex: -1 }, video);
  const notes = h('div', { class: 'player-notes', role: 'status' });
  const saver = localStorage.getItem(DATA_SAVER_KEY) || 'off';
  let start = startAt !== undefined ? Number(startAt) : playback.resumeSeconds || 0;
  if (playback.complete === false) start = Math.min(start, Math.max(0, (playback.playableSeconds || 0) - 2));

  const engine = await attach(video, playback, saver, notes, start);
  const growing = playback.complete === false
    ? followEncoding({ video, lectureId, playback, notes, onReplaced: () => watchPage(lectureId, Math.floor(video.currentTime)) })
    : null;
  engine.onPlaylist?.((seconds) => growing?.reached(seconds));
  const navigation = chapterNavigation(video, playback.chapters || []);
  const controls = buildControls({ video, stage, engine, playback, chapters: navigation, dataSaver: saver, onDataSaver: (value) => {
    localStorage.setItem(DATA_SAVER_KEY, value);
    // The source changes (rung cap or audio-only): rebuild the player at the current moment. A new
    // hash re-renders through the router; the same hash fires no hashchange, so rebuild here.
    const next = `#/watch/${lectureId}?t=${Math.floor(video.currentTime)}`;
    if (location.hash !== next) location.hash = next;
    else watchPage(lectureId, Math.floor(video.currentTime));
  } });
  stage.append(controls);
  const transcript = playback.captions?.length ? transcriptPanel(video, lecture) : null;
  const chapters = navigation.list.length ? chaptersPanel(video, navigation) : null;
  const side = chapters || transcript ? h('div', { class: 'watch-side' }, chapters?.element, transcript?.element) : null;
  const downloads = (playback.downloads || []).length
    ? h('section', { 'aria-labelledby': 'dl-h' }, h('h2', { id: 'dl-h' }, 'Download for offline'),
      h('p', { class: 'buttons' }, playback.downloads.map((d) => h('a', { class: 'button secondary', href: d.url, download: `${lecture.title}.${d.kind === 'audio' ? 'm4a' : 'mp4'}` },
        d.kind === 'audio' ? 'Audio only (small)' : 'Video'))))
    : null;

  show(lecture.title,
    h('p', { class: 'crumbs' }, h('a', { href: `#/course/${lecture.courseId}` }, 'Course')),
    h('h1', {}, lecture.title),
    h('div', { class: 'watch' }, stage, side),
    notes,
    lecture.description ? h('p', {}, lecture.description) : null,
    downloads,
    h('details', { class: 'shortcuts' }, h('summary', {}, 'Keyboard shortcuts'),
      h('p', {}, 'Space or K: play/pause · J / L or ← / →: back / forward 10 s · PageDown / PageUp: next / previous chapter or slide · , / .: slower / faster · C: captions · M: mute · F: full screen')));

  chapters?.start();
  transcript?.start();

  // Resume: seek once the duration is known (Safari ignores earlier seeks).
  // Until then the position is not the student's: leaving early must not overwrite the saved one.
  let started = false;
  const seekToStart = () => {
    const duration = video.duration || playback.durationSeconds || 0;
    if (start > 0 && (!duration || start < duration - 2)) video.currentTime = start;
    started = true;
  };
  if (video.readyState >= 1) seekToStart(); else video.addEventListener('loadedmetadata', seekToStart, { once: true });

  const stopSaving = rememberPosition(video, lectureId, () => started);
  teardown = () => { stopSaving(); growing?.destroy(); engine.destroy(); video.removeAttribute('src'); video.load(); };
}

/**
 * Chooses hls.js, native HLS or (audio-only data saver) the downloadable audio file. A lecture
 * still being encoded has growing (event) playlists, which hls.js would start at their live edge:
 * it starts at {@code start} instead.
 */
export async function attach(video, playback, saver, notes, start = 0) {
  const audioDownload = (playback.downloads || []).find((d) => d.kind === 'audio');
  if (saver === 'audio' && audioDownload) {
    video.src = audioDownload.url;
    notes.textContent = 'Data saver: audio only.';
    return { kind: 'audio', levels: [], destroy() {} };
  }
  await loadScript(HLS_URL);
  const Hls = window.Hls;
  if (Hls && Hls.isSupported()) {
    const hls = new Hls({
      // The media token is in every URL; nothing else to send.
      capLevelToPlayerSize: saver === 'off',
      startLevel: saver === 'low' ? 0 : -1,
      backBufferLength: 30,
      // Captions come from the <track> elements (the same for hls.js and native HLS), so hls.js
      // neither loads the SUBTITLES group nor adds text tracks of its own.
      enableWebVTT: false,
      enableIMSC1: false,
      enableCEA708Captions: false,
      ...(playback.complete === false ? { startPosition: start } : {}),
    });
    // The cap is set once the levels are known: hls.js resets it when it reads the playlist.
    const lowest = () => hls.levels.reduce((min, l, i, all) => (l.bitrate < all[min].bitrate ? i : min), 0);
    if (saver === 'low') hls.on(Hls.Events.MANIFEST_PARSED, () => { hls.autoLevelCapping = lowest(); });
    hls.loadSource(playback.hls);
    hls.attachMedia(video);
    window.lecternHls = hls;
    if (saver === 'low') notes.textContent = 'Data saver: lowest quality.';
    hls.on(Hls.Events.ERROR, (_, data) => {
      if (!data.fatal) return;
      if (data.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad();
      else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
      else notes.replaceChildren(message('The video cannot be played here. Try a download below.', 'error'));
    });
    return {
      kind: 'hls',
      get levels() { return hls.levels || []; },
      onLevels(callback) { hls.on(Hls.Events.MANIFEST_PARSED, () => callback(hls.levels)); },
      onPlaylist(callback) { hls.on(Hls.Events.LEVEL_UPDATED, (_, data) => callback(data.details.totalduration)); },
      setLevel(index) {
        if (saver === 'low') hls.autoLevelCapping = index < 0 ? lowest() : -1;
        hls.currentLevel = index;
      },
      destroy() { hls.destroy(); if (window.lecternHls === hls) delete window.lecternHls; },
    };
  }
  if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = playback.hls; // Safari: the browser picks the rung itself
    return { kind: 'native', levels: [], destroy() {} };
  }
  notes.replaceChildren(message('This browser cannot stream the lecture. Use a download below.', 'error'));
  return { kind: 'none', levels: [], destroy() {} };
}

/** PUTs the position every few seconds while playing, on pause, and when the page is hidden. */
function rememberPosition(video, lectureId, started) {
  let last = -1;
  const save = (keepalive) => {
    if (!started()) return;
    const position = Math.floor(video.currentTime * 10) / 10;
    if (!Number.isFinite(position) || position === last) return;
    last = position;
    fetch(`/api/v1/lectures/${lectureId}/progress`, {
      method: 'PUT',
      keepalive,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token()}` },
      body: JSON.stringify({ positionSeconds: position }),
    }).catch(() => { last = -1; });
  };
  const timer = setInterval(() => { if (!video.paused) save(false); }, SAVE_EVERY_MS);
  const onPause = () => save(false);
  const onHide = () => save(true);
  video.addEventListener('pause', onPause);
  video.addEventListener('seeked', onPause);
  window.addEventListener('pagehide', onHide);
  return () => {
    save(true);
    clearInterval(timer);
    video.removeEventListener('pause', onPause);
    video.removeEventListener('seeked', onPause);
    window.removeEventListener('pagehide', onHide);
  };
}
