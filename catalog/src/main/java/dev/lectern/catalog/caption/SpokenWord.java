package dev.lectern.catalog.caption;

/** A recognised word and when it is spoken, in seconds from the start of the lecture. */
public record SpokenWord(String text, double start, double end) {}
