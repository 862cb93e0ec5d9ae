//! HR's theme settings: stored, read by every push (notes are tagged with them), and when
//! changed, every stored note is tagged again (except where the interviewer chose the
//! themes) and each interview's themes follow.

use std::collections::{BTreeSet, HashMap};

use app::themes::{model::builtin, Catalogue, ThemeSetting};

use super::{key_of, Interviews, SyncError};
use crate::db::on_pool;

/// The stored tags of a note's text under `catalogue`, by the server's detector (lexicon and
/// model): (theme ids, sentiment). The interviewer's own choice of themes (`fixed`) wins over
/// the detector's.
pub(crate) fn tags(
    catalogue: &Catalogue,
    text: &str,
    fixed: Option<&[String]>,
) -> (String, String) {
    if text.is_empty() {
        return (String::new(), "neutral".into());
    }
    // The built-in model; HR's retrained models (with their corrections) replace it here.
    let (found, sentiment) = catalogue.tag_with(Some(builtin()), text, None);
    let themes: BTreeSet<String> = match fixed {
        Some(chosen) => chosen.iter().cloned().collect(),
        None => found.into_iter().map(|t| t.theme).collect(),
    };
    (
        themes.into_iter().collect::<Vec<_>>().join(","),
        key_of(&sentiment),
    )
}

/// HR's settings as stored, in order.
pub(crate) const SETTINGS_SQL: &str =
    "SELECT key, label_nl, label_en, enabled, keywords FROM theme_settings ORDER BY position";

/// One stored setting: key, Dutch and English label, enabled, keywords one per line.
pub(crate) type SettingRow = (String, String, String, bool, String);

/// The catalogue of stored settings rows.
pub(crate) fn from_rows(rows: Vec<SettingRow>) -> Catalogue {
    let settings = rows
        .into_iter()
        .map(
            |(key, label_nl, label_en, enabled, keywords)| ThemeSetting {
                key,
                label_nl,
                label_en,
                enabled,
                keywords: keywords.lines().map(str::to_owned).collect(),
            },
        )
        .collect();
    Catalogue { settings }
}

impl Interviews {
    pub async fn catalogue(&self) -> Result<Catalogue, SyncError> {
        let rows: Vec<SettingRow> =
            on_pool!(&self.db, pool => sqlx::query_as(SETTINGS_SQL).fetch_all(pool).await)?;
        Ok(from_rows(rows))
    }

    /// Stores HR's settings and tags every stored note again with them, in one transaction.
    /// Answers how many notes changed tags.
    pub async fn set_catalogue(&self, catalogue: Catalogue) -> Result<u64, SyncError> {
        let catalogue = catalogue
            .parse()
            .map_err(|e| SyncError::BadRequest(e.to_string()))?;
        let insert = "INSERT INTO theme_settings (key, position, label_nl, label_en, enabled, keywords) VALUES ($1, $2, $3, $4, $5, $6)";
        let notes_sql = "SELECT id, interview_id, text, themes, sentiment, themes_fixed FROM notes WHERE NOT deleted AND text <> ''";
        let note_sql = "UPDATE notes SET themes = $2, sentiment = $3 WHERE id = $1";
        let interviews_sql = "SELECT id, themes FROM interviews";
        let interview_sql = "UPDATE interviews SET themes = $2, theme_bits = $3 WHERE id = $1";
        let changed = on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            // The same lock a push takes first: a push tags its notes either wholly before
            // this change (and is tagged again below) or wholly after it.
            sqlx::query(super::push::LOCK_SQL).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM theme_settings").execute(&mut *tx).await?;
            for (i, s) in catalogue.settings.iter().enumerate() {
                sqlx::query(insert).bind(&s.key).bind(i as i32).bind(&s.label_nl).bind(&s.label_en)
                    .bind(s.enabled).bind(s.keywords.join("\n")).execute(&mut *tx).await?;
            }
            let notes: Vec<(String, String, String, String, String, bool)> = sqlx::query_as(notes_sql).fetch_all(&mut *tx).await?;
            let mut unions: HashMap<String, BTreeSet<String>> = HashMap::new();
            let mut changed = 0u64;
            for (id, interview, text, old_themes, old_sentiment, fixed) in notes {
                // The interviewer's own choice stays as it is.
                let chosen: Vec<String> = super::theme_list(&old_themes).map(str::to_owned).collect();
                let (themes, sentiment) = tags(&catalogue, &text, fixed.then_some(chosen.as_slice()));
                if themes != old_themes || sentiment != old_sentiment {
                    sqlx::query(note_sql).bind(&id).bind(&themes).bind(&sentiment).execute(&mut *tx).await?;
                    changed += 1;
                }
                unions.entry(interview).or_default().extend(super::theme_list(&themes).map(str::to_owned));
            }
            let interviews: Vec<(String, String)> = sqlx::query_as(interviews_sql).fetch_all(&mut *tx).await?;
            for (id, old) in interviews {
                let themes = unions.remove(&id).unwrap_or_default().into_iter().collect::<Vec<_>>().join(",");
                if themes != old {
                    sqlx::query(interview_sql).bind(&id).bind(&themes).bind(super::theme_bits(&themes)).execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
            changed
        });
        tracing::info!(
            notes = changed,
            "theme settings changed; notes tagged again"
        );
        Ok(changed)
    }
}
