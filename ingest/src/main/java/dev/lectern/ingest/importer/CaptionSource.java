package dev.lectern.ingest.importer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Captions that come with a webinar recording: one caption file (Zoom's transcript, with its
 * language and label), or an index listing a file per language (BigBlueButton's {@code
 * captions.json} of {@code {"locale", "localeName"}}, its files beside it as {@code
 * caption_<locale>.vtt}).
 */
public record CaptionSource(URI url, String language, String label, boolean index) {

    public static CaptionSource file(URI url, String language, String label) {
        return new CaptionSource(url, language, label, false);
    }

    public static CaptionSource index(URI url) {
        return new CaptionSource(url, null, null, true);
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("url", url.toString())
                .put("language", language)
                .put("label", label)
                .put("index", index);
    }

    static List<CaptionSource> fromJson(JsonArray array) {
        List<CaptionSource> sources = new ArrayList<>();
        if (array == null) {
            return sources;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonObject json = array.getJsonObject(i);
            sources.add(
                    new CaptionSource(
                            URI.create(json.getString("url")),
                            json.getString("language"),
                            json.getString("label"),
                            json.getBoolean("index", false)));
        }
        return sources;
    }
}
