package dev.lectern.ingest.importer;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What kind of network an IP address belongs to, for the import SSRF guard. Only {@link #PUBLIC}
 * addresses may be fetched without an allow-list entry. IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4
 * address inside, so {@code ::ffff:127.0.0.1} is loopback.
 */
public enum AddressClass {
    PUBLIC,
    LOOPBACK,
    PRIVATE,
    LINK_LOCAL,
    SHARED_CGNAT,
    MULTICAST,
    UNSPECIFIED,
    RESERVED;

    public static AddressClass of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return ofIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            return ofIpv6(bytes);
        }
        return RESERVED;
    }

    private static AddressClass ofIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return a1 == 0 && a2 == 0 && (b[3] & 0xff) == 0 ? UNSPECIFIED : RESERVED;
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return PRIVATE;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL;
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return SHARED_CGNAT;
        }
        if (a0 >= 224 && a0 <= 239) {
            return MULTICAST;
        }
        // 192.0.0.0/24 protocol assignments, the documentation nets, 198.18.0.0/15 benchmarking,
        // 240.0.0.0/4 reserved and the broadcast address: nothing to import from.
        if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 198 && (a1 & 0xfe) == 18)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)
                || a0 >= 240) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(byte[] b) {
        byte[] embedded = embeddedIpv4(b);
        if (embedded != null) {
            return ofIpv4(embedded);
        }
        boolean zeroExceptLast = true;
        for (int i = 0; i < 15; i++) {
            zeroExceptLast &= b[i] == 0;
        }
        if (zeroExceptLast && b[15] == 0) {
            return UNSPECIFIED;
        }
        if (zeroExceptLast && b[15] == 1) {
            return LOOPBACK;
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return PRIVATE; // fc00::/7 unique local
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return PRIVATE; // fec0::/10, the deprecated site-local range
        }
        if (first == 0xff) {
            return MULTICAST;
        }
        if (first == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
            return RESERVED; // 2001:db8::/32 documentation
        }
        // Only 2000::/3 is global unicast today; everything else is unassigned or special.
        return (first & 0xe0) == 0x20 ? PUBLIC : RESERVED;
    }

    /** The IPv4 address inside an IPv6 one that carries it, or null. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        boolean mapped = firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        // ::a.b.c.d, but not :: or ::1, which are IPv6's own unspecified and loopback.
        boolean compatible = firstTenZero && b[10] == 0 && b[11] == 0 && !allZero(b, 12, 14);
        boolean nat64 =
                b[0] == 0
                        && (b[1] & 0xff) == 0x64
                        && (b[2] & 0xff) == 0xff
                        && (b[3] & 0xff) == 0x9b
                        && allZero(b, 4, 11);
        if (mapped || compatible || nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Arrays.copyOfRange(b, 2, 6); // 6to4
        }
        return null;
    }

    /** Bytes {@code from} to {@code to} (inclusive) are all zero. */
    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses an IP literal without any DNS lookup; null when {@code text} is not one. */
    static InetAddress literal(String text) {
        String bare =
                text.startsWith("[") && text.endsWith("]")
                        ? text.substring(1, text.length() - 1)
                        : text;
        boolean ipv4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = bare.contains(":") && bare.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
