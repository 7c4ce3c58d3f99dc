package dev.lectern.infra.storage;

import java.util.Optional;

/**
 * A requested byte range in HTTP terms: {@code first-last}, {@code first-} or the final {@code
 * suffix} bytes. {@link #ALL} asks for the whole object.
 */
public record ByteRange(Long first, Long last, Long suffix) {
    public static final ByteRange ALL = new ByteRange(null, null, null);

    public static ByteRange of(long first, long last) {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad range " + first + "-" + last);
        }
        return new ByteRange(first, last, null);
    }

    public static ByteRange from(long first) {
        return new ByteRange(first, null, null);
    }

    public static ByteRange lastBytes(long count) {
        return new ByteRange(null, null, count);
    }

    /**
     * Parses a single-range {@code Range} header ({@code bytes=0-99}, {@code bytes=100-}, {@code
     * bytes=-50}). Empty when there is no header or it is malformed, since RFC 9110 says to ignore a
     * Range header the server does not understand and send the whole object; multiple ranges are
     * answered whole too.
     */
    public static Optional<ByteRange> parseHeader(String header) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return Optional.empty();
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String head = spec.substring(0, dash).trim();
            String tail = spec.substring(dash + 1).trim();
            if (head.isEmpty()) {
                long count = Long.parseLong(tail);
                return count > 0 ? Optional.of(lastBytes(count)) : Optional.empty();
            }
            long first = Long.parseLong(head);
            if (tail.isEmpty()) {
                return first >= 0 ? Optional.of(from(first)) : Optional.empty();
            }
            long last = Long.parseLong(tail);
            return first >= 0 && last >= first ? Optional.of(of(first, last)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean isAll() {
        return first == null && suffix == null;
    }

    /** The header value S3 expects. */
    public String toHeader() {
        if (suffix != null) {
            return "bytes=-" + suffix;
        }
        return "bytes=" + first + "-" + (last == null ? "" : last);
    }

    /** Whether any byte of an object of {@code size} bytes falls inside this range. */
    public boolean satisfiable(long size) {
        if (isAll()) {
            return true;
        }
        if (suffix != null) {
            return size > 0;
        }
        return first < size;
    }

    /** The concrete first and last byte for an object of {@code size} bytes. */
    public Resolved resolve(long size) {
        if (isAll()) {
            return new Resolved(0, size - 1, size, false);
        }
        if (suffix != null) {
            long start = Math.max(0, size - suffix);
            return new Resolved(start, size - 1, size, true);
        }
        long end = last == null ? size - 1 : Math.min(last, size - 1);
        return new Resolved(first, end, size, true);
    }

    /** A range made concrete against an object's size. */
    public record Resolved(long first, long last, long objectSize, boolean partial) {
        public long length() {
            return last - first + 1;
        }

        public String contentRange() {
            return "bytes " + first + "-" + last + "/" + objectSize;
        }
    }
}
