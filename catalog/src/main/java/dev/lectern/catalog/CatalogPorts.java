package dev.lectern.catalog;

import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.RecordingLectures;

/**
 * What the modules that bring lectures in and process them may use of the catalog: who may act
 * on a course, the lecture's guarded state changes, and lectures for webinar recordings.
 */
public record CatalogPorts(
        CourseAccess access, LectureLifecycle lifecycle, RecordingLectures recordings) {}
