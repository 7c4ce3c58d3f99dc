-- When the S3 multipart upload of a complete tus upload was completed (assembled into the source
-- object). Judging a source completes it first; recording it lets a retried judgement, in any
-- process, skip the step instead of completing twice.
ALTER TABLE uploads ADD COLUMN assembled_at timestamptz;
