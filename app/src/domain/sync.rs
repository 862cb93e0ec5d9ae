//! The sync wire format (explained in `docs/sync.md`) and the server's reading views of synced
//! interviews. The device pushes its pending [`Change`]s in order; the server applies them
//! once each and reports the ones it refuses; the device pulls what changed elsewhere.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    Change, DeviceId, Interview, InterviewId, Millis, Op, Question, QuestionText, Stamp, Status,
    ThemeId, UserId,
};

/// At most this many changes go in one push; the server refuses bigger batches.
pub const PUSH_LIMIT: usize = 500;
/// A pull answers at most about this many changes (a batch written together is never split).
pub const PULL_PAGE: usize = 500;
/// Longest note or confidentiality text, in characters.
pub const MAX_TEXT: usize = 5_000;
/// Longest name, department, role or question, in characters.
pub const MAX_SHORT_TEXT: usize = 200;
/// A stamp may be at most this far ahead of the server's clock (milliseconds: one day).
pub const MAX_CLOCK_AHEAD: Millis = 24 * 60 * 60 * 1000;
/// Most questions in one guide.
pub const MAX_QUESTIONS: usize = 50;

/// `POST /api/v1/sync/push`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub device: DeviceId,
    /// In increasing `seq` order.
    pub changes: Vec<Change>,
}

/// The answer to a push: everything up to `applied_upto` is stored (or refused, listed in
/// `rejected`) and must not be sent again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    pub applied_upto: u64,
    pub rejected: Vec<Rejection>,
}

/// One change the server refused, and why; the device keeps it as "geweigerd".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    pub id: Uuid,
    pub seq: u64,
    pub problem: ChangeProblem,
}

/// Why a change is refused. Wire format: snake_case codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeProblem {
    /// The interview belongs to another interviewer.
    NotYours,
    /// The interview was erased on the server.
    Erased,
    LeaverMissing,
    DatesOutOfOrder,
    EmptyNote,
    TooLong,
    TooManyQuestions,
    /// The interview was anonymised after the retention period.
    Anonymised,
    /// The change's stamp is more than [`MAX_CLOCK_AHEAD`] ahead of the server's clock.
    ClockAhead,
    /// The server could not read the change (e.g. from a newer app).
    Malformed,
    /// A text holds a character no database keeps (NUL, e.g. from a paste).
    BadCharacter,
}

impl std::fmt::Display for ChangeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NotYours => "the interview belongs to another interviewer",
            Self::Erased => "the interview was erased on the server",
            Self::LeaverMissing => "the leaver's name is missing",
            Self::DatesOutOfOrder => "the leaving date is before the start date",
            Self::EmptyNote => "a note needs text",
            Self::TooLong => "a text is too long",
            Self::TooManyQuestions => "the guide has too many questions",
            Self::Anonymised => "the interview was anonymised after the retention period",
            Self::ClockAhead => "the device's clock is more than a day ahead of the server's",
            Self::Malformed => "the server could not read the change",
            Self::BadCharacter => "a text holds a character that cannot be stored",
        })
    }
}

fn too_long(text: &str, max: usize) -> bool {
    text.chars().count() > max
}

impl Op {
    /// What is wrong with this value, checked the same way on the device and the server.
    pub fn problem(&self) -> Option<ChangeProblem> {
        use super::DetailsProblem as D;
        if self.texts().iter().any(|t| t.contains('\0')) {
            return Some(ChangeProblem::BadCharacter);
        }
        match self {
            Op::Details(d) => {
                if let Some(p) = d.problems().first() {
                    return Some(match p {
                        D::LeaverMissing => ChangeProblem::LeaverMissing,
                        D::LeavingBeforeStart => ChangeProblem::DatesOutOfOrder,
                    });
                }
                [&d.leaver, &d.department, &d.role, &d.interviewer]
                    .iter()
                    .any(|t| too_long(t, MAX_SHORT_TEXT))
                    .then_some(ChangeProblem::TooLong)
            }
            Op::Opening(o) => {
                too_long(&o.confidentiality_text, MAX_TEXT).then_some(ChangeProblem::TooLong)
            }
            Op::Guide(questions) => {
                if questions.len() > MAX_QUESTIONS {
                    return Some(ChangeProblem::TooManyQuestions);
                }
                questions
                    .iter()
                    .any(|q| matches!(&q.text, QuestionText::Custom(t) if too_long(t, MAX_SHORT_TEXT)))
                    .then_some(ChangeProblem::TooLong)
            }
            Op::Note(n) if n.text.trim().is_empty() && !n.deleted => Some(ChangeProblem::EmptyNote),
            Op::Note(n) => {
                (too_long(&n.text, MAX_TEXT) || !n.themes_valid()).then_some(ChangeProblem::TooLong)
            }
            Op::Answers(_) | Op::Closing(_) | Op::Status { .. } => None,
        }
    }
}

impl Op {
    /// The free texts of this value: what people typed.
    fn texts(&self) -> Vec<&str> {
        match self {
            Op::Details(d) => vec![&d.leaver, &d.department, &d.role, &d.interviewer],
            Op::Opening(o) => vec![&o.confidentiality_text],
            Op::Guide(questions) => questions
                .iter()
                .filter_map(|q| match &q.text {
                    QuestionText::Custom(t) => Some(t.as_str()),
                    QuestionText::Standard(_) => None,
                })
                .collect(),
            Op::Note(n) => vec![&n.text],
            Op::Answers(_) | Op::Closing(_) | Op::Status { .. } => vec![],
        }
    }
}

