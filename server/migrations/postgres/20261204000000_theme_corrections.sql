-- HR's correction of a note's themes and tone on a theme page. While the note's text stays
-- as it was corrected, the correction wins over the interviewer's choice and the detector:
-- `themes` and `sentiment` hold it and no re-tagging changes them. A push that changes the
-- text clears it. The corrections, with the text, are training data for the theme model.
ALTER TABLE notes ADD COLUMN corrected_themes TEXT;
ALTER TABLE notes ADD COLUMN corrected_sentiment TEXT;
ALTER TABLE notes ADD COLUMN corrected_by TEXT;
ALTER TABLE notes ADD COLUMN corrected_at BIGINT;

-- Versions of the theme model trained by `server themes train --with-corrections`: the
-- artefact, how many corrections it learnt from, and its scores on the corpus's test part
-- (JSON, app::domain::ModelFigures). At most one is active; none active = the built-in model.
CREATE TABLE theme_models (
    id          BIGSERIAL PRIMARY KEY,
    created_at  BIGINT NOT NULL,
    label       TEXT NOT NULL,
    corrections INTEGER NOT NULL,
    artefact    BYTEA NOT NULL,
    figures     TEXT NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX theme_models_one_active ON theme_models (active) WHERE active;
