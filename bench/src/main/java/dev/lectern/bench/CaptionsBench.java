package dev.lectern.bench;

import dev.lectern.speech.audio.ChunkRecognition;
import dev.lectern.speech.audio.SpeechAudio;
import dev.lectern.speech.cue.Word;
import dev.lectern.speech.engine.LectureSet;
import dev.lectern.speech.engine.LectureVocabulary;
import dev.lectern.speech.engine.SpeechEngine;
import dev.lectern.speech.engine.SpokenLecture;
import dev.lectern.speech.pocketsphinx.PocketSphinxEngine;
import dev.lectern.speech.recognition.WordErrorRate;
import dev.lectern.speech.whisper.WhisperEngine;
import dev.lectern.speech.whisper.WhisperModel;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Automatic captions: each available engine's word error rate (generic and adapted to the
 * lecture's words) and CPU per audio minute on the same synthesised lectures; then, in a full run,
 * a 60-minute lecture through the service (upload → transcode → captions) with a transcode
 * started beside its recognition, timed against the same transcode alone.
 */
final class CaptionsBench {
    private final Bench bench;

    CaptionsBench(Bench bench) {
        this.bench = bench;
    }

    List<Table> run() throws Exception {
        List<Table> tables = new ArrayList<>();
        Path dir = bench.dir("captions");
        if (!SpokenLecture.espeakInstalled()) {
            tables.add(
                    new Table("Automatic captions")
                            .note("espeak-ng is not installed: not measured."));
            return tables;
        }
        // Quick runs (CI) hear the first sentences of one lecture: enough to see both rates.
        List<LectureSet.Lecture> set =
                bench.quick
                        ? List.of(
                                new LectureSet.Lecture(
                                        "compilers-start",
                                        LectureSet.COMPILERS.sentences().subList(0, 5),
                                        LectureSet.COMPILERS.vocabulary()))
                        : LectureSet.ALL;
        Map<LectureSet.Lecture, SpokenLecture> spoken = new LinkedHashMap<>();
        for (LectureSet.Lecture lecture : set) {
            spoken.put(
                    lecture,
                    SpokenLecture.synthesise(lecture.sentences(), dir.resolve(lecture.name())));
        }
        tables.add(accuracy(engines(), spoken, dir));
        if (!bench.quick) {
            tables.add(new HourOfCaptions(bench, dir).run(spoken.values()));
        }
        return tables;
    }

    /** PocketSphinx when installed; whisper.cpp when LECTERN_BENCH_WHISPER_MODEL names a model. */
    private static Map<String, SpeechEngine> engines() {
        Map<String, SpeechEngine> engines = new LinkedHashMap<>();
        PocketSphinxEngine.locate().engine().ifPresent(e -> engines.put("PocketSphinx", e));
        String model = System.getenv().getOrDefault("LECTERN_BENCH_WHISPER_MODEL", "");
        if (!model.isEmpty()) {
            try {
                engines.put(
                        "whisper.cpp", new WhisperEngine(WhisperModel.check(Path.of(model)), 1));
            } catch (WhisperModel.InvalidModel e) {
                Bench.log("whisper left out: " + e.getMessage());
            }
        }
        return engines;
    }

