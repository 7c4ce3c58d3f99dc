package dev.lectern.ingest.webhook;

import dev.lectern.catalog.lifecycle.RecordingLectures.Recording;
import dev.lectern.ingest.importer.CaptionSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Any system that can sign a JSON body: {@code Lectern-Signature: t=<unix>,v1=<hex>} where v1 is
 * HMAC-SHA256 of {@code "<t>.<body>"} with the shared secret (several v1 entries may be sent
 * while a secret is rotated; one must match).
 */
final class GenericProvider implements RecordingProvider {
    static final String HEADER = "Lectern-Signature";
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private final String secret;
    private final Duration tolerance;

    GenericProvider(String secret, Duration tolerance) {
        this.secret = secret;
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public WebhookOutcome accept(Delivery delivery) {
        verify(delivery);
        JsonObject body = delivery.json();
        String externalId = text(body, "externalId", 500);
        UUID courseId;
        try {
            courseId = UUID.fromString(text(body, "courseId", 36));
        } catch (IllegalArgumentException e) {
            throw WebhookOutcome.invalid("courseId must be a UUID.");
        }
        String title = text(body, "title", 300);
        URI url;
        try {
            url = URI.create(text(body, "recordingUrl", 4096));
        } catch (IllegalArgumentException e) {
            throw WebhookOutcome.invalid("recordingUrl is not a URL.");
        }
        OffsetDateTime startedAt;
        try {
            startedAt = OffsetDateTime.parse(text(body, "startedAt", 64));
        } catch (DateTimeParseException e) {
            throw WebhookOutcome.invalid("startedAt must be an RFC 3339 date-time.");
        }
        Object duration = body.getValue("durationSeconds");
        if (duration != null && !(duration instanceof Number n && n.doubleValue() >= 0)) {
            throw WebhookOutcome.invalid("durationSeconds must be a number of seconds.");
        }
        return new WebhookOutcome.Import(
                new Recording(
                        name(),
                        externalId,
                        courseId,
                        title,
                        startedAt,
                        duration == null ? null : ((Number) duration).doubleValue(),
                        url.toString()),
                url,
                null,
                captions(body));
    }

    /** Optional {@code captions: [{"url", "language", "label"}]}: files that came with it. */
    private static List<CaptionSource> captions(JsonObject body) {
        Object value = body.getValue("captions");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > 20) {
            throw WebhookOutcome.invalid("captions must be a list of at most 20 caption files.");
        }
        List<CaptionSource> sources = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject file)) {
                throw WebhookOutcome.invalid("captions[" + i + "] must be an object.");
            }
            String language = text(file, "language", 35);
            if (!LANGUAGE.matcher(language).matches()) {
                throw WebhookOutcome.invalid(
                        "captions[" + i + "].language must be a BCP 47 tag such as en or de-CH.");
            }
            URI url;
            try {
                url = URI.create(text(file, "url", 4096));
            } catch (IllegalArgumentException e) {
                throw WebhookOutcome.invalid("captions[" + i + "].url is not a URL.");
            }
            String label = file.getString("label");
            sources.add(
                    CaptionSource.file(
                            url,
                            language,
                            label == null || label.isBlank()
                                    ? language
                                    : label.strip()
                                            .substring(0, Math.min(100, label.strip().length()))));
        }
        return sources;
    }

    private void verify(Delivery delivery) {
        String header = delivery.headers().get(HEADER);
        if (header == null) {
            throw Signatures.badSignature("The " + HEADER + " header is missing.");
        }
        String timestamp = null;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                timestamp = pair[1];
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signatures.add(pair[1].toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw Signatures.badSignature(HEADER + " must be t=<unix seconds>,v1=<hex>.");
        }
        long seconds = Signatures.epochSeconds(timestamp);
        String expected =
                Signatures.hmacHex(secret, Signatures.concat(timestamp + ".", delivery.bytes()));
        if (signatures.stream().noneMatch(s -> Signatures.same(expected, s))) {
            throw Signatures.badSignature("No v1 signature in " + HEADER + " matches the body.");
        }
        Signatures.requireFresh(seconds, delivery.receivedAt(), tolerance);
    }

    private static String text(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (!(value instanceof String s) || s.isBlank() || s.length() > max) {
            throw WebhookOutcome.invalid(
                    field + " is required: a non-empty string of at most " + max + " characters.");
        }
        return s.trim();
    }
}
