-- Caption tracks come from teachers (uploaded), from speech recognition (automatic) or with a
-- webinar recording (imported). A track can be kept from students until a teacher reviewed it
-- (the drafts of an engine that is not reliable enough), and it is edited in place: every save
-- is a new revision of its file.
ALTER TABLE captions
    ADD COLUMN origin text NOT NULL DEFAULT 'uploaded'
        CHECK (origin IN ('uploaded', 'automatic', 'imported')),
    ADD COLUMN engine text CHECK (length(engine) <= 100),
    ADD COLUMN model text CHECK (length(model) <= 200),
    ADD COLUMN published boolean NOT NULL DEFAULT true,
    ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT captions_engine_named CHECK ((origin = 'automatic') = (engine IS NOT NULL)),
    -- Players show the default track to students, so a hidden track is never the default.
    ADD CONSTRAINT captions_default_published CHECK (published OR NOT is_default);

-- One automatic track per lecture: recognising again replaces it.
CREATE UNIQUE INDEX captions_one_automatic ON captions (lecture_id) WHERE origin = 'automatic';

-- When each word of a recognised cue is spoken, [[start, end, "word"], ...], so a search hit can
-- jump to the word rather than to the start of its cue.
ALTER TABLE caption_cues ADD COLUMN words jsonb;

-- The terms a course's lectures use (names, jargon), which speech recognition is told to expect.
ALTER TABLE courses ADD COLUMN glossary text[] NOT NULL DEFAULT '{}'
    CHECK (cardinality(glossary) <= 100);
