package dev.lectern.transcode.ladder;

/** A constant frame rate as a fraction, so 30000/1001 stays exact in commands and manifests. */
public record FrameRate(int numerator, int denominator) {
    public FrameRate {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("frame rate must be positive");
        }
    }

    public static FrameRate of(int fps) {
        return new FrameRate(fps, 1);
    }

    /**
     * The nearest conventional fraction for a measured rate: whole numbers, NTSC rates
     * (n·1000/1001), else hundredths.
     */
    public static FrameRate nearest(double fps) {
        long whole = Math.round(fps);
        if (whole > 0 && Math.abs(fps - whole) < 0.01) {
            return of((int) whole);
        }
        long ntsc = Math.round(fps * 1.001);
        if (ntsc > 0 && Math.abs(fps - ntsc * 1000.0 / 1001) < 0.01) {
            return new FrameRate((int) ntsc * 1000, 1001);
        }
        return new FrameRate((int) Math.max(1, Math.round(fps * 100)), 100);
    }

    public double value() {
        return (double) numerator / denominator;
    }

    /** For ffmpeg's fps filter and options. */
    public String ffmpeg() {
        return denominator == 1 ? Integer.toString(numerator) : numerator + "/" + denominator;
    }

    /** For HLS FRAME-RATE: a decimal with three digits. */
    public String hls() {
        return String.format(java.util.Locale.ROOT, "%.3f", value());
    }

    /** Frames in a given number of whole seconds (the GOP length for a segment). */
    public int framesIn(int seconds) {
        return (int) Math.round(value() * seconds);
    }
}
