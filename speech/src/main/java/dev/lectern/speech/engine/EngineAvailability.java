package dev.lectern.speech.engine;

import java.util.Optional;

/**
 * Whether an engine can run on this host, and a line for the start-up log saying what was found
 * or what is missing. A missing engine is not an error: automatic captions are then off.
 */
public record EngineAvailability(Optional<SpeechEngine> engine, String description) {

    public static EngineAvailability available(SpeechEngine engine, String description) {
        return new EngineAvailability(Optional.of(engine), description);
    }

    public static EngineAvailability unavailable(String reason) {
        return new EngineAvailability(Optional.empty(), reason);
    }
}
