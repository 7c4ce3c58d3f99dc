package dev.lectern.speech.pocketsphinx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where Debian's PocketSphinx lives: the decoder ({@code pocketsphinx}), the US-English model
 * ({@code pocketsphinx-en-us}), the LM converter ({@code sphinxbase-utils}) and, optionally,
 * espeak-ng for pronouncing new words.
 */
public record PocketSphinxInstallation(
        Path decoder, Path lmConvert, Optional<Path> espeak, Path modelDir) {

    public static final Path DEBIAN_MODEL_DIR = Path.of("/usr/share/pocketsphinx/model/en-us");

    /** The packages that provide all of it. */
    public static final String PACKAGES =
            "pocketsphinx pocketsphinx-en-us sphinxbase-utils espeak-ng";

    /** The acoustic model (a folder). */
    public Path acousticModel() {
        return modelDir.resolve("en-us");
    }

    public Path dictionary() {
        return modelDir.resolve("cmudict-en-us.dict");
    }

    public Path languageModel() {
        return modelDir.resolve("en-us.lm.bin");
    }

    /**
     * Finds the programs on {@code searchPath} and the model in {@code modelDir}; a list of what
     * is missing when something is.
     */
    static Found find(Path modelDir, List<Path> searchPath) {
        List<String> missing = new ArrayList<>();
        Optional<Path> decoder = program("pocketsphinx_continuous", searchPath, missing);
        Optional<Path> convert = program("sphinx_lm_convert", searchPath, missing);
        Optional<Path> espeak = program("espeak-ng", searchPath, new ArrayList<>());
        for (String file :
                List.of("en-us/mdef", "en-us/feat.params", "cmudict-en-us.dict", "en-us.lm.bin")) {
            if (!Files.isReadable(modelDir.resolve(file))) {
                missing.add(modelDir.resolve(file).toString());
            }
        }
        if (!missing.isEmpty()) {
            return new Found(Optional.empty(), missing);
        }
        return new Found(
                Optional.of(
                        new PocketSphinxInstallation(
                                decoder.orElseThrow(), convert.orElseThrow(), espeak, modelDir)),
                List.of());
    }

    record Found(Optional<PocketSphinxInstallation> installation, List<String> missing) {}

    /** The directories of {@code PATH}. */
    static List<Path> systemPath() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        List<Path> dirs = new ArrayList<>();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        return dirs;
    }

    private static Optional<Path> program(
            String name, List<Path> searchPath, List<String> missing) {
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        missing.add(name);
        return Optional.empty();
    }
}
