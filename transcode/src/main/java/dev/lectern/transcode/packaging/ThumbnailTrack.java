package dev.lectern.transcode.packaging;

import dev.lectern.transcode.ladder.ThumbnailPlan;
import java.util.Locale;

/**
 * The WebVTT thumbnails track for scrubbing: one cue per thumbnail, whose text is the sprite's
 * file name with a media fragment ({@code #xywh=x,y,w,h}) selecting the tile.
 */
public final class ThumbnailTrack {
    private ThumbnailTrack() {}

    public static String write(ThumbnailPlan plan, double duration, String spriteName) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        for (int i = 0; i < plan.count(); i++) {
            double start = (double) i * plan.intervalSeconds();
            if (start >= duration) {
                break;
            }
            double end = Math.min(duration, start + plan.intervalSeconds());
            int x = (i % plan.columns()) * plan.width();
            int y = (i / plan.columns()) * plan.height();
            out.append('\n')
                    .append(timestamp(start))
                    .append(" --> ")
                    .append(timestamp(end))
                    .append('\n')
                    .append(spriteName)
                    .append("#xywh=")
                    .append(x)
                    .append(',')
                    .append(y)
                    .append(',')
                    .append(plan.width())
                    .append(',')
                    .append(plan.height())
                    .append('\n');
        }
        return out.toString();
    }

    static String timestamp(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(
                Locale.ROOT,
                "%02d:%02d:%02d.%03d",
                millis / 3_600_000,
                millis / 60_000 % 60,
                millis / 1000 % 60,
                millis % 1000);
    }
}
