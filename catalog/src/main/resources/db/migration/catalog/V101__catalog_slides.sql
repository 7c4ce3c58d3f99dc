-- The slides found in a lecture's picture and what Tesseract read on them, kept per lecture (the
-- latest detection replaces the earlier one), so slide text is searchable and chapters can point
-- at a slide and its picture.
CREATE TABLE slides (
    lecture_id     uuid NOT NULL REFERENCES lectures (id) ON DELETE CASCADE,
    number         integer NOT NULL CHECK (number >= 1),
    version        integer NOT NULL CHECK (version >= 1),
    title          text NOT NULL CHECK (length(title) <= 300),
    body           text NOT NULL CHECK (length(body) <= 20000),
    -- When it was on screen: [{"startSeconds", "endSeconds", "stepSeconds": [...]}, ...]
    appearances    jsonb NOT NULL,
    first_seconds  double precision NOT NULL CHECK (first_seconds >= 0),
    -- Its picture's path in the version folder; null when none was made.
    thumbnail      text CHECK (length(thumbnail) <= 200),
    search_config  regconfig NOT NULL DEFAULT 'simple',
    search_vector  tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(search_config, title), 'A')
        || setweight(to_tsvector(search_config, body), 'B')) STORED,
    PRIMARY KEY (lecture_id, number)
);
CREATE INDEX slides_search ON slides USING gin (search_vector);

-- Chapters come from a teacher or from the slides. A teacher's edit makes all of a lecture's
-- chapters the teacher's, so a new detection never overwrites what a teacher decided.
ALTER TABLE chapters
    ADD COLUMN origin text NOT NULL DEFAULT 'teacher' CHECK (origin IN ('teacher', 'slides')),
    ADD COLUMN slide_number integer CHECK (slide_number >= 1);
