package dev.lectern.catalog;

/** What kind of picture a source carries, which decides the shape of its ladder. */
public enum ContentKind {
    /** Mostly static frames: slides, a screen recording. Resolution matters more than motion. */
    SCREENCAST,
    /** Camera footage: motion everywhere, a conventional ladder. */
    CAMERA,
    /** No video stream at all (a webinar's audio). */
    AUDIO_ONLY
}
