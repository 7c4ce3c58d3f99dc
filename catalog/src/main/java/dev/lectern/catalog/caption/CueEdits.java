package dev.lectern.catalog.caption;

import dev.lectern.catalog.api.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cues as the caption editor sends and shows them: {@code {"start", "end", "text"}} in seconds.
 * A saved cue keeps the word timings of the cue it was, when neither its text nor its times
 * changed, so a search still lands on the word.
 */
final class CueEdits {
    static final int MAX_CUES = 20_000;
    static final int MAX_TEXT = 500;

    private CueEdits() {}

    static JsonObject toJson(Cue cue) {
        return new JsonObject()
                .put("start", cue.startSeconds())
                .put("end", cue.endSeconds())
                .put("text", cue.text());
    }

    /** The {@code cues} member of an edit, in time order; bad input names the cue. */
    static List<Cue> parse(JsonObject body, List<Cue> before) {
        Object value = body.getValue("cues");
        if (!(value instanceof JsonArray array)) {
            throw Input.invalid("cues", "is required: a list of {start, end, text}");
        }
        if (array.size() > MAX_CUES) {
            throw Input.invalid("cues", "must hold at most " + MAX_CUES + " cues");
        }
        Map<String, List<SpokenWord>> kept = new HashMap<>();
        for (Cue cue : before) {
            kept.put(key(cue.startSeconds(), cue.endSeconds(), cue.text()), cue.words());
        }
        List<Cue> cues = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String field = "cues/" + i;
            if (!(array.getValue(i) instanceof JsonObject item)) {
                throw Input.invalid(field, "must be an object with start, end and text");
            }
            double start =
                    Input.optionalNumber(item, "start", 0, 86_400) == null
                            ? missing(field + "/start")
                            : item.getDouble("start");
            double end =
                    Input.optionalNumber(item, "end", 0, 86_400) == null
                            ? missing(field + "/end")
                            : item.getDouble("end");
            if (!(end > start)) {
                throw Input.invalid(field, "must end after it starts");
            }
            String text = Input.optionalText(item, "text", MAX_TEXT);
            if (text == null || text.isEmpty()) {
                throw Input.invalid(field + "/text", "is required; delete the cue instead");
            }
            text = text.replace("\r\n", "\n");
            cues.add(
                    new Cue(
                            start,
                            end,
                            "",
                            text,
                            kept.getOrDefault(key(start, end, text), List.of())));
        }
        cues.sort(Comparator.comparingDouble(Cue::startSeconds));
        return cues;
    }

    private static double missing(String field) {
        throw Input.invalid(field, "is required, in seconds");
    }

    private static String key(double start, double end, String text) {
        return start + "|" + end + "|" + text;
    }
}
