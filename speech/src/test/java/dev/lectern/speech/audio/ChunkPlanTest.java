package dev.lectern.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cutting a recording into chunks for recognition")
class ChunkPlanTest {

    @Test
    @DisplayName("a short recording is one chunk")
    void short_() {
        assertThat(ChunkPlan.plan(65, List.of()))
                .containsExactly(new Chunk(0, 0, 65, 0, Double.POSITIVE_INFINITY));
    }

    @Test
    @DisplayName("cuts in the longest pause before each minute, so chunks meet without overlap")
    void inPauses() {
        List<Pause> pauses = new ArrayList<>();
        for (double t = 3; t < 600; t += 4.7) {
            pauses.add(new Pause(t, t + (t > 52 && t < 56 ? 0.9 : 0.3)));
        }
        List<Chunk> chunks = ChunkPlan.plan(600, pauses);
        assertThat(chunks.get(0).end()).as("the longest pause before 60 s").isBetween(53.0, 57.0);
        for (int i = 1; i < chunks.size(); i++) {
            Chunk before = chunks.get(i - 1);
            Chunk chunk = chunks.get(i);
            assertThat(chunk.start()).isEqualTo(before.end());
            assertThat(chunk.keepFrom()).isEqualTo(before.keepUntil());
            if (i + 1 < chunks.size()) {
                assertThat(chunk.end() - chunk.start()).isBetween(50.0, 60.0);
            }
        }
        assertThat(chunks.getLast().end()).isEqualTo(600);
        assertThat(chunks)
                .extracting(Chunk::index)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, chunks.size()).boxed().toList());
    }

    @Test
    @DisplayName("without a pause, chunks overlap and every moment is kept by exactly one")
    void hardCuts() {
        List<Chunk> chunks = ChunkPlan.plan(200, List.of());
        assertThat(chunks).extracting(Chunk::start).containsExactly(0.0, 58.5, 117.0, 175.5);
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i - 1).end() - chunks.get(i).start())
                    .isEqualTo(ChunkPlan.OVERLAP_SECONDS);
        }
        for (double t = 0; t < 200; t += 0.05) {
            double at = t;
            assertThat(chunks.stream().filter(c -> c.keeps(at)).count())
                    .as("at %.2f s", t)
                    .isEqualTo(1);
            Chunk keeper = chunks.stream().filter(c -> c.keeps(at)).findFirst().orElseThrow();
            assertThat(at).isBetween(keeper.start(), keeper.end());
        }
    }
}
