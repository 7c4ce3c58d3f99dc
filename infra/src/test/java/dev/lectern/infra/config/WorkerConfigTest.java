package dev.lectern.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.infra.config.InfraConfig.WorkerConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Worker settings")
class WorkerConfigTest {

    @Test
    @DisplayName(
            "default to half the cores, a 15 s lease renewed every 5 s, 3 attempts, one background job")
    void defaults() {
        WorkerConfig worker = InfraConfig.from(ConfigSource.of(Map.of())).worker();

        assertThat(worker.concurrency())
                .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(worker.lease()).isEqualTo(Duration.ofSeconds(15));
        assertThat(worker.heartbeat()).isEqualTo(Duration.ofSeconds(5));
        assertThat(worker.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(worker.retryBaseDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(worker.maxAttempts()).isEqualTo(3);
        assertThat(worker.backgroundConcurrency())
                .as("one background job beside them")
                .isEqualTo(1);
        assertThat(worker.scratchSweep()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("read every value from its setting")
    void explicitValues() {
        WorkerConfig worker =
                InfraConfig.from(
                                ConfigSource.of(
                                        Map.of(
                                                Setting.WORKER_CONCURRENCY.key(), "4",
                                                Setting.WORKER_LEASE_SECONDS.key(), "60",
                                                Setting.WORKER_HEARTBEAT_SECONDS.key(), "10",
                                                Setting.WORKER_POLL_SECONDS.key(), "120",
                                                Setting.JOB_RETRY_BASE_SECONDS.key(), "5",
                                                Setting.JOB_MAX_ATTEMPTS.key(), "7",
                                                Setting.WORKER_BACKGROUND_CONCURRENCY.key(), "0",
                                                Setting.WORKER_SCRATCH_SWEEP_SECONDS.key(), "60")))
                        .worker();

        assertThat(worker)
                .isEqualTo(
                        new WorkerConfig(
                                4,
                                Duration.ofSeconds(60),
                                Duration.ofSeconds(10),
                                Duration.ofSeconds(120),
                                Duration.ofSeconds(5),
                                7,
                                0,
                                Duration.ofMinutes(1)));
    }

    @Test
    @DisplayName("refuse a heartbeat slower than a third of the lease, naming both settings")
    void heartbeatMustFitLease() {
        ConfigSource source =
                ConfigSource.of(
                        Map.of(
                                Setting.WORKER_LEASE_SECONDS.key(), "10",
                                Setting.WORKER_HEARTBEAT_SECONDS.key(), "5"));

        assertThatThrownBy(() -> InfraConfig.from(source))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(Setting.WORKER_HEARTBEAT_SECONDS.key())
                .hasMessageContaining(Setting.WORKER_LEASE_SECONDS.key());
    }

    @Test
    @DisplayName(
            "run both lanes unless LECTERN_WORKER_LANES names one, and refuse a worker of none")
    void lanes() {
        WorkerConfig both = InfraConfig.from(ConfigSource.of(Map.of())).worker();
        assertThat(both.mainLane()).isTrue();
        assertThat(both.backgroundConcurrency()).isEqualTo(1);

        WorkerConfig main =
                InfraConfig.from(ConfigSource.of(Map.of(Setting.WORKER_LANES.key(), "main")))
                        .worker();
        assertThat(main.mainLane()).isTrue();
        assertThat(main.backgroundConcurrency()).as("no background lane").isZero();

        WorkerConfig background =
                InfraConfig.from(
                                ConfigSource.of(
                                        Map.of(
                                                Setting.WORKER_LANES.key(), " Background ",
                                                Setting.WORKER_BACKGROUND_CONCURRENCY.key(), "2")))
                        .worker();
        assertThat(background.mainLane()).isFalse();
        assertThat(background.backgroundConcurrency()).isEqualTo(2);

        assertThatThrownBy(
                        () ->
                                InfraConfig.from(
                                        ConfigSource.of(
                                                Map.of(
                                                        Setting.WORKER_LANES.key(),
                                                        "background",
                                                        Setting.WORKER_BACKGROUND_CONCURRENCY.key(),
                                                        "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(Setting.WORKER_LANES.key());
        assertThatThrownBy(
                        () ->
                                InfraConfig.from(
                                        ConfigSource.of(
                                                Map.of(Setting.WORKER_LANES.key(), "transcode"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'transcode'");
    }
}
