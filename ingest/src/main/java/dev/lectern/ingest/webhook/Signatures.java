package dev.lectern.ingest.webhook;

import dev.lectern.infra.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signing, constant-time comparison and timestamp checks shared by the providers. */
final class Signatures {
    private Signatures() {}

    static byte[] hmacSha256(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String hmacHex(String secret, byte[] message) {
        return HexFormat.of().formatHex(hmacSha256(secret, message));
    }

    /** {@code prefix} bytes followed by {@code body}, the usual "timestamp + body" message. */
    static byte[] concat(String prefix, byte[] body) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** Compares in time independent of where the strings differ. */
    static boolean same(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        given.getBytes(StandardCharsets.UTF_8));
    }

    static ApiException badSignature(String detail) {
        return new ApiException(WebhookProblem.BAD_SIGNATURE, detail);
    }

    /** Seconds since the epoch, as providers send them; fails as a bad signature when unreadable. */
    static long epochSeconds(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (RuntimeException e) {
            throw badSignature("The signature's timestamp is missing or not a number.");
        }
    }

    static void requireFresh(long epochSeconds, Instant now, Duration tolerance) {
        long skew = Math.abs(now.getEpochSecond() - epochSeconds);
        if (skew > tolerance.toSeconds()) {
            throw new ApiException(
                    WebhookProblem.STALE_TIMESTAMP,
                    "The timestamp is "
                            + skew
                            + " s from now; at most "
                            + tolerance.toSeconds()
                            + " s are accepted.");
        }
    }
}
