-- The first schema: people, courses, who belongs to which, lectures and the job queue.
-- Statuses are constrained text (readable in psql, easy to extend with a new CHECK) rather than
-- PostgreSQL enums, which cannot drop a value inside a transaction.

CREATE TABLE users (
    id            text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
    display_name  text NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz
);

CREATE TABLE courses (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code         text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    term         text NOT NULL DEFAULT '' CHECK (length(term) <= 64),
    description  text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    course_id   uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    user_id     text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('teacher', 'student')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (course_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id, course_id);

CREATE TABLE lectures (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    course_id          uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description        text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    presenter          text NOT NULL DEFAULT '' CHECK (length(presenter) <= 300),
    recorded_at        timestamptz,
    language           text CHECK (language ~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    duration_seconds   double precision CHECK (duration_seconds >= 0),
    -- Lifecycle: awaiting_upload -> uploading -> queued -> processing -> ready,
    -- or rejected (the source is unusable) / failed (processing gave up).
    status             text NOT NULL DEFAULT 'awaiting_upload' CHECK (status IN (
                           'awaiting_upload', 'uploading', 'queued', 'processing',
                           'ready', 'rejected', 'failed')),
    error_code         text,
    error_message      text,
    CHECK ((status IN ('rejected', 'failed')) = (error_code IS NOT NULL)),
    -- Who may watch: draft (teachers only), published, or scheduled until available_from.
    visibility         text NOT NULL DEFAULT 'draft' CHECK (visibility IN ('draft', 'published', 'scheduled')),
    available_from     timestamptz,
    CHECK (visibility <> 'scheduled' OR available_from IS NOT NULL),
    origin             text NOT NULL DEFAULT 'upload' CHECK (origin IN ('upload', 'import', 'webinar')),
    -- The original bytes, kept until someone deletes the lecture on purpose.
    source_key         text,
    source_filename    text,
    source_size        bigint CHECK (source_size >= 0),
    source_facts       jsonb,
    -- The rendition set students are served; switched atomically when a new one is complete.
    published_version  integer CHECK (published_version > 0),
    renditions         jsonb,
    created_by         text REFERENCES users (id) ON DELETE SET NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lectures_by_course ON lectures (course_id, created_at DESC, id DESC);
CREATE INDEX lectures_by_status ON lectures (status) WHERE status IN ('uploading', 'queued', 'processing');

-- Work for any worker process on any host: claimed with FOR UPDATE SKIP LOCKED and held by a
-- lease that a heartbeat renews; a lapsed lease makes the job claimable again.
CREATE TABLE jobs (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]*$'),
    lecture_id        uuid REFERENCES lectures (id) ON DELETE CASCADE,
    payload           jsonb NOT NULL DEFAULT '{}',
    status            text NOT NULL DEFAULT 'queued' CHECK (status IN (
                          'queued', 'running', 'succeeded', 'failed', 'cancelled')),
    priority          integer NOT NULL DEFAULT 100,
    attempts          integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts      integer NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    run_after         timestamptz NOT NULL DEFAULT now(),
    lease_owner       text,
    lease_expires_at  timestamptz,
    CHECK ((status = 'running') = (lease_owner IS NOT NULL)),
    progress          jsonb,
    last_error        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz
);
-- Lower priority numbers run first; among equals, the oldest.
CREATE INDEX jobs_claimable ON jobs (priority, run_after, id) WHERE status = 'queued';
CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE status = 'running';
-- A lecture never has two live jobs of one kind (a replayed request cannot double the work).
CREATE UNIQUE INDEX jobs_one_live_per_lecture ON jobs (lecture_id, kind) WHERE status IN ('queued', 'running');
