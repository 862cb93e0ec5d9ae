//! Writing one register of a push: a section or a note, merged with what is stored by
//! [`merged`] (the tablets' rule), and the columns copied from it for listing, filtering and
//! the dashboard. A register keeps the pushing device in `sent_by` only when the stored value
//! is exactly what it sent; otherwise that device receives the stored value with its pulls.

use app::domain::{merged, Answers, Change, ChangeProblem, Details, Op, Stamp, Target};

use super::{Push, SyncError};
use crate::{
    db::args,
    sync::{key_of, section as stored_section, NoteRow, NOTE_COLUMNS},
};

const SECTION_SQL: &str =
    "SELECT stamp, value FROM interview_sections WHERE interview_id = $1 AND section = $2";
const PUT_SECTION_SQL: &str = "INSERT INTO interview_sections \
     (interview_id, section, stamp, value, version, sent_by) VALUES ($1, $2, $3, $4, $5, $6) \
     ON CONFLICT (interview_id, section) DO UPDATE SET stamp = excluded.stamp, \
     value = excluded.value, version = excluded.version, sent_by = excluded.sent_by";
const PUT_NOTE_SQL: &str = "INSERT INTO notes (id, interview_id, question, kind, text, deleted, \
     created_at, updated_at, themes, sentiment, stamp, version, themes_fixed, sent_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
     ON CONFLICT (id) DO UPDATE SET question = excluded.question, kind = excluded.kind, \
     text = excluded.text, deleted = excluded.deleted, updated_at = excluded.updated_at, \
     themes = excluded.themes, sentiment = excluded.sentiment, stamp = excluded.stamp, \
     version = excluded.version, themes_fixed = excluded.themes_fixed, sent_by = excluded.sent_by, \
     corrected_themes = CASE WHEN $15 THEN notes.corrected_themes END, \
     corrected_sentiment = CASE WHEN $15 THEN notes.corrected_sentiment END, \
     corrected_by = CASE WHEN $15 THEN notes.corrected_by END, \
     corrected_at = CASE WHEN $15 THEN notes.corrected_at END, \
     shared_text = CASE WHEN (excluded.text = notes.shared_text AND NOT excluded.deleted) THEN notes.shared_text END, \
     shared_by = CASE WHEN (excluded.text = notes.shared_text AND NOT excluded.deleted) THEN notes.shared_by END, \
     shared_at = CASE WHEN (excluded.text = notes.shared_text AND NOT excluded.deleted) THEN notes.shared_at END \
     WHERE notes.interview_id = excluded.interview_id";
const DETAILS_SQL: &str = "UPDATE interviews SET leaver = $2, department = $3, job_role = $4, \
     interviewer = $5, interview_date = $6, leaving_date = $7, tenure_years = $8 WHERE id = $1";
const STATUS_SQL: &str = "UPDATE interviews SET status = $2 WHERE id = $1";
const REASON_SQL: &str = "UPDATE interviews SET primary_reason = $2 WHERE id = $1";
const ANSWERS_SQL: &str = "INSERT INTO answers (interview_id, primary_reason, secondary_reasons, \
     voluntary, would_return, recommend, rating_culture, rating_manager, rating_growth, \
     rating_workload, rating_pay, regrettable) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
     ON CONFLICT (interview_id) DO UPDATE SET primary_reason = excluded.primary_reason, \
     secondary_reasons = excluded.secondary_reasons, voluntary = excluded.voluntary, \
     would_return = excluded.would_return, recommend = excluded.recommend, \
     rating_culture = excluded.rating_culture, rating_manager = excluded.rating_manager, \
     rating_growth = excluded.rating_growth, rating_workload = excluded.rating_workload, \
     rating_pay = excluded.rating_pay, regrettable = excluded.regrettable";

/// The stored name of a section register; `None` for notes.
pub(super) fn section_key(target: Target) -> Option<&'static str> {
    Some(match target {
        Target::Details => "details",
        Target::Opening => "opening",
        Target::Guide => "guide",
        Target::Answers => "answers",
        Target::Closing => "closing",
        Target::Status => "status",
        Target::Note(_) => return None,
    })
}

impl Push {
    /// Merges a section change into the stored section; when it wins, the section and the
    /// columns copied from it are written.
    pub(super) async fn apply_section(
        &mut self,
        interview: &str,
        section: &str,
        change: &Change,
    ) -> Result<Option<ChangeProblem>, SyncError> {
        let row: Option<(String, String)> = self
            .tx
            .optional(SECTION_SQL, args![interview, section])
            .await?;
        let current = row
            .map(|(stamp, value)| stored_section(&stamp, &value))
            .transpose()?;
        let incoming = (change.stamp, change.op.clone());
        let winner = merged(current.clone(), incoming.clone());
        if Some(&winner) == current.as_ref() {
            return Ok(None);
        }
        // Equal stamps with another value keep the stored one: then it is not as sent.
        let sent_by = (winner == incoming).then_some(self.device.as_str());
        let (stamp, op) = winner;
        let value = serde_json::to_string(&op).map_err(|_| SyncError::Corrupt("section"))?;
        let args = args![
            interview,
            section,
            stamp.key(),
            value,
            self.version,
            sent_by
        ];
        self.tx.execute(PUT_SECTION_SQL, args).await?;
        self.copy_section(interview, &op).await?;
        self.touched.entry(interview.to_owned()).or_default();
        Ok(None)
    }

