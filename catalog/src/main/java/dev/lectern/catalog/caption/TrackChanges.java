package dev.lectern.catalog.caption;

/** A teacher's changes to a track; a null field stays as it is. */
public record TrackChanges(String label, Boolean isDefault, Boolean published) {}
