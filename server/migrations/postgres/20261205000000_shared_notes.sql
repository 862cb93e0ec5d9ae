-- HR's "delen" mark on a quote or suggestion: managers of its department read it (scrubbed)
-- while the note's text is still the text HR marked (`shared_text`).
ALTER TABLE notes ADD COLUMN shared_text TEXT;
ALTER TABLE notes ADD COLUMN shared_by TEXT;
ALTER TABLE notes ADD COLUMN shared_at BIGINT;