/// `GET /api/v1/sync/pull?device=…&cursor=…`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    /// The latest value of every register of the user's interviews written since the cursor.
    pub changes: Vec<RemoteChange>,
    /// Where the next pull starts.
    pub cursor: i64,
    /// More changes wait: pull again at once.
    pub more: bool,
    /// The question guide new interviews start from.
    pub guide: Vec<Question>,
    /// The themes a reason for leaving can be.
    pub themes: Vec<ThemeId>,
    pub settings: TabletSettings,
    /// HR's theme settings (renamed, switched off, own themes and keywords): the tablet
    /// suggests themes for a note as the server will tag it.
    #[serde(default)]
    pub catalogue: crate::themes::Catalogue,
    /// The user's interviews no device may keep any more (since the cursor).
    #[serde(default)]
    pub gone: Vec<Gone>,
    /// The server's clock when it answered (milliseconds; 0 from older servers): a tablet
    /// whose clock ran ahead learns it may start from the present again.
    #[serde(default)]
    pub server_time: Millis,
}

/// An interview that left the server's keeping: the tablet removes it, with its unsent
/// changes, and does not take it back from a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gone {
    pub interview: InterviewId,
    pub reason: GoneReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoneReason {
    /// HR erased it at the leaver's request.
    Erased,
    /// The retention period passed: names and free text were removed.
    Anonymised,
}

/// HR's settings for the tablets (`GET`/`PATCH /api/v1/settings`), sent with every pull.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TabletSettings {
    /// Remove finished interviews from the tablet once the server has them all.
    pub remove_after_sync: bool,
    /// An open vault locks after this many minutes without input (1 to 240).
    pub lock_after_minutes: u32,
}

impl Default for TabletSettings {
    fn default() -> Self {
        Self {
            remove_after_sync: false,
            lock_after_minutes: 10,
        }
    }
}

impl TabletSettings {
    /// The longest lock period HR may choose, in minutes.
    pub const MAX_LOCK_MINUTES: u32 = 240;

    /// Whether these settings can be kept.
    pub fn valid(&self) -> bool {
        (1..=Self::MAX_LOCK_MINUTES).contains(&self.lock_after_minutes)
    }
}

/// One register's value as the server holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemoteChange {
    pub interview: InterviewId,
    pub stamp: Stamp,
    pub op: Op,
}

/// One line of the interview list on the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InterviewSummary {
    pub id: InterviewId,
    pub leaver: String,
    pub department: String,
    pub role: String,
    pub interviewer: String,
    pub owner: UserId,
    pub interview_date: Option<NaiveDate>,
    pub leaving_date: Option<NaiveDate>,
    pub status: Status,
    pub primary_reason: Option<ThemeId>,
    /// Live (not deleted) notes.
    pub notes: u32,
    pub updated_at: Millis,
    /// Names and free text were removed after the retention period.
    pub anonymised: bool,
}

/// Filters of the interview list; every field optional (`GET /api/v1/interviews?…`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InterviewFilter {
    pub department: Option<String>,
    /// Leaving date on or after.
    pub from: Option<NaiveDate>,
    /// Leaving date on or before.
    pub to: Option<NaiveDate>,
    pub owner: Option<UserId>,
    pub status: Option<Status>,
    pub reason: Option<ThemeId>,
    /// Words to find in the leaver, department, role or notes.
    pub q: Option<String>,
}

/// One interview as HR reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InterviewRecord {
    pub summary: InterviewSummary,
    pub interview: Interview,
}

/// One line of the audit log: someone opened or erased an interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: Millis,
    pub user: UserId,
    pub user_name: String,
    pub interview: InterviewId,
    pub action: AuditAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Read,
    Erase,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Details, Note, NoteKind, QuestionId};

    #[test]
    fn changes_are_checked_the_same_way_everywhere() {
        let note = |text: &str, deleted: bool| {
            let mut n =
                Note::new(QuestionId::standard("why"), NoteKind::Quote, "x", 0).expect("note");
            n.text = text.into();
            n.deleted = deleted;
            Op::Note(n)
        };
        let details = |leaver: &str| {
            Op::Details(Details {
                leaver: leaver.into(),
                ..Details::default()
            })
        };
        let cases = [
            (details("J.B."), None),
            (details(" "), Some(ChangeProblem::LeaverMissing)),
            (details(&"x".repeat(201)), Some(ChangeProblem::TooLong)),
            (note("te veel vergaderingen", false), None),
            (note("ge\0plakt", false), Some(ChangeProblem::BadCharacter)),
            (details("J.\0B."), Some(ChangeProblem::BadCharacter)),
            (note("", false), Some(ChangeProblem::EmptyNote)),
            (note("", true), None),
            (note(&"é".repeat(MAX_TEXT), false), None),
            (
                note(&"é".repeat(MAX_TEXT + 1), false),
                Some(ChangeProblem::TooLong),
            ),
            (
                Op::Guide(vec![
                    Question::custom("x").expect("question");
                    MAX_QUESTIONS + 1
                ]),
                Some(ChangeProblem::TooManyQuestions),
            ),
        ];
        for (op, expected) in cases {
            assert_eq!(op.problem(), expected, "{op:?}");
        }
    }
}
