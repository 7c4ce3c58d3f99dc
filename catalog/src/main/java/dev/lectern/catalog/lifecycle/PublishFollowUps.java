package dev.lectern.catalog.lifecycle;

/**
 * The background work a lecture's publishing queues in the same transaction, each when this
 * installation does it.
 *
 * @param captions speech recognition, for a lecture with audio and no recognised or imported
 *     track yet (once per lecture: processing again keeps the transcript)
 * @param slides slide detection, for a screen recording, after every publish (a new version may
 *     show different slides; chapters a teacher edited are kept)
 */
public record PublishFollowUps(boolean captions, boolean slides) {

    public static PublishFollowUps none() {
        return new PublishFollowUps(false, false);
    }
}
