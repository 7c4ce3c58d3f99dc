package dev.lectern.slides.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The files a rung's playlist names")
class RungPlaylistTest {
    private static final String PLAYLIST =
            """
            #EXTM3U
            #EXT-X-VERSION:7
            #EXT-X-TARGETDURATION:6
            #EXT-X-MAP:URI="init_0.mp4"
            #EXTINF:6.000000,
            seg_00000.m4s
            #EXTINF:2.500000,
            seg_00001.m4s
            #EXT-X-ENDLIST
            """;

    @Test
    @DisplayName("the header and the segments, in order")
    void files() {
        RungPlaylist playlist = RungPlaylist.parse(PLAYLIST);
        assertThat(playlist.initSegment()).isEqualTo("init_0.mp4");
        assertThat(playlist.segments()).containsExactly("seg_00000.m4s", "seg_00001.m4s");
    }

    @Test
    @DisplayName("a name that is not a plain file name never becomes a bucket key")
    void onlyPlainNames() {
        for (String name : new String[] {"../other/seg.m4s", "http://169.254.169.254/x", "a/b"}) {
            assertThatThrownBy(() -> RungPlaylist.parse(PLAYLIST.replace("seg_00001.m4s", name)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RungPlaylist.parse("#EXTM3U\n#EXTINF:6,\nseg.m4s\n"))
                .as("no header")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
