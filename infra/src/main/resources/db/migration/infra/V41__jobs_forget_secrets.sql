-- A job's payload may carry a credential its handler needs while the job runs (an import's download
-- token, under the key "secret"). PostgreSQL drops it the moment the job ends, whichever path ends it
-- (done, failed, given up, cancelled, swept), so finished jobs keep no credentials.
CREATE FUNCTION jobs_forget_secret() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.payload := NEW.payload - 'secret';
    RETURN NEW;
END
$$;

CREATE TRIGGER jobs_forget_secret BEFORE UPDATE OF status ON jobs
    FOR EACH ROW
    WHEN (NEW.status IN ('succeeded', 'failed', 'cancelled') AND NEW.payload ? 'secret')
    EXECUTE FUNCTION jobs_forget_secret();

-- Imports queued by earlier versions kept the token at the top level of the payload.
UPDATE jobs
SET payload = CASE
        WHEN status IN ('succeeded', 'failed', 'cancelled') THEN payload - 'authorization'
        ELSE (payload - 'authorization')
             || jsonb_build_object('secret', jsonb_build_object('authorization', payload -> 'authorization'))
    END
WHERE kind = 'import' AND payload ? 'authorization';
