package dev.lectern.ingest.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Choosing the Zoom recording file to import")
class ZoomFileChoiceTest {
    static JsonObject file(String id, String type, String view, long size) {
        return new JsonObject()
                .put("id", id)
                .put("file_type", type)
                .put("recording_type", view)
                .put("file_size", size)
                .put("status", "completed")
                .put("download_url", "https://zoom.example/rec/download/" + id);
    }

    @Test
    @DisplayName("prefers the shared screen with speaker view, even when another MP4 is larger")
    void prefersSharedScreen() {
        JsonArray files =
                new JsonArray()
                        .add(file("audio", "M4A", "audio_only", 90_000_000))
                        .add(file("speaker", "MP4", "active_speaker", 80_000_000))
                        .add(file("screen", "MP4", "shared_screen_with_speaker_view", 50_000_000))
                        .add(file("chat", "CHAT", "chat_file", 100));
        assertEquals("screen", ZoomProvider.pick(files).getString("id"));
    }

    @Test
    @DisplayName("otherwise takes the largest completed MP4 and never an audio or chat file")
    void largestMp4() {
        JsonArray files =
                new JsonArray()
                        .add(file("audio", "M4A", "audio_only", 900_000_000))
                        .add(file("gallery", "MP4", "gallery_view", 40_000_000))
                        .add(file("speaker", "mp4", "active_speaker", 60_000_000))
                        .add(
                                file("pending", "MP4", "shared_screen", 99_000_000)
                                        .put("status", "processing"));
        assertEquals("speaker", ZoomProvider.pick(files).getString("id"));
        assertNull(ZoomProvider.pick(new JsonArray().add(file("audio", "M4A", "audio_only", 1))));
    }
}
