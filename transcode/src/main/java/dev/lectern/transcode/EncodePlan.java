package dev.lectern.transcode;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.transcode.ladder.Ladder;
import java.nio.file.Path;

/**
 * What an encode is about to write, decided before ffmpeg starts.
 *
 * @param output the folder ffmpeg writes every rendition's playlist and segments into
 */
public record EncodePlan(SourceFacts facts, ContentAnalysis analysis, Ladder ladder, Path output) {}
