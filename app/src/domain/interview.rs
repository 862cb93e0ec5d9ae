//! The interview record: who leaves, the opening, the guide, the notes, the answers and the
//! closing, plus its lifecycle (concept → in progress → finished → synced).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Answers, InterviewId, Millis, Note, NoteId, NoteKind, Question, QuestionId, Stamps};

/// The method reserves an hour for the talk.
pub const PLANNED_MINUTES: i64 = 60;
/// The method plans the talk in the last two weeks before the leaving date.
pub const PLAN_WINDOW_DAYS: i64 = 14;

/// Who is leaving and when; typed on the "new interview" form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Details {
    /// Name or initials of the leaver.
    pub leaver: String,
    pub department: String,
    pub role: String,
    pub start_date: Option<NaiveDate>,
    /// Years of service, for when the start date is not at hand.
    pub tenure_years: Option<u8>,
    pub leaving_date: Option<NaiveDate>,
    pub interview_date: Option<NaiveDate>,
    pub interviewer: String,
}

/// Why the details cannot be saved as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsProblem {
    LeaverMissing,
    LeavingBeforeStart,
}

/// Advice (not an error) when the talk falls outside the last two weeks before leaving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimingWarning {
    /// The interview is after the leaving date.
    AfterLeaving,
    /// The interview is this many days before the leaving date (more than two weeks).
    TooEarly { days_before: i64 },
}

impl Details {
    pub fn problems(&self) -> Vec<DetailsProblem> {
        let mut problems = Vec::new();
        if self.leaver.trim().is_empty() {
            problems.push(DetailsProblem::LeaverMissing);
        }
        if let (Some(start), Some(leaving)) = (self.start_date, self.leaving_date) {
            if leaving < start {
                problems.push(DetailsProblem::LeavingBeforeStart);
            }
        }
        problems
    }

    /// `None` when either date is unknown or the talk is within the two weeks up to and
    /// including the leaving day.
    pub fn timing_warning(&self) -> Option<TimingWarning> {
        let days_before = (self.leaving_date? - self.interview_date?).num_days();
        if days_before < 0 {
            Some(TimingWarning::AfterLeaving)
        } else if days_before > PLAN_WINDOW_DAYS {
            Some(TimingWarning::TooEarly { days_before })
        } else {
            None
        }
    }

    /// Full years of service at leaving: from the start date when both dates are known,
    /// else the years typed in.
    pub fn tenure(&self) -> Option<u32> {
        match (self.start_date, self.leaving_date.or(self.interview_date)) {
            (Some(start), Some(end)) => super::full_years(start, end),
            _ => self.tenure_years.map(u32::from),
        }
    }
}

/// The start of the talk: confidentiality explained and consent recorded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Opening {
    /// How notes are used, who sees them, what is shared only anonymised. Starts from the
    /// default text in the interviewer's language; editable.
    pub confidentiality_text: String,
    pub discussed: bool,
    pub consent: bool,
}

/// The closing checklist of the method.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Closing {
    pub thanked: bool,
    pub last_thoughts_asked: bool,
    pub door_kept_open: bool,
}

impl Closing {
    pub fn complete(&self) -> bool {
        self.thanked && self.last_thoughts_asked && self.door_kept_open
    }
}

/// Lifecycle state, shown in the interview list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Created, talk not started.
    #[default]
    Concept,
    /// The talk has started.
    InProgress,
    /// "Afgerond": read-only on the device unless reopened.
    Finished,
    /// Stored on the server.
    Synced,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Self::Concept,
        Self::InProgress,
        Self::Finished,
        Self::Synced,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The serialised name, e.g. `in_progress`.
    pub fn key(self) -> &'static str {
        ["concept", "in_progress", "finished", "synced"][self.index()]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interview {
    pub id: InterviewId,
    pub details: Details,
    pub opening: Opening,
    pub guide: Vec<Question>,
    /// All notes ever made, tombstones included, in creation order.
    pub notes: Vec<Note>,
    pub answers: Answers,
    pub closing: Closing,
    pub status: Status,
    /// When the talk started (for the timer).
    pub started_at: Option<Millis>,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// When each register was last written (see `merge`); kept with the interview so that a
    /// save and its stamps are one write.
    #[serde(default, skip_serializing_if = "Stamps::is_empty")]
    pub stamps: Stamps,
}

impl Interview {
    pub fn new(details: Details, confidentiality_text: &str, now: Millis) -> Self {
        Self {
            id: InterviewId::new(),
            details,
            opening: Opening {
                confidentiality_text: confidentiality_text.to_owned(),
                ..Opening::default()
            },
            guide: Question::standard_guide(),
            notes: Vec::new(),
            answers: Answers::default(),
            closing: Closing::default(),
            status: Status::Concept,
            started_at: None,
            created_at: now,
            updated_at: now,
            stamps: Stamps::default(),
        }
    }

    /// Finished and synced interviews are not edited on the device (until reopened).
    pub fn read_only(&self) -> bool {
        matches!(self.status, Status::Finished | Status::Synced)
    }

    /// Starts the talk (and its timer) once; later calls change nothing.
    pub fn start(&mut self, now: Millis) {
        if self.status == Status::Concept {
            self.status = Status::InProgress;
            self.started_at = Some(now);
        }
    }

