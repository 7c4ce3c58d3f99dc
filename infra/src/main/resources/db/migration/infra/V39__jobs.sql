-- The job queue's table. Work for any worker process on any host: claimed with FOR UPDATE SKIP
-- LOCKED and held by a lease that a heartbeat renews; a lapsed lease makes the job claimable again.
--
-- History: Lectern's first schema (the catalog's V1) created this table together with the courses
-- and lectures, and declared that a job's lecture_id is one of its lectures. Applied migrations never
-- change, so on every database that has the catalog this migration finds the table and does
-- nothing; it creates the table only where infra runs alone (its own tests). Keep it identical to
-- V1's table apart from that reference.
DO $$
BEGIN
    IF to_regclass('jobs') IS NOT NULL THEN
        RETURN;
    END IF;
    CREATE TABLE jobs (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind              text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]*$'),
        lecture_id        uuid,
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
END
$$;
