-- A lecture's first version is published while it is still being encoded: the version folder
-- students play from before the whole ladder is done, its growing rendition set, and how many
-- seconds of it can be played. Cleared when a version is published whole; kept (playable,
-- incomplete) when processing fails, until the lecture is processed again or deleted.
ALTER TABLE lectures
    ADD COLUMN preview_version  integer CHECK (preview_version >= 1),
    ADD COLUMN preview          jsonb,
    ADD COLUMN playable_seconds double precision CHECK (playable_seconds >= 0),
    ADD CONSTRAINT lectures_preview_whole
        CHECK ((preview_version IS NULL) = (preview IS NULL)
               AND (preview_version IS NULL) = (playable_seconds IS NULL));
