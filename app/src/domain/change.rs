//! Changes: what the device records for every edit so that sync can later push each one
//! exactly once. Wire format — do not reorder or rename variants or fields.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    Answers, Closing, Details, Interview, InterviewId, Millis, Note, NoteId, Opening, Question,
    QuestionText, Stamp, Status,
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

    /// This register without what could identify the leaver, for when the retention period
    /// has passed: the leaver's and interviewer's names, the opening's text, a note's text.
    /// `None` when the register holds none of these.
    pub fn anonymised(&self) -> Option<Op> {
        let op = match self {
            Op::Details(d) if !d.leaver.is_empty() || !d.interviewer.is_empty() => {
                Op::Details(Details {
                    leaver: String::new(),
                    interviewer: String::new(),
                    ..d.clone()
                })
            }
            Op::Opening(o) if !o.confidentiality_text.is_empty() => Op::Opening(Opening {
                confidentiality_text: String::new(),
                ..o.clone()
            }),
            Op::Note(n) if !n.text.is_empty() => Op::Note(Note {
                text: String::new(),
                ..n.clone()
            }),
            // Own questions may name people too ("Hoe ging het met Piet?").
            Op::Guide(questions)
                if questions
                    .iter()
                    .any(|q| matches!(&q.text, QuestionText::Custom(t) if !t.is_empty())) =>
            {
                Op::Guide(
                    questions
                        .iter()
                        .map(|q| match q.text {
                            QuestionText::Custom(_) => Question {
                                text: QuestionText::Custom(String::new()),
                                ..q.clone()
                            },
                            QuestionText::Standard(_) => q.clone(),
                        })
                        .collect(),
                )
            }
            _ => return None,
        };
        Some(op)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NoteKind, QuestionId};

    #[test]
    fn anonymising_removes_names_and_free_text_and_keeps_the_rest() {
        let details = Details {
            leaver: "Jan de Vries".into(),
            department: "Logistiek".into(),
            interviewer: "Ina".into(),
            ..Details::default()
        };
        let note =
            Note::new(QuestionId::standard("why"), NoteKind::Quote, "Piet", 1).expect("note");
        let opening = Opening {
            confidentiality_text: "Alleen HR leest mee.".into(),
            ..Opening::default()
        };
        let own = Question::custom("Hoe ging het met Piet?").expect("question");
        let cases = [
            (
                Op::Details(details.clone()),
                Some(Op::Details(Details {
                    leaver: String::new(),
                    interviewer: String::new(),
                    ..details.clone()
                })),
            ),
            (Op::Details(Details::default()), None),
            (
                Op::Opening(opening.clone()),
                Some(Op::Opening(Opening {
                    confidentiality_text: String::new(),
                    ..opening
                })),
            ),
            (
                Op::Note(note.clone()),
                Some(Op::Note(Note {
                    text: String::new(),
                    ..note
                })),
            ),
            (Op::Closing(Closing::default()), None),
            (Op::Guide(Question::standard_guide()), None),
            (
                Op::Guide(vec![own.clone()]),
                Some(Op::Guide(vec![Question {
                    text: QuestionText::Custom(String::new()),
                    ..own
                }])),
            ),
            (Op::Answers(Answers::default()), None),
        ];
        for (op, want) in cases {
            assert_eq!(op.anonymised(), want, "{op:?}");
        }
    }
}
