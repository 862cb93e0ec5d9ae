-- HR's theme settings (see app/src/themes/catalogue.rs): a built-in theme renamed, switched
-- off or given keywords, or a theme of HR's own. Keywords are newline-separated patterns.
CREATE TABLE theme_settings (
    key      TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL,
    label_nl TEXT NOT NULL DEFAULT '',
    label_en TEXT NOT NULL DEFAULT '',
    enabled  BOOLEAN NOT NULL,
    keywords TEXT NOT NULL DEFAULT ''
);
