-- Each processing attempt writes into its own version folder (lectures/{id}/v{n}/); the counter
-- hands out n, so a retried or re-run attempt never writes over the version students are watching.
ALTER TABLE lectures ADD COLUMN last_version integer NOT NULL DEFAULT 0 CHECK (last_version >= 0);
ALTER TABLE lectures ADD CONSTRAINT published_version_issued CHECK (published_version <= last_version);
