package dev.lectern.transcode;

import dev.lectern.catalog.RenditionSet;
import java.nio.file.Path;

/** The finished tree (its root is the version folder's content) and its description. */
public record TranscodeResult(Path outputDir, RenditionSet renditions) {}
