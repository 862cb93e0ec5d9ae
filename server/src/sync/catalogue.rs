//! HR's theme settings: stored, read by every push (notes are tagged with them), and when
//! changed, every stored note is tagged again (except where the interviewer chose the
//! themes) and each interview's themes follow.

use std::collections::BTreeSet;

use app::themes::{Catalogue, Model, ThemeSetting};

use super::versions::{self, Access};
use super::{key_of, Interviews, SyncError};
use crate::db::{args, on_pool, Tx};

/// The stored tags of a note's text under `catalogue`, by the server's detector (lexicon and
/// `model`): (theme ids, sentiment). The interviewer's own choice of themes (`fixed`) wins over
/// the detector's.
pub(crate) fn tags(
    catalogue: &Catalogue,
    model: &Model,
    text: &str,
    fixed: Option<&[String]>,
) -> (String, String) {
    if text.is_empty() {
        return (String::new(), "neutral".into());
    }
    let (found, sentiment) = catalogue.tag_with(Some(model), text, None);
    let themes: BTreeSet<String> = match fixed {
        Some(chosen) => chosen.iter().cloned().collect(),
        None => found.into_iter().map(|t| t.theme).collect(),
    };
    (
        themes.into_iter().collect::<Vec<_>>().join(","),
        key_of(&sentiment),
    )
}

/// Every stored note that the detector tags (not deleted, not empty, not corrected by HR),
/// with its interview, text, tags and whether the interviewer chose its themes.
const RETAG_NOTES_SQL: &str = "SELECT id, interview_id, text, themes, sentiment, themes_fixed \
     FROM notes WHERE NOT deleted AND text <> '' AND corrected_themes IS NULL";

/// A note the detector tags: id, interview, text, themes, sentiment, interviewer's choice.
type RetagRow = (String, String, String, String, String, bool);

/// The tags a stored note gets from `catalogue` and `model`, if they differ from its own.
fn retagged(catalogue: &Catalogue, model: &Model, row: &RetagRow) -> Option<(String, String)> {
    let (_, _, text, old_themes, old_sentiment, fixed) = row;
    // The interviewer's own choice stays as it is.
    let chosen: Vec<String> = super::theme_list(old_themes).map(str::to_owned).collect();
    let (themes, sentiment) = tags(catalogue, model, text, fixed.then_some(chosen.as_slice()));
    (themes != *old_themes || sentiment != *old_sentiment).then_some((themes, sentiment))
}

/// How many of the stored notes `catalogue` and `model` would tag otherwise, of how many
/// they tag at all; nothing is written.
pub(crate) async fn count_retagged(
    tx: &mut Tx,
    catalogue: &Catalogue,
    model: &Model,
) -> Result<(u64, u64), SyncError> {
    let notes: Vec<RetagRow> = tx.all(RETAG_NOTES_SQL, vec![]).await?;
    let changed = notes
        .iter()
        .filter(|row| retagged(catalogue, model, row).is_some())
        .count();
    Ok((changed as u64, notes.len() as u64))
}

/// Tags every stored note again with `catalogue` and `model` (HR's corrections and the
/// interviewers' choices stay), and each interview's themes follow. The caller holds the
/// push lock. Answers how many notes changed.
pub(crate) async fn retag_all(
    tx: &mut Tx,
    catalogue: &Catalogue,
    model: &Model,
) -> Result<u64, SyncError> {
    let note_sql = "UPDATE notes SET themes = $2, sentiment = $3 WHERE id = $1";
    let interview_sql = "UPDATE interviews SET themes = $2, theme_bits = $3 WHERE id = $1";
    let notes: Vec<RetagRow> = tx.all(RETAG_NOTES_SQL, vec![]).await?;
    let mut changed = 0u64;
    let mut touched = BTreeSet::new();
    for row in &notes {
        if let Some((themes, sentiment)) = retagged(catalogue, model, row) {
            tx.execute(note_sql, args![&row.0, &themes, &sentiment])
                .await?;
            touched.insert(row.1.clone());
            changed += 1;
        }
    }
    for interview in touched {
        let lists: Vec<String> = tx
            .all_scalars(
                "SELECT COALESCE(corrected_themes, themes) FROM notes \
                 WHERE interview_id = $1 AND NOT deleted",
                args![&interview],
            )
            .await?;
        let themes = super::theme_union(lists.iter().map(String::as_str));
        let bits = super::theme_bits(&themes);
        tx.execute(interview_sql, args![&interview, &themes, bits])
            .await?;
    }
    Ok(changed)
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
        let mut tx = self.db.begin().await?;
        // The same lock a push takes first: a push tags its notes either wholly before
        // this change (and is tagged again below) or wholly after it.
        let _ = versions::begin(&mut tx, Access::Exclusive).await?;
        let detector = self.detector(&mut tx).await?;
        tx.execute("DELETE FROM theme_settings", vec![]).await?;
        for (i, s) in catalogue.settings.iter().enumerate() {
            let args = args![
                &s.key,
                i as i32,
                &s.label_nl,
                &s.label_en,
                s.enabled,
                s.keywords.join("\n")
            ];
            tx.execute(insert, args).await?;
        }
        let changed = retag_all(&mut tx, &catalogue, detector.model()).await?;
        versions::commit(tx).await?;
        tracing::info!(
            notes = changed,
            "theme settings changed; notes tagged again"
        );
        Ok(changed)
    }
}
