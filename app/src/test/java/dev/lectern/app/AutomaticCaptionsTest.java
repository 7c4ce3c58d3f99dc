package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.storage.ObjectFiles;
import dev.lectern.speech.audio.ChunkRecognition;
import dev.lectern.speech.audio.SpeechAudio;
import dev.lectern.speech.cue.Word;
import dev.lectern.speech.engine.CompilerLecture;
import dev.lectern.speech.engine.LectureRecognizer;
import dev.lectern.speech.engine.LectureVocabulary;
import dev.lectern.speech.engine.SpeechEngine;
import dev.lectern.speech.engine.SpokenLecture;
import dev.lectern.speech.pocketsphinx.Installed;
import dev.lectern.speech.pocketsphinx.PocketSphinxEngine;
import dev.lectern.speech.recognition.WordErrorRate;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A lecture spoken by espeak-ng goes through the real path (tus upload, transcode, the captions
 * job in the background lane with the embedded PocketSphinx) and comes out as a draft caption
 * track; its quality is held against the same engine without the lecture's words.
 */
@DisplayName("Automatic captions from upload to a draft track")
class AutomaticCaptionsTest {

    @Test
    @DisplayName(
            "the adapted engine beats the generic one, finds most spoken glossary terms, and its"
                    + " cues start with the sentences and keep the shape rules")
    void uploadTranscodeRecognise() throws Exception {
        Installed.pocketSphinxWithEspeak();
        assumeTrue(SpokenLecture.espeakInstalled(), "espeak-ng is not installed");
        Path dir = TestDirs.create("automatic-captions");
        SpokenLecture spoken = SpokenLecture.synthesise(CompilerLecture.SENTENCES, dir);
        Path source = dir.resolve("compilers.m4a");
        TestMedia.ffmpeg(SpokenLecture.aacArguments(spoken.pcm(), source));
        LectureVocabulary vocabulary = CompilerLecture.VOCABULARY;

        try (RunningLectern app =
                new RunningLectern(Map.of("LECTERN_CAPTIONS_ENGINE", "pocketsphinx"))) {
            String admin = app.adminToken("root");
            String teacher = app.token("tina");
            String course = app.createCourse(admin, "COMP3", "Compilers");
            app.addMember(admin, course, "tina", "teacher");
            app.call(
                    "PATCH",
                    "/api/v1/courses/" + course,
                    teacher,
                    new JsonObject().put("glossary", new JsonArray(vocabulary.glossary())),
                    200);
            UUID lecture =
                    UUID.fromString(
                            app.call(
                                            "POST",
                                            "/api/v1/courses/" + course + "/lectures",
                                            teacher,
                                            new JsonObject()
                                                    .put("title", vocabulary.title())
                                                    .put("description", vocabulary.description())
                                                    .put("language", "en")
                                                    .put("visibility", "published"),
                                            201)
                                    .getString("id"));
            app.upload(teacher, lecture, source);

            JsonObject status =
                    app.awaitBackgroundWork(
                            "/api/v1/lectures/" + lecture + "/captions/automatic", teacher);
            assertThat(status.getString("state")).as(status.encode()).isEqualTo("done");
            JsonObject track = status.getJsonObject("track");
            assertThat(track.getString("origin")).isEqualTo("automatic");
            assertThat(track.getString("engine")).isEqualTo("pocketsphinx");
            assertThat(track.getBoolean("published"))
                    .as("PocketSphinx tracks are drafts until a teacher reviews them")
                    .isFalse();
            JsonArray cues =
                    app.call(
                                    "GET",
                                    "/api/v1/lectures/"
                                            + lecture
                                            + "/captions/"
                                            + track.getString("id"),
                                    teacher,
                                    null,
                                    200)
                            .getJsonArray("cues");
            StringBuilder heard = new StringBuilder();
            cues.forEach(c -> heard.append(((JsonObject) c).getString("text")).append(' '));

            double adapted = WordErrorRate.of(spoken.text(), heard.toString());
            double generic = WordErrorRate.of(spoken.text(), genericEngineHears(app, lecture, dir));
            System.out.printf(
                    Locale.ROOT,
                    "automatic captions WER: adapted %.1f %%, generic %.1f %%%n",
                    adapted * 100,
                    generic * 100);
            assertThat(adapted).as("adapted against generic WER").isLessThan(generic);

            List<String> spokenTerms = termsIn(vocabulary.glossary(), spoken.text());
            List<String> found = termsIn(spokenTerms, heard.toString());
            System.out.printf("glossary terms spoken %s, recognised %s%n", spokenTerms, found);
            assertThat(found.size() * 2)
                    .as("most spoken glossary terms")
                    .isGreaterThan(spokenTerms.size());

            for (double sentence : spoken.sentenceStarts()) {
                assertThat(cues)
                        .as("a cue starts within 1 s of the sentence at %.2f s", sentence)
                        .anyMatch(
                                c ->
                                        Math.abs(((JsonObject) c).getDouble("start") - sentence)
                                                <= 1.0);
            }
            for (Object c : cues) {
                JsonObject cue = (JsonObject) c;
                List<String> lines = cue.getString("text").lines().toList();
                assertThat(lines).hasSizeBetween(1, 2).allMatch(l -> l.length() <= 42);
                assertThat(cue.getDouble("end") - cue.getDouble("start")).isLessThanOrEqualTo(7.0);
            }
        }
    }

    /** The same engine, chunks and audio as the job, without the lecture's words. */
    private static String genericEngineHears(RunningLectern app, UUID lecture, Path dir)
            throws Exception {
        Path audio = dir.resolve("published-audio");
        String key = StorageKeys.versionPrefix(lecture, 1) + "download/audio.m4a";
        assertThat(
                        Blocking.await(
                                ObjectFiles.download(
                                        app.infra().vertx, app.infra().store, key, audio)))
                .as(key)
                .isTrue();
        Path work = Files.createDirectories(dir.resolve("generic"));
        SpeechAudio speech =
                SpeechAudio.decode(TestMedia.tools(), audio, work, Duration.ofMinutes(1));
        SpeechEngine engine = PocketSphinxEngine.locate().engine().orElseThrow();
        LectureRecognizer recognizer =
                engine.prepare(
                        LectureVocabulary.none("en"),
                        Files.createDirectories(work.resolve("engine")));
        List<Word> words = ChunkRecognition.all(recognizer, speech, work);
        return String.join(" ", words.stream().map(Word::text).toList());
    }

    private static List<String> termsIn(List<String> terms, String text) {
        String normalised = " " + String.join(" ", WordErrorRate.normalise(text)) + " ";
        return terms.stream()
                .filter(
                        t ->
                                normalised.contains(
                                        " " + String.join(" ", WordErrorRate.normalise(t)) + " "))
                .toList();
    }
}
