package dev.lectern.transcode.ladder;

/**
 * One AAC-LC audio rendition, encoded once and shared by every video rung.
 *
 * @param id folder and playlist name
 * @param channels 1 or 2
 * @param bitrateKbps target bitrate
 * @param inGroup whether it belongs to the audio group the video variants play with
 * @param audioOnlyVariant whether it is (also) offered as the audio-only variant
 */
public record AudioRendition(
        String id,
        int channels,
        int bitrateKbps,
        int sampleRate,
        boolean inGroup,
        boolean audioOnlyVariant) {

    /**
     * At most this many bits per second in any segment: the AAC encoder holds its average but
     * lets single frames swing, so a tenth is allowed on top, plus the CMAF boxes.
     */
    public long promisedBitsPerSecond() {
        return Math.round((bitrateKbps * 1.1 + LadderPlanner.PACKAGING_KBPS) * 1000);
    }
}
