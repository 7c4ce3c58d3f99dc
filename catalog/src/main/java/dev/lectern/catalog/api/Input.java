package dev.lectern.catalog.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.catalog.CatalogProblem;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.http.CommonProblem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads and checks request input. Every failure names the field and says what is expected, as an
 * {@code INVALID_FIELD} problem with a {@code field} extension clients can highlight.
 */
public final class Input {
    /** The same shape the database enforces: a primary subtag and optional subtags (BCP 47). */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    /** Jackson's words for a field named twice, before the field's name. */
    private static final String DUPLICATE = "Duplicate field '";

    private static final ObjectMapper STRICT_JSON =
            new ObjectMapper(
                    JsonFactory.builder()
                            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                            .build());

    private Input() {}

    /** {@code application/json} or a {@code +json} type, with or without parameters. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    /**
     * A refused field: {@code field} names it for the pages, {@code pointer} for other clients
     * (RFC 6901, e.g. {@code /cues/3/text}; for a query parameter, its name).
     */
    public static ApiException invalid(String field, String message) {
        return new ApiException(
                CatalogProblem.INVALID_FIELD,
                field + ": " + message,
                new JsonObject().put("field", field).put("pointer", "/" + field));
    }

    /**
     * {@code text} itself, unless it holds a NUL character, which no PostgreSQL text can store
     * (it would fail the whole request late, after objects were written).
     */
    public static String withoutNul(String field, String text) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw invalid(
                    field,
                    "contains an invisible NUL character (U+0000), which is not allowed; remove it");
        }
        return text;
    }

    /**
     * The JSON object body; fails when it is not sent as JSON, is not an object, names a field
     * twice (which of the two would count is a guess) or has fields outside {@code allowed}.
     */
    public static JsonObject body(RoutingContext ctx, Set<String> allowed) {
        if (!isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            throw new ApiException(
                    CommonProblem.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as JSON, with Content-Type: application/json.");
        }
        Buffer raw = ctx.body().buffer();
        JsonNode tree;
        try {
            tree = raw == null ? null : STRICT_JSON.readTree(raw.getBytes());
        } catch (StreamReadException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith(DUPLICATE)) {
                int end = message.indexOf('\'', DUPLICATE.length());
                throw invalid(message.substring(DUPLICATE.length(), end), "appears more than once");
            }
            throw invalid("body", "must be a JSON object");
        } catch (IOException e) {
            throw invalid("body", "must be a JSON object");
        }
        if (tree == null || !tree.isObject()) {
            throw invalid("body", "must be a JSON object");
        }
        JsonObject body = new JsonObject(raw);
        for (String name : body.fieldNames()) {
            if (!allowed.contains(name)) {
                throw invalid(name, "is not a known field; expected one of " + allowed);
            }
        }
        return body;
    }

    public static UUID uuidParam(RoutingContext ctx, String name) {
        return uuid(name, ctx.pathParam(name));
    }

    public static UUID uuid(String field, String value) {
        if (value == null) {
            throw invalid(field, "is required");
        }
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be a UUID such as 7c0e4e2a-5b1d-4f5e-9a7b-0c3d2e1f4a5b");
        }
    }

    /** A required string whose trimmed length is between {@code min} and {@code max}. */
    public static String text(JsonObject body, String field, int min, int max) {
        String value = optionalText(body, field, max);
        if (value == null || value.length() < min) {
            throw invalid(field, min > 0 ? "is required" : "must be a string");
        }
        return value;
    }

    /** A string of at most {@code max} characters when present; null when absent. */
    public static String optionalText(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw invalid(field, "must be a string");
        }
        String trimmed = withoutNul(field, text).strip();
        if (trimmed.length() > max) {
            throw invalid(field, "must be at most " + max + " characters");
        }
        return trimmed;
    }

    /**
     * A list of at most {@code maxItems} strings of at most {@code maxLength} characters each,
     * trimmed; null when absent.
     */
    public static List<String> optionalTextList(
            JsonObject body, String field, int maxItems, int maxLength) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array) || array.size() > maxItems) {
            throw invalid(field, "must be a list of at most " + maxItems + " texts");
        }
        List<String> texts = new ArrayList<>(array.size());
        for (Object item : array) {
            if (!(item instanceof String text) || text.strip().length() > maxLength) {
                throw invalid(
                        field, "must hold texts of at most " + maxLength + " characters each");
            }
            texts.add(withoutNul(field + "/" + texts.size(), text).strip());
        }
        return texts;
    }

    public static OffsetDateTime optionalInstant(JsonObject body, String field) {
        String value = optionalText(body, field, 64);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an RFC 3339 date-time such as 2026-10-01T09:00:00Z");
        }
    }

    /** A BCP 47 language tag such as {@code en}, {@code de-CH} or {@code zh-Hant}. */
    public static String optionalLanguage(JsonObject body, String field) {
        String value = optionalText(body, field, 35);
        if (value == null) {
            return null;
        }
        return language(field, value);
    }

    public static String language(String field, String value) {
        if (!LANGUAGE.matcher(value).matches()) {
            throw invalid(field, "must be a BCP 47 language tag such as en, de-CH or pt-BR");
        }
        return value;
    }

    public static Double optionalNumber(JsonObject body, String field, double min, double max) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw invalid(field, "must be a number");
        }
        double d = number.doubleValue();
        if (d < min || d > max) {
            throw invalid(field, "must be between " + min + " and " + max);
        }
        return d;
    }

    public static Boolean optionalBoolean(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean b)) {
            throw invalid(field, "must be true or false");
        }
        return b;
    }

    /** One of {@code allowed}, or null when absent. */
    public static String optionalChoice(JsonObject body, String field, Set<String> allowed) {
        String value = optionalText(body, field, 64);
        if (value != null && !allowed.contains(value)) {
            throw invalid(field, "must be one of " + allowed);
        }
        return value;
    }

    /** A query parameter as an int within bounds, or {@code fallback} when absent. */
    public static int intQuery(RoutingContext ctx, String name, int min, int max, int fallback) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number from " + min + " to " + max);
        }
    }
}
