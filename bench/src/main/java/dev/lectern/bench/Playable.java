package dev.lectern.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Puts one source through Lectern's real path (tus upload, validation, queue, worker, publish)
 * and times it: upload complete → {@code ready} → the first media segment served.
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
        CpuClock cpu = CpuClock.now();
        double ready = -1;
        CpuClock atReady = null;
        while (true) {
            double elapsed = (System.nanoTime() - complete) / 1e9;
            if (elapsed > timeoutSeconds) {
                throw new IllegalStateException(title + ": not ready after " + elapsed + " s");
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
            if (ready >= 0 && firstSegment(teacher, lecture)) {
                double segment = (System.nanoTime() - complete) / 1e9;
                return new Times(
                        lecture,
                        (complete - uploadStart) / 1e9,
                        ready,
                        segment,
                        atReady.totalSince(cpu),
                        atReady.childrenSince(cpu));
            }
            Thread.sleep(100);
        }
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
