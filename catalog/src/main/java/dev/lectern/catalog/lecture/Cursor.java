package dev.lectern.catalog.lecture;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.infra.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of lectures ended: the last row's (created_at, id), opaque to clients. Keyset
 * pagination keeps every page as cheap as the first and stable while lectures are added.
 */
public record Cursor(OffsetDateTime createdAt, UUID id) {

    public String encode() {
        Instant at = createdAt.toInstant();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        String raw = micros + "~" + id;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String value) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int sep = raw.indexOf('~');
            long micros = Long.parseLong(raw.substring(0, sep));
            Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            return new Cursor(at.atOffset(ZoneOffset.UTC), UUID.fromString(raw.substring(sep + 1)));
        } catch (RuntimeException e) {
            throw new ApiException(
                    CatalogProblem.INVALID_CURSOR, "Use the nextCursor of a previous page.");
        }
    }
}
