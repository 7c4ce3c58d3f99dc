package dev.lectern.infra.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Retry backoff")
class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.withBase(Duration.ofSeconds(30));

    @ParameterizedTest(name = "after {0} failed attempts waits {1} s")
    @CsvSource({"1, 30", "2, 60", "3, 120", "4, 240", "7, 1920", "8, 3600", "50, 3600"})
    @DisplayName("doubles from the base delay and stops at an hour")
    void doubles(int failedAttempts, long seconds) {
        assertThat(policy.nominalDelayAfter(failedAttempts)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    @DisplayName("spreads each delay by at most 20% either way")
    void jitter() {
        Duration nominal = Duration.ofSeconds(100);
        assertThat(RetryPolicy.jittered(nominal, 0.0)).isEqualTo(Duration.ofSeconds(80));
        assertThat(RetryPolicy.jittered(nominal, 0.5)).isEqualTo(Duration.ofSeconds(100));
        assertThat(RetryPolicy.jittered(nominal, 0.999))
                .isBetween(Duration.ofSeconds(119), Duration.ofSeconds(120));
        for (int i = 0; i < 100; i++) {
            assertThat(policy.delayAfter(2))
                    .isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
        }
    }
}
