package dev.lectern.speech.worker;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.storage.ObjectFiles;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.speech.cue.Word;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The words of each recognised chunk, kept in the bucket next to the lecture until its captions
 * are published, so an attempt after a crash or a shutdown goes on from the last chunk instead
 * of hearing the lecture again. Keyed by the published version: the chunks of other media do
 * not fit.
 */
final class ChunkCheckpoints {
    private final ObjectStore store;
    private final String prefix;

    ChunkCheckpoints(ObjectStore store, UUID lectureId, int version) {
        this.store = store;
        this.prefix = StorageKeys.speechCheckpoints(lectureId, version);
    }

    /** A recognised chunk: its words, and what the recogniser carries into the next chunk. */
    record Done(List<Word> words, String state) {}

    /** The chunks recognised by earlier attempts, by index. */
    Future<Map<Integer, Done>> load() {
        return store.list(prefix)
                .compose(
                        objects -> {
                            Map<Integer, Done> done = new HashMap<>();
                            List<Future<Void>> reads = new ArrayList<>();
                            for (ObjectStore.ObjectInfo object : objects) {
                                reads.add(
                                        read(object.key())
                                                .map(
                                                        json -> {
                                                            if (!json.containsKey("chunk")) {
                                                                return null;
                                                            }
                                                            synchronized (done) {
                                                                done.put(
                                                                        json.getInteger("chunk"),
                                                                        new Done(
                                                                                words(json),
                                                                                json.getString(
                                                                                        "state",
                                                                                        "")));
                                                            }
                                                            return null;
                                                        }));
                            }
                            return Future.all(reads).map(all -> done);
                        });
    }

    Future<Void> save(int chunk, Done done) {
        List<Word> words = done.words();
        JsonArray list = new JsonArray();
        for (Word word : words) {
            list.add(new JsonArray().add(word.start()).add(word.end()).add(word.text()));
        }
        JsonObject json =
                new JsonObject().put("chunk", chunk).put("words", list).put("state", done.state());
        return store.put(
                prefix + String.format("chunk-%05d.json", chunk),
                json.toBuffer(),
                "application/json");
    }

    Future<Void> clear() {
        return store.deletePrefix(prefix).mapEmpty();
    }

    private Future<JsonObject> read(String key) {
        return ObjectFiles.read(store, key)
                .map(body -> body.map(JsonObject::new).orElse(new JsonObject()));
    }

    private static List<Word> words(JsonObject json) {
        JsonArray list = json.getJsonArray("words", new JsonArray());
        List<Word> words = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonArray w = list.getJsonArray(i);
            words.add(new Word(w.getString(2), w.getDouble(0), w.getDouble(1)));
        }
        return words;
    }
}
