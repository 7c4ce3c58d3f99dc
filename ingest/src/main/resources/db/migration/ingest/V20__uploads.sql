-- Resumable (tus) uploads. The state lives here, not in a process, so any API process can continue
-- any upload: bytes already stored are whole S3 parts (listed in parts) plus a tail shorter than a
-- part kept as a small object (tail_key, its first tail_length bytes count).
CREATE TABLE uploads (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    lecture_id     uuid NOT NULL REFERENCES lectures (id) ON DELETE CASCADE,
    object_key     text NOT NULL,
    multipart_id   text NOT NULL,
    tail_key       text NOT NULL,
    part_size      integer NOT NULL CHECK (part_size >= 5 * 1024 * 1024),
    parts          jsonb NOT NULL DEFAULT '[]',
    upload_offset  bigint NOT NULL DEFAULT 0 CHECK (upload_offset >= 0),
    upload_length  bigint NOT NULL CHECK (upload_length >= 0),
    tail_length    integer NOT NULL DEFAULT 0 CHECK (tail_length >= 0),
    CHECK (upload_offset <= upload_length),
    filename       text NOT NULL CHECK (length(filename) BETWEEN 1 AND 300),
    filetype       text NOT NULL DEFAULT 'application/octet-stream',
    metadata       text NOT NULL DEFAULT '',
    status         text NOT NULL DEFAULT 'receiving' CHECK (status IN (
                       'receiving', 'complete', 'terminated', 'expired')),
    expires_at     timestamptz NOT NULL,
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
-- One upload in flight per lecture.
CREATE UNIQUE INDEX uploads_one_receiving_per_lecture ON uploads (lecture_id) WHERE status = 'receiving';
CREATE INDEX uploads_expiring ON uploads (expires_at) WHERE status = 'receiving';
