package dev.lectern.bench;

import dev.lectern.app.Lectern;
import dev.lectern.app.LecternConfig;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.config.ConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole service started in this JVM with {@link Lectern#start} on its embedded defaults
 * (PostgreSQL, S3) in a scratch data directory: exactly what {@code lectern serve} runs.
 */
final class InProcessLectern implements AutoCloseable {
    final Lectern lectern;
    final Api admin;

    InProcessLectern(Path dataDir, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("LECTERN_DATA_DIR", dataDir.toString());
        settings.put("LECTERN_HTTP_HOST", "127.0.0.1");
        settings.put("LECTERN_HTTP_PORT", "0");
        settings.put("LECTERN_LOG_LEVEL", "warn");
        // Each stage measures one thing: automatic captions and slides have stages of their own
        // and would otherwise read every test lecture in the background of the others.
        settings.put("LECTERN_CAPTIONS_ENGINE", "off");
        settings.put("LECTERN_SLIDES", "off");
        settings.putAll(extra);
        lectern = Lectern.start(LecternConfig.from(ConfigSource.of(settings)));
        admin = new Api("http://127.0.0.1:" + lectern.port(), token("bench-admin", true));
    }

    String token(String user, boolean isAdmin) {
        return lectern.infrastructure()
                .tokens
                .issue(new Identity(user, user, isAdmin), Duration.ofHours(12));
    }

    @Override
    public void close() {
        lectern.close();
    }
}
