package dev.lectern.catalog;

import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.caption.CaptionImports;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.RecordingLectures;

/**
 * What the modules that bring lectures in and process them may use of the catalog: who may act
 * on a course, the lecture's guarded state changes, lectures for webinar recordings, and the
 * caption tracks that come with them.
 */
public record CatalogPorts(
        CourseAccess access,
        LectureLifecycle lifecycle,
        RecordingLectures recordings,
        CaptionImports captionImports) {}
