// The player's own control bar: every control is a real button/select/range with a label, so it
// works with a keyboard and a screen reader; the seek bar shows thumbnail previews and where
// chapters start.
import { clock, h } from './dom.js';
import { chapterKey, chapterMarks, chapterTitle } from './chapters.js';

const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];
const CAPTIONS_KEY = 'lectern.captions'; // the language the student last chose, or 'off'

/** `chapters` is the page's chapter navigation (chapters.js). */
export function buildControls({ video, stage, engine, playback, chapters, dataSaver, onDataSaver }) {
  const play = h('button', { type: 'button', class: 'ctl', 'aria-label': 'Play' }, '▶');
  const time = h('span', { class: 'time', 'aria-hidden': 'true' }, '0:00 / 0:00');
  const seek = h('input', { type: 'range', class: 'seek', min: 0, max: 0, step: 1, value: 0, 'aria-label': 'Position' });
  const preview = h('div', { class: 'preview', hidden: true }, h('div', { class: 'preview-image' }), h('span', { class: 'preview-time' }));
  const speed = select('speed', 'Speed', SPEEDS.map((s) => [String(s), `${s}×`]), '1');
  // Options are tracks, not languages: a lecture may have "English" and "English (automatic)".
  const tracks = [...video.querySelectorAll('track')];
  const captions = select('captions', 'Captions', [['off', 'Off'], ...tracks.map((t) => [t.dataset.caption, t.label])], 'off');
  const quality = select('quality', 'Quality', [['-1', 'Auto']], '-1');
  const saver = select('data-saver', 'Data saver', [['off', 'Off'], ['low', 'Lowest quality'], ['audio', 'Audio only']], dataSaver);
  const mute = h('button', { type: 'button', class: 'ctl', 'aria-pressed': 'false' }, 'Mute');
  const full = h('button', { type: 'button', class: 'ctl' }, 'Full screen');

  const togglePlay = () => (video.paused ? video.play() : video.pause());
  play.addEventListener('click', togglePlay);
  video.addEventListener('click', togglePlay);
  video.addEventListener('play', () => { play.textContent = '❚❚'; play.setAttribute('aria-label', 'Pause'); });
  video.addEventListener('pause', () => { play.textContent = '▶'; play.setAttribute('aria-label', 'Play'); });

  const duration = () => (Number.isFinite(video.duration) ? video.duration : playback.durationSeconds || 0);
  const marks = chapterMarks(chapters, duration());
  const updateTime = () => {
    const d = duration();
    seek.max = Math.floor(d);
    if (!seek.matches(':active')) seek.value = Math.floor(video.currentTime);
    time.textContent = `${clock(video.currentTime)} / ${clock(d)}`;
    const chapter = chapters.list[chapters.at(video.currentTime)];
    seek.setAttribute('aria-valuetext', `${clock(video.currentTime)} of ${clock(d)}${chapter ? `, ${chapterTitle(chapter)}` : ''}`);
  };
  video.addEventListener('timeupdate', updateTime);
  video.addEventListener('durationchange', updateTime);
  video.addEventListener('durationchange', () => marks.place(duration()));
  seek.addEventListener('change', () => { video.currentTime = Number(seek.value); });

  speed.control.addEventListener('change', () => { video.playbackRate = Number(speed.control.value); });
  video.addEventListener('ratechange', () => { speed.control.value = String(video.playbackRate); });

  // Only the student's own choice is remembered, so a teacher's default never turns into one.
  const showCaptions = (id, chosen) => {
    for (const el of tracks) el.track.mode = el.dataset.caption === id ? 'showing' : 'disabled';
    captions.control.value = id;
    if (chosen) localStorage.setItem(CAPTIONS_KEY, id === 'off' ? 'off' : tracks.find((t) => t.dataset.caption === id).srclang);
  };
  captions.control.addEventListener('change', () => showCaptions(captions.control.value, true));
  // Tracks exist only after the element is in the document and metadata loads.
  video.addEventListener('loadedmetadata', () => showCaptions(captions.control.value, false), { once: true });
  captions.control.value = initialCaptions(tracks, localStorage.getItem(CAPTIONS_KEY));

  if (engine.onLevels) {
    engine.onLevels((levels) => {
      quality.control.replaceChildren(h('option', { value: '-1' }, 'Auto'),
        ...levels.map((l, i) => h('option', { value: String(i) }, l.height ? `${l.height}p` : `${Math.round(l.bitrate / 1000)} kb/s`)));
    });
    quality.control.addEventListener('change', () => engine.setLevel(Number(quality.control.value)));
  } else {
    quality.wrapper.hidden = true;
  }
  saver.control.addEventListener('change', () => onDataSaver(saver.control.value));

  mute.addEventListener('click', () => { video.muted = !video.muted; });
  video.addEventListener('volumechange', () => {
    mute.setAttribute('aria-pressed', String(video.muted));
  });
  full.addEventListener('click', () => (document.fullscreenElement ? document.exitFullscreen() : stage.requestFullscreen?.()));

  attachPreviews(seek, preview, playback, chapters);
  stage.addEventListener('keydown', (event) => {
    if (!chapterKey(event, chapters)) shortcut(event, { video, togglePlay, showCaptions, captions, full, mute });
  });

  return h('div', { class: 'controls' },
    h('div', { class: 'seek-row' }, seek, marks.element, preview),
    h('div', { class: 'buttons-row' }, play, time, mute, speed.wrapper, captions.wrapper, quality.wrapper, saver.wrapper, full));
}

