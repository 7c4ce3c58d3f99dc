package dev.lectern.catalog.course;

import java.util.List;

/**
 * What an administrator or teacher writes about a course. On an update, a null field is left as
 * it is.
 *
 * @param glossary terms the course's lectures use (names, jargon), which automatic captions are
 *     told to expect
 */
public record CourseFields(
        String code, String title, String term, String description, List<String> glossary) {}
