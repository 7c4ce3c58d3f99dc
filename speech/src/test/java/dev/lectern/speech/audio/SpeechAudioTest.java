package dev.lectern.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A lecture's audio as recognisers take it")
class SpeechAudioTest {

    @Test
    @DisplayName("decodes to 16 kHz mono PCM and finds the pauses in the same pass")
    void decodeAndPauses() throws Exception {
        Path dir = TestDirs.create("speech-audio");
        Path audio = dir.resolve("talk.m4a");
        // 2 s tone, 1 s silence, 2 s tone, 1.5 s silence, 1 s tone.
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:duration=7.5,volume='if(between(t,2,3)+between(t,5,6.5),0,1)':eval=frame",
                        "-ac",
                        "2",
                        "-c:a",
                        "aac",
                        audio.toString()));
        Path work = Files.createDirectories(dir.resolve("work"));
        SpeechAudio speech =
                SpeechAudio.decode(TestMedia.tools(), audio, work, Duration.ofMinutes(1));

        assertThat(speech.durationSeconds()).isCloseTo(7.5, within(0.1));
        assertThat(Files.size(speech.pcm()))
                .isEqualTo(Math.round(speech.durationSeconds() * 32_000));
        assertThat(speech.pauses()).hasSize(2);
        assertThat(speech.pauses().get(0).start()).isCloseTo(2.0, within(0.1));
        assertThat(speech.pauses().get(0).end()).isCloseTo(3.0, within(0.1));
        assertThat(speech.pauses().get(1).length()).isCloseTo(1.5, within(0.1));

        Path slice = dir.resolve("slice.pcm");
        speech.slice(1.0, 2.5, slice);
        assertThat(Files.size(slice)).isEqualTo(48_000);
    }

    @Test
    @DisplayName("a pause still open at the end closes with the recording")
    void openPause() {
        assertThat(
                        SpeechAudio.pauses(
                                List.of(
                                        "[silencedetect @ 0x1] silence_start: -0.01",
                                        "[silencedetect @ 0x1] silence_end: 1.5 | silence_duration: 1.51",
                                        "[silencedetect @ 0x1] silence_start: 9"),
                                10))
                .containsExactly(new Pause(0, 1.5), new Pause(9, 10));
    }
}
