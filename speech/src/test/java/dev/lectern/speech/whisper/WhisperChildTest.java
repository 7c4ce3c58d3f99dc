package dev.lectern.speech.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import dev.lectern.speech.engine.LectureVocabulary;
import dev.lectern.speech.engine.RecognitionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("whisper.cpp in a child JVM")
class WhisperChildTest {

    @Test
    @DisplayName(
            "loads whisper-jni's native library on this platform, unpacking it into the folder it"
                    + " is given instead of /tmp")
    void loadsNativeLibrary(@TempDir Path dir) throws Exception {
        ProcessResult probe =
                ProcessRunner.run(
                        WhisperChild.command(dir, List.of("--probe")),
                        Duration.ofMinutes(1),
                        1 << 16);

        assertThat(probe.exitCode()).as(probe.stderrTail()).isZero();
        assertThat(probe.stdout()).contains("SSE3 =").contains("AVX =");
        try (Stream<Path> unpacked = Files.list(dir)) {
            assertThat(unpacked)
                    .anyMatch(p -> p.getFileName().toString().startsWith("whisper-jni-"));
        }
        assertThat(probe.stderrTail()).doesNotContain("restricted method");
    }

    @Test
    @DisplayName(
            "reports whisper.cpp aborting on a model without weights as a failed chunk, and this"
                    + " JVM carries on")
    void survivesNativeAbort(@TempDir Path dir) throws Exception {
        Path empty = Files.write(dir.resolve("empty.bin"), WhisperModelTest.header(51_864, 80));
        // past the check on purpose: this is the file that takes a whole JVM down
        WhisperModel unchecked = new WhisperModel(empty, "empty", false);
        Path silence = Files.write(dir.resolve("silence.pcm"), new byte[2 * 16_000 * 3]);
        Path work = dir.resolve("work");

        var recognizer =
                new WhisperEngine(unchecked, 1).prepare(LectureVocabulary.none("en"), work);

        assertThatThrownBy(() -> recognizer.recognize(silence, Duration.ofMinutes(1), () -> false))
                .isInstanceOf(RecognitionException.class)
                .hasMessageContaining("exited with 134"); // SIGABRT, from inside whisper.cpp
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left)
                    .as("the chunk's files, unpacked libraries included, are gone")
                    .isEmpty();
        }
    }
}
