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
}

impl Note {
    /// A new note, or `None` when the text is only whitespace.
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
