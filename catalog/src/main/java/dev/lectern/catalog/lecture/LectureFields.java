package dev.lectern.catalog.lecture;

import dev.lectern.catalog.api.Input;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * The fields a teacher edits, validated together: a {@code scheduled} lecture needs {@code
 * availableFrom}, and {@code availableFrom} means nothing for the other visibilities.
 */
public record LectureFields(
        String title,
        String description,
        String presenter,
        OffsetDateTime recordedAt,
        String language,
        String visibility,
        OffsetDateTime availableFrom) {

    static final Set<String> NAMES =
            Set.of(
                    "title",
                    "description",
                    "presenter",
                    "recordedAt",
                    "language",
                    "visibility",
                    "availableFrom");
    static final Set<String> VISIBILITIES = Set.of("draft", "published", "scheduled");

    static LectureFields defaults() {
        return new LectureFields(null, "", "", null, null, "draft", null);
    }

    /** These fields with the ones present in {@code body} replaced (null clears optional ones). */
    LectureFields merge(JsonObject body) {
        LectureFields merged =
                new LectureFields(
                        body.containsKey("title") ? Input.text(body, "title", 1, 300) : title,
                        body.containsKey("description")
                                ? orEmpty(Input.optionalText(body, "description", 20_000))
                                : description,
                        body.containsKey("presenter")
                                ? orEmpty(Input.optionalText(body, "presenter", 300))
                                : presenter,
                        body.containsKey("recordedAt")
                                ? Input.optionalInstant(body, "recordedAt")
                                : recordedAt,
                        body.containsKey("language")
                                ? Input.optionalLanguage(body, "language")
                                : language,
                        body.containsKey("visibility")
                                ? required(Input.optionalChoice(body, "visibility", VISIBILITIES))
                                : visibility,
                        body.containsKey("availableFrom")
                                ? Input.optionalInstant(body, "availableFrom")
                                : availableFrom);
        if (merged.title == null) {
            throw Input.invalid("title", "is required");
        }
        if (merged.visibility.equals("scheduled") && merged.availableFrom == null) {
            throw Input.invalid(
                    "availableFrom", "is required when visibility is scheduled: when to release");
        }
        if (!merged.visibility.equals("scheduled") && merged.availableFrom != null) {
            if (body.containsKey("availableFrom")) {
                throw Input.invalid("availableFrom", "only applies when visibility is scheduled");
            }
            // Switching from scheduled to draft or published drops the old release time.
            return merged.withoutAvailableFrom();
        }
        return merged;
    }

    private LectureFields withoutAvailableFrom() {
        return new LectureFields(
                title, description, presenter, recordedAt, language, visibility, null);
    }

    private static String required(String visibility) {
        if (visibility == null) {
            throw Input.invalid("visibility", "must be one of " + VISIBILITIES);
        }
        return visibility;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
