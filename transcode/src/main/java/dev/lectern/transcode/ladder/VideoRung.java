package dev.lectern.transcode.ladder;

/**
 * One video rendition: picture size, constant frame rate and the capped-CRF x264 settings.
 *
 * @param id folder and playlist name, e.g. {@code 720p}
 * @param crf x264 constant rate factor (quality target)
 * @param maxrateKbps VBV ceiling that caps the CRF's bitrate
 * @param bufsizeKbps VBV buffer; larger lets a slide change borrow from the static seconds around it
 * @param tune x264 tune ({@code stillimage} for screencasts) or {@code null}
 */
public record VideoRung(
        String id,
        int width,
        int height,
        FrameRate frameRate,
        int crf,
        int maxrateKbps,
        int bufsizeKbps,
        String preset,
        String tune) {

    /**
     * The most bits per second a segment of this rung can carry: the VBV model lets a window of
     * {@code segmentSeconds} hold at most the rate cap times its length plus the buffer, and CMAF
     * boxes add a little. A master playlist published before the encode ends states this as
     * BANDWIDTH, a promise the encoder keeps, because nothing has been measured yet.
     */
    public long promisedBitsPerSecond(int segmentSeconds) {
        double kbps =
                maxrateKbps + (double) bufsizeKbps / segmentSeconds + LadderPlanner.PACKAGING_KBPS;
        return Math.round(kbps * 1000);
    }
}
