package dev.lectern.catalog.caption;

import dev.lectern.catalog.api.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How far a lecture's enrolled students got, bucketed by the furthest point each reached; 90%
 * counts as complete, since the closing minutes of a recording are often questions and goodbyes.
 *
 * @param durationSeconds the lecture's length; null when unknown or when nobody is enrolled
 */
public record Completion(UUID lectureId, Double durationSeconds, List<Student> students) {
    private static final List<String> BUCKETS =
            List.of("none", "under25", "under50", "under75", "under90", "completed");

    public Completion {
        students = List.copyOf(students);
    }

    /** One student; {@code furthestSeconds} and {@code updatedAt} are null until they watch. */
    public record Student(
            String userId, String displayName, Double furthestSeconds, OffsetDateTime updatedAt) {}

    public JsonObject toJson() {
        Map<String, Integer> buckets = new LinkedHashMap<>();
        BUCKETS.forEach(bucket -> buckets.put(bucket, 0));
        JsonArray list = new JsonArray();
        int started = 0;
        for (Student student : students) {
            Double furthest = student.furthestSeconds();
            Double fraction =
                    furthest == null || durationSeconds == null || durationSeconds <= 0
                            ? null
                            : Math.min(1.0, furthest / durationSeconds);
            if (furthest != null) {
                started++;
            }
            buckets.merge(bucket(furthest, fraction), 1, Integer::sum);
            list.add(
                    new JsonObject()
                            .put("userId", student.userId())
                            .put(
                                    "displayName",
                                    student.displayName().isEmpty()
                                            ? student.userId()
                                            : student.displayName())
                            .put("furthestSeconds", furthest == null ? 0.0 : furthest)
                            .put("fraction", fraction)
                            .put("updatedAt", Responses.time(student.updatedAt())));
        }
        return new JsonObject()
                .put("lectureId", lectureId.toString())
                .put("durationSeconds", durationSeconds)
                .put("enrolled", students.size())
                .put("started", started)
                .put("buckets", new JsonObject(new LinkedHashMap<>(buckets)))
                .put("students", list);
    }

    private static String bucket(Double furthest, Double fraction) {
        if (furthest == null || furthest == 0) {
            return "none";
        }
        if (fraction == null) {
            return "under25";
        }
        if (fraction >= 0.9) {
            return "completed";
        }
        return fraction < 0.25
                ? "under25"
                : fraction < 0.5 ? "under50" : fraction < 0.75 ? "under75" : "under90";
    }
}
