-- tus creation-defer-length: an upload may start before its length is known (a recording in the
-- browser uploads while it records); the length is declared by a later PATCH, once.
ALTER TABLE uploads ALTER COLUMN upload_length DROP NOT NULL;
