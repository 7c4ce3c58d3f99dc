package dev.lectern.transcode.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.transcode.TranscodeProgress;
import dev.lectern.transcode.TranscodeProgress.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Progress from ffmpeg's -progress output")
class ProgressTrackerTest {
    long now;
    final List<TranscodeProgress> events = new ArrayList<>();
    final ProgressTracker tracker = new ProgressTracker(events::add, 100, 0, 100, () -> now);

    static Map<String, String> block(String outTimeUs, String speed, String progress) {
        return Map.of("out_time_us", outTimeUs, "speed", speed, "progress", progress);
    }

    @Test
    @DisplayName("turns encoded time and speed into percent, speed and time left")
    void percentSpeedEta() {
        tracker.accept(block("25000000", "2.5x", "continue"));
        assertThat(events).containsExactly(new TranscodeProgress(Phase.ENCODING, 25, 2.5, 30));
    }

    @Test
    @DisplayName("reports at most once per second, but always the end")
    void throttled() {
        tracker.accept(block("1000000", "1x", "continue"));
        now += 400_000_000L;
        tracker.accept(block("2000000", "1x", "continue"));
        now += 700_000_000L;
        tracker.accept(block("3000000", "1x", "continue"));
        now += 10_000_000L;
        tracker.accept(block("N/A", "N/A", "end"));
        assertThat(events).extracting(TranscodeProgress::percent).containsExactly(1.0, 3.0, 100.0);
        assertThat(events.getLast().etaSeconds()).isZero();
    }

    @Test
    @DisplayName("gives no ETA before ffmpeg knows its speed")
    void unknownSpeed() {
        tracker.accept(block("N/A", "N/A", "continue"));
        assertThat(events).containsExactly(new TranscodeProgress(Phase.ENCODING, 0, 0, -1));
    }
}
