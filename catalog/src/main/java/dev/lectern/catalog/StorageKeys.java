package dev.lectern.catalog;

import java.util.UUID;

/**
 * Where a lecture's objects live in the bucket. Everything a lecture owns sits under one prefix,
 * so deleting the lecture is one prefix delete and nothing can be left behind.
 *
 * <pre>
 * lectures/{id}/source/original          the uploaded bytes, kept until the lecture is deleted
 * lectures/{id}/v{n}/...                 one complete rendition set (master.m3u8, manifest.mpd, …)
 * lectures/{id}/captions/{captionId}.vtt caption tracks
 * lectures/{id}/speech/v{n}/...          speech recognition's checkpoints while it runs
 * </pre>
 */
public final class StorageKeys {
    private StorageKeys() {}

    public static String lecturePrefix(UUID lectureId) {
        return "lectures/" + lectureId + "/";
    }

    public static String source(UUID lectureId) {
        return lecturePrefix(lectureId) + "source/original";
    }

    public static String versionPrefix(UUID lectureId, int version) {
        return lecturePrefix(lectureId) + "v" + version + "/";
    }

    public static String caption(UUID lectureId, UUID captionId) {
        return lecturePrefix(lectureId) + "captions/" + captionId + ".vtt";
    }

    /** Where recognising version {@code version}'s speech keeps a checkpoint per chunk. */
    public static String speechCheckpoints(UUID lectureId, int version) {
        return lecturePrefix(lectureId) + "speech/v" + version + "/";
    }
}
