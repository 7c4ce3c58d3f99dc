package dev.lectern.catalog.course;

/**
 * What an administrator or teacher writes about a course. On an update, a null field is left as
 * it is.
 */
public record CourseFields(String code, String title, String term, String description) {}
