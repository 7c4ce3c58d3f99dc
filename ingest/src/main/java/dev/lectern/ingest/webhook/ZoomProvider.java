package dev.lectern.ingest.webhook;

import dev.lectern.catalog.lifecycle.RecordingLectures.Recording;
import dev.lectern.ingest.importer.CaptionSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Zoom's {@code recording.completed} event, signed with {@code x-zm-signature: v0=<hex>} over
 * {@code v0:<x-zm-request-timestamp>:<body>}. Also answers Zoom's {@code endpoint.url_validation}
 * challenge. The recording's download token is sent as a bearer token, only to the download
 * URL's own host (Zoom stopped accepting it as a query parameter in 2023).
 */
final class ZoomProvider implements RecordingProvider {
    static final String PREFERRED_VIEW = "shared_screen_with_speaker_view";

    private final String secret;
    private final Duration tolerance;
    private final Map<String, UUID> courses;

    ZoomProvider(String secret, Duration tolerance, Map<String, UUID> courses) {
        this.secret = secret;
        this.tolerance = tolerance;
        this.courses = courses;
    }

    @Override
    public String name() {
        return "zoom";
    }

    @Override
    public WebhookOutcome accept(Delivery delivery) {
        verify(delivery);
        JsonObject body = delivery.json();
        String event = String.valueOf(body.getValue("event"));
        JsonObject payload = body.getJsonObject("payload", new JsonObject());
        if (event.equals("endpoint.url_validation")) {
            String plain = payload.getString("plainToken");
            if (plain == null || plain.isEmpty()) {
                throw WebhookOutcome.invalid("payload.plainToken is missing.");
            }
            return new WebhookOutcome.Reply(
                    new JsonObject()
                            .put("plainToken", plain)
                            .put(
                                    "encryptedToken",
                                    Signatures.hmacHex(
                                            secret, plain.getBytes(StandardCharsets.UTF_8))));
        }
        if (!event.equals("recording.completed")) {
            return WebhookOutcome.ignored("event " + event + " is not imported");
        }
        JsonObject meeting = payload.getJsonObject("object");
        if (meeting == null || meeting.getValue("uuid") == null) {
            throw WebhookOutcome.invalid("payload.object.uuid is missing.");
        }
        String meetingId = String.valueOf(meeting.getValue("id"));
        UUID course = courses.get(meetingId);
        if (course == null) {
            return WebhookOutcome.ignored("meeting " + meetingId + " is not mapped to a course");
        }
        JsonObject file = pick(meeting.getJsonArray("recording_files", new JsonArray()));
        if (file == null) {
            return WebhookOutcome.ignored("the recording has no MP4 file");
        }
        URI url;
        try {
            url = URI.create(file.getString("download_url"));
        } catch (RuntimeException e) {
            throw WebhookOutcome.invalid("the MP4 file has no valid download_url.");
        }
        String token = body.getString("download_token");
        JsonArray files = meeting.getJsonArray("recording_files", new JsonArray());
        Object minutes = meeting.getValue("duration");
        return new WebhookOutcome.Import(
                new Recording(
                        name(),
                        meeting.getValue("uuid").toString(),
                        course,
                        title(meeting),
                        startTime(meeting),
                        minutes instanceof Number n ? n.doubleValue() * 60 : null,
                        url.toString()),
                url,
                token == null || token.isEmpty() ? null : "Bearer " + token,
                transcript(files));
    }

    /**
     * Zoom's audio transcript (a WebVTT file), when the account has them turned on. Zoom does not
     * say its language; it transcribes in the account's language, English by default.
     */
    static List<CaptionSource> transcript(JsonArray files) {
        for (int i = 0; i < files.size(); i++) {
            if (files.getValue(i) instanceof JsonObject file
                    && "TRANSCRIPT".equalsIgnoreCase(file.getString("file_type"))
                    && file.getString("download_url") != null
                    && (file.getString("status") == null
                            || "completed".equalsIgnoreCase(file.getString("status")))) {
                try {
                    return List.of(
                            CaptionSource.file(
                                    URI.create(file.getString("download_url")),
                                    "en",
                                    "Transcript (Zoom)"));
                } catch (IllegalArgumentException e) {
                    return List.of();
                }
            }
        }
        return List.of();
    }

    /** The screen share with the speaker, else the largest MP4; audio and chat files never. */
    static JsonObject pick(JsonArray files) {
        JsonObject largest = null;
        for (int i = 0; i < files.size(); i++) {
            if (!(files.getValue(i) instanceof JsonObject file)
                    || !"MP4".equalsIgnoreCase(file.getString("file_type"))
                    || file.getString("download_url") == null
                    || (file.getString("status") != null
                            && !"completed".equalsIgnoreCase(file.getString("status")))) {
                continue;
            }
            if (PREFERRED_VIEW.equals(file.getString("recording_type"))) {
                return file;
            }
            if (largest == null || size(file) > size(largest)) {
                largest = file;
            }
        }
        return largest;
    }

    private static long size(JsonObject file) {
        return file.getValue("file_size") instanceof Number n ? n.longValue() : 0;
    }

    private static String title(JsonObject meeting) {
        String topic = meeting.getString("topic");
        String title = topic == null || topic.isBlank() ? "Zoom recording" : topic.trim();
        return title.length() > 300 ? title.substring(0, 300) : title;
    }

    private static OffsetDateTime startTime(JsonObject meeting) {
        try {
            String start = meeting.getString("start_time");
            return start == null ? null : OffsetDateTime.parse(start);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void verify(Delivery delivery) {
        String signature = delivery.headers().get("x-zm-signature");
        String timestamp = delivery.headers().get("x-zm-request-timestamp");
        if (signature == null || timestamp == null) {
            throw Signatures.badSignature(
                    "The x-zm-signature and x-zm-request-timestamp headers are required.");
        }
        long seconds = Signatures.epochSeconds(timestamp);
        String expected =
                "v0="
                        + Signatures.hmacHex(
                                secret,
                                Signatures.concat("v0:" + timestamp + ":", delivery.bytes()));
        if (!Signatures.same(expected, signature.trim().toLowerCase(Locale.ROOT))) {
            throw Signatures.badSignature("x-zm-signature does not match the body.");
        }
        Signatures.requireFresh(seconds, delivery.receivedAt(), tolerance);
    }
}
