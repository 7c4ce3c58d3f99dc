package dev.lectern.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Remembered token verifications")
class VerifiedTokensTest {
    private static final Identity ALICE = new Identity("alice", "Alice", false);
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    @DisplayName("a verified token is known until its expiry and not a second longer")
    void untilExpiry() {
        VerifiedTokens tokens = new VerifiedTokens();
        tokens.remember("t", ALICE, NOW.getEpochSecond() + 60, NOW);

        assertThat(tokens.lookup("t", NOW.plusSeconds(59))).isEqualTo(ALICE);
        assertThat(tokens.lookup("t", NOW.plusSeconds(60))).isNull();
        assertThat(tokens.lookup("t", NOW)).as("forgotten once expired").isNull();
    }

    @Test
    @DisplayName(
            "long-lived tokens are checked again after five minutes; unknown tokens are not known")
    void capped() {
        VerifiedTokens tokens = new VerifiedTokens();
        tokens.remember("long", ALICE, NOW.getEpochSecond() + 86_400, NOW);

        assertThat(tokens.lookup("long", NOW.plusSeconds(VerifiedTokens.MAX_SECONDS - 1)))
                .isEqualTo(ALICE);
        assertThat(tokens.lookup("long", NOW.plusSeconds(VerifiedTokens.MAX_SECONDS))).isNull();
        assertThat(tokens.lookup("other", NOW)).isNull();
    }
}
