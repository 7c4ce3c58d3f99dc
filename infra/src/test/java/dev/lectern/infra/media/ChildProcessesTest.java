package dev.lectern.infra.media;

import static dev.lectern.testkit.TestProcesses.running;
import static dev.lectern.testkit.TestProcesses.stillRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Child processes started through ChildProcesses")
class ChildProcessesTest {

    @Test
    @DisplayName(
            "outlive the thread that asked for them, which a plain parent-death signal does not")
    void outliveTheirThread() throws Exception {
        Process[] started = new Process[2];
        // The control: the kernel's parent is the forking thread, so a child it started under
        // the parent-death signal dies as soon as that thread ends.
        Thread.ofPlatform()
                .start(
                        () -> {
                            try {
                                started[0] =
                                        new ProcessBuilder(
                                                        "setpriv",
                                                        "--pdeathsig",
                                                        "KILL",
                                                        "--",
                                                        "sleep",
                                                        "30")
                                                .start();
                                started[1] =
                                        ChildProcesses.start(new ProcessBuilder("sleep", "30"));
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .join();
        try {
            assertThat(stillRunning(List.of(started[0].pid()), Duration.ofSeconds(5)))
                    .as("the control child died with its thread")
                    .isEmpty();
            Thread.sleep(300);
            assertThat(running(started[1].pid())).as("the child of ChildProcesses runs").isTrue();
            assertThat(started[1].info().command().orElseThrow())
                    .as("setpriv gave way to the program itself")
                    .endsWith("/sleep");
        } finally {
            started[0].destroyForcibly();
            started[1].destroyForcibly();
        }
    }

    @Test
    @DisplayName("die when their process is killed with SIGKILL")
    void dieWithTheirProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process parent =
                new ProcessBuilder(
                                java.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                ChildSpawnerMain.class.getName())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try {
            String line =
                    new BufferedReader(
                                    new InputStreamReader(
                                            parent.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
            assertThat(line).startsWith("CHILD ");
            long child = Long.parseLong(line.substring("CHILD ".length()));
            assertThat(running(child)).isTrue();

            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            assertThat(stillRunning(List.of(child), Duration.ofSeconds(3)))
                    .as("the child died with its parent")
                    .isEmpty();
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    @DisplayName("keep the builder's command, find programs on the PATH and refuse missing ones")
    void commandsAsUsual() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "echo $0 $1", "one", "two");
        Process process = ChildProcesses.start(builder);
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("one two\n");
        assertThat(process.waitFor()).isZero();
        assertThat(builder.command()).containsExactly("sh", "-c", "echo $0 $1", "one", "two");

        assertThatThrownBy(() -> ChildProcesses.start(new ProcessBuilder("no-such-program-x")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-program-x");
        assertThatThrownBy(() -> ChildProcesses.start(new ProcessBuilder("/no/such/program")))
                .isInstanceOf(IOException.class);
    }
}
