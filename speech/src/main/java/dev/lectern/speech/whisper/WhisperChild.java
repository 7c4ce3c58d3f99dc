package dev.lectern.speech.whisper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM running {@link WhisperChunkMain}: this JVM's own java and class
 * path, under {@code nice}, its temporary directory (where whisper-jni unpacks its native
 * libraries, and would leave a folder behind at every start) inside the job's work directory.
 */
final class WhisperChild {
    private WhisperChild() {}

    /** Native memory is whisper's; the Java heap holds only the chunk's samples. */
    private static final String HEAP = "-Xmx256m";

    static ProcessBuilder command(Path tmpDir, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("nice", "-n", "10"));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
                List.of(
                        HEAP,
                        "-XX:+UseSerialGC",
                        "--enable-native-access=ALL-UNNAMED",
                        "-Djava.io.tmpdir=" + tmpDir,
                        "-cp",
                        System.getProperty("java.class.path"),
                        WhisperChunkMain.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        // OpenMP threads otherwise spin while they wait and take a core from everything else
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return builder;
    }
}
