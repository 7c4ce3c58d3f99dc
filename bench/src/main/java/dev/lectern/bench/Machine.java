package dev.lectern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The facts about this machine that make the figures comparable. */
record Machine(int cores, String cpu, double ramGiB, String jdk, String ffmpeg) {
    static Machine describe(String ffmpegVersion) {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                procValue("/proc/cpuinfo", "model name").orElse("unknown CPU"),
                procValue("/proc/meminfo", "MemTotal")
                        .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0)
                        .orElse(0.0),
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"),
                ffmpegVersion);
    }

    /** The 1, 5 and 15 minute load averages: how busy the machine was besides the benchmark. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * CPU seconds the hypervisor gave to other guests while this one wanted to run (all cores,
     * from /proc/stat); -1 when unknown. On a shared virtual machine this, not the load average,
     * shows how much of a run's slowness came from neighbours.
     */
    static double stealSeconds() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().split("\\s+");
            return Long.parseLong(cpu[8]) / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static java.util.Optional<String> procValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    String describe() {
        return "%d cores, %s, %.1f GiB RAM, %s, %s".formatted(cores, cpu, ramGiB, jdk, ffmpeg);
    }
}
