package dev.lectern.ingest;

import java.nio.file.Path;

/**
 * The ingest module's settings: limits and policies for uploads and sources, URL imports and
 * recording webhooks, and where sources are sampled for checking.
 */
public record IngestOptions(IngestConfig uploads, ImportConfig imports, Path scratchDir) {}
