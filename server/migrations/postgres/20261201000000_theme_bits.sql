-- The interview's built-in themes once more as bits (bit k: ThemeId::ALL[k], in
-- app/src/domain/theme.rs; append-only): the dashboard counts a theme with an AND on a
-- number instead of a text search per interview and theme. `themes` stays the list; HR's
-- own themes are only there. Kept by the same writes that keep `themes`.
ALTER TABLE interviews ADD COLUMN theme_bits BIGINT NOT NULL DEFAULT 0;

UPDATE interviews SET theme_bits =
      CASE WHEN (',' || themes || ',') LIKE '%,career,%' THEN 1 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,manager,%' THEN 2 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,workload,%' THEN 4 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,pay,%' THEN 8 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,culture,%' THEN 16 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,wellbeing,%' THEN 32 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,job_content,%' THEN 64 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,organisation,%' THEN 128 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,commute,%' THEN 256 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,personal,%' THEN 512 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,education,%' THEN 1024 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,better_offer,%' THEN 2048 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,involuntary,%' THEN 4096 ELSE 0 END +
      CASE WHEN (',' || themes || ',') LIKE '%,retirement,%' THEN 8192 ELSE 0 END;