    pub fn finish(&mut self) {
        self.status = Status::Finished;
    }

    pub fn reopen(&mut self) {
        if self.read_only() {
            self.status = Status::InProgress;
        }
    }

    /// Minutes since the talk started, if it has.
    pub fn elapsed_minutes(&self, now: Millis) -> Option<i64> {
        self.started_at.map(|s| (now - s).max(0) / 60_000)
    }

    /// The live (not deleted) notes of one question, oldest first.
    pub fn notes_for<'a>(&'a self, question: &'a QuestionId) -> impl Iterator<Item = &'a Note> {
        self.notes
            .iter()
            .filter(move |n| &n.question == question && !n.deleted)
    }

    pub fn note_mut(&mut self, id: NoteId) -> Option<&mut Note> {
        self.notes.iter_mut().find(|n| n.id == id)
    }

    /// Changes a note's text and/or kind. Blank text is refused (delete instead).
    pub fn edit_note(&mut self, id: NoteId, text: &str, kind: NoteKind, now: Millis) -> bool {
        let text = text.trim();
        match self.note_mut(id) {
            Some(note) if !text.is_empty() && !note.deleted => {
                note.text = text.to_owned();
                note.kind = kind;
                note.updated_at = now;
                true
            }
            _ => false,
        }
    }

    /// Marks a note deleted (a tombstone without its text); it stays in `notes`.
    pub fn delete_note(&mut self, id: NoteId, now: Millis) -> bool {
        match self.note_mut(id) {
            Some(note) if !note.deleted => {
                note.deleted = true;
                note.text.clear();
                note.updated_at = now;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<NaiveDate> {
        Some(text.parse().expect("a date"))
    }

    #[test]
    fn status_keys_are_the_serde_names() {
        for status in Status::ALL {
            let json = serde_json::to_string(&status).expect("json");
            assert_eq!(json, format!("\"{}\"", status.key()));
        }
    }

    #[test]
    fn the_talk_belongs_in_the_last_two_weeks_before_leaving() {
        let cases = [
            ("2026-12-01", "2026-12-01", None),
            ("2026-11-17", "2026-12-01", None),
            (
                "2026-11-16",
                "2026-12-01",
                Some(TimingWarning::TooEarly { days_before: 15 }),
            ),
            (
                "2026-12-02",
                "2026-12-01",
                Some(TimingWarning::AfterLeaving),
            ),
        ];
        for (interview, leaving, expected) in cases {
            let details = Details {
                interview_date: date(interview),
                leaving_date: date(leaving),
                ..Details::default()
            };
            assert_eq!(
                details.timing_warning(),
                expected,
                "{interview} → {leaving}"
            );
        }
        assert_eq!(
            Details::default().timing_warning(),
            None,
            "unknown dates: no advice"
        );
    }

    #[test]
    fn details_need_a_leaver_and_dates_in_order() {
        assert_eq!(
            Details::default().problems(),
            [DetailsProblem::LeaverMissing]
        );
        let details = Details {
            leaver: "J.B.".into(),
            start_date: date("2020-01-01"),
            leaving_date: date("2019-12-31"),
            ..Details::default()
        };
        assert_eq!(details.problems(), [DetailsProblem::LeavingBeforeStart]);
    }

    #[test]
    fn tenure_comes_from_the_dates_before_the_typed_years() {
        let cases = [
            (date("2019-06-01"), date("2026-05-31"), Some(3), Some(6)),
            (date("2019-06-01"), None, Some(3), Some(3)),
            (None, date("2026-05-31"), None, None),
        ];
        for (start_date, leaving_date, tenure_years, want) in cases {
            let details = Details {
                start_date,
                leaving_date,
                tenure_years,
                ..Details::default()
            };
            assert_eq!(details.tenure(), want, "{details:?}");
        }
    }

    #[test]
    fn a_deleted_note_stays_as_a_tombstone_and_leaves_the_view() {
        let mut interview = Interview::new(Details::default(), "", 0);
        let q = interview.guide[0].id.clone();
        let note = Note::new(q.clone(), NoteKind::Example, "drie reorganisaties", 1).expect("note");
        let id = note.id;
        interview.notes.push(note);
        assert!(interview.edit_note(id, "vier reorganisaties", NoteKind::Quote, 2));
        assert!(
            !interview.edit_note(id, "  ", NoteKind::Quote, 3),
            "blank text is refused"
        );
        assert!(interview.delete_note(id, 4));
        assert!(!interview.delete_note(id, 5), "already deleted");
        assert_eq!(interview.notes_for(&q).count(), 0);
        let tomb = &interview.notes[0];
        assert_eq!(
            (tomb.deleted, tomb.updated_at, tomb.text.as_str()),
            (true, 4, "")
        );
    }

    #[test]
    fn lifecycle_starts_once_and_reopens_only_when_read_only() {
        let mut interview = Interview::new(Details::default(), "", 0);
        interview.reopen();
        assert_eq!(interview.status, Status::Concept);
        interview.start(60_000);
        interview.start(120_000);
        assert_eq!(interview.started_at, Some(60_000));
        assert_eq!(interview.elapsed_minutes(60_000 + 61 * 60_000), Some(61));
        interview.finish();
        assert!(interview.read_only());
        interview.reopen();
        assert_eq!(interview.status, Status::InProgress);
    }
}
