//! Retention: some months after the leaving date (a setting, 24 by default) a daily job
//! removes what could identify the leaver — the leaver's and interviewer's names, the
//! opening text, the interviewer's own questions and every note's text — and keeps the
//! themes, sentiment and answers. Each
//! interview is read and anonymised in one transaction under the push lock, so a note pushed
//! meanwhile is either anonymised with it or refused after it (pushes refuse anonymised
//! interviews). The removal is written like any change (newer stamps, a new version), and
//! the owner's tablets learn from their next pull that the interview must go.

use app::domain::{DeviceId, Hlc, InterviewId, Millis, Op, Stamp};
use chrono::{Months, NaiveDate};

use super::versions::{self, Access};
use super::{section, Interviews, NoteRow, SyncError, NOTE_COLUMNS};
use crate::db::{args, Tx};

const DUE_SQL: &str = "SELECT id FROM interviews WHERE anonymised_at IS NULL AND leaving_date < $1";
const STILL_DUE_SQL: &str = "SELECT COUNT(*) FROM interviews \
     WHERE id = $1 AND anonymised_at IS NULL AND leaving_date < $2";
const SECTIONS_SQL: &str = "SELECT section, stamp, value FROM interview_sections \
     WHERE interview_id = $1 AND section IN ('details', 'opening', 'guide')";
const PUT_SECTION_SQL: &str =
    "UPDATE interview_sections SET stamp = $3, value = $4, version = $5, \
     sent_by = NULL WHERE interview_id = $1 AND section = $2";
const PUT_NOTE_SQL: &str =
    "UPDATE notes SET text = '', stamp = $2, version = $3, sent_by = NULL, shared_text = NULL, \
     shared_by = NULL, shared_at = NULL WHERE id = $1";
const ROW_SQL: &str = "UPDATE interviews SET leaver = '', interviewer = '', anonymised_at = $2, \
     anonymised_version = $3 WHERE id = $1";

/// Interviews whose leaving date is before this day are due.
pub fn cutoff(today: NaiveDate, months: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

/// A stamp that wins over `old`: the server writes as the all-zero device.
fn after(old: Stamp, now: Millis) -> Stamp {
    let mut clock = Hlc::default();
    clock.observe(old, now);
    clock.tick(now, DeviceId::NIL)
}

impl Interviews {
    /// Anonymises every due interview; answers how many.
    pub async fn anonymise_due(
        &self,
        today: NaiveDate,
        months: u32,
        now: Millis,
    ) -> Result<usize, SyncError> {
        let cutoff = cutoff(today, months).to_string();
        let due: Vec<String> = self
            .db
            .begin()
            .await?
            .all_scalars(DUE_SQL, args![&cutoff])
            .await?;
        let mut done = 0;
        for id in &due {
            let id = InterviewId::parse(id).ok_or(SyncError::Corrupt("interview id"))?;
            if self.anonymise(id, &cutoff, now).await? {
                done += 1;
            }
        }
        Ok(done)
    }

    /// Anonymises one interview, unless it already was or is no longer due (its leaving date
    /// moved); answers whether it did.
    async fn anonymise(
        &self,
        id: InterviewId,
        cutoff: &str,
        now: Millis,
    ) -> Result<bool, SyncError> {
        let key = id.to_string();
        let mut tx = self.db.begin().await?;
        let version = versions::begin(&mut tx, Access::Exclusive).await?;
        let due: i64 = tx.scalar(STILL_DUE_SQL, args![&key, cutoff]).await?;
        if due == 0 {
            return Ok(false);
        }
        anonymise_sections(&mut tx, &key, version, now).await?;
        let sql = format!("SELECT {NOTE_COLUMNS} FROM notes n WHERE n.interview_id = $1");
        let notes: Vec<NoteRow> = tx.all(&sql, args![&key]).await?;
        for row in notes {
            let (_, old, note) = row.into_register()?;
            if Op::Note(note.clone()).anonymised().is_some() {
                let args = args![note.id.to_string(), after(old, now).key(), version];
                tx.execute(PUT_NOTE_SQL, args).await?;
            }
        }
        tx.execute(ROW_SQL, args![&key, now, version]).await?;
        versions::commit(tx).await?;
        Ok(true)
    }
}

/// The details, opening and guide without names and typed text, under newer stamps.
async fn anonymise_sections(
    tx: &mut Tx,
    interview: &str,
    version: i64,
    now: Millis,
) -> Result<(), SyncError> {
    let rows: Vec<(String, String, String)> = tx.all(SECTIONS_SQL, args![interview]).await?;
    for (name, stamp, value) in rows {
        let (old, op) = section(&stamp, &value)?;
        let Some(op) = op.anonymised() else {
            continue;
        };
        let value = serde_json::to_string(&op).map_err(|_| SyncError::Corrupt("section"))?;
        let args = args![interview, &name, after(old, now).key(), value, version];
        tx.execute(PUT_SECTION_SQL, args).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cutoff_is_whole_months_back() {
        let day = |s: &str| s.parse::<NaiveDate>().expect("date");
        let cases = [
            ("2026-11-26", 24, "2024-11-26"),
            ("2026-03-31", 1, "2026-02-28"),
            ("2026-11-26", 0, "2026-11-26"),
        ];
        for (today, months, expected) in cases {
            assert_eq!(
                cutoff(day(today), months),
                day(expected),
                "{today} - {months}"
            );
        }
    }

    #[test]
    fn the_servers_stamp_wins_over_a_tablets_fast_clock() {
        let tablet = Stamp {
            wall: 9_000,
            counter: 3,
            device: DeviceId::new(),
        };
        assert!(after(tablet, 100) > tablet);
        assert!(after(tablet, 10_000) > tablet);
    }
}