    private Table accuracy(
            Map<String, SpeechEngine> engines,
            Map<LectureSet.Lecture, SpokenLecture> spoken,
            Path dir)
            throws Exception {
        Table table =
                new Table(
                        "Automatic captions: accuracy and cost on synthesised lectures",
                        "engine",
                        "lectures",
                        "audio s",
                        "WER generic",
                        "WER adapted",
                        "glossary terms found",
                        "CPU-s per audio min (adapted)");
        for (Map.Entry<String, SpeechEngine> engine : engines.entrySet()) {
            double audio = 0;
            double genericErrors = 0;
            double adaptedErrors = 0;
            double referenceWords = 0;
            int termsSpoken = 0;
            int termsFound = 0;
            double cpu = 0;
            for (Map.Entry<LectureSet.Lecture, SpokenLecture> entry : spoken.entrySet()) {
                LectureSet.Lecture lecture = entry.getKey();
                SpokenLecture speech = entry.getValue();
                Path work = dir.resolve(engine.getKey() + "-" + lecture.name());
                SpeechAudio audioFile = pcm(speech, work);
                Bench.log("captions: " + engine.getKey() + " on " + lecture.name());
                String generic =
                        hear(
                                engine.getValue(),
                                LectureVocabulary.none("en"),
                                audioFile,
                                work.resolve("generic"));
                CpuClock before = CpuClock.now();
                String adapted =
                        hear(
                                engine.getValue(),
                                lecture.vocabulary(),
                                audioFile,
                                work.resolve("adapted"));
                cpu += CpuClock.now().totalSince(before);
                int words = WordErrorRate.normalise(speech.text()).size();
                referenceWords += words;
                genericErrors += WordErrorRate.of(speech.text(), generic) * words;
                adaptedErrors += WordErrorRate.of(speech.text(), adapted) * words;
                audio += speech.seconds();
                List<String> spokenTerms = termsIn(lecture.vocabulary().glossary(), speech.text());
                termsSpoken += spokenTerms.size();
                termsFound += termsIn(spokenTerms, adapted).size();
            }
            table.row(
                    engine.getKey(),
                    spoken.size(),
                    Format.f0(audio),
                    Format.f1(100 * genericErrors / referenceWords) + " %",
                    Format.f1(100 * adaptedErrors / referenceWords) + " %",
                    termsFound + " of " + termsSpoken,
                    Format.f1(cpu / (audio / 60)));
        }
        if (engines.isEmpty()) {
            table.note(
                    "No engine is installed here (scripts/system-deps.sh installs PocketSphinx).");
        }
        table.note(
                "espeak-ng (en-us+f2, 150 words a minute) reads each lecture; WER is over all the set's"
                        + " words, against the spoken text. \"Adapted\" tells the engine the lecture's title,"
                        + " description and course glossary, never its sentences. CPU covers the adaptation and"
                        + " the engine's processes. Synthetic speech flatters PocketSphinx's espeak-made"
                        + " pronunciations; real lecturers score worse. whisper.cpp is measured when"
                        + " LECTERN_BENCH_WHISPER_MODEL names a model file (none ships with Lectern).");
        return table;
    }

    /** The lecture's PCM as the captions job reads it, with its pauses. */
    private SpeechAudio pcm(SpokenLecture speech, Path work) throws Exception {
        Files.createDirectories(work);
        Path m4a = work.resolve("lecture.m4a");
        bench.ffmpeg.run("captions-audio", SpokenLecture.aacArguments(speech.pcm(), m4a));
        return SpeechAudio.decode(bench.tools, m4a, work, java.time.Duration.ofMinutes(5));
    }

    private static String hear(
            SpeechEngine engine, LectureVocabulary vocabulary, SpeechAudio audio, Path work)
            throws Exception {
        Files.createDirectories(work);
        List<Word> words = ChunkRecognition.all(engine.prepare(vocabulary, work), audio, work);
        return String.join(" ", words.stream().map(Word::text).toList());
    }

    static List<String> termsIn(List<String> terms, String text) {
        String normalised = " " + String.join(" ", WordErrorRate.normalise(text)) + " ";
        return terms.stream()
                .filter(
                        t ->
                                normalised.contains(
                                        " " + String.join(" ", WordErrorRate.normalise(t)) + " "))
                .toList();
    }

    /** Joins the lectures' PCM over and over until it lasts {@code seconds}. */
    static Path repeated(List<SpokenLecture> lectures, double seconds, Path target)
            throws Exception {
        double written = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            while (written < seconds) {
                for (SpokenLecture lecture : lectures) {
                    Files.copy(lecture.pcm(), out);
                    written += lecture.seconds();
                    if (written >= seconds) {
                        break;
                    }
                }
            }
        }
        return target;
    }
}
