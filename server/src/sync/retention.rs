//! Retention: some months after the leaving date (a setting, 24 by default) a daily job
//! removes what could identify the leaver — the leaver's and interviewer's names, the
//! opening text and every note's text — and keeps the themes, sentiment and answers. The
//! removal is written like any change (newer stamps, a new version), so tablets that still
//! hold the interview receive it with their next pull.

use app::domain::{DeviceId, Hlc, InterviewId, Millis, Op, Stamp};
use chrono::{Months, NaiveDate};

use super::{Interviews, SyncError};
use crate::db::on_pool;

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
        let due_sql = "SELECT id FROM interviews WHERE anonymised_at IS NULL AND leaving_date < $1";
        let cutoff = cutoff(today, months).to_string();
        let due: Vec<String> = on_pool!(&self.db, pool => sqlx::query_scalar(due_sql).bind(&cutoff).fetch_all(pool).await)?;
        for id in &due {
            let id = InterviewId::parse(id).ok_or(SyncError::Corrupt("interview id"))?;
            self.anonymise(id, now).await?;
        }
        Ok(due.len())
    }

    async fn anonymise(&self, id: InterviewId, now: Millis) -> Result<(), SyncError> {
        let interview = self.interview(id).await?;
        let key = id.to_string();
        let section_sql = "UPDATE interview_sections SET stamp = $3, value = $4, version = $5 WHERE interview_id = $1 AND section = $2";
        let note_sql = "UPDATE notes SET text = '', stamp = $2, version = $3 WHERE id = $1";
        let row_sql =
            "UPDATE interviews SET leaver = '', interviewer = '', anonymised_at = $2 WHERE id = $1";
        let mut sections = Vec::new();
        if let Some(old) = interview.stamp_of(app::domain::Target::Details) {
            let mut details = interview.details.clone();
            details.leaver.clear();
            details.interviewer.clear();
            sections.push(("details", after(old, now), Op::Details(details)));
        }
        if let Some(old) = interview.stamp_of(app::domain::Target::Opening) {
            let mut opening = interview.opening.clone();
            opening.confidentiality_text.clear();
            sections.push(("opening", after(old, now), Op::Opening(opening)));
        }
        let notes: Vec<(String, Stamp)> = interview
            .notes
            .iter()
            .filter_map(|n| {
                let old = interview.stamp_of(app::domain::Target::Note(n.id))?;
                Some((n.id.to_string(), after(old, now)))
            })
            .collect();
        on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let version: i64 = sqlx::query_scalar(super::push::LOCK_SQL).fetch_one(&mut *tx).await?;
            for (section, stamp, op) in &sections {
                let value = serde_json::to_string(op).map_err(|_| SyncError::Corrupt("section"))?;
                sqlx::query(section_sql).bind(&key).bind(*section).bind(stamp.key()).bind(value).bind(version).execute(&mut *tx).await?;
            }
            for (note, stamp) in &notes {
                sqlx::query(note_sql).bind(note).bind(stamp.key()).bind(version).execute(&mut *tx).await?;
            }
            sqlx::query(row_sql).bind(&key).bind(now).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }
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
