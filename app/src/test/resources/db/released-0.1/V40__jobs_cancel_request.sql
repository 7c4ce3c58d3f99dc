-- A running job cannot be cancelled by one UPDATE: the worker that holds it must stop its handler
-- first. The request is recorded here; the holder sees it at its next heartbeat (or at once through
-- NOTIFY) and ends the job 'cancelled'.
ALTER TABLE jobs ADD COLUMN cancel_requested_at timestamptz;
