package dev.lectern.ingest.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lectern.infra.config.ConfigException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The import URL guard")
class UrlGuardTest {
    /** A fixed "DNS": the names tests use and the addresses they answer with. */
    static final Map<String, List<String>> DNS =
            Map.of(
                    "media.example.org", List.of("93.184.216.34"),
                    "rebind.example.org", List.of("93.184.216.34", "10.0.0.7"),
                    "metadata.example.org", List.of("169.254.169.254"),
                    "bbb.campus.internal", List.of("10.20.0.5"),
                    "other.campus.internal", List.of("10.30.0.5"));

    static InetAddress[] resolve(String host) throws UnknownHostException {
        List<String> found = DNS.get(host);
        if (found == null) {
            InetAddress literal = AddressClass.literal(host);
            if (literal == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {literal};
        }
        InetAddress[] addresses = new InetAddress[found.size()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = InetAddress.getByName(found.get(i));
        }
        return addresses;
    }

    static UrlGuard guard(String... allowed) {
        return new UrlGuard(new AllowList(List.of(allowed)), UrlGuardTest::resolve);
    }

    static ImportFailure refusal(UrlGuard guard, String url) {
        ImportFailure failure = assertThrows(ImportFailure.class, () -> guard.vet(URI.create(url)));
        assertEquals(ImportProblem.URL_NOT_ALLOWED, failure.code(), failure.getMessage());
        return failure;
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("refuses internal addresses, names resolving to them, and non-http(s) schemes")
    @ValueSource(
            strings = {
                "http://127.0.0.1/x",
                "http://127.0.0.1:8080/x",
                "http://[::1]/x",
                "http://[::ffff:127.0.0.1]/x",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/",
                "http://100.64.0.1/",
                "http://[fe80::1]/",
                "http://[fd00::1]/",
                "http://0.0.0.0/",
                "http://metadata.example.org/",
                "http://rebind.example.org/video.mp4",
                "file:///etc/passwd",
                "ftp://media.example.org/video.mp4",
                "gopher://media.example.org/",
                "http://user:secret@media.example.org/video.mp4"
            })
    void refuses(String url) {
        refusal(guard(), url);
    }

    @Test
    @DisplayName("allows a public name and hands back the address it vetted")
    void allowsPublic() throws Exception {
        UrlGuard.Vetted vetted = guard().vet(URI.create("https://media.example.org/talk.mp4"));
        assertEquals(InetAddress.getByName("93.184.216.34"), vetted.address());
        assertEquals(443, vetted.port());
        assertEquals("media.example.org", vetted.host());
    }

    @Test
    @DisplayName("an allowed host, host:port or CIDR opens exactly that internal target")
    void allowList() {
        assertEquals(
                "10.20.0.5",
                guard("bbb.campus.internal")
                        .vet(URI.create("https://bbb.campus.internal/x"))
                        .address()
                        .getHostAddress());
        guard("127.0.0.1:8123").vet(URI.create("http://127.0.0.1:8123/x"));
        refusal(guard("127.0.0.1:8123"), "http://127.0.0.1:8124/x");
        guard("10.20.0.0/16").vet(URI.create("http://bbb.campus.internal/x"));
        refusal(guard("10.20.0.0/16"), "http://other.campus.internal/x");
        refusal(guard("bbb.campus.internal"), "http://169.254.169.254/x");
        guard("fd00::/8").vet(URI.create("http://[fd00::1]/x"));
    }

    @Test
    @DisplayName("an unknown host is a retryable failure, not a refusal")
    void unknownHost() {
        ImportFailure failure =
                assertThrows(
                        ImportFailure.class,
                        () -> guard().vet(URI.create("http://nowhere.example.org/")));
        assertEquals(ImportProblem.IMPORT_FAILED, failure.code());
    }

    @Test
    @DisplayName("a malformed CIDR in the allow-list is a configuration error")
    void badCidr() {
        assertThrows(ConfigException.class, () -> new AllowList(List.of("10.0.0.0/33")));
        assertThrows(ConfigException.class, () -> new AllowList(List.of("campus/16")));
    }
}
