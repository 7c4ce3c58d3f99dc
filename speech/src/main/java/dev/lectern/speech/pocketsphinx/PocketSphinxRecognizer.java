package dev.lectern.speech.pocketsphinx;

import dev.lectern.speech.cue.Word;
import dev.lectern.speech.engine.EngineProcess;
import dev.lectern.speech.engine.LectureRecognizer;
import dev.lectern.speech.engine.RecognitionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs {@code pocketsphinx_continuous} on one chunk at a time, under {@code nice}, with the
 * lecture's dictionary and language model, carrying the cepstral mean from chunk to chunk.
 */
final class PocketSphinxRecognizer implements LectureRecognizer {
    /** Lines of the decoder's log kept in an error message. */
    private static final int LOG_TAIL_LINES = 15;

    private final PocketSphinxInstallation installation;
    private final Path dictionary;
    private final Path languageModel;
    private final AcousticModelCopy model;
    private final Path workDir;
    private final List<String> decoderOptions;
    private CepstralMean mean;
    private int chunks;

    PocketSphinxRecognizer(
            PocketSphinxInstallation installation,
            Path dictionary,
            Path languageModel,
            Path workDir,
            List<String> decoderOptions)
            throws IOException {
        this.installation = installation;
        this.dictionary = dictionary;
        this.languageModel = languageModel;
        this.workDir = workDir;
        this.decoderOptions = List.copyOf(decoderOptions);
        this.model = AcousticModelCopy.create(installation.acousticModel(), workDir.resolve("hmm"));
        this.mean = model.initialMean();
    }

    @Override
    public List<Word> recognize(Path pcm, Duration timeLimit, BooleanSupplier stopRequested)
            throws IOException, RecognitionException {
        if (!Files.isReadable(pcm)) {
            throw new NoSuchFileException(pcm.toString());
        }
        String name = "chunk-" + ++chunks;
        // the decoder reads a file named *.wav as a WAV with a 44-byte header, anything else raw
        Path input = workDir.resolve(name + ".raw");
        Path output = workDir.resolve(name + ".out");
        Path log = workDir.resolve(name + ".log");
        Path errors = workDir.resolve(name + ".err");
        Files.deleteIfExists(input);
        Files.createSymbolicLink(input, pcm.toAbsolutePath());
        try {
            List<String> command = new ArrayList<>(List.of("nice", "-n", "10"));
            command.addAll(
                    List.of(
                            installation.decoder().toString(),
                            "-hmm",
                            model.startingFrom(mean).toString(),
                            "-lm",
                            languageModel.toString(),
                            "-dict",
                            dictionary.toString(),
                            "-infile",
                            input.toString(),
                            "-time",
                            "yes",
                            "-logfn",
                            log.toString()));
            command.addAll(decoderOptions);
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .redirectOutput(output.toFile())
                            .redirectError(errors.toFile());
            int exit =
                    EngineProcess.run("pocketsphinx_continuous", builder, timeLimit, stopRequested);
            String logText = Files.exists(log) ? Files.readString(log) : "";
            if (exit != 0) {
                throw new RecognitionException(
                        "pocketsphinx_continuous exited with "
                                + exit
                                + ": "
                                + tail(logText + "\n" + Files.readString(errors)));
            }
            List<Word> words = DecoderOutput.words(Files.readString(output));
            mean = CepstralMean.lastInLog(logText).orElse(mean);
            return words;
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
            Files.deleteIfExists(log);
            Files.deleteIfExists(errors);
        }
    }

    @Override
    public String state() {
        return mean.toString();
    }

    @Override
    public void restore(String state) {
        mean = state.isBlank() ? model.initialMean() : CepstralMean.parse(state);
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        return String.join(
                "\n",
                List.of(lines).subList(Math.max(0, lines.length - LOG_TAIL_LINES), lines.length));
    }
}
