package dev.lectern.catalog.lecture;

import dev.lectern.catalog.LectureStatus;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code GET /lectures}: the lectures the caller may see, newest first, filtered by course, status
 * and words, one page at a time. Students only ever see released lectures with a rendition set.
 */
public final class LectureListing {
    private final LectureStore lectures;

    public LectureListing(LectureStore lectures) {
        this.lectures = lectures;
    }

    public void mount(Router api) {
        api.get("/lectures").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        var params = ctx.queryParams();
        String course = params.get("course");
        UUID courseId = course == null || course.isEmpty() ? null : Input.uuid("course", course);
        LectureStatus status = status(params.get("status"));
        String q = params.get("q");
        if (q != null && (q.isBlank() || q.length() > 200)) {
            throw Input.invalid("q", "must be 1 to 200 characters");
        }
        int limit = Input.intQuery(ctx, "limit", 1, 100, 20);
        String after = params.get("cursor");
        Cursor cursor = after == null || after.isEmpty() ? null : Cursor.decode(after);
        lectures.visibleTo(who, new LectureStore.Filter(courseId, status, q), cursor, limit)
                .onSuccess(page -> Responses.read(ctx, page.toJson()))
                .onFailure(ctx::fail);
    }

    private static LectureStatus status(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LectureStatus.valueOf(value.toUpperCase(Locale.ROOT));
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
