package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.slides.deck.Deck;
import dev.lectern.slides.deck.DeckScore;
import dev.lectern.slides.deck.DeckSlide;
import dev.lectern.slides.deck.TestDecks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Slide chapters from upload to search")
class SlideDetectionTest {

    @Test
    @DisplayName(
            "a screen recording uploaded over tus is transcoded, its slides found and read: one"
                    + " chapter per appearance titled as drawn, a chapters track, and its slide"
                    + " text found by search")
    void uploadToChapters(@TempDir Path dir) throws Exception {
        try (RunningLectern app = new RunningLectern(Map.of("LECTERN_SLIDES", "on"))) {
            Deck deck =
                    TestDecks.lecture(
                            app.infra().mediaTools,
                            Files.createDirectories(dir.resolve("deck")),
                            1280,
                            720);
            String admin = app.adminToken("root");
            String teacher = app.token("tara");
            String student = app.token("sid");
            String course = app.createCourse(admin, "SLIDE2", "Slides");
            app.addMember(admin, course, "tara", "teacher");
            app.addMember(admin, course, "sid", "student");
            UUID lecture =
                    UUID.fromString(
                            app.call(
                                            "POST",
                                            "/api/v1/courses/" + course + "/lectures",
                                            teacher,
                                            new JsonObject()
                                                    .put("title", "Data structures")
                                                    .put("language", "en")
                                                    .put("visibility", "published"),
                                            201)
                                    .getString("id"));
            app.upload(teacher, lecture, deck.video());

            JsonObject status =
                    app.awaitBackgroundWork(
                            "/api/v1/lectures/" + lecture + "/chapters/automatic", teacher);
            assertThat(status.getString("state")).as(status.encode()).isEqualTo("done");

            JsonArray chapters =
                    app.call("GET", "/api/v1/lectures/" + lecture + "/chapters", student, null, 200)
                            .getJsonArray("items");
            int matched = 0;
            for (DeckSlide shown : deck.slides()) {
                boolean found =
                        chapters.stream()
                                .map(JsonObject.class::cast)
                                .anyMatch(
                                        c ->
                                                Math.abs(
                                                                        c.getDouble("startSeconds")
                                                                                - shown
                                                                                        .startSeconds())
                                                                <= DeckScore.TOLERANCE_SECONDS
                                                        && DeckScore.titleDistance(
                                                                        shown.title(),
                                                                        c.getString("title"))
                                                                <= DeckScore.TITLE_DISTANCE);
                matched += found ? 1 : 0;
                if (!found) {
                    System.out.printf(
                            "not matched: %.2f s \"%s\"%n", shown.startSeconds(), shown.title());
                }
            }
            System.out.printf(
                    "slide chapters: %d of %d appearances matched in time and title; %d chapters%n",
                    matched, deck.slides().size(), chapters.size());
            assertThat(matched * 10)
                    .as("at least 90 %% of appearances")
                    .isGreaterThanOrEqualTo(deck.slides().size() * 9);
            assertThat(chapters.getJsonObject(0).getString("origin")).isEqualTo("slides");

            DeckSlide sought = deck.slides().get(2);
            JsonArray hits =
                    app.call(
                                    "GET",
                                    "/api/v1/search?q="
                                            + URLEncoder.encode(
                                                    sought.title(), StandardCharsets.UTF_8),
                                    student,
                                    null,
                                    200)
                            .getJsonArray("items");
            assertThat(hits).as("a search for %s", sought.title()).isNotEmpty();
            JsonObject slideHit = hits.getJsonObject(0).getJsonArray("slideHits").getJsonObject(0);
            assertThat(slideHit.getDouble("startSeconds"))
                    .isCloseTo(sought.startSeconds(), org.assertj.core.data.Offset.offset(1.0));

            JsonObject playback =
                    app.call(
                            "GET", "/api/v1/lectures/" + lecture + "/playback", student, null, 200);
            var track = app.http.get(playback.getString("chaptersVtt"), null);
            assertThat(track.body()).startsWith("WEBVTT").contains(sought.title());
            var picture = app.http.get(slideHit.getString("thumbnail"), null);
            assertThat(picture.status()).isEqualTo(200);
        }
    }
}
