package dev.lectern.infra.auth;

import dev.lectern.infra.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                return new SigningKey(Files.readString(privateFile), Files.readString(publicFile));
            }
            Files.createDirectories(directory);
            KeyPair pair = generate();
            SigningKey key =
                    new SigningKey(
                            pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                            pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(privateFile, key.privatePem(), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(
                    privateFile, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(publicFile, key.publicPem(), StandardCharsets.US_ASCII);
            return key;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(
                    "cannot create the token signing key in " + directory + ": " + e.getMessage(),
                    e);
        }
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
