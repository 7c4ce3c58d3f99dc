package dev.lectern.infra.media;

/** What a finished child process left: its exit code, its output, and the end of its errors. */
public record ProcessResult(int exitCode, String stdout, String stderrTail) {}
