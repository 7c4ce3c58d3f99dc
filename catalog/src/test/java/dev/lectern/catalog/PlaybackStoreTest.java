package dev.lectern.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.caption.CaptionTrack;
import dev.lectern.catalog.media.PgPlaybackStore;
import dev.lectern.catalog.media.PlaybackStore;
import dev.lectern.catalog.media.PublishedLecture;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What players read from PostgreSQL")
class PlaybackStoreTest {
    static CatalogFixture db;
    static PlaybackStore playback;
    static UUID course;

    @BeforeAll
    static void setUp() throws Exception {
        db = new CatalogFixture();
        playback = new PgPlaybackStore(db.pool);
        course = db.course("PLAY1");
        db.member(course, "sam", CourseRole.STUDENT);
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
    }

    private static final String RENDITIONS =
            "{\"kind\":\"AUDIO_ONLY\",\"durationSeconds\":61.5,\"segmentSeconds\":6,"
                    + "\"video\":[],\"audio\":[],\"master\":\"master.m3u8\",\"mpd\":\"manifest.mpd\","
                    + "\"downloads\":{\"audio\":\"download/audio.m4a\",\"audioBytes\":900}}";

    private UUID published() throws Exception {
        UUID lecture = db.lecture(course, "Published");
        db.sql(
                "UPDATE lectures SET status = 'ready', last_version = 2, published_version = 2,"
                        + " duration_seconds = 61.5, renditions = $2::text::jsonb WHERE id = $1",
                lecture,
                RENDITIONS);
        return lecture;
    }

    private void caption(UUID lecture, String language, boolean isDefault) throws Exception {
        db.sql(
                "INSERT INTO captions (lecture_id, language, label, is_default, object_key, cue_count)"
                        + " VALUES ($1, $2, $2, $3, 'k', 3)",
                lecture,
                language,
                isDefault);
    }

    @Test
    @DisplayName(
            "a published lecture comes with its rendition set, captions default first, chapters in order and the viewer's position")
    void publishedLecture() throws Exception {
        UUID lecture = published();
        caption(lecture, "fr", false);
        caption(lecture, "en", true);
        db.sql(
                "INSERT INTO chapters (lecture_id, title, start_seconds) VALUES ($1, 'End', 50), ($1, 'Start', 0)",
                lecture);
        db.sql(
                "INSERT INTO viewing_progress (user_id, lecture_id, position_seconds, furthest_seconds)"
                        + " VALUES ('sam', $1, 12.5, 20)",
                lecture);
        PublishedLecture found = playback.published(lecture, "sam").await().orElseThrow();
        assertThat(found.version()).isEqualTo(2);
        assertThat(found.renditions().kind()).isEqualTo(ContentKind.AUDIO_ONLY);
        assertThat(found.renditions().downloads().video()).isNull();
        assertThat(found.durationSeconds()).isEqualTo(61.5);
        assertThat(found.resumeSeconds()).isEqualTo(12.5);
        assertThat(found.captions()).extracting(CaptionTrack::language).containsExactly("en", "fr");
        assertThat(found.captions().getFirst().cueCount()).isEqualTo(3);
        assertThat(found.chapters()).extracting(c -> c.title()).containsExactly("Start", "End");
        assertThat(
                        playback.published(lecture, "someone-else")
                                .await()
                                .orElseThrow()
                                .resumeSeconds())
                .isZero();
    }

    @Test
    @DisplayName(
            "a lecture without a published rendition set, or with none at all, has nothing to play")
    void unpublished() throws Exception {
        assertThat(playback.published(db.lecture(course, "Draft"), "sam").await()).isEmpty();
        assertThat(playback.published(UUID.randomUUID(), "sam").await()).isEmpty();
    }

    @Test
    @DisplayName("the media routes get the caption tracks default first and the lecture's length")
    void captionsForPlaylists() throws Exception {
        UUID lecture = published();
        caption(lecture, "de", false);
        caption(lecture, "it", true);
        var captions = playback.captions(lecture).await();
        assertThat(captions.tracks())
                .extracting(CaptionTrack::language)
                .containsExactly("it", "de");
        assertThat(captions.durationSeconds()).isEqualTo(61.5);
        assertThat(playback.captions(UUID.randomUUID()).await().tracks()).isEqualTo(List.of());
    }
}
