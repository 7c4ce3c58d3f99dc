package dev.lectern.infra.auth;

import dev.lectern.infra.config.ConfigException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The embedded ES256 key that signs development tokens when no identity provider is configured.
 * Generated once into the data directory (owner-readable only) so tokens survive restarts.
 */
public record SigningKey(String privatePem, String publicPem) {

    /** Loads the key from {@code directory}, creating it on first use. */
    public static SigningKey loadOrCreate(Path directory) {
        Path privateFile = directory.resolve("token-signing-key.pem");
        Path publicFile = directory.resolve("token-signing-key.pub.pem");
        try {
            // The public half is written last, so both present means the pair is complete.
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                return read(privateFile, publicFile);
            }
            Files.createDirectories(directory);
            // Processes sharing a data directory (serve and its workers) may start together:
            // one creates the pair under a lock (threads of this JVM first, then processes),
            // the others read it; two writers could otherwise leave halves of different pairs.
            synchronized (SigningKey.class) {
                try (FileChannel channel =
                                FileChannel.open(
                                        directory.resolve("token-signing-key.lock"),
                                        StandardOpenOption.CREATE,
                                        StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    if (Files.exists(privateFile) && Files.exists(publicFile)) {
                        return read(privateFile, publicFile);
                    }
                    KeyPair pair = generate();
                    SigningKey key =
                            new SigningKey(
                                    pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                                    pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                    writeAtomically(privateFile, key.privatePem(), "rw-------");
                    writeAtomically(publicFile, key.publicPem(), "rw-r--r--");
                    return key;
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(
                    "cannot create the token signing key in " + directory + ": " + e.getMessage(),
                    e);
        }
    }

    private static SigningKey read(Path privateFile, Path publicFile) throws IOException {
        return new SigningKey(Files.readString(privateFile), Files.readString(publicFile));
    }

    /** Written beside the target with its permissions from the start, then renamed into place. */
    private static void writeAtomically(Path target, String text, String permissions)
            throws IOException {
        Path temporary =
                Files.createTempFile(
                        target.getParent(),
                        target.getFileName().toString(),
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString(permissions)));
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A fresh key that is never stored: tests use it to forge tokens the service must refuse. */
    public static SigningKey ephemeral() {
        try {
            KeyPair pair = generate();
            return new SigningKey(
                    pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                    pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        String body =
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Checks the private key parses, so a damaged file fails at start with a clear message. */
    void validate() {
        try {
            String base64 = privatePem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            var key =
                    KeyFactory.getInstance("EC")
                            .generatePrivate(
                                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!(key instanceof ECPrivateKey)) {
                throw new GeneralSecurityException("not an EC key");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException("the token signing key is damaged: " + e.getMessage(), e);
        }
    }
}
