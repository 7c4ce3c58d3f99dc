package dev.lectern.catalog.lecture;

import dev.lectern.catalog.LectureStatus;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code GET /lectures}: the lectures the caller may see, newest first, filtered by course, status
 * and words, one page at a time. Students only ever see released lectures with a rendition set.
 */
public final class LectureListing {
    /** Visible to the caller: admin ($2), the course's teacher, or a student once released. */
    private static final String PAGE =
            "SELECT "
                    + LectureView.COLUMNS
                    + ", ($2 OR m.role = 'teacher') AS teacher"
                    + " FROM lectures l LEFT JOIN memberships m"
                    + " ON m.course_id = l.course_id AND m.user_id = $1"
                    + " WHERE ($2 OR m.role = 'teacher' OR (m.role = 'student'"
                    + "   AND l.published_version IS NOT NULL AND (l.visibility = 'published'"
                    + "   OR (l.visibility = 'scheduled' AND l.available_from <= now()))))"
                    + " AND ($3::uuid IS NULL OR l.course_id = $3)"
                    + " AND ($4::text IS NULL OR l.status = $4)"
                    + " AND ($5::text IS NULL OR l.search_vector @@ websearch_to_tsquery(l.search_config, $5))"
                    + " AND ($6::timestamptz IS NULL OR (l.created_at, l.id) < ($6, $7::uuid))"
                    + " ORDER BY l.created_at DESC, l.id DESC LIMIT $8";

    private final Pool pool;

    public LectureListing(Pool pool) {
        this.pool = pool;
    }

    public void mount(Router api) {
        api.get("/lectures").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        var params = ctx.queryParams();
        String course = params.get("course");
        UUID courseId = course == null || course.isEmpty() ? null : Input.uuid("course", course);
        String status = status(params.get("status"));
        String q = params.get("q");
        if (q != null && (q.isBlank() || q.length() > 200)) {
            throw Input.invalid("q", "must be 1 to 200 characters");
        }
        int limit = Input.intQuery(ctx, "limit", 1, 100, 20);
        String after = params.get("cursor");
        Cursor cursor = after == null || after.isEmpty() ? null : Cursor.decode(after);
        Tuple args =
                Tuple.of(who.userId(), who.admin(), courseId, status, q)
                        .addOffsetDateTime(cursor == null ? null : cursor.createdAt())
                        .addUUID(cursor == null ? null : cursor.id())
                        // One extra row says whether there is a next page.
                        .addInteger(limit + 1);
        pool.preparedQuery(PAGE)
                .execute(args)
                .onSuccess(
                        rows -> {
                            JsonArray items = new JsonArray();
                            Row last = null;
                            int count = 0;
                            for (Row row : rows) {
                                if (count++ == limit) {
                                    break;
                                }
                                items.add(LectureView.toJson(row, row.getBoolean("teacher")));
                                last = row;
                            }
                            JsonObject page = new JsonObject().put("items", items);
                            if (rows.size() > limit && last != null) {
                                page.put(
                                        "nextCursor",
                                        new Cursor(
                                                        last.getOffsetDateTime("created_at"),
                                                        last.getUUID("id"))
                                                .encode());
                            }
                            Responses.read(ctx, page);
                        })
                .onFailure(ctx::fail);
    }

    private static String status(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LectureStatus.valueOf(value.toUpperCase(Locale.ROOT)).dbValue();
        } catch (IllegalArgumentException e) {
            throw Input.invalid(
                    "status",
                    "must be one of "
                            + Arrays.stream(LectureStatus.values())
                                    .map(LectureStatus::dbValue)
                                    .toList());
        }
    }
}
