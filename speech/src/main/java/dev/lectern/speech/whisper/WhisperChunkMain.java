package dev.lectern.speech.whisper;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM that runs whisper.cpp on one chunk, so that a native crash ends this process and
 * not the worker. Its segments go to a file as {@code start_ms TAB end_ms TAB text} lines: the
 * native library logs to standard error and, at times, standard output.
 *
 * <pre>
 * WhisperChunkMain --probe
 * WhisperChunkMain MODEL LANGUAGE THREADS PCM OUTPUT PROMPT_FILE
 * </pre>
 *
 * Exit codes: 0 done, 2 bad arguments, 3 the model did not load, 4 whisper.cpp failed.
 */
public final class WhisperChunkMain {
    static final int BAD_ARGUMENTS = 2;
    static final int MODEL_NOT_LOADED = 3;
    static final int RECOGNITION_FAILED = 4;

    private WhisperChunkMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--probe")) {
            WhisperJNI.loadLibrary();
            System.out.println(new WhisperJNI().getSystemInfo());
            return;
        }
        if (args.length != 6) {
            System.err.println(
                    "usage: WhisperChunkMain MODEL LANGUAGE THREADS PCM OUTPUT PROMPT_FILE");
            System.exit(BAD_ARGUMENTS);
        }
        Path model = Path.of(args[0]);
        float[] samples = samples(Path.of(args[3]));
        String prompt = Files.readString(Path.of(args[5]), StandardCharsets.UTF_8);

        WhisperJNI.loadLibrary();
        PrintStream errors = System.err;
        WhisperJNI.setLibraryLogger(errors::println);
        WhisperJNI whisper = new WhisperJNI();
        List<String> lines = new ArrayList<>();
        try (WhisperContext context = whisper.init(model)) {
            if (context == null) {
                System.err.println("whisper.cpp could not load the model " + model);
                System.exit(MODEL_NOT_LOADED);
            }
            WhisperFullParams params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
            params.language = args[1];
            params.nThreads = Integer.parseInt(args[2]);
            params.initialPrompt = prompt.isBlank() ? null : prompt;
            params.printProgress = false;
            params.printRealtime = false;
            params.printTimestamps = false;
            params.suppressNonSpeechTokens = true;
            int result = whisper.full(context, params, samples, samples.length);
            if (result != 0) {
                System.err.println("whisper.cpp failed with " + result);
                System.exit(RECOGNITION_FAILED);
            }
            for (int i = 0; i < whisper.fullNSegments(context); i++) {
                // timestamps are in hundredths of a second
                long start = whisper.fullGetSegmentTimestamp0(context, i) * 10;
                long end = whisper.fullGetSegmentTimestamp1(context, i) * 10;
                String text =
                        whisper.fullGetSegmentText(context, i)
                                .replace('\t', ' ')
                                .replace('\n', ' ');
                lines.add(start + "\t" + end + "\t" + text.strip());
            }
        }
        Files.write(Path.of(args[4]), lines, StandardCharsets.UTF_8);
    }

    /** 16-bit little-endian PCM as the floats in [-1, 1) whisper.cpp takes. */
    private static float[] samples(Path pcm) throws IOException {
        ShortBuffer shorts =
                ByteBuffer.wrap(Files.readAllBytes(pcm))
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .asShortBuffer();
        float[] samples = new float[shorts.remaining()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = shorts.get(i) / 32768f;
        }
        return samples;
    }
}
