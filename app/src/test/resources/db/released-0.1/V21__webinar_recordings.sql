-- Recordings that arrived by webhook, one row per provider recording: the unique key is what makes
-- a replayed, duplicated or concurrently delivered webhook find the lecture the first delivery
-- created instead of creating a second one.
CREATE TABLE webinar_recordings (
    provider     text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9_]*$'),
    external_id  text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 500),
    lecture_id   uuid NOT NULL REFERENCES lectures (id) ON DELETE CASCADE,
    source_url   text NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, external_id)
);
CREATE INDEX webinar_recordings_by_lecture ON webinar_recordings (lecture_id);
