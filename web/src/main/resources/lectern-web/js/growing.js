// A lecture whose first encode is still running: hls.js plays the growing playlists and reads on
// into the finished lecture by itself; this says how much is ready, keeps seeks inside it, and
// asks the playback endpoint now and then, to notice the end and a retry that replaced the
// version being played (a worker died): then the player is rebuilt at the same moment.
import { api } from './api.js';
import { clock, message } from './dom.js';

const ASK_EVERY_MS = 8000;

export function followEncoding({ video, lectureId, playback, notes, onReplaced }) {
  let edge = playback.playableSeconds || 0;
  let complete = false;
  let growing = playback.growing;
  let line = null;
  const say = (text) => {
    const next = message(text);
    next.id = 'encoding-note';
    if (line) line.replaceWith(next); else notes.append(next);
    line = next;
  };
  const describe = () => say(complete
    ? 'The whole lecture is ready.'
    : growing
      ? `Still processing: the first ${clock(edge)} can be played now, the rest follows as it is encoded.`
      : `Incomplete: only the first ${clock(edge)} of this lecture could be processed so far.`);
  describe();

  const onSeeking = () => {
    if (complete || video.currentTime <= edge) return;
    video.currentTime = Math.max(0, edge - 1);
    say(growing
      ? `Only the first ${clock(edge)} is ready yet; the rest is still being encoded.`
      : `Only the first ${clock(edge)} could be processed.`);
  };
  video.addEventListener('seeking', onSeeking);

  const timer = setInterval(async () => {
    try {
      const now = await api('GET', `/lectures/${lectureId}/playback`);
      if (now.version !== playback.version) {
        stop();
        onReplaced();
        return;
      }
      edge = Math.max(edge, now.playableSeconds || 0);
      growing = now.growing;
      if (now.complete) {
        complete = true;
        clearInterval(timer);
      }
      describe();
    } catch {
      // Offline for a moment, or the lecture was deleted: the player says so on its own.
    }
  }, ASK_EVERY_MS);

  function stop() {
    clearInterval(timer);
    video.removeEventListener('seeking', onSeeking);
  }

  return {
    /** hls.js read a longer playlist: that much can be played now. */
    reached(seconds) {
      if (seconds > edge) {
        edge = seconds;
        if (!complete && line?.textContent.startsWith('Still processing')) describe();
      }
    },
    get edge() { return edge; },
    destroy: stop,
  };
}
