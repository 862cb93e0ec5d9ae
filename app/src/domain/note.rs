//! Notes: one line each, filed under a question, with a kind from the method's documenting
//! advice (concrete example, suggestion, striking quote, observation).

use serde::{Deserialize, Serialize};

use super::{Millis, NoteId, QuestionId};

/// What a note records. Serialised snake_case (`example`, `suggestion`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Voorbeeld: a concrete example.
    Example,
    /// Suggestie: a suggestion for improvement.
    Suggestion,
    /// Quote: the leaver's own striking words.
    Quote,
    /// Observatie: what the interviewer noticed.
    #[default]
    Observation,
}

impl NoteKind {
    pub const ALL: [NoteKind; 4] = [
        Self::Example,
        Self::Suggestion,
        Self::Quote,
        Self::Observation,
    ];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// One note. Invariant: a note is never removed from its interview; deleting sets `deleted`
/// (a tombstone) so the deletion syncs like any other edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    pub question: QuestionId,
    pub kind: NoteKind,
    pub text: String,
    pub created_at: Millis,
    pub updated_at: Millis,
    #[serde(default)]
    pub deleted: bool,
    /// The themes the interviewer chose for this note (theme keys), when they corrected the
    /// suggestion; kept and used instead of the detector's. `None`: the detector decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub themes: Option<Vec<String>>,
}

/// Most themes one note can be given by hand.
pub const MAX_NOTE_THEMES: usize = 20;

impl Note {
    /// A new note, or `None` when the text is only whitespace.
    /// The interviewer's correction is usable: at most [`MAX_NOTE_THEMES`] keys of lower-case
    /// letters, digits and `_`.
    pub fn themes_valid(&self) -> bool {
        self.themes.as_ref().is_none_or(|t| {
            t.len() <= MAX_NOTE_THEMES
                && t.iter().all(|k| {
                    (1..=40).contains(&k.len())
                        && k.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                })
        })
    }

    pub fn new(question: QuestionId, kind: NoteKind, text: &str, now: Millis) -> Option<Self> {
        let text = text.trim();
        (!text.is_empty()).then(|| Self {
            id: NoteId::new(),
            question,
            kind,
            text: text.to_owned(),
            created_at: now,
            updated_at: now,
            deleted: false,
            themes: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_makes_no_note_and_text_is_trimmed() {
        let q = QuestionId::standard("why_leaving");
        assert_eq!(Note::new(q.clone(), NoteKind::Quote, "  \n ", 1), None);
        let note = Note::new(q, NoteKind::Quote, "  te veel vergaderingen ", 5).expect("a note");
        assert_eq!(note.text, "te veel vergaderingen");
        assert_eq!(
            (note.created_at, note.updated_at, note.deleted),
            (5, 5, false)
        );
    }
}
