package dev.lectern.transcode.ladder;

/**
 * The scrubbing thumbnails: one every {@code intervalSeconds}, {@code width}×{@code height} each,
 * tiled {@code columns}×{@code rows} into one sprite image.
 */
public record ThumbnailPlan(
        int intervalSeconds, int width, int height, int columns, int rows, int count) {}
