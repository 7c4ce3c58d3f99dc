package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.app.ingest.TusClient;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A recording made by Chromium's MediaRecorder (WebM without a duration or cues, VP8 and Opus,
 * frames when the canvas changes), uploaded the way a recording page uploads it: chunk by chunk
 * while it records, its length declared with the last chunk.
 */
@DisplayName("A browser recording becomes a lecture")
class BrowserRecordingTest {
    /** Records a canvas that changes every 100 ms and a tone; hands back the chunks in base64. */
    private static final String RECORD =
            """
            const done = arguments[arguments.length - 1];
            const canvas = document.createElement('canvas');
            canvas.width = 640; canvas.height = 360;
            document.body.appendChild(canvas);
            const g = canvas.getContext('2d');
            let n = 0;
            const draw = setInterval(() => {
              g.fillStyle = 'hsl(' + (n * 7) % 360 + ',60%,40%)';
              g.fillRect(0, 0, 640, 360);
              g.fillStyle = '#fff'; g.font = '48px sans-serif';
              g.fillText('Slide ' + Math.floor(n / 10), 40, 180);
              n++;
            }, 100);
            const audio = new AudioContext();
            const tone = audio.createOscillator();
            const sink = audio.createMediaStreamDestination();
            tone.connect(sink); tone.start();
            const stream = new MediaStream([
              ...canvas.captureStream(10).getVideoTracks(), ...sink.stream.getAudioTracks()]);
            const recorder = new MediaRecorder(stream, {mimeType: 'video/webm;codecs=vp8,opus'});
            const chunks = [];
            recorder.ondataavailable = e => { if (e.data.size) chunks.push(e.data); };
            recorder.onstop = async () => {
              clearInterval(draw);
              const out = [];
              for (const chunk of chunks) {
                const bytes = new Uint8Array(await chunk.arrayBuffer());
                let text = '';
                for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
                out.push(btoa(text));
              }
              done(out);
            };
            recorder.start(500);
            setTimeout(() => recorder.stop(), arguments[0]);
            """;

    @Test
    @DisplayName(
            "a MediaRecorder WebM uploaded while recording (deferred length) is accepted, measured and transcoded")
    void mediaRecorderWebm() throws Exception {
        List<byte[]> chunks = record(4000);
        try (RunningLectern app = new RunningLectern()) {
            String admin = app.adminToken("root");
            String teacher = app.token("tina");
            String course = app.createCourse(admin, "REC", "Recording");
            app.addMember(admin, course, "tina", "teacher");
            UUID lecture = app.createLecture(teacher, course, "Recorded", "published");

            TusClient tus = new TusClient(app.http.baseUrl(), teacher);
            var created = tus.createDeferred(lecture);
            assertEquals(201, created.statusCode(), created.body());
            String upload = tus.location(created);
            long offset = 0;
            long length = chunks.stream().mapToLong(c -> c.length).sum();
            for (int i = 0; i < chunks.size(); i++) {
                byte[] chunk = chunks.get(i);
                var patched =
                        i == chunks.size() - 1
                                ? tus.patchDeclaring(upload, offset, chunk, 0, chunk.length, length)
                                : tus.patch(upload, offset, chunk, 0, chunk.length);
                assertEquals(204, patched.statusCode(), patched.body());
                offset += chunk.length;
            }

            app.awaitSettled(lecture);
            var row =
                    app.sql(
                                    "SELECT status, error_code, duration_seconds FROM lectures WHERE id = $1",
                                    lecture)
                            .iterator()
                            .next();
            assertEquals("ready", row.getString(0), "error: " + row.getString(1));
            double seconds = row.getNumeric(2).doubleValue();
            assertTrue(seconds > 3 && seconds < 5.5, "measured " + seconds + " s");
        }
    }

    /** Records {@code millis} in Chromium; MediaRecorder's chunks, in order. */
    private static List<byte[]> record(int millis) {
        try (Browser browser = Browser.start()) {
            browser.open("about:blank");
            browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            @SuppressWarnings("unchecked")
            List<String> encoded = (List<String>) browser.driver.executeAsyncScript(RECORD, millis);
            List<byte[]> chunks = new ArrayList<>();
            encoded.forEach(chunk -> chunks.add(Base64.getDecoder().decode(chunk)));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            chunks.forEach(all::writeBytes);
            assertTrue(all.size() > 10_000, "recorded " + all.size() + " bytes");
            return chunks;
        }
    }
}
