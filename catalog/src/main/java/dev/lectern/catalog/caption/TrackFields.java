package dev.lectern.catalog.caption;

/**
 * What describes a new caption track.
 *
 * @param engine the recognition engine of an automatic track, else null
 * @param model the engine's model, or null
 * @param published whether students see it; automatic drafts wait for a teacher's review
 */
public record TrackFields(
        String language,
        String label,
        boolean isDefault,
        CaptionOrigin origin,
        String engine,
        String model,
        boolean published) {

    /** A track a teacher uploaded: shown to students at once. */
    public static TrackFields uploaded(String language, String label, boolean isDefault) {
        return new TrackFields(
                language, label, isDefault, CaptionOrigin.UPLOADED, null, null, true);
    }
}
