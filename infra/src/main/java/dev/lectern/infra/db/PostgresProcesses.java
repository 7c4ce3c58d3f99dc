package dev.lectern.infra.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What the operating system says about the PostgreSQL processes of one data directory, read from
 * {@code /proc} (Linux). A process belongs to the directory when its program is {@code postgres}
 * and its working directory is the data directory: PostgreSQL changes into it at start and its
 * children inherit it. That, not the pid alone, is what is checked before anything is signalled,
 * so a recycled pid never gets another program stopped.
 */
final class PostgresProcesses {
    private static final Path PROC = Path.of("/proc");

    private final Path dataDir;

    PostgresProcesses(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        Path real;
        try {
            // The kernel shows a working directory with its symbolic links resolved.
            real = absolute.toRealPath();
        } catch (IOException e) {
            real = absolute;
        }
        this.dataDir = real;
    }

    /** Whether the checks can be made here; without {@code /proc} none of this runs. */
    static boolean supported() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    Path pidFile() {
        return dataDir.resolve("postmaster.pid");
    }

    /** The pid the server wrote into {@code postmaster.pid}, when the file is there and readable. */
    OptionalLong recordedPid() {
        return lockOwner(pidFile());
    }

    /** The port line of {@code postmaster.pid}, or 0. */
    int recordedPort() {
        try {
            return Integer.parseInt(pidFileLine(3));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The lock file of the server's Unix socket ({@code /tmp/.s.PGSQL.PORT.lock}), named in {@code
     * postmaster.pid}; null when the file does not say.
     */
    Path socketLock() {
        String directory = pidFileLine(4);
        int port = recordedPort();
        return directory.isEmpty() || port == 0
                ? null
                : Path.of(directory).resolve(".s.PGSQL." + port + ".lock");
    }

    private String pidFileLine(int index) {
        try {
            List<String> lines = Files.readAllLines(pidFile());
            return lines.size() > index ? lines.get(index).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The pid in the first line of a PostgreSQL lock file, or empty. */
    static OptionalLong lockOwner(Path lockFile) {
        try {
            String first = Files.readAllLines(lockFile).stream().findFirst().orElse("").trim();
            return OptionalLong.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether {@code pid} is a running PostgreSQL process of any data directory. */
    static boolean isAnyServer(long pid) {
        Path proc = PROC.resolve(Long.toString(pid));
        return running(proc) && isPostgres(proc);
    }

    /** True when {@code pid} is a running (not exited, not zombie) PostgreSQL of this directory. */
    boolean isServer(long pid) {
        Path proc = PROC.resolve(Long.toString(pid));
        return running(proc) && isPostgres(proc) && inDataDir(proc);
    }

    /** Every running PostgreSQL process of this directory: a postmaster and its children. */
    List<Long> servers() {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> running(p) && isPostgres(p) && inDataDir(p))
                    .forEach(p -> found.add(Long.parseLong(p.getFileName().toString())));
        } catch (IOException e) {
            // an unreadable /proc reads as nothing found
        }
        return found;
    }

    /** Exists and is not a zombie (an exited process its parent has not collected yet). */
    static boolean running(long pid) {
        return running(PROC.resolve(Long.toString(pid)));
    }

    private static boolean running(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            int end = stat.lastIndexOf(')');
            char state = stat.charAt(end + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isPostgres(Path proc) {
        try {
            String exe = Files.readSymbolicLink(proc.resolve("exe")).getFileName().toString();
            return exe.equals("postgres") || exe.equals("postgres (deleted)");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean inDataDir(Path proc) {
        try {
            return Files.readSymbolicLink(proc.resolve("cwd")).equals(dataDir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The server program a running postmaster was started from, to start it again. */
    static Path executable(long pid) throws IOException {
        return Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("exe"));
    }

    /** A running postmaster's arguments after its program name. */
    static List<String> arguments(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
        List<String> args = new ArrayList<>(List.of(new String(raw).split("\0")));
        return args.isEmpty() ? args : args.subList(1, args.size());
    }
}
