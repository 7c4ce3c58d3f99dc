package dev.lectern.app;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the webinar systems compute to sign their webhooks, computed independently for tests. */
final class Hmac {
    private Hmac() {}

    static byte[] sha256(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(String secret, String message) throws Exception {
        return HexFormat.of().formatHex(sha256(secret, message));
    }

    /** An HS256 JWT with the given claims, as BigBlueButton signs its callbacks. */
    static String jwt(JsonObject claims, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String head =
                b64.encodeToString(
                        "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        return head + "." + body + "." + b64.encodeToString(sha256(secret, head + "." + body));
    }
}
