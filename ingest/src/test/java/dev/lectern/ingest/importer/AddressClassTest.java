package dev.lectern.ingest.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The import guard's address classifier")
class AddressClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @DisplayName("classifies every internal range, including IPv6 forms that carry an IPv4 address")
    @CsvSource({
        "127.0.0.1, LOOPBACK",
        "127.255.0.9, LOOPBACK",
        "::1, LOOPBACK",
        "10.0.0.1, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "192.168.1.10, PRIVATE",
        "fc00::1, PRIVATE",
        "fd12:3456::1, PRIVATE",
        "169.254.169.254, LINK_LOCAL",
        "169.254.0.1, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "febf::1, LINK_LOCAL",
        "100.64.0.1, SHARED_CGNAT",
        "100.127.255.254, SHARED_CGNAT",
        "224.0.0.1, MULTICAST",
        "239.255.255.250, MULTICAST",
        "ff02::1, MULTICAST",
        "0.0.0.0, UNSPECIFIED",
        "::, UNSPECIFIED",
        "0.1.2.3, RESERVED",
        "240.0.0.1, RESERVED",
        "255.255.255.255, RESERVED",
        "192.0.2.1, RESERVED",
        "2001:db8::1, RESERVED",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:169.254.169.254, LINK_LOCAL",
        "::ffff:10.1.2.3, PRIVATE",
        "0:0:0:0:0:ffff:7f00:1, LOOPBACK",
        "::127.0.0.1, LOOPBACK",
        "64:ff9b::a9fe:a9fe, LINK_LOCAL",
        "2002:7f00:1::1, LOOPBACK",
        "2002:0a00:0001::1, PRIVATE",
        "8.8.8.8, PUBLIC",
        "172.32.0.1, PUBLIC",
        "100.128.0.1, PUBLIC",
        "169.253.1.1, PUBLIC",
        "::ffff:8.8.8.8, PUBLIC",
        "2606:4700::1111, PUBLIC",
        "2001:4860:4860::8888, PUBLIC"
    })
    void classifies(String address, AddressClass expected) throws Exception {
        assertEquals(expected, AddressClass.of(InetAddress.getByName(address)));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @DisplayName("reads IPv4-mapped addresses given as raw IPv6 bytes the same way")
    @CsvSource({"127.0.0.1, LOOPBACK", "169.254.169.254, LINK_LOCAL", "93.184.216.34, PUBLIC"})
    void mappedBytes(String ipv4, AddressClass expected) throws Exception {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        assertEquals(expected, AddressClass.of(java.net.Inet6Address.getByAddress(null, v6, -1)));
    }
}
