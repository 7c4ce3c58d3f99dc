package dev.lectern.speech.pocketsphinx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Debian's PocketSphinx for the tests that need it; they are skipped, saying so, without it. */
public final class Installed {
    private Installed() {}

    public static PocketSphinxInstallation pocketSphinx() {
        PocketSphinxInstallation.Found found =
                PocketSphinxInstallation.find(
                        PocketSphinxInstallation.DEBIAN_MODEL_DIR,
                        PocketSphinxInstallation.systemPath());
        assumeTrue(
                found.installation().isPresent(),
                "PocketSphinx is not installed (scripts/system-deps.sh installs it), missing: "
                        + found.missing());
        return found.installation().get();
    }

    public static PocketSphinxInstallation pocketSphinxWithEspeak() {
        PocketSphinxInstallation installation = pocketSphinx();
        assumeTrue(installation.espeak().isPresent(), "espeak-ng is not installed");
        return installation;
    }
}
