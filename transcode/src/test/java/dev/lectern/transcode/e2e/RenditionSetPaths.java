package dev.lectern.transcode.e2e;

/** The fixed names of the output layout, as the issue defines them. */
final class RenditionSetPaths {
    static final String MASTER = "master.m3u8";
    static final String MPD = "manifest.mpd";

    private RenditionSetPaths() {}
}
