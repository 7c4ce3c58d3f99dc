package dev.lectern.transcode.ffmpeg;

import dev.lectern.transcode.ProgressListener;
import dev.lectern.transcode.TranscodeProgress;
import dev.lectern.transcode.TranscodeProgress.Phase;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Turns ffmpeg's {@code -progress} blocks into {@link TranscodeProgress} events: percent of the
 * source encoded mapped onto a share of the whole transcode, speed as a multiple of realtime, and
 * the time left at that speed. Emits at most once per second, plus the final block.
 */
public final class ProgressTracker {
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    private final ProgressListener listener;
    private final double durationSeconds;
    private final double fromPercent;
    private final double toPercent;
    private final LongSupplier clock;
    private long lastEmitted = Long.MIN_VALUE;

    public ProgressTracker(
            ProgressListener listener,
            double durationSeconds,
            double fromPercent,
            double toPercent,
            LongSupplier nanoClock) {
        this.listener = listener;
        this.durationSeconds = durationSeconds;
        this.fromPercent = fromPercent;
        this.toPercent = toPercent;
        this.clock = nanoClock;
    }

    public void accept(Map<String, String> block) {
        boolean end = "end".equals(block.get("progress"));
        long now = clock.getAsLong();
        if (!end && lastEmitted != Long.MIN_VALUE && now - lastEmitted < MIN_INTERVAL_NANOS) {
            return;
        }
        lastEmitted = now;
        double done = end ? durationSeconds : outTimeSeconds(block);
        double fraction =
                durationSeconds <= 0 ? 0 : Math.min(1, Math.max(0, done / durationSeconds));
        double speed = speed(block.get("speed"));
        long eta = end ? 0 : speed > 0 ? Math.round((durationSeconds - done) / speed) : -1;
        double percent = fromPercent + (toPercent - fromPercent) * fraction;
        listener.onProgress(
                new TranscodeProgress(
                        Phase.ENCODING, Math.round(percent * 10) / 10.0, speed, Math.max(-1, eta)));
    }

    private static double outTimeSeconds(Map<String, String> block) {
        String micros = block.get("out_time_us");
        if (micros == null) {
            micros = block.get("out_time_ms"); // microseconds too, despite the name
        }
        try {
            return micros == null ? 0 : Math.max(0, Long.parseLong(micros) / 1_000_000.0);
        } catch (NumberFormatException e) {
            return 0; // "N/A" before the first frame is out
        }
    }

    /** "1.53x" → 1.53; "N/A" → 0. */
    static double speed(String value) {
        if (value == null) {
            return 0;
        }
        String number = value.strip();
        if (number.endsWith("x")) {
            number = number.substring(0, number.length() - 1);
        }
        try {
            double parsed = Double.parseDouble(number);
            return Double.isFinite(parsed) && parsed > 0 ? parsed : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
