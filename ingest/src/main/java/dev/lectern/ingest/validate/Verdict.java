package dev.lectern.ingest.validate;

import dev.lectern.catalog.lifecycle.LectureError;
import dev.lectern.catalog.lifecycle.SourceSummary;
import dev.lectern.ingest.IngestProblem;

/** What validation concluded: accepted with what the probe read, or rejected with a code. */
public sealed interface Verdict {
    record Accepted(SourceSummary summary) implements Verdict {
        public double durationSeconds() {
            return summary.durationSeconds();
        }
    }

    record Rejected(IngestProblem code, String message) implements Verdict {
        public LectureError error() {
            return new LectureError(code.name(), message);
        }
    }
}
