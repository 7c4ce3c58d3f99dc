package dev.lectern.app;

import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.auth.SigningKey;
import dev.lectern.infra.auth.TokenService;
import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.Setting;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code lectern} command line. */
@Command(
        name = "lectern",
        mixinStandardHelpOptions = true,
        version = "Lectern 0.1.0",
        description = {
            "Recorded-lecture media pipeline: resumable uploads, low-bandwidth HLS/DASH, S3 storage, PostgreSQL catalog.",
            "Without a command, runs 'serve'. Settings come from LECTERN_* environment variables; see docs/configuration.md."
        },
        subcommands = {
            Main.Serve.class,
            Main.Api.class,
            Main.Worker.class,
            Main.Migrate.class,
            Main.Token.class,
            ImportCommand.class
        })
public final class Main implements Callable<Integer> {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file with LECTERN_* keys (environment variables win).",
            scope = CommandLine.ScopeType.INHERIT)
    Path configFile;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::reportFailure);
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        return new Serve().run(this, EnumSet.of(Role.API, Role.WORKER));
    }

    LecternConfig config() {
        ConfigSource source = ConfigSource.fromEnvironment();
        if (configFile != null) {
            var env = new java.util.HashMap<>(System.getenv());
            env.put(Setting.CONFIG_FILE.key(), configFile.toString());
            source = ConfigSource.of(env);
        }
        LecternConfig config = LecternConfig.from(source);
        LogSetup.apply(config.infra().log());
        return config;
    }

    /** Configuration problems are the operator's to fix: one clear line, no stack trace. */
    private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof ConfigException) {
            err.println("lectern: " + e.getMessage());
            return 2;
        }
        err.println("lectern: unexpected error: " + e);
        e.printStackTrace(err);
        return 1;
    }

    @Command(name = "serve", description = "Run the API and a worker in one process (the default).")
    static class Serve implements Callable<Integer> {
        @CommandLine.ParentCommand Main main;

        @Override
        public Integer call() {
            return run(main, EnumSet.of(Role.API, Role.WORKER));
        }

        int run(Main main, Set<Role> roles) {
            LecternConfig config = main.config();
            Lectern lectern = Lectern.start(config, roles);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        lectern.close();
                                        stopped.countDown();
                                    },
                                    "lectern-shutdown"));
            if (roles.contains(Role.API)) {
                System.err.println(
                        "Lectern is running at "
                                + lectern.baseUrl()
                                + "  (health: "
                                + lectern.baseUrl()
                                + "/health/ready)");
                if (config.infra().auth().embedded()) {
                    System.err.println("Get a token with: lectern token --user you --admin");
                    System.err.println(
                            "Sign in to the pages as admin: "
                                    + lectern.baseUrl()
                                    + "/#token="
                                    + lectern.infrastructure()
                                            .tokens
                                            .issue(
                                                    new Identity("admin", "Administrator", true),
                                                    Duration.ofHours(12)));
                } else if (config.oidc().enabled()) {
                    // The one value the provider's client registration must match exactly.
                    System.err.println(
                            "The pages sign in at "
                                    + config.oidc().issuer()
                                    + " (redirect URI "
                                    + lectern.baseUrl()
                                    + "/)");
                }
            }
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    @Command(
            name = "api",
            description = "Run only the HTTP API (scale these behind a load balancer).")
    static class Api implements Callable<Integer> {
        @CommandLine.ParentCommand Main main;

        @Override
        public Integer call() {
            return new Serve().run(main, EnumSet.of(Role.API));
        }
    }

    @Command(
            name = "worker",
            description = "Run only background work (transcoding, imports); add more on busy days.")
    static class Worker implements Callable<Integer> {
        @CommandLine.ParentCommand Main main;

        @Override
        public Integer call() {
            return new Serve().run(main, EnumSet.of(Role.WORKER));
        }
    }

    @Command(name = "migrate", description = "Bring the database schema up to date, then exit.")
    static class Migrate implements Callable<Integer> {
        @CommandLine.ParentCommand Main main;

        @Override
        public Integer call() {
            Infrastructure.migrateOnly(main.config());
            System.err.println("database schema is up to date");
            return 0;
        }
    }

    @Command(
            name = "token",
            description = "Print a signed token for local use (embedded identity only).")
    static class Token implements Callable<Integer> {
        @CommandLine.ParentCommand Main main;

        @Option(names = "--user", required = true, description = "User id (the token's subject).")
        String user;

        @Option(names = "--name", description = "Display name; defaults to the user id.")
        String name;

        @Option(names = "--admin", description = "Give the user admin rights.")
        boolean admin;

        @Option(
                names = "--days",
                defaultValue = "30",
                description = "Days until the token expires (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        public Integer call() {
            LecternConfig config = main.config();
            if (!config.infra().auth().embedded()) {
                throw new ConfigException(
                        "tokens come from your identity provider ("
                                + Setting.AUTH_JWKS_URL.key()
                                + " is set)");
            }
            if (days < 1 || days > 3650) {
                throw new ConfigException("--days must be between 1 and 3650");
            }
            Vertx vertx = Vertx.vertx();
            try {
                TokenService tokens =
                        TokenService.embedded(
                                vertx,
                                config.infra().auth(),
                                SigningKey.loadOrCreate(config.infra().dataDir().resolve("keys")));
                System.out.println(
                        tokens.issue(new Identity(user, name, admin), Duration.ofDays(days)));
            } finally {
                vertx.close();
            }
            return 0;
        }
    }
}
