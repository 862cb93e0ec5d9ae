//! Interviews on the server: changes pushed by tablets applied exactly once ([`push`]), what
//! changed for a device ([`pull`]), reading and erasing for HR with an audit trail ([`read`]),
//! and removing what identifies a leaver after the retention period ([`retention`]).
//!
//! Every register is kept with its stamp and merged with [`app::domain::resolve`], the same
//! rule the tablets use, so the server and every tablet converge on the same values.

use app::domain::{InterviewId, Note, NoteId, Op, Stamp};
use serde::{de::DeserializeOwned, Serialize};

use crate::db::Db;

pub mod catalogue;
pub mod correct;
pub mod models;
pub mod pull;
pub mod push;
pub mod read;
pub mod retention;
pub mod share;
pub mod versions;

/// The interviews repository over either database.
#[derive(Debug, Clone)]
pub struct Interviews {
    db: Db,
    /// The theme model version this process read last.
    loaded: std::sync::Arc<models::Loaded>,
}

impl Interviews {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            loaded: Default::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The request itself is wrong (order, size); the message says what.
    #[error("{0}")]
    BadRequest(String),
    #[error("no such interview")]
    NotFound,
    /// What the request was about changed since the caller read it; the message says what.
    #[error("{0}")]
    Conflict(String),
    /// The device id was first used by another user; it stays theirs.
    #[error("this device id belongs to another user: use a new one")]
    DeviceTaken,
    /// A change arrived under a sequence number this device id already used for another
    /// change: the device is a restored or cloned copy, behind the server.
    #[error("the server has newer changes from this device id (a restored or cloned copy): send everything again under a new device id")]
    DeviceBehind,
    /// The caller's role or departments do not allow it.
    #[error("your role may not do this")]
    Forbidden,
    #[error("stored interview data cannot be read ({0})")]
    Corrupt(&'static str),
    #[error("database query failed: {0}")]
    Db(#[from] sqlx::Error),
    /// Work moved off the async threads panicked or was cancelled.
    #[error("a background task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl SyncError {
    /// A conflict with a parallel transaction (a deadlock, a serialization failure) that
    /// rolled back the whole transaction: a new attempt may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, SyncError::Db(e) if crate::db::is_transient(e))
    }
}

/// The stored text of a unit enum value: its serde name (`job_content`, `in_progress`).
pub(crate) fn key_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("a unit enum serialises to a string, not {other:?}"),
    }
}

/// The value whose serde name is `key`.
pub(crate) fn from_key<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(key.to_owned())).ok()
}

/// A filter's text field: trimmed, and `None` when nothing is left.
pub(crate) fn given(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The theme ids in a stored comma-separated list.
pub(crate) fn theme_list(stored: &str) -> impl Iterator<Item = &str> {
    stored.split(',').filter(|t| !t.is_empty())
}

/// The built-in themes of a stored list as the `theme_bits` column holds them: bit k for
/// `ThemeId::ALL[k]`. HR's own themes have no bit.
pub(crate) fn theme_bits(stored: &str) -> i64 {
    theme_list(stored)
        .filter_map(app::domain::ThemeId::from_key)
        .fold(0, |bits, theme| bits | 1 << theme.index())
}

/// Every theme of several stored lists, once each, sorted, as a stored list.
pub(crate) fn theme_union<'a>(lists: impl IntoIterator<Item = &'a str>) -> String {
    let themes: std::collections::BTreeSet<&str> = lists.into_iter().flat_map(theme_list).collect();
    themes.into_iter().collect::<Vec<_>>().join(",")
}

/// The columns of [`NoteRow`], for `SELECT … FROM notes n`.
pub(crate) const NOTE_COLUMNS: &str =
    "n.id, n.interview_id, n.question, n.kind, n.text, n.deleted, n.created_at, n.updated_at, n.stamp, \
     n.themes, n.themes_fixed, n.corrected_themes";

/// One stored note register.
#[derive(sqlx::FromRow)]
pub(crate) struct NoteRow {
    id: String,
    interview_id: String,
    question: String,
    kind: String,
    text: String,
    deleted: bool,
    created_at: i64,
    updated_at: i64,
    stamp: String,
    themes: String,
    themes_fixed: bool,
    /// HR's correction of the themes. Wherever HR reads a note's themes (dashboard, theme
    /// pages, an interview's themes) it is `COALESCE(corrected_themes, themes)`: the
    /// correction wins, and `themes` keeps the detector's tags or the interviewer's choice,
    /// which the tablets receive, untouched.
    corrected_themes: Option<String>,
}

impl NoteRow {
    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// The themes HR reads: HR's correction, else the tags.
    pub(crate) fn effective_themes(&self) -> &str {
        self.corrected_themes.as_deref().unwrap_or(&self.themes)
    }

    /// The interview it belongs to, its stamp and the note.
    pub(crate) fn into_register(self) -> Result<(InterviewId, Stamp, Note), SyncError> {
        let note = Note {
            id: NoteId::parse(&self.id).ok_or(SyncError::Corrupt("note id"))?,
            question: from_key(&self.question).ok_or(SyncError::Corrupt("question"))?,
            kind: from_key(&self.kind).ok_or(SyncError::Corrupt("kind"))?,
            text: self.text,
            created_at: self.created_at,
            updated_at: self.updated_at,
            deleted: self.deleted,
            themes: self
                .themes_fixed
                .then(|| theme_list(&self.themes).map(str::to_owned).collect()),
        };
        let interview =
            InterviewId::parse(&self.interview_id).ok_or(SyncError::Corrupt("interview id"))?;
        Ok((interview, stamp(&self.stamp)?, note))
    }
}

/// A stored section register: its stamp and value.
pub(crate) fn section(stamp_key: &str, value: &str) -> Result<(Stamp, Op), SyncError> {
    let op = serde_json::from_str(value).map_err(|_| SyncError::Corrupt("section"))?;
    Ok((stamp(stamp_key)?, op))
}

fn stamp(key: &str) -> Result<Stamp, SyncError> {
    Stamp::from_key(key).ok_or(SyncError::Corrupt("stamp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_themes_are_bits_in_list_order() {
        let cases = [
            ("", 0),
            ("career", 1),
            ("manager,retirement", 2 | 1 << 13),
            ("laptops,pay,", 8),
            ("Pay,unknown", 0),
        ];
        for (stored, bits) in cases {
            assert_eq!(theme_bits(stored), bits, "{stored}");
        }
    }

    #[test]
    fn theme_lists_are_merged_once_each_and_sorted() {
        let cases: [(&[&str], &str); 4] = [
            (&[], ""),
            (&["", ""], ""),
            (&["pay,workload", "manager", "pay"], "manager,pay,workload"),
            (&["culture,", ",career"], "career,culture"),
        ];
        for (lists, want) in cases {
            assert_eq!(theme_union(lists.iter().copied()), want, "{lists:?}");
        }
    }
}
