package dev.lectern.catalog.media;

import dev.lectern.infra.auth.Identity;
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
 * expiry.userBase64.scope.hmacBase64}, the scope {@code a} for an administrator (whose rights
 * come from the identity provider) and {@code m} for a course member (whose rights {@link
 * MediaAccess} re-reads while they watch). HMAC-SHA256 with a key kept in the database, so every
 * API process checks what any other issued.
 */
public final class MediaTokens {
    /** Long enough for a lecture watched in one sitting with pauses; the player reloads after. */
    public static final Duration LIFETIME = Duration.ofHours(6);

    private static final String KEY = "SELECT secret FROM media_signing_keys WHERE id = 1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String ADMIN = "a";
    private static final String MEMBER = "m";

    private final Pool pool;

    /**
     * The key once read. Kept as a value, not a future: a completed future runs its callbacks on
     * the event loop that read it, which would pull every media request onto that one loop.
     */
    private volatile byte[] secret;

    public MediaTokens(Pool pool) {
        this.pool = pool;
    }

    private Future<byte[]> secret() {
        byte[] known = secret;
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return pool.query(KEY)
                .execute()
                .map(
                        rows -> {
                            byte[] read = rows.iterator().next().getBuffer("secret").getBytes();
                            secret = read;
                            return read;
                        });
    }

    /** A token for {@code who} watching {@code lectureId}, valid for {@link #LIFETIME}. */
    public Future<String> issue(Identity who, UUID lectureId, Instant now) {
        long expires = now.plus(LIFETIME).getEpochSecond();
        String user = B64.encodeToString(who.userId().getBytes(StandardCharsets.UTF_8));
        String scope = who.admin() ? ADMIN : MEMBER;
        return secret().map(
                        key ->
                                expires
                                        + "."
                                        + user
                                        + "."
                                        + scope
                                        + "."
                                        + mac(key, expires, user, scope, lectureId));
    }

    /** Who the token was issued to, when it is genuine, unexpired and for this lecture. */
    public Future<Optional<MediaViewer>> verify(String token, UUID lectureId, Instant now) {
        if (token == null) {
            return Future.succeededFuture(Optional.empty());
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !parts[2].equals(ADMIN) && !parts[2].equals(MEMBER)) {
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
                                    mac(key, expires, parts[1], parts[2], lectureId)
                                            .getBytes(StandardCharsets.US_ASCII);
                            boolean genuine =
                                    MessageDigest.isEqual(
                                            expected, parts[3].getBytes(StandardCharsets.US_ASCII));
                            if (!genuine || now.getEpochSecond() > expires) {
                                return Optional.empty();
                            }
                            try {
                                String user =
                                        new String(
                                                Base64.getUrlDecoder().decode(parts[1]),
                                                StandardCharsets.UTF_8);
                                return Optional.of(new MediaViewer(user, parts[2].equals(ADMIN)));
                            } catch (IllegalArgumentException e) {
                                return Optional.empty();
                            }
                        });
    }

    /** Whom a genuine token names: a user, and whether they were an administrator. */
    public record MediaViewer(String userId, boolean admin) {}

    private static String mac(byte[] key, long expires, String user, String scope, UUID lectureId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest =
                    mac.doFinal(
                            (expires + "|" + user + "|" + scope + "|" + lectureId)
                                    .getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
