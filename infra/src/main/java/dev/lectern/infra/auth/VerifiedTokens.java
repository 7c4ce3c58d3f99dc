package dev.lectern.infra.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens whose signature already checked out, until they expire: a player or a page
 * sends the same token with every request, and an ECDSA or RSA verification per request is most
 * of the API's CPU for cheap reads. Only successful verifications are kept, and never past the
 * token's own expiry or {@link #MAX_SECONDS}, so a key rotation takes effect within minutes.
 */
final class VerifiedTokens {
    static final long MAX_SECONDS = 300;
    private static final int CAPACITY = 20_000;

    private record Entry(Identity identity, long validUntilEpochSecond) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The identity of a token verified before, when that is still valid at {@code now}. */
    Identity lookup(String token, Instant now) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (now.getEpochSecond() >= entry.validUntilEpochSecond()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.identity();
    }

    /** Keeps a verified token; {@code expiresAt} is its {@code exp} claim (0 when it has none). */
    void remember(String token, Identity identity, long expiresAt, Instant now) {
        if (entries.size() >= CAPACITY) {
            // Bounded without bookkeeping: forgetting everything only costs re-verification.
            entries.clear();
        }
        long cap = now.getEpochSecond() + MAX_SECONDS;
        long until = expiresAt > 0 ? Math.min(expiresAt, cap) : cap;
        entries.put(token, new Entry(identity, until));
    }
}
