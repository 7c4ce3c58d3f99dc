package dev.lectern.speech.whisper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whisper.cpp model file (ggml format) the administrator provides, checked before any native
 * code sees it: whisper.cpp returns no context for a file that is not a model, and aborts the
 * whole JVM ({@code GGML_ASSERT}) when asked to transcribe with a file that has a model's header
 * but no weights.
 *
 * @param multilingual whether it recognises languages other than English (the {@code .en} models
 *     do not)
 */
public record WhisperModel(Path file, String name, boolean multilingual) {

    /** "ggml" as a little-endian int: the first four bytes of every whisper.cpp model. */
    static final int GGML_MAGIC = 0x67676d6c;

    /** Tokens of the English-only vocabulary; multilingual models have one more. */
    static final int ENGLISH_VOCABULARY = 51_864;

    /**
     * Well under the smallest published model (tiny, quantised to 5 bits: 31 MB) and far above a
     * header with a vocabulary and no weights.
     */
    static final long MIN_BYTES = 20L * 1024 * 1024;

    /** magic, then 11 int32 hyperparameters: vocab, audio ctx/state/head/layer, text ditto, mels, ftype. */
    private static final int HEADER_BYTES = 4 + 11 * 4;

    /** The file is not a usable whisper.cpp model; the message says why, in one line. */
    public static final class InvalidModel extends Exception {
        InvalidModel(String message) {
            super(message);
        }
    }

    /** Checks {@code file} and says which model it is; never loads native code. */
    public static WhisperModel check(Path file) throws InvalidModel {
        if (!Files.exists(file)) {
            throw new InvalidModel("the whisper model " + file + " does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidModel("the whisper model " + file + " is not a readable file");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            header.put(in.readNBytes(HEADER_BYTES)).flip();
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidModel(
                    "the whisper model " + file + " cannot be read: " + e.getMessage());
        }
        if (header.remaining() < 4 || header.getInt(0) != GGML_MAGIC) {
            throw new InvalidModel(
                    file
                            + " is not a whisper.cpp model (no ggml header; download a ggml-*.bin model)");
        }
        if (header.remaining() < HEADER_BYTES || size < MIN_BYTES) {
            throw new InvalidModel(
                    file
                            + " is a truncated whisper.cpp model ("
                            + size
                            + " bytes, at least "
                            + MIN_BYTES
                            + " expected)");
        }
        int vocabulary = header.getInt(4);
        int mels = header.getInt(4 + 9 * 4);
        for (int i = 1; i < 10; i++) {
            if (header.getInt(4 + i * 4) <= 0) {
                throw new InvalidModel(file + " has a damaged whisper.cpp header");
            }
        }
        if (vocabulary < ENGLISH_VOCABULARY || (mels != 80 && mels != 128)) {
            throw new InvalidModel(
                    file
                            + " is a ggml model but not a whisper one (vocabulary "
                            + vocabulary
                            + ", "
                            + mels
                            + " mel bands)");
        }
        String fileName = file.getFileName().toString();
        String name =
                fileName.endsWith(".bin") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return new WhisperModel(file.toAbsolutePath(), name, vocabulary > ENGLISH_VOCABULARY);
    }
}
