//! HR's correction of one note's themes and tone, from a theme page. It is stored beside the
//! note's tags and wins over the interviewer's choice and the detector while the note's text
//! stays as it was corrected (a push that changes the text clears it; see `push::register`).
//! The corrections, with their texts, are what `server themes train --with-corrections`
//! learns from beside the corpus.

use app::{
    domain::{Millis, NoteId, ThemeCorrection, ThemeId, User},
    themes::eval::Labelled,
};

use super::versions::{self, Access};
use super::{
    catalogue::{from_rows, SettingRow, SETTINGS_SQL},
    from_key, key_of, theme_bits, theme_union, Interviews, SyncError,
};
use crate::db::args;

const NOTE_SQL: &str =
    "SELECT interview_id, text FROM notes WHERE id = $1 AND NOT deleted AND text <> ''";
const CORRECT_SQL: &str = "UPDATE notes SET corrected_themes = $2, corrected_sentiment = $3, \
     corrected_by = $4, corrected_at = $5 WHERE id = $1";
const NOTE_THEMES_SQL: &str =
    "SELECT COALESCE(corrected_themes, themes) FROM notes WHERE interview_id = $1 AND NOT deleted";
const INTERVIEW_SQL: &str = "UPDATE interviews SET themes = $2, theme_bits = $3 WHERE id = $1";
const TRAINING_SQL: &str = "SELECT id, text, corrected_themes, corrected_sentiment FROM notes \
     WHERE corrected_themes IS NOT NULL AND NOT deleted AND text <> '' ORDER BY id";

impl Interviews {
    /// Stores HR's themes and tone for note `id` (a note that is not deleted and has text),
    /// made for the text HR read (a note rewritten since is refused as a conflict); every
    /// theme must be one of HR's enabled themes. The note's own tags (the detector's or the
    /// interviewer's choice, which tablets receive) stay; the interview's themes follow.
    pub async fn correct_note(
        &self,
        by: &User,
        id: NoteId,
        correction: ThemeCorrection,
        now: Millis,
    ) -> Result<ThemeCorrection, SyncError> {
        let key = id.to_string();
        let mut tx = self.db.begin().await?;
        // The push lock: a push of this note is wholly before (and corrected here) or after
        // (and keeps the correction while its text is unchanged); the dashboard sees it.
        let _ = versions::begin(&mut tx, Access::Exclusive).await?;
        let catalogue = from_rows(tx.all::<SettingRow>(SETTINGS_SQL, vec![]).await?);
        let enabled = catalogue.enabled_keys();
        let enabled: Vec<&str> = enabled.iter().map(String::as_str).collect();
        let correction = correction
            .checked(&enabled)
            .map_err(|p| SyncError::BadRequest(format!("theme correction refused: {p}")))?;
        let (interview, text): (String, String) = tx
            .optional(NOTE_SQL, args![&key])
            .await?
            .ok_or(SyncError::NotFound)?;
        if text != correction.text {
            return Err(SyncError::Conflict(
                "the note was changed since it was read: read it again and correct that".into(),
            ));
        }
        let themes = correction.themes.join(",");
        let args = args![
            &key,
            &themes,
            key_of(&correction.sentiment),
            by.id.to_string(),
            now
        ];
        tx.execute(CORRECT_SQL, args).await?;
        let lists: Vec<String> = tx.all_scalars(NOTE_THEMES_SQL, args![&interview]).await?;
        let union = theme_union(lists.iter().map(String::as_str));
        let args = args![&interview, &union, theme_bits(&union)];
        tx.execute(INTERVIEW_SQL, args).await?;
        versions::commit(tx).await?;
        Ok(correction)
    }

    /// HR's corrections as labelled notes, for training (the built-in themes only: HR's
    /// own themes are not the model's). The language is guessed from the text.
    pub async fn corrections(&self) -> Result<Vec<Labelled>, SyncError> {
        let mut tx = self.db.begin().await?;
        let rows: Vec<(String, String, String, String)> = tx.all(TRAINING_SQL, vec![]).await?;
        rows.into_iter()
            .map(|(id, text, themes, sentiment)| {
                Ok(Labelled {
                    id: format!("correction-{id}"),
                    lang: String::new(),
                    text,
                    themes: super::theme_list(&themes)
                        .filter_map(ThemeId::from_key)
                        .collect(),
                    sentiment: from_key(&sentiment)
                        .ok_or(SyncError::Corrupt("corrected sentiment"))?,
                })
            })
            .collect()
    }
}
