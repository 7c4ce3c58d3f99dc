package dev.lectern.ingest.importer;

import dev.lectern.catalog.caption.CaptionFormatException;
import dev.lectern.catalog.caption.CaptionImports;
import dev.lectern.catalog.caption.Captions;
import dev.lectern.infra.jobs.SequentialJob;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the captions a webinar recording came with, through the same SSRF guard as the
 * recording, and keeps them as the lecture's imported tracks. Captions are a bonus: whatever
 * goes wrong here is logged and the import goes on.
 */
final class CaptionFetch {
    private static final Logger LOG = LoggerFactory.getLogger(CaptionFetch.class);

    /** Far more than an eight-hour lecture's captions; a larger answer is not a caption file. */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private final GuardedFetcher fetcher;
    private final CaptionImports imports;

    CaptionFetch(GuardedFetcher fetcher, CaptionImports imports) {
        this.fetcher = fetcher;
        this.imports = imports;
    }

    /** Runs on the job's virtual thread; fetches go out from the event loop. */
    void importAll(
            SequentialJob job, UUID lectureId, List<CaptionSource> sources, String authorization) {
        for (CaptionSource source : sources) {
            try {
                if (source.index()) {
                    importIndex(job, lectureId, source.url(), authorization);
                } else {
                    importFile(job, lectureId, source, authorization);
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "captions of lecture {} from {} were not imported: {}",
                        lectureId,
                        source.url().getHost(),
                        e.getMessage());
            }
        }
    }

    private void importIndex(SequentialJob job, UUID lectureId, URI index, String authorization) {
        JsonArray locales = new JsonArray(fetch(job, index, authorization));
        for (int i = 0; i < locales.size(); i++) {
            JsonObject entry = locales.getJsonObject(i);
            String locale = entry.getString("locale", "");
            if (!LOCALE.matcher(locale).matches()) {
                continue;
            }
            String name = entry.getString("localeName", locale);
            importFile(
                    job,
                    lectureId,
                    CaptionSource.file(
                            index.resolve("caption_" + locale + ".vtt"),
                            locale.replace('_', '-'),
                            name.length() > 100 ? name.substring(0, 100) : name),
                    authorization);
        }
    }

    private void importFile(
            SequentialJob job, UUID lectureId, CaptionSource source, String authorization) {
        Buffer body = fetch(job, source.url(), authorization);
        try {
            var cues = Captions.parse(body.getBytes());
            var added = imports.add(lectureId, source.language(), source.label(), cues).await();
            added.ifPresent(
                    track ->
                            LOG.info(
                                    "lecture {}: {} captions in {} came with the recording",
                                    lectureId,
                                    track.cueCount(),
                                    source.language().toLowerCase(Locale.ROOT)));
        } catch (CaptionFormatException e) {
            throw new IllegalArgumentException(
                    "line " + e.line() + " of the caption file: " + e.getMessage());
        }
    }

    private Buffer fetch(SequentialJob job, URI url, String authorization) {
        return job.onEventLoop(
                        () ->
                                fetcher.get(url, MultiMap.caseInsensitiveMultiMap(), authorization)
                                        .compose(CaptionFetch::body))
                .await();
    }

    private static Future<Buffer> body(HttpClientResponse response) {
        String length = response.getHeader("Content-Length");
        if (length != null && Long.parseLong(length) > MAX_BYTES) {
            response.request().connection().close();
            return Future.failedFuture(
                    new IllegalArgumentException("the caption file is larger than 8 MiB"));
        }
        Buffer all = Buffer.buffer();
        io.vertx.core.Promise<Buffer> done = io.vertx.core.Promise.promise();
        response.handler(
                        chunk -> {
                            all.appendBuffer(chunk);
                            if (all.length() > MAX_BYTES) {
                                response.request().connection().close();
                                done.tryFail(
                                        new IllegalArgumentException(
                                                "the caption file is larger than 8 MiB"));
                            }
                        })
                .exceptionHandler(done::tryFail)
                .endHandler(v -> done.tryComplete(all));
        return done.future();
    }
}
