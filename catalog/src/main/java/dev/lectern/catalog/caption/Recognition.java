package dev.lectern.catalog.caption;

/**
 * Whether this installation makes automatic captions, and with what: set by the composition
 * root from the speech engine it found (none: off, and lectures say so).
 *
 * @param draftsOnly whether the engine's tracks wait for a teacher's review before students see
 *     them
 */
public record Recognition(boolean enabled, String engine, String model, boolean draftsOnly) {

    public static Recognition off() {
        return new Recognition(false, null, null, true);
    }

    public static Recognition with(String engine, String model, boolean draftsOnly) {
        return new Recognition(true, engine, model, draftsOnly);
    }
}