/**
 * The track to show first: none for a student who turned captions off; for one who turned them
 * on once, their language (else the teacher's default, else the first track) on every lecture;
 * otherwise the teacher's default, if any.
 */
function initialCaptions(tracks, preferred) {
  if (preferred === 'off') return 'off';
  const primary = (tag) => tag.toLowerCase().split('-')[0];
  const byDefault = (list) => list.find((t) => t.default) || list[0];
  const track = (preferred && byDefault(tracks.filter((t) => t.srclang.toLowerCase() === preferred.toLowerCase())))
    || (preferred && byDefault(tracks.filter((t) => primary(t.srclang) === primary(preferred))))
    || tracks.find((t) => t.default)
    || (preferred ? tracks[0] : null);
  return track ? track.dataset.caption : 'off';
}

function select(id, label, options, value) {
  const control = h('select', { id: `ctl-${id}` }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  return { control, wrapper: h('span', { class: 'ctl-select' }, h('label', { for: `ctl-${id}` }, label), control) };
}

function shortcut(event, { video, togglePlay, showCaptions, captions, full, mute }) {
  if (event.target.matches('select, input:not([type=range])') || event.ctrlKey || event.metaKey || event.altKey) return;
  const step = (delta) => { video.currentTime = Math.max(0, Math.min(video.duration || 0, video.currentTime + delta)); };
  const rate = (dir) => {
    const i = SPEEDS.indexOf(video.playbackRate);
    video.playbackRate = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? 2 : i) + dir))];
  };
  const keys = {
    ' ': () => { if (!event.target.matches('button')) togglePlay(); else return false; },
    k: togglePlay,
    j: () => step(-10), l: () => step(10),
    ArrowLeft: () => (event.target.matches('input[type=range]') ? false : step(-10)),
    ArrowRight: () => (event.target.matches('input[type=range]') ? false : step(10)),
    ',': () => rate(-1), '.': () => rate(1), '<': () => rate(-1), '>': () => rate(1),
    c: () => {
      const options = [...captions.control.options].map((o) => o.value);
      showCaptions(captions.control.value === 'off' ? options[1] || 'off' : 'off', true);
    },
    m: () => mute.click(),
    f: () => full.click(),
  };
  const action = keys[event.key];
  if (action && action() !== false) event.preventDefault();
}

/**
 * Thumbnail previews from the thumbnails WebVTT (sprite#xywh=…) while hovering or dragging, with
 * the time and the chapter there.
 */
async function attachPreviews(seek, preview, playback, chapters) {
  if (!playback.thumbnails || !playback.thumbnails.vtt) return;
  let cues;
  try {
    const text = await (await fetch(playback.thumbnails.vtt)).text();
    cues = parseThumbnails(text, new URL(playback.thumbnails.vtt, location.href));
  } catch {
    return;
  }
  if (!cues.length) return;
  const image = preview.querySelector('.preview-image');
  const label = preview.querySelector('.preview-time');
  const showAt = (seconds, fraction) => {
    const cue = cues.find((c) => seconds >= c.start && seconds < c.end) || cues[cues.length - 1];
    Object.assign(image.style, {
      width: `${cue.w}px`, height: `${cue.h}px`,
      backgroundImage: `url("${cue.url}")`, backgroundPosition: `-${cue.x}px -${cue.y}px`,
    });
    const chapter = chapters.list[chapters.at(seconds)];
    label.textContent = chapter ? `${clock(seconds)} · ${chapterTitle(chapter)}` : clock(seconds);
    label.style.maxWidth = `${cue.w}px`;
    preview.style.left = `calc(${(fraction * 100).toFixed(2)}% - ${cue.w / 2}px)`;
    preview.hidden = false;
  };
  seek.addEventListener('pointermove', (event) => {
    const rect = seek.getBoundingClientRect();
    const fraction = Math.max(0, Math.min(1, (event.clientX - rect.left) / rect.width));
    showAt(fraction * Number(seek.max), fraction);
  });
  seek.addEventListener('input', () => showAt(Number(seek.value), Number(seek.value) / (Number(seek.max) || 1)));
  for (const name of ['pointerleave', 'change', 'blur']) seek.addEventListener(name, () => { preview.hidden = true; });
}

export function parseThumbnails(text, base) {
  const cues = [];
  const blocks = text.replace(/\r\n/g, '\n').split(/\n\n+/);
  for (const block of blocks) {
    const lines = block.split('\n');
    const timing = lines.findIndex((l) => l.includes('-->'));
    if (timing < 0 || !lines[timing + 1]) continue;
    const [from, to] = lines[timing].split('-->').map((s) => seconds(s.trim().split(' ')[0]));
    const target = new URL(lines[timing + 1].trim(), base);
    const xywh = /xywh=(\d+),(\d+),(\d+),(\d+)/.exec(target.hash);
    if (!xywh) continue;
    target.hash = '';
    cues.push({ start: from, end: to, url: target.href, x: +xywh[1], y: +xywh[2], w: +xywh[3], h: +xywh[4] });
  }
  return cues;
}

function seconds(stamp) {
  const parts = stamp.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}
