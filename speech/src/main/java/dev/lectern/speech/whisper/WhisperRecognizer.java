package dev.lectern.speech.whisper;

import dev.lectern.speech.cue.Word;
import dev.lectern.speech.engine.EngineProcess;
import dev.lectern.speech.engine.LectureRecognizer;
import dev.lectern.speech.engine.RecognitionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Runs whisper.cpp on one chunk at a time in a child JVM. The prompt carries the lecture's terms
 * (whisper spells a word it was shown as shown) and the end of the previous chunk's text, which is
 * how whisper.cpp itself continues from one 30-second window to the next within a file.
 */
final class WhisperRecognizer implements LectureRecognizer {
    /** Characters of the previous chunk kept for the next one's prompt (about 40 tokens). */
    static final int CARRIED_CHARACTERS = 200;

    private static final int ERROR_TAIL_LINES = 15;

    private final WhisperModel model;
    private final String language;
    private final int threads;
    private final String lecturePrompt;
    private final Path workDir;
    private String previousText = "";
    private int chunks;

    WhisperRecognizer(
            WhisperModel model, String language, int threads, String lecturePrompt, Path workDir) {
        this.model = model;
        this.language = language;
        this.threads = threads;
        this.lecturePrompt = lecturePrompt;
        this.workDir = workDir;
    }

    @Override
    public List<Word> recognize(Path pcm, Duration timeLimit, BooleanSupplier stopRequested)
            throws IOException, RecognitionException {
        if (!Files.isReadable(pcm)) {
            throw new NoSuchFileException(pcm.toString());
        }
        String name = "whisper-" + ++chunks;
        Path output = workDir.resolve(name + ".tsv");
        Path prompt = workDir.resolve(name + ".prompt");
        Path errors = workDir.resolve(name + ".err");
        Path tmp = workDir.resolve(name + ".tmp");
        Files.createDirectories(tmp);
        try {
            Files.writeString(
                    prompt, (lecturePrompt + " " + previousText).strip(), StandardCharsets.UTF_8);
            ProcessBuilder builder =
                    WhisperChild.command(
                                    tmp,
                                    List.of(
                                            model.file().toString(),
                                            language,
                                            Integer.toString(threads),
                                            pcm.toAbsolutePath().toString(),
                                            output.toString(),
                                            prompt.toString()))
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(errors.toFile());
            int exit = EngineProcess.run("whisper.cpp", builder, timeLimit, stopRequested);
            if (exit != 0) {
                throw new RecognitionException(
                        "whisper.cpp (child JVM) exited with "
                                + exit
                                + ": "
                                + tail(Files.readString(errors)));
            }
            List<Word> words = new ArrayList<>();
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    words.addAll(Segment.parse(line).words());
                }
            }
            previousText = lastCharacters(words);
            return words;
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(prompt);
            Files.deleteIfExists(errors);
            deleteTree(tmp);
        }
    }

    @Override
    public String state() {
        return previousText;
    }

    @Override
    public void restore(String state) {
        previousText =
                state.length() > CARRIED_CHARACTERS
                        ? state.substring(state.length() - CARRIED_CHARACTERS)
                        : state;
    }

    private static String lastCharacters(List<Word> words) {
        StringBuilder text = new StringBuilder();
        for (int i = words.size() - 1; i >= 0; i--) {
            String word = words.get(i).text();
            if (text.length() + word.length() + 1 > CARRIED_CHARACTERS) {
                break;
            }
            text.insert(0, text.isEmpty() ? word : word + " ");
        }
        return text.toString();
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        return String.join(
                "\n",
                List.of(lines).subList(Math.max(0, lines.length - ERROR_TAIL_LINES), lines.length));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
