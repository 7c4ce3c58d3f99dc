package dev.lectern.speech.audio;

/**
 * A piece of a recording recognised on its own: audio from {@code start} to {@code end}, of
 * which the words starting in [{@code keepFrom}, {@code keepUntil}) are kept. Cut in a pause, a
 * chunk keeps everything; cut where the speaker never paused, neighbours overlap and each keeps
 * the words of its half of the overlap, so no word is lost or doubled.
 */
public record Chunk(int index, double start, double end, double keepFrom, double keepUntil) {
    public boolean keeps(double wordStart) {
        return wordStart >= keepFrom && wordStart < keepUntil;
    }
}
