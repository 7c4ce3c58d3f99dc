package dev.lectern.catalog.media;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** URLs of a lecture's media files, carrying a viewer's media token, as players fetch them. */
public record MediaLinks(String origin, UUID lectureId, String token) {

    /** Links for the server this request reached. */
    public static MediaLinks of(RoutingContext ctx, UUID lectureId, String token) {
        return new MediaLinks(
                ctx.request().scheme() + "://" + ctx.request().authority(), lectureId, token);
    }

    /** {@code path} is relative to the lecture's folder, e.g. {@code v3/master.m3u8}. */
    public String to(String path) {
        return origin + "/media/" + lectureId + "/" + path + "?token=" + token;
    }

    /** Null for a null path: a file that does not exist gets no link. */
    public String toOptional(String path) {
        return path == null ? null : to(path);
    }
}
