package dev.lectern.bench;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Everything at once for a while: teachers uploading, students streaming, and worker processes
 * killed with SIGKILL and replaced, against one {@code lectern api} process and shared PostgreSQL
 * and S3. Then the books are checked: every acknowledged upload still has its source, every
 * object in the bucket belongs to a row, every published lecture has every file its playlists
 * name.
 */
final class SoakBench {
    private static final long UPLOAD_EVERY_MS = 2500;
    private static final Pattern RUNNING = Pattern.compile("Lectern is running at (http://\\S+)");
    private static final Pattern WORKER_UP = Pattern.compile("job worker .* running kinds");

    /** A playlist line that names a file (not a tag, not blank). */
    static final Pattern URI_LINE = Pattern.compile("^[^#\\s].*$", Pattern.MULTILINE);

    private final Bench bench;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final List<String> firstErrors = new CopyOnWriteArrayList<>();

    SoakBench(Bench bench) {
        this.bench = bench;
    }

    /** What the last run's audit found; the stage fails unless nothing was lost or orphaned. */
    private SoakAudit books;

    Table run() throws Exception {
        int seconds = bench.quick ? 30 : 240;
        int killEvery = bench.quick ? 9 : 30;
        Path clip = bench.inputs.camera(640, 360, 6);
        Path dir = bench.dir("soak");
        Table table =
                new Table(
                        "Soak: uploads, streams and worker kills at once",
                        "seconds",
                        "uploads",
                        "requests",
                        "errors",
                        "workers killed",
                        "uploads lost",
                        "not ready at the end",
                        "objects no row owns",
                        "files missing",
                        "API RSS MiB start → end");
        try (SharedServers servers = new SharedServers(dir)) {
            Map<String, String> settings = servers.settings();
            settings.put("LECTERN_HTTP_HOST", "127.0.0.1");
            settings.put("LECTERN_HTTP_PORT", "0");
            settings.put("LECTERN_WORKER_CONCURRENCY", "1");
            // A killed worker's job is taken over in seconds, as an operator would tune a busy
            // term.
            settings.put("LECTERN_WORKER_LEASE_SECONDS", "6");
            settings.put("LECTERN_WORKER_HEARTBEAT_SECONDS", "2");
            settings.put("LECTERN_WORKER_POLL_SECONDS", "2");
            settings.put("LECTERN_JOB_RETRY_BASE_SECONDS", "1");
            Map<String, String> apiSettings = new HashMap<>(settings);
            apiSettings.put("LECTERN_DATA_DIR", dir.resolve("api").toString());
            String admin = token(apiSettings, dir, "root", true);
            String student = token(apiSettings, dir, "sam", false);
            List<ChildJvm> workers = new ArrayList<>();
            try (ChildJvm api =
                    ChildJvm.start(
                            bench.lecternJar,
                            ChildJvm.serviceOptions(bench.lecternJar),
                            List.of("api"),
                            apiSettings,
                            dir.resolve("api.log"))) {
                String base = api.awaitLog(RUNNING, 120).replace("localhost", "127.0.0.1");
                Api teacher = new Api(base, admin);
                Api viewer = teacher.as(student);
                String course = teacher.createCourse("SOAK");
                teacher.addMember(course, "sam", "student");
                for (int w = 0; w < 2; w++) {
                    workers.add(worker(settings, dir, w));
                }
                for (ChildJvm worker : workers) {
                    worker.awaitLog(WORKER_UP, 120);
                }
                List<String> uploaded = new CopyOnWriteArrayList<>();
                String first = teacher.createLecture(course, "soak 0");
                teacher.upload(first, clip, 1 << 20);
                uploaded.add(first);
                awaitSettled(teacher, uploaded, 120);
                double rssStart = api.rssMiB();

                Bench.log("soak: uploads, streams and kills for " + seconds + " s");
                AtomicBoolean running = new AtomicBoolean(true);
                List<Thread> load = new ArrayList<>();
                load.add(
                        Thread.ofPlatform()
                                .start(() -> uploads(teacher, course, clip, uploaded, running)));
                for (int s = 0; s < 2; s++) {
                    load.add(Thread.ofPlatform().start(() -> streams(viewer, uploaded, running)));
                }
                int killed = 0;
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    long left = (end - System.nanoTime()) / 1_000_000;
                    if (left <= killEvery * 1000L) {
                        Thread.sleep(Math.max(0, left));
                        break;
                    }
                    Thread.sleep(killEvery * 1000L);
                    int victim = killed % workers.size();
                    workers.get(victim).process.destroyForcibly().waitFor();
                    killed++;
                    Bench.log("soak: killed worker " + victim + " (" + killed + " so far)");
                    workers.set(victim, worker(settings, dir, workers.size() + killed));
                }
                running.set(false);
                for (Thread thread : load) {
                    thread.join();
                }
                Bench.log(
                        "soak: "
                                + uploaded.size()
                                + " uploads; waiting for every lecture to settle");
                awaitSettled(teacher, uploaded, bench.quick ? 90 : 180);
                double rssEnd = api.rssMiB();
                books = SoakAudit.of(servers, uploaded);
                table.row(
                        seconds,
                        uploaded.size(),
                        requests.get(),
                        errors.get(),
                        killed,
                        books.lost(),
                        books.notReady(),
                        books.unowned(),
                        books.missing(),
                        Format.f0(rssStart) + " → " + Format.f0(rssEnd));
            } finally {
                workers.forEach(ChildJvm::close);
            }
        }
        table.note(
                "One `lectern api` process and two `lectern worker` processes (one job each, lease 6 s) on"
                        + " shared embedded PostgreSQL and S3; a teacher uploads 6 s camera clips over tus in 1 MiB"
                        + " chunks every 2.5 s, two students stream the ready lectures (playback, playlists, the"
                        + " first segments), and every "
                        + killEvery
                        + " s a worker gets SIGKILL and a new one starts. Afterwards: an upload is lost when its"
                        + " acknowledged source is gone; objects no row owns are keys of deleted lectures or of"
                        + " versions no lecture serves; files missing are playlist entries of published lectures"
                        + " absent from the bucket. All three must be 0. The API's resident memory grows into"
                        + " the 512 MiB starting heap its JVM options reserve (-Xms512m); a longer run shows"
                        + " whether it levels off. Errors are answers other than 2xx"
                        + (firstErrors.isEmpty()
                                ? ""
                                : " (first: " + String.join("; ", firstErrors) + ")")
                        + ".");
        if (books.lost() + books.unowned() + books.missing() > 0) {
            throw new IllegalStateException(
                    "soak: "
                            + books.lost()
                            + " uploads lost, "
                            + books.unowned()
                            + " objects no row owns, "
                            + books.missing()
                            + " files missing (all must be 0); "
                            + table.text().replace('\n', ' '));
        }
        return table;
    }

    private ChildJvm worker(Map<String, String> settings, Path dir, int index) throws Exception {
        Map<String, String> own = new HashMap<>(settings);
        own.put(
                "LECTERN_DATA_DIR",
                Files.createDirectories(dir.resolve("worker-" + index)).toString());
        return ChildJvm.start(
                bench.lecternJar,
                ChildJvm.serviceOptions(bench.lecternJar),
                List.of("worker"),
                own,
                dir.resolve("worker-" + index + ".log"));
    }

    private String token(Map<String, String> settings, Path dir, String user, boolean admin)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("token", "--user", user));
        if (admin) {
            args.add("--admin");
        }
        return ChildJvm.runToEnd(
                        bench.lecternJar, args, settings, dir.resolve("token-" + user + ".log"))
                .lines()
                .filter(l -> l.startsWith("ey"))
                .findFirst()
                .orElseThrow();
    }

    /**
     * A teacher uploading a lecture every {@link #UPLOAD_EVERY_MS} until told to stop: about what
     * two single-job workers transcode meanwhile, so the queue does not grow without end.
     */
    private void uploads(
            Api teacher, String course, Path clip, List<String> uploaded, AtomicBoolean running) {
        int n = 1;
        while (running.get()) {
            try {
                Thread.sleep(UPLOAD_EVERY_MS);
                String lecture = teacher.createLecture(course, "soak " + n++);
                requests.incrementAndGet();
                teacher.upload(lecture, clip, 1 << 20);
                requests.addAndGet(1 + Files.size(clip) / (1 << 20) + 1);
                uploaded.add(lecture);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                error("upload: " + e.getMessage());
            }
        }
    }

    /** A student watching the beginnings of the ready lectures, one after another. */
    private void streams(Api viewer, List<String> uploaded, AtomicBoolean running) {
        int next = 0;
        while (running.get()) {
            String lecture = uploaded.get(next++ % uploaded.size());
            HttpResponse<byte[]> playback =
                    fetch(viewer, "/api/v1/lectures/" + lecture + "/playback");
            if (playback == null) {
                continue;
            }
            String master =
                    new JsonObject(new String(playback.body(), StandardCharsets.UTF_8))
                            .getString("hls");
            for (String url : entries(viewer, master, 1)) {
                entries(viewer, url, 3);
            }
        }
    }

    /** Fetches a playlist and then its first {@code limit} entries; returns the entries' URLs. */
    private List<String> entries(Api viewer, String playlistUrl, int limit) {
        HttpResponse<byte[]> playlist = fetch(viewer, playlistUrl);
        List<String> urls = new ArrayList<>();
        if (playlist == null) {
            return urls;
        }
        var m = URI_LINE.matcher(new String(playlist.body(), StandardCharsets.UTF_8));
        while (m.find() && urls.size() < limit) {
            urls.add(
                    java.net
                            .URI
                            .create(viewer.absolute(playlistUrl))
                            .resolve(m.group().trim())
                            .toString());
        }
        if (limit > 1) {
            urls.forEach(url -> fetch(viewer, url));
        }
        return urls;
    }

    /** A GET counted as a request; null (and an error counted) unless it answered 2xx. */
    private HttpResponse<byte[]> fetch(Api api, String url) {
        requests.incrementAndGet();
        try {
            HttpResponse<byte[]> response = api.get(url);
            if (response.statusCode() / 100 == 2) {
                return response;
            }
            // A lecture still processing is not the students' yet: an answer, not a fault (the
            // audit counts lectures that never became ready).
            if ((response.statusCode() == 404 || response.statusCode() == 409)
                    && url.endsWith("/playback")) {
                return null;
            }
            error(response.statusCode() + " for " + url.replaceAll("token=[^&]*", "token=…"));
        } catch (RuntimeException e) {
            error(e.getMessage());
        }
        return null;
    }

    private void error(String what) {
        errors.incrementAndGet();
        if (firstErrors.size() < 3) {
            firstErrors.add(what);
        }
    }

    /** Waits until no uploaded lecture is still waiting or processing. */
    private static void awaitSettled(Api teacher, List<String> lectures, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean settled = true;
            for (String lecture : lectures) {
                String status = teacher.status(lecture);
                if (!status.equals("ready")
                        && !status.equals("failed")
                        && !status.equals("rejected")) {
                    settled = false;
                    break;
                }
            }
            if (settled) {
                return;
            }
            Thread.sleep(500);
        }
    }
}
