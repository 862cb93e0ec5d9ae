//! Changes: what the device records for every edit so that sync can later push each one
//! exactly once. Wire format — do not reorder or rename variants or fields.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    Answers, Closing, Details, Interview, InterviewId, Millis, Note, NoteId, Opening, Question,
    Stamp, Status,
};

/// One recorded edit of one interview: the new value of one section, or one note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Per-device sequence number, strictly increasing in recording order.
    pub seq: u64,
    /// Client-made UUIDv7, unique across devices.
    pub id: Uuid,
    /// When the edit was made: the device's hybrid logical clock, which orders it against
    /// edits of the same target made elsewhere.
    pub stamp: Stamp,
    pub interview: InterviewId,
    pub op: Op,
}

/// The new value of what changed. Sections are replaced whole; notes are records of their own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Op {
    Details(Details),
    Opening(Opening),
    Guide(Vec<Question>),
    /// A new note, an edited one, or a tombstone.
    Note(Note),
    Answers(Answers),
    Closing(Closing),
    Status {
        status: Status,
        started_at: Option<Millis>,
    },
}

/// What an [`Op`] overwrites: two ops with the same target replace each other's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Details,
    Opening,
    Guide,
    Note(NoteId),
    Answers,
    Closing,
    Status,
}

impl Op {
    /// The lifecycle state of `interview` (status and timer start) as an op.
    pub fn status_of(interview: &Interview) -> Op {
        Op::Status {
            status: interview.status,
            started_at: interview.started_at,
        }
    }

    /// Every section and note of `interview` as ops, e.g. to record an imported interview.
    pub fn all_of(interview: &Interview) -> Vec<Op> {
        let mut ops = vec![
            Op::Details(interview.details.clone()),
            Op::Opening(interview.opening.clone()),
            Op::Guide(interview.guide.clone()),
            Op::Answers(interview.answers.clone()),
            Op::Closing(interview.closing),
            Op::status_of(interview),
        ];
        ops.extend(interview.notes.iter().cloned().map(Op::Note));
        ops
    }

    pub fn target(&self) -> Target {
        match self {
            Op::Details(_) => Target::Details,
            Op::Opening(_) => Target::Opening,
            Op::Guide(_) => Target::Guide,
            Op::Note(note) => Target::Note(note.id),
            Op::Answers(_) => Target::Answers,
            Op::Closing(_) => Target::Closing,
            Op::Status { .. } => Target::Status,
        }
    }
}
