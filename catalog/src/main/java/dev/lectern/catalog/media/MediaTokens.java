package dev.lectern.catalog.media;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring media tokens bound to one user and one lecture: {@code
 * expiry.userBase64.hmacBase64}. HMAC-SHA256 with a key kept in the database, so every API process
 * checks what any other issued; media requests then need no database round trip for the check.
 */
public final class MediaTokens {
    /** Long enough for a lecture watched in one sitting with pauses; the player reloads after. */
    public static final Duration LIFETIME = Duration.ofHours(6);

    private static final String KEY = "SELECT secret FROM media_signing_keys WHERE id = 1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Pool pool;
    private Future<byte[]> secret;

    public MediaTokens(Pool pool) {
        this.pool = pool;
    }

    private synchronized Future<byte[]> secret() {
        if (secret == null || secret.failed()) {
            secret =
                    pool.query(KEY)
                            .execute()
                            .map(rows -> rows.iterator().next().getBuffer("secret").getBytes());
        }
        return secret;
    }

    /** A token for {@code userId} watching {@code lectureId}, valid for {@link #LIFETIME}. */
    public Future<String> issue(String userId, UUID lectureId, Instant now) {
        long expires = now.plus(LIFETIME).getEpochSecond();
        String user = B64.encodeToString(userId.getBytes(StandardCharsets.UTF_8));
        return secret().map(key -> expires + "." + user + "." + mac(key, expires, user, lectureId));
    }

    /** The user the token was issued to, when it is genuine, unexpired and for this lecture. */
    public Future<Optional<String>> verify(String token, UUID lectureId, Instant now) {
        if (token == null) {
            return Future.succeededFuture(Optional.empty());
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Future.succeededFuture(Optional.empty());
        }
        long expires;
        try {
            expires = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return Future.succeededFuture(Optional.empty());
        }
        return secret().map(
                        key -> {
                            byte[] expected =
                                    mac(key, expires, parts[1], lectureId)
                                            .getBytes(StandardCharsets.US_ASCII);
                            boolean genuine =
                                    MessageDigest.isEqual(
                                            expected, parts[2].getBytes(StandardCharsets.US_ASCII));
                            if (!genuine || now.getEpochSecond() > expires) {
                                return Optional.empty();
                            }
                            try {
                                return Optional.of(
                                        new String(
                                                Base64.getUrlDecoder().decode(parts[1]),
                                                StandardCharsets.UTF_8));
                            } catch (IllegalArgumentException e) {
                                return Optional.empty();
                            }
                        });
    }

    private static String mac(byte[] key, long expires, String user, UUID lectureId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest =
                    mac.doFinal(
                            (expires + "|" + user + "|" + lectureId)
                                    .getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
