-- HR's anonymity settings for what managers see: the minimum group of interviews behind any
-- figure, and the minimum group whose marked quotes reach them.
ALTER TABLE instance ADD COLUMN min_group INTEGER NOT NULL DEFAULT 5;
ALTER TABLE instance ADD COLUMN min_quote_group INTEGER NOT NULL DEFAULT 8;
