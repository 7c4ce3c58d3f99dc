package dev.lectern.infra.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * PostgreSQL to use. {@code embedded} means a private server under the data directory (its {@code
 * port} is the one asked for, 0 for the remembered one); otherwise a {@code postgresql://} URL (a
 * {@code jdbc:} prefix is tolerated, since operators paste both).
 */
public record DatabaseConfig(
        boolean embedded,
        String host,
        int port,
        String database,
        String user,
        String password,
        int poolSize) {

    static DatabaseConfig from(ConfigSource source) {
        int poolSize = source.getInt(Setting.DATABASE_POOL_SIZE, 1, 200);
        String url = source.get(Setting.DATABASE_URL);
        if (url.equals("embedded")) {
            int port = source.getInt(Setting.EMBEDDED_DATABASE_PORT, 0, 65535);
            return new DatabaseConfig(true, "", port, "", "", "", poolSize);
        }
        return parse(
                url,
                source.get(Setting.DATABASE_USER),
                source.get(Setting.DATABASE_PASSWORD),
                poolSize);
    }

    /** Parses {@code postgresql://[user[:password]@]host[:port]/database}. */
    public static DatabaseConfig parse(String url, String user, String password, int poolSize) {
        String plain = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri;
        try {
            uri = new URI(plain);
        } catch (URISyntaxException e) {
            throw invalid(url);
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())
                || uri.getHost() == null) {
            throw invalid(url);
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String database = path.isEmpty() ? "postgres" : path;
        String userInfo = uri.getUserInfo();
        if (userInfo != null && user.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            if (colon >= 0 && password.isEmpty()) {
                password = userInfo.substring(colon + 1);
            }
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new DatabaseConfig(false, uri.getHost(), port, database, user, password, poolSize);
    }

    private static ConfigException invalid(String url) {
        return new ConfigException(
                Setting.DATABASE_URL.key()
                        + " must look like postgresql://host:5432/lectern or be 'embedded', got '"
                        + url.replaceAll("//[^@/]*@", "//***@")
                        + "'");
    }

    /** The same server with another database name: tests and migrations use it. */
    public DatabaseConfig withDatabase(String name) {
        return new DatabaseConfig(embedded, host, port, name, user, password, poolSize);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return embedded
                ? "embedded PostgreSQL"
                : "postgresql://" + host + ":" + port + "/" + database;
    }
}
