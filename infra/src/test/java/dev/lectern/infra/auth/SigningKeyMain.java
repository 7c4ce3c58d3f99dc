package dev.lectern.infra.auth;

import java.nio.file.Path;

/** A process that loads or creates the signing key in args[0] and prints its public half. */
public final class SigningKeyMain {
    private SigningKeyMain() {}

    public static void main(String[] args) {
        System.out.print(
                SigningKey.loadOrCreate(Path.of(args[0])).publicPem().strip().replace("\n", "|"));
    }
}
