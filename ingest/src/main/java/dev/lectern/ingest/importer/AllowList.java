package dev.lectern.ingest.importer;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.ingest.IngestSetting;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The administrator's exceptions to the import guard: host names (optionally with a port) and
 * CIDR ranges whose internal addresses imports may reach anyway, such as a BigBlueButton server on
 * the campus network.
 */
public final class AllowList {
    private final List<String> hosts = new ArrayList<>();
    private final List<Cidr> ranges = new ArrayList<>();

    public AllowList(List<String> entries) {
        for (String raw : entries) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/")) {
                ranges.add(Cidr.parse(entry));
            } else {
                hosts.add(entry);
            }
        }
    }

    public AllowList with(String hostEntry) {
        List<String> all = new ArrayList<>(hosts);
        all.add(hostEntry);
        ranges.forEach(r -> all.add(r.text()));
        return new AllowList(all);
    }

    /** The host (as written in the URL) is listed, alone or with this port. */
    boolean allowsHost(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        return hosts.contains(name) || hosts.contains(name + ":" + port);
    }

    boolean allowsAddress(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    /** An address range such as 10.20.0.0/16 or fd00::/8. */
    record Cidr(String text, byte[] network, int prefix) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress network = AddressClass.literal(text.substring(0, slash));
            int prefix;
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (network == null || prefix < 0 || prefix > network.getAddress().length * 8) {
                throw new ConfigException(
                        IngestSetting.IMPORT_ALLOWED_HOSTS.key()
                                + " has an invalid CIDR '"
                                + text
                                + "'");
            }
            return new Cidr(text, network.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
