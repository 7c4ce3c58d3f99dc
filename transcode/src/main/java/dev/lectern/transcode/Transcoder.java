package dev.lectern.transcode;

/**
 * Turns a source into a streamable rendition tree (HLS + DASH over the same CMAF segments,
 * poster, thumbnails, downloads). Blocking and long-running: call it from a worker thread, never
 * the event loop.
 */
public interface Transcoder {
    /**
     * Runs the whole transcode. On failure or cancellation the work directory holds nothing
     * (scratch and partial output removed) and a {@link TranscodeException} says why.
     */
    TranscodeResult transcode(TranscodeRequest request);
}
