package dev.lectern.catalog.lifecycle;

/** A lecture's original bytes as stored: the object key, the name the teacher gave it, its size. */
public record SourceObject(String key, String filename, long size) {}
