package dev.lectern.infra.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTTP byte ranges")
class ByteRangeTest {
    @Test
    @DisplayName("single ranges parse; malformed or multiple ranges mean 'send it all'")
    void parse() {
        assertThat(ByteRange.parseHeader("bytes=0-99")).contains(ByteRange.of(0, 99));
        assertThat(ByteRange.parseHeader("bytes=100-")).contains(ByteRange.from(100));
        assertThat(ByteRange.parseHeader("bytes=-50")).contains(ByteRange.lastBytes(50));
        assertThat(ByteRange.parseHeader(null)).isEmpty();
        assertThat(ByteRange.parseHeader("bytes=5-1")).isEmpty();
        assertThat(ByteRange.parseHeader("bytes=0-1,5-6")).isEmpty();
        assertThat(ByteRange.parseHeader("items=0-1")).isEmpty();
        assertThat(ByteRange.parseHeader("bytes=abc")).isEmpty();
        assertThat(ByteRange.parseHeader("bytes=-0")).isEmpty();
    }

    @Test
    @DisplayName("ranges resolve against the object size, clamping the end")
    void resolve() {
        assertThat(ByteRange.of(0, 999).resolve(100).last()).isEqualTo(99);
        assertThat(ByteRange.lastBytes(500).resolve(100).first()).isZero();
        assertThat(ByteRange.from(10).resolve(100).contentRange()).isEqualTo("bytes 10-99/100");
        assertThat(ByteRange.ALL.resolve(100).partial()).isFalse();
        assertThat(ByteRange.from(100).satisfiable(100)).isFalse();
        assertThat(ByteRange.of(99, 200).satisfiable(100)).isTrue();
    }
}
