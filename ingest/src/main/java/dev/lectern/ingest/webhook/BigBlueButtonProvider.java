package dev.lectern.ingest.webhook;

import dev.lectern.catalog.lifecycle.RecordingLectures.Recording;
import dev.lectern.ingest.importer.CaptionSource;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BigBlueButton's recording-ready callback ({@code meta_bbb-recording-ready-url}): a form POST whose
 * {@code signed_parameters} field is an HS256 JWT, signed with the server's shared secret, with the
 * claims {@code meeting_id} and {@code record_id}. BigBlueButton puts no time in it; when the token
 * carries {@code exp} or {@code iat} they are checked, and the recording id keeps a replay from
 * doing anything twice. The media fetched is {@code BBB_URL + BBB_MEDIA_PATH}.
 *
 * <p>The token is checked here rather than with vertx-auth-jwt's {@code JWTAuth}: that verifies
 * only asynchronously, while providers check a delivery synchronously before reading it; it tells
 * an expired token from a forged one only in its message text, where these two answer {@code
 * STALE_TIMESTAMP} and {@code BAD_SIGNATURE}; and it does not refuse an old {@code iat}, so the
 * time checks would stay here anyway. Its synchronous decoder is an implementation class.
 */
final class BigBlueButtonProvider implements RecordingProvider {
    private static final Pattern LEADING_UUID =
            Pattern.compile(
                    "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
    private static final Pattern RECORD_TIME = Pattern.compile("-(\\d{13})$");

    private final String secret;
    private final Duration tolerance;
    private final Map<String, UUID> courses;
    private final URI baseUrl;
    private final String mediaPath;

    BigBlueButtonProvider(
            String secret,
            Duration tolerance,
            Map<String, UUID> courses,
            URI baseUrl,
            String mediaPath) {
        this.secret = secret;
        this.tolerance = tolerance;
        this.courses = courses;
        this.baseUrl = baseUrl;
        this.mediaPath = mediaPath;
    }

    @Override
    public String name() {
        return "bigbluebutton";
    }

    @Override
    public WebhookOutcome accept(Delivery delivery) {
        JsonObject claims = verify(delivery);
        String meetingId = claims.getString("meeting_id");
        String recordId = claims.getString("record_id");
        if (meetingId == null || recordId == null || recordId.length() > 500) {
            throw WebhookOutcome.invalid("The token must carry meeting_id and record_id.");
        }
        UUID course = course(meetingId);
        if (course == null) {
            return WebhookOutcome.ignored("meeting " + meetingId + " is not mapped to a course");
        }
        URI url =
                URI.create(
                        baseUrl
                                + mediaPath.replace(
                                        "{recordId}",
                                        URLEncoder.encode(recordId, StandardCharsets.UTF_8)));
        return new WebhookOutcome.Import(
                new Recording(
                        name(),
                        recordId,
                        course,
                        "Recording of "
                                + (meetingId.length() > 200
                                        ? meetingId.substring(0, 200)
                                        : meetingId),
                        recordedAt(recordId),
                        null,
                        url.toString()),
                url,
                null,
                List.of(CaptionSource.index(captionsIndex(recordId))));
    }

    /**
     * Where BigBlueButton's presentation format publishes a recording's closed captions: an index
     * of the languages, with a WebVTT file per language beside it. A recording without captions
     * has no index, and the import goes on without.
     */
    private URI captionsIndex(String recordId) {
        return URI.create(
                baseUrl
                        + "/presentation/"
                        + URLEncoder.encode(recordId, StandardCharsets.UTF_8)
                        + "/captions.json");
    }

    /** The configured map first; else a meeting id that starts with a course id names it. */
    private UUID course(String meetingId) {
        UUID mapped = courses.get(meetingId);
        if (mapped != null) {
            return mapped;
        }
        Matcher leading = LEADING_UUID.matcher(meetingId);
        return leading.find() ? UUID.fromString(leading.group(1)) : null;
    }

    /** Record ids end with the start time in epoch milliseconds ("<hash>-1700000000000"). */
    private static OffsetDateTime recordedAt(String recordId) {
        Matcher time = RECORD_TIME.matcher(recordId);
        return time.find()
                ? Instant.ofEpochMilli(Long.parseLong(time.group(1))).atOffset(ZoneOffset.UTC)
                : null;
    }

    private JsonObject verify(Delivery delivery) {
        String token;
        try {
            token =
                    formField(
                            delivery.body().toString(StandardCharsets.UTF_8), "signed_parameters");
        } catch (IllegalArgumentException e) {
            throw WebhookOutcome.invalid("The body is not a valid form.");
        }
        if (token == null) {
            throw Signatures.badSignature("The signed_parameters form field is missing.");
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw Signatures.badSignature("signed_parameters is not a JWT.");
        }
        JsonObject header = decode(parts[0]);
        if (!"HS256".equals(header.getString("alg"))) {
            throw Signatures.badSignature("signed_parameters must be signed with HS256.");
        }
        String expected =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                Signatures.hmacSha256(
                                        secret,
                                        (parts[0] + "." + parts[1])
                                                .getBytes(StandardCharsets.US_ASCII)));
        if (!Signatures.same(expected, parts[2])) {
            throw Signatures.badSignature(
                    "signed_parameters is not signed with the shared secret.");
        }
        JsonObject claims = decode(parts[1]);
        Instant now = delivery.receivedAt();
        if (claims.getValue("exp") instanceof Number exp
                && exp.longValue() + tolerance.toSeconds() < now.getEpochSecond()) {
            Signatures.requireFresh(exp.longValue(), now, tolerance);
        }
        if (claims.getValue("iat") instanceof Number iat) {
            Signatures.requireFresh(iat.longValue(), now, tolerance);
        }
        return claims;
    }

    private static JsonObject decode(String part) {
        try {
            return new JsonObject(
                    new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw Signatures.badSignature("signed_parameters is not a readable JWT.");
        }
    }

    /** One field of an application/x-www-form-urlencoded body. */
    static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key =
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0
                        ? ""
                        : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
