package dev.lectern.ingest.importer;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The SSRF guard of URL imports. It resolves the host itself and hands back the vetted address, and
 * the fetcher connects to exactly that address: a second lookup could answer differently (DNS
 * rebinding). Every redirect target is vetted again the same way.
 */
public final class UrlGuard {
    /** How a host name becomes addresses; tests may not fake DNS, but the seam keeps it explicit. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final AllowList allowList;
    private final Resolver resolver;

    public UrlGuard(AllowList allowList) {
        this(allowList, InetAddress::getAllByName);
    }

    UrlGuard(AllowList allowList, Resolver resolver) {
        this.allowList = allowList;
        this.resolver = resolver;
    }

    /** A URL that passed the guard and the one address to connect to for it. */
    public record Vetted(URI uri, String host, int port, boolean tls, InetAddress address) {}

    /** Checks the scheme and every address the host resolves to. Blocks on DNS. */
    public Vetted vet(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ImportFailure.refused(
                    "Only http and https URLs can be imported, not '" + scheme + ":'.");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw ImportFailure.refused("The URL has no host.");
        }
        if (uri.getRawUserInfo() != null) {
            throw ImportFailure.refused("URLs with a user name or password are not imported.");
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean tls = scheme.equals("https");
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bareHost);
        } catch (UnknownHostException e) {
            throw new ImportFailure(
                    ImportProblem.IMPORT_FAILED,
                    "The host " + bareHost + " does not resolve.",
                    true);
        }
        boolean hostListed = allowList.allowsHost(bareHost, port);
        // Every address must pass, not just one: otherwise a name answering with one public and
        // one internal address would be a coin toss away from an internal fetch.
        for (InetAddress address : addresses) {
            AddressClass kind = AddressClass.of(address);
            if (kind != AddressClass.PUBLIC && !hostListed && !allowList.allowsAddress(address)) {
                throw ImportFailure.refused(
                        "The URL's host "
                                + bareHost
                                + " is a "
                                + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                + " address ("
                                + address.getHostAddress()
                                + "); ask an administrator to allow it.");
            }
        }
        return new Vetted(uri, bareHost, port, tls, addresses[0]);
    }
}
