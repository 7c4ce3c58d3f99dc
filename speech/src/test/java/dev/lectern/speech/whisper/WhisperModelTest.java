package dev.lectern.speech.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The whisper model check")
class WhisperModelTest {

    @Test
    @DisplayName(
            "refuses, in one line and before any native code runs, a missing path, a folder, a"
                    + " text file, the magic bytes alone and a header without weights")
    void refusesWhatIsNotAModel(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.bin"), "this is not a ggml model\n");
        Path magicOnly = Files.write(dir.resolve("magic.bin"), new byte[] {0x6c, 0x6d, 0x67, 0x67});
        Path headerOnly = Files.write(dir.resolve("header.bin"), header(51_864, 80));

        assertRefused(dir.resolve("ggml-base.en.bin"), "does not exist");
        assertRefused(dir, "is not a readable file");
        assertRefused(text, "is not a whisper.cpp model");
        assertRefused(magicOnly, "truncated");
        assertRefused(headerOnly, "truncated");
    }

    @Test
    @DisplayName(
            "refuses a ggml file of another kind and tells English-only models from multilingual ones")
    void readsTheHeader(@TempDir Path dir) throws Exception {
        assertRefused(model(dir.resolve("llama.bin"), header(32_000, 80)), "not a whisper one");

        WhisperModel english =
                WhisperModel.check(model(dir.resolve("ggml-base.en.bin"), header(51_864, 80)));
        WhisperModel multilingual =
                WhisperModel.check(model(dir.resolve("ggml-large-v3.bin"), header(51_866, 128)));

        assertThat(english.name()).isEqualTo("ggml-base.en");
        assertThat(english.multilingual()).isFalse();
        assertThat(multilingual.multilingual()).isTrue();
        assertThat(new WhisperEngine(english, 1).speaks("en-US")).isTrue();
        assertThat(new WhisperEngine(english, 1).speaks("de")).isFalse();
        assertThat(new WhisperEngine(multilingual, 1).speaks("de-AT")).isTrue();
    }

    private static void assertRefused(Path file, String reason) {
        assertThatThrownBy(() -> WhisperModel.check(file))
                .isInstanceOf(WhisperModel.InvalidModel.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** A header padded (sparsely) to the size of a small model: the check reads no further. */
    private static Path model(Path file, byte[] header) throws Exception {
        Files.write(file, header);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(WhisperModel.MIN_BYTES + 1);
        }
        return file;
    }

    /** The ggml magic and whisper's 11 hyperparameters, as tiny.en has them. */
    static byte[] header(int vocabulary, int mels) {
        ByteBuffer header = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(WhisperModel.GGML_MAGIC);
        header.putInt(vocabulary).putInt(1500).putInt(384).putInt(6).putInt(4);
        header.putInt(448).putInt(384).putInt(6).putInt(4).putInt(mels).putInt(1);
        return header.array();
    }
}
