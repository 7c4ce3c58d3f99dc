-- The catalog's own tables: caption tracks and their cues (searchable), chapters, per-user viewing
-- progress, and the secret that signs media URLs.

-- Full-text search over a lecture's title and description in the lecture's language. The
-- configuration is a column (set by the API from the BCP-47 language, 'simple' when unknown)
-- because a generated column may only use immutable expressions.
ALTER TABLE lectures ADD COLUMN search_config regconfig NOT NULL DEFAULT 'simple';
ALTER TABLE lectures ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(search_config, title), 'A')
    || setweight(to_tsvector(search_config, presenter), 'B')
    || setweight(to_tsvector(search_config, description), 'C')) STORED;
CREATE INDEX lectures_search ON lectures USING gin (search_vector);

CREATE TABLE captions (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    lecture_id  uuid NOT NULL REFERENCES lectures (id) ON DELETE CASCADE,
    language    text NOT NULL CHECK (language ~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    is_default  boolean NOT NULL DEFAULT false,
    object_key  text NOT NULL,
    cue_count   integer NOT NULL CHECK (cue_count >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX captions_by_lecture ON captions (lecture_id, created_at);
-- At most one default track per lecture, so players never have to choose.
CREATE UNIQUE INDEX captions_one_default ON captions (lecture_id) WHERE is_default;

-- Every cue of every caption track, so a search hit inside captions can say when the words are spoken.
CREATE TABLE caption_cues (
    caption_id     uuid NOT NULL REFERENCES captions (id) ON DELETE CASCADE,
    lecture_id     uuid NOT NULL REFERENCES lectures (id) ON DELETE CASCADE,
    seq            integer NOT NULL,
    start_seconds  double precision NOT NULL CHECK (start_seconds >= 0),
    end_seconds    double precision NOT NULL CHECK (end_seconds >= start_seconds),
    body           text NOT NULL,
    search_config  regconfig NOT NULL DEFAULT 'simple',
    search_vector  tsvector GENERATED ALWAYS AS (to_tsvector(search_config, body)) STORED,
    PRIMARY KEY (caption_id, seq)
);
CREATE INDEX caption_cues_search ON caption_cues USING gin (search_vector);
CREATE INDEX caption_cues_by_lecture ON caption_cues (lecture_id);

CREATE TABLE chapters (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    lecture_id     uuid NOT NULL REFERENCES lectures (id) ON DELETE CASCADE,
    title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    start_seconds  double precision NOT NULL CHECK (start_seconds >= 0),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chapters_by_lecture ON chapters (lecture_id, start_seconds);

CREATE TABLE viewing_progress (
    user_id           text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    lecture_id        uuid NOT NULL REFERENCES lectures (id) ON DELETE CASCADE,
    position_seconds  double precision NOT NULL CHECK (position_seconds >= 0),
    -- The furthest point reached, so rewinding to review does not lower completion.
    furthest_seconds  double precision NOT NULL CHECK (furthest_seconds >= 0),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (lecture_id, user_id)
);

-- The HMAC key for media URLs, generated in the database so every API process on every host
-- signs and checks with the same key without any configuration. 32 bytes from two random UUIDs
-- (gen_random_uuid is core PostgreSQL; gen_random_bytes would need pgcrypto).
CREATE TABLE media_signing_keys (
    id          integer PRIMARY KEY CHECK (id = 1),
    secret      bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO media_signing_keys (id, secret)
    VALUES (1, uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));
