package dev.lectern.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Puts one source through Lectern's real path (tus upload, validation, queue, worker, publish)
 * and times it: upload complete → the first media segment served through the playback URL (while
 * the lecture is still being encoded, when it is published early) and → {@code ready}.
 */
final class Playable {
    /**
     * @param toReadySeconds from the last tus PATCH answered to the lecture {@code ready}
     * @param toSegmentSeconds from the last PATCH answered to the first segment fetched
     * @param cpuSeconds CPU of this JVM (API, worker, embedded S3) plus its reaped children
     *     (ffmpeg, ffprobe) between upload complete and ready
     */
    record Times(
            String lectureId,
            double uploadSeconds,
            double toReadySeconds,
            double toSegmentSeconds,
            double cpuSeconds,
            double ffmpegCpuSeconds) {}

    private Playable() {}

    static Times run(Api teacher, String course, Path source, String title, double timeoutSeconds)
            throws IOException, InterruptedException {
        String lecture = teacher.createLecture(course, title);
        long uploadStart = System.nanoTime();
        teacher.upload(lecture, source, 256L << 20);
        long complete = System.nanoTime();
        return timed(
                teacher, lecture, title, (complete - uploadStart) / 1e9, complete, timeoutSeconds);
    }

    /**
     * Times a lecture whose source is complete at {@code complete} (nanoTime): to its first
     * segment served and to ready.
     */
    static Times timed(
            Api teacher,
            String lecture,
            String title,
            double uploadSeconds,
            long complete,
            double timeoutSeconds)
            throws InterruptedException {
        CpuClock cpu = CpuClock.now();
        double ready = -1;
        double segment = -1;
        CpuClock atReady = null;
        while (true) {
            double elapsed = (System.nanoTime() - complete) / 1e9;
            if (elapsed > timeoutSeconds) {
                throw new IllegalStateException(title + ": not ready after " + elapsed + " s");
            }
            if (segment < 0 && firstSegment(teacher, lecture)) {
                segment = (System.nanoTime() - complete) / 1e9;
            }
            if (ready < 0) {
                String status = teacher.status(lecture);
                if (status.equals("ready")) {
                    ready = elapsed;
                    atReady = CpuClock.now();
                } else if (status.equals("failed") || status.equals("rejected")) {
                    throw new IllegalStateException(
                            title
                                    + ": lecture "
                                    + status
                                    + ": "
                                    + teacher.call(
                                            "GET", "/api/v1/lectures/" + lecture, null, 200));
                }
            }
            if (ready >= 0 && segment >= 0) {
                return new Times(
                        lecture,
                        uploadSeconds,
                        ready,
                        segment,
                        atReady.totalSince(cpu),
                        atReady.childrenSince(cpu));
            }
            Thread.sleep(100);
        }
    }

    /**
     * Upload complete → first segment served, then the lecture is deleted (which stops its encode):
     * for long sources whose whole encode would only repeat what the other points measure.
     *
     * @return the upload's and the first segment's seconds
     */
    static double[] firstSegmentOnly(
            Api teacher, String course, Path source, String title, double timeoutSeconds)
            throws IOException, InterruptedException {
        String lecture = teacher.createLecture(course, title);
        long uploadStart = System.nanoTime();
        teacher.upload(lecture, source, 256L << 20);
        long complete = System.nanoTime();
        try {
            while (!firstSegment(teacher, lecture)) {
                double elapsed = (System.nanoTime() - complete) / 1e9;
                if (elapsed > timeoutSeconds) {
                    throw new IllegalStateException(title + ": no segment after " + elapsed + " s");
                }
                Thread.sleep(100);
            }
            return new double[] {
                (complete - uploadStart) / 1e9, (System.nanoTime() - complete) / 1e9
            };
        } finally {
            teacher.call("DELETE", "/api/v1/lectures/" + lecture, null, 204);
        }
    }

    /**
     * A browser recording: the pieces recorded before Stop are uploaded beforehand (the recorder
     * sends each second as it is recorded), then the last piece declares the length, as Stop does.
     * Timed from that last PATCH answered.
     */
    static Times recording(Api teacher, String course, Path webm, String title, double timeout)
            throws IOException, InterruptedException {
        String lecture = teacher.createLecture(course, title);
        long size = java.nio.file.Files.size(webm);
        long last = Math.min(size, 256 << 10);
        String upload = teacher.createDeferredUpload(lecture, webm.getFileName().toString());
        long uploadStart = System.nanoTime();
        long chunk = 8L << 20;
        for (long offset = 0; offset < size - last; offset += chunk) {
            teacher.patch(upload, webm, offset, Math.min(chunk, size - last - offset));
        }
        teacher.patch(upload, webm, size - last, last, size);
        long stopped = System.nanoTime();
        return timed(teacher, lecture, title, (stopped - uploadStart) / 1e9, stopped, timeout);
    }

    /** Follows playback → master playlist → first variant → its first segment, with the token. */
    static boolean firstSegment(Api api, String lecture) {
        HttpResponse<byte[]> playback = api.get("/api/v1/lectures/" + lecture + "/playback");
        if (playback.statusCode() != 200) {
            return false;
        }
        String hls = new io.vertx.core.json.JsonObject(text(playback)).getString("hls");
        String segment = firstMediaSegment(api, hls);
        return segment != null && api.get(segment).statusCode() == 200;
    }

    /** The absolute URL of the first media segment of the first variant of an HLS master. */
    static String firstMediaSegment(Api api, String masterUrl) {
        String master = api.absolute(masterUrl);
        HttpResponse<byte[]> response = api.get(master);
        if (response.statusCode() != 200) {
            return null;
        }
        String variant = resolve(master, firstUri(text(response)));
        HttpResponse<byte[]> media = api.get(variant);
        return media.statusCode() == 200 ? resolve(variant, firstUri(text(media))) : null;
    }

    private static String firstUri(String playlist) {
        return playlist.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no URI in playlist:\n" + playlist));
    }

    static String resolve(String base, String uri) {
        return java.net.URI.create(base).resolve(uri).toString();
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
