package dev.lectern.catalog;

import java.util.Locale;

/** What a member does in a course. Admins hold every right without a membership. */
public enum CourseRole {
    TEACHER,
    STUDENT;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CourseRole fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
