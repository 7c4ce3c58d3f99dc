package dev.lectern.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The token signing key shared by the processes of one data directory")
class SigningKeyTest {

    @Test
    @DisplayName(
            "processes and threads starting together on a fresh directory all get one pair, its private half never readable by others")
    void createdOnceUnderRace() throws Exception {
        Path dir = TestDirs.create("signing-key").resolve("keys");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(
                    new ProcessBuilder(
                                    java,
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    SigningKeyMain.class.getName(),
                                    dir.toString())
                            .redirectErrorStream(true)
                            .start());
        }
        List<Future<String>> threads = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            Callable<String> load = () -> SigningKey.loadOrCreate(dir).publicPem();
            for (int i = 0; i < 4; i++) {
                threads.add(pool.submit(load));
            }
        }
        Set<String> keys = new HashSet<>();
        for (Future<String> thread : threads) {
            keys.add(thread.get());
        }
        for (Process process : processes) {
            String out = new String(process.getInputStream().readAllBytes()).strip();
            assertThat(process.waitFor()).as(out).isZero();
            keys.add(out.replace("|", "\n") + "\n");
        }
        assertThat(keys).hasSize(1);
        SigningKey stored = SigningKey.loadOrCreate(dir);
        assertThat(keys).containsExactly(stored.publicPem());
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(
                                        dir.resolve("token-signing-key.pem"))))
                .isEqualTo("rw-------");
    }
}
