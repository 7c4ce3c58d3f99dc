package dev.lectern.speech.audio;

/** A stretch of silence in a recording, in seconds, as ffmpeg's silencedetect reports it. */
public record Pause(double start, double end) {
    public double middle() {
        return (start + end) / 2;
    }

    public double length() {
        return end - start;
    }
}
