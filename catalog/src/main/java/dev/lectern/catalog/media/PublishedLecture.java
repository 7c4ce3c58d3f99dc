package dev.lectern.catalog.media;

import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.caption.CaptionTrack;
import dev.lectern.catalog.caption.Chapter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The rendition set a lecture serves and what a player shows around it, for one viewer.
 *
 * @param version the version folder the rendition set's paths are relative to
 * @param complete false while the first version is still being encoded (or its encode failed):
 *     then the rendition set lists only the growing HLS playlists
 * @param growing whether an incomplete version is still being encoded (else its encode failed and
 *     only the stored part plays)
 * @param playableSeconds how much of it can be played now
 * @param resumeSeconds where the viewer stopped last time; 0 for a first viewing
 * @param captions in the order players offer them, the default first
 */
public record PublishedLecture(
        UUID lectureId,
        int version,
        RenditionSet renditions,
        Double durationSeconds,
        boolean complete,
        boolean growing,
        double playableSeconds,
        double resumeSeconds,
        List<CaptionTrack> captions,
        List<Chapter> chapters) {

    public PublishedLecture {
        captions = List.copyOf(captions);
        chapters = List.copyOf(chapters);
    }

    /**
     * The playback answer: a URL carrying {@code token} for each file the rendition set lists, and
     * only for those, so an audio-only lecture offers no poster, thumbnails or video download.
     *
     * @param origin scheme and authority the client reached this server at
     */
    public JsonObject toJson(String origin, String token, Instant expiresAt) {
        String base = origin + "/media/" + lectureId + "/";
        Urls urls = new Urls(base + "v" + version + "/", "?token=" + token);
        JsonObject json =
                new JsonObject()
                        .put("lectureId", lectureId.toString())
                        .put("version", version)
                        .put("token", token)
                        .put("expiresAt", expiresAt.toString());
        urls.putIfListed(json, "hls", renditions.master());
        urls.putIfListed(json, "dash", renditions.mpd());
        urls.putIfListed(json, "poster", renditions.poster());
        RenditionSet.Thumbnails thumbnails = renditions.thumbnails();
        if (thumbnails != null) {
            json.put(
                    "thumbnails",
                    new JsonObject()
                            .put("vtt", urls.of(thumbnails.vtt()))
                            .put("sprite", urls.of(thumbnails.sprite())));
        }
        JsonArray tracks = new JsonArray();
        for (CaptionTrack track : captions) {
            tracks.add(
                    new JsonObject()
                            .put("id", track.id().toString())
                            .put("language", track.language())
                            .put("label", track.label())
                            .put("default", track.isDefault())
                            .put("origin", track.origin().dbValue())
                            .put("url", captionUrl(base, track, urls)));
        }
        JsonArray chapterList = new JsonArray();
        for (Chapter chapter : chapters) {
            JsonObject item = chapter.toJson();
            if (chapter.thumbnail() != null) {
                item.put("thumbnail", base + chapter.thumbnail() + urls.query());
            }
            chapterList.add(item);
        }
        return json.put("captions", tracks)
                .put("downloads", downloads(base, urls))
                .put("chapters", chapterList)
                .put(
                        "chaptersVtt",
                        chapters.isEmpty() ? null : base + "chapters.vtt" + urls.query())
                .put("complete", complete)
                .put("growing", growing)
                .put("playableSeconds", playableSeconds)
                .put("resumeSeconds", resumeSeconds)
                .put("durationSeconds", durationSeconds)
                .put("renditions", renditions.toJson());
    }

    private JsonArray downloads(String base, Urls urls) {
        JsonArray downloads = new JsonArray();
        RenditionSet.Downloads files = renditions.downloads();
        if (files != null && files.video() != null) {
            downloads.add(new JsonObject().put("kind", "video").put("url", urls.of(files.video())));
        }
        if (files != null && files.audio() != null) {
            downloads.add(new JsonObject().put("kind", "audio").put("url", urls.of(files.audio())));
        }
        // Sidecar files: a caption track beside the video, for players that read .vtt files.
        for (CaptionTrack track : captions) {
            downloads.add(
                    new JsonObject()
                            .put("kind", "captions")
                            .put("language", track.language())
                            .put("label", track.label())
                            .put("url", captionUrl(base, track, urls)));
        }
        return downloads;
    }

    private static String captionUrl(String base, CaptionTrack track, Urls urls) {
        return base + "captions/" + track.id() + ".vtt" + urls.query();
    }

    /** URLs of files in the version folder, with the token as their query. */
    private record Urls(String folder, String query) {
        String of(String path) {
            return folder + path + query;
        }

        void putIfListed(JsonObject json, String name, String path) {
            if (path != null) {
                json.put(name, of(path));
            }
        }
    }
}
