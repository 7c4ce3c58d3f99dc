package dev.lectern.catalog.course;

import dev.lectern.catalog.CourseRole;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/**
 * Who is in which course. Enrolling someone who has never signed in creates their user record, so
 * a class list can be loaded before term starts.
 */
public interface MembershipStore {

    /** Teachers first, then by name. */
    Future<List<Member>> members(UUID courseId);

    /**
     * Adds {@code userId} with {@code role}, or changes their role. {@code displayName} names a
     * person nobody has named yet (empty: leave it to their first sign-in).
     */
    Future<Enrolment> enrol(UUID courseId, String userId, CourseRole role, String displayName);

    /** False when {@code userId} was not a member. */
    Future<Boolean> remove(UUID courseId, String userId);

    /** The member as enrolled, and whether they are new to the course. */
    record Enrolment(Member member, boolean added) {}
}