    /// Keeps the columns that copy a section's fields in step with it.
    async fn copy_section(&mut self, interview: &str, op: &Op) -> Result<(), SyncError> {
        match op {
            Op::Details(d) => {
                let Details {
                    leaver,
                    department,
                    role,
                    interviewer,
                    interview_date,
                    leaving_date,
                    ..
                } = d;
                let args = args![
                    interview,
                    leaver,
                    department,
                    role,
                    interviewer,
                    interview_date.map(|d| d.to_string()),
                    leaving_date.map(|d| d.to_string()),
                    d.tenure().map(|y| y.min(100) as i32),
                ];
                self.tx.execute(DETAILS_SQL, args).await?;
            }
            Op::Status { status, .. } => {
                let args = args![interview, key_of(status)];
                self.tx.execute(STATUS_SQL, args).await?;
            }
            Op::Answers(a) => self.copy_answers(interview, a).await?,
            _ => {}
        }
        Ok(())
    }

    async fn copy_answers(&mut self, interview: &str, a: &Answers) -> Result<(), SyncError> {
        let reason = a.primary_reason.map(|r| key_of(&r));
        let secondary: Vec<String> = a.secondary_reasons.iter().map(key_of).collect();
        let rating = |i: usize| a.ratings[i].map(|r| i32::from(r.get()));
        self.tx
            .execute(REASON_SQL, args![interview, reason.clone()])
            .await?;
        let args = args![
            interview,
            reason,
            secondary.join(","),
            a.voluntary,
            a.would_return.map(|w| key_of(&w)),
            a.recommend.map(|r| i32::from(r.get())),
            rating(0),
            rating(1),
            rating(2),
            rating(3),
            rating(4),
            a.regrettable,
        ];
        self.tx.execute(ANSWERS_SQL, args).await?;
        Ok(())
    }

    /// Merges a note change into the stored note, tagging its text with themes and tone.
    /// A note id that already belongs to another interview is refused.
    pub(super) async fn apply_note(
        &mut self,
        interview: &str,
        change: &Change,
    ) -> Result<Option<ChangeProblem>, SyncError> {
        let Op::Note(note) = &change.op else {
            unreachable!("only notes have no section key");
        };
        let key = note.id.to_string();
        let row: Option<NoteRow> = match self.notes.remove(&key) {
            Some(read) => read,
            None => {
                let sql = format!("SELECT {NOTE_COLUMNS} FROM notes n WHERE n.id = $1");
                self.tx.optional(&sql, args![&key]).await?
            }
        };
        let old_themes = row
            .as_ref()
            .map(|r| r.effective_themes().to_owned())
            .unwrap_or_default();
        // HR's correction holds while the text is the one HR corrected.
        let correction = row
            .as_ref()
            .and_then(|r| Some((r.text.clone(), r.corrected_themes.clone()?)));
        let current = match row.map(NoteRow::into_register).transpose()? {
            Some((owner, ..)) if owner != change.interview => {
                return Ok(Some(ChangeProblem::NotYours))
            }
            Some((_, stamp, note)) => Some((stamp, Op::Note(note))),
            None => None,
        };
        let winner = merged(current.clone(), (change.stamp, change.op.clone()));
        if Some(&winner) == current.as_ref() {
            return Ok(None);
        }
        let as_sent = winner == (change.stamp, change.op.clone());
        let (stamp, Op::Note(kept)) = winner else {
            unreachable!("a note register holds notes");
        };
        let correction = correction.filter(|(text, _)| *text == kept.text);
        let (themes, sentiment) = self.tagger.tags(&kept.text, kept.themes.as_deref());
        let args = args![
            kept.id.to_string(),
            interview,
            kept.question.as_str(),
            key_of(&kept.kind),
            &kept.text,
            kept.deleted,
            kept.created_at,
            kept.updated_at,
            &themes,
            sentiment,
            Stamp::key(&stamp),
            self.version,
            kept.themes.is_some(),
            as_sent.then_some(self.device.as_str()),
            correction.is_some(),
        ];
        if self.tx.execute(PUT_NOTE_SQL, args).await? == 0 {
            // Stored meanwhile under another interview by a parallel push.
            return Ok(Some(ChangeProblem::NotYours));
        }
        let effective = correction
            .as_ref()
            .map_or(&themes, |(_, corrected)| corrected);
        self.touched(interview, &old_themes, effective);
        Ok(None)
    }
}
