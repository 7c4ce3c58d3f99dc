package dev.lectern.speech.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.speech.cue.Word;
import dev.lectern.testkit.TestStorage;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Recognition checkpoints in the bucket")
class ChunkCheckpointsTest {
    static Vertx vertx;
    static S3ObjectStore store;

    @BeforeAll
    static void connect() throws Exception {
        vertx = Vertx.vertx();
        store = S3ObjectStore.connect(vertx, TestStorage.freshBucket()).await();
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
        vertx.close().await();
    }

    @Test
    @DisplayName(
            "a later attempt finds each saved chunk's words and recogniser state, only for the same"
                    + " version, and nothing once the captions are published")
    void roundTrip() throws Exception {
        UUID lecture = UUID.randomUUID();
        ChunkCheckpoints attempt = new ChunkCheckpoints(store, lecture, 2);
        List<Word> first = List.of(new Word("quick", 0.5, 0.8), new Word("sort", 0.8, 1.2));
        attempt.save(0, new ChunkCheckpoints.Done(first, "41.2,-3.1")).await();
        attempt.save(1, new ChunkCheckpoints.Done(List.of(), "40.9,-2.7")).await();

        Map<Integer, ChunkCheckpoints.Done> found =
                new ChunkCheckpoints(store, lecture, 2).load().await();
        assertThat(found).containsOnlyKeys(0, 1);
        assertThat(found.get(0).words()).isEqualTo(first);
        assertThat(found.get(0).state()).isEqualTo("41.2,-3.1");
        assertThat(found.get(1).words()).isEmpty();
        assertThat(new ChunkCheckpoints(store, lecture, 3).load().await())
                .as("another version's media has other chunks")
                .isEmpty();

        attempt.clear().await();
        assertThat(new ChunkCheckpoints(store, lecture, 2).load().await()).isEmpty();
    }
}
