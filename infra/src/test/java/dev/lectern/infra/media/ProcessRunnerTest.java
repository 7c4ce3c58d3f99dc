package dev.lectern.infra.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Child processes")
class ProcessRunnerTest {

    @Test
    @DisplayName("a process past its time limit is killed with its children")
    void timeout() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "sleep 30 & echo $!; wait");
        long start = System.nanoTime();
        assertThatThrownBy(() -> ProcessRunner.run(builder, Duration.ofMillis(500), 1024))
                .isInstanceOf(ProcessRunner.TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        Thread.sleep(200);
        long orphans =
                ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").equals("sleep 30"))
                        .count();
        assertThat(orphans).isZero();
    }

    @Test
    @DisplayName("output is captured up to its limit and errors keep their last lines")
    void boundedOutput() {
        ProcessBuilder builder =
                new ProcessBuilder(
                        "sh",
                        "-c",
                        "yes line | head -c 100000; yes err | head -c 50000 >&2; echo last-error >&2; exit 3");
        ProcessResult result = ProcessRunner.run(builder, Duration.ofSeconds(10), 1000);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).hasSize(1000);
        assertThat(result.stderrTail())
                .endsWith("last-error\n")
                .hasSizeLessThanOrEqualTo(16 * 1024);
    }

    @Test
    @DisplayName("a process that reads standard input gets end-of-file, never the service's input")
    void noStdin() {
        ProcessResult result =
                ProcessRunner.run(new ProcessBuilder(List.of("cat")), Duration.ofSeconds(5), 1000);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEmpty();
    }
}
