//! The notes behind the figures: one theme's quotes, suggestions and examples, and the
//! recurring words of notes no theme covers.

use app::{
    domain::{
        DashboardFilter, Emergent, EmergentTerm, InterviewId, NoteId, NoteKind, NotesQuery, Op,
        ThemeDetail, ThemeNote,
    },
    themes::emergent::{recurring, Uncovered, MIN_INTERVIEWS},
};
use chrono::NaiveDate;
use sqlx::FromRow;

use super::{
    anonymity::quotes::{scrub, Marked, Record},
    filter::{bind_filter, theme_pattern, FILTER},
    groups::{shape, Tally},
    Dashboards, EMERGENT_NOTES, THEME_NOTES,
};
use crate::{
    db::on_pool,
    sync::{from_key, given, key_of, theme_list, SyncError},
};

#[derive(Clone, FromRow)]
struct NoteHit {
    id: String,
    interview_id: String,
    department: String,
    leaving_date: Option<String>,
    kind: String,
    text: String,
    themes: String,
    sentiment: String,
    corrected: bool,
    shared: bool,
    #[sqlx(flatten)]
    record: RecordRow,
}

/// What a note is scrubbed of: its interview's names, role and dates, from the row and
/// from the details the tablet sent (which also hold the start date).
#[derive(Clone, FromRow)]
struct RecordRow {
    leaver: String,
    interviewer: String,
    job_role: String,
    interview_date: Option<String>,
    record_leaving: Option<String>,
    details: Option<String>,
}

/// The columns of [`RecordRow`], from `interviews i`.
const RECORD_ROW: &str = "i.leaver, i.interviewer, i.job_role, i.interview_date, \
     i.leaving_date AS record_leaving, (SELECT s.value FROM interview_sections s \
     WHERE s.interview_id = i.id AND s.section = 'details') AS details";

/// The theme's quotes, suggestions and examples in the filtered interviews: the filter's
/// $1–$7, the theme's pattern $8.
fn theme_notes_from() -> String {
    format!(
        "interviews i JOIN notes n ON n.interview_id = i.id \
         WHERE {FILTER} AND (',' || i.themes || ',') LIKE $8 ESCAPE '\\' \
         AND (',' || COALESCE(n.corrected_themes, n.themes) || ',') LIKE $8 ESCAPE '\\' \
         AND NOT n.deleted AND n.text <> '' AND n.kind IN ('quote', 'suggestion', 'example')"
    )
}

/// The columns of [`NoteHit`], from `interviews i JOIN notes n`.
const NOTE_HIT: &str = "n.id, n.interview_id, i.department, i.leaving_date, n.kind, n.text, \
     COALESCE(n.corrected_themes, n.themes) AS themes, \
     COALESCE(n.corrected_sentiment, n.sentiment) AS sentiment, \
     n.corrected_themes IS NOT NULL AS corrected, \
     COALESCE(n.shared_text = n.text, FALSE) AS shared";

impl RecordRow {
    fn record(&self, department: &str) -> Record {
        let details = self
            .details
            .as_deref()
            .and_then(|v| serde_json::from_str::<Op>(v).ok())
            .and_then(|op| match op {
                Op::Details(d) => Some(d),
                _ => None,
            })
            .unwrap_or_default();
        let date = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        let mut names = vec![
            self.leaver.clone(),
            self.interviewer.clone(),
            details.leaver,
            details.interviewer,
        ];
        names.retain(|n| !n.trim().is_empty());
        names.sort();
        names.dedup();
        let mut dates: Vec<NaiveDate> = [date(&self.interview_date), date(&self.record_leaving)]
            .into_iter()
            .chain([
                details.start_date,
                details.leaving_date,
                details.interview_date,
            ])
            .flatten()
            .collect();
        dates.sort();
        dates.dedup();
        Record {
            names,
            department: department.to_owned(),
            role: self.job_role.clone(),
            dates,
        }
    }
}

impl NoteHit {
    fn into_note(self) -> Result<ThemeNote, SyncError> {
        let scrubbed = scrub(&self.text, &self.record.record(&self.department));
        Ok(ThemeNote {
            note: NoteId::parse(&self.id).ok_or(SyncError::Corrupt("note id"))?,
            interview: InterviewId::parse(&self.interview_id)
                .ok_or(SyncError::Corrupt("interview id"))?,
            department: self.department,
            leaving_date: self.leaving_date.and_then(|d| d.parse().ok()),
            kind: from_key::<NoteKind>(&self.kind).ok_or(SyncError::Corrupt("kind"))?,
            text: self.text,
            themes: theme_list(&self.themes).map(str::to_owned).collect(),
            sentiment: from_key(&self.sentiment).ok_or(SyncError::Corrupt("sentiment"))?,
            corrected: self.corrected,
            shared: self.shared,
            scrubbed,
        })
    }
}

impl Dashboards {
    /// The quotes, suggestions and examples that carry `theme`, in the filtered interviews,
    /// as the theme page shows them ([`shape`]): the newest [`THEME_NOTES`] of the asked
    /// kind and department, grouped, with every note counted per department and kind.
    pub async fn theme(
        &self,
        theme: &str,
        filter: &DashboardFilter,
        asked: &NotesQuery,
    ) -> Result<ThemeDetail, SyncError> {
        let pattern = theme_pattern(theme).ok_or(SyncError::NotFound)?;
        let count_sql = format!(
            "SELECT COUNT(*) FROM interviews i WHERE {FILTER} \
             AND (',' || i.themes || ',') LIKE $8 ESCAPE '\\'"
        );
        let from = theme_notes_from();
        let tally_sql = format!(
            "SELECT i.department, n.kind, COUNT(*) FROM {from} GROUP BY i.department, n.kind"
        );
        // $9 the limit, $10 the kind when one is asked.
        let notes_sql = format!(
            "SELECT {NOTE_HIT}, {RECORD_ROW} FROM {from} \
             AND (CAST($10 AS TEXT) IS NULL OR n.kind = $10) \
             ORDER BY i.leaving_date DESC, n.created_at DESC LIMIT $9"
        );
        let kind = asked.kind.map(|k| key_of(&k));
        // The department filter's own choices count every department.
        let every_department = DashboardFilter {
            department: None,
            ..filter.clone()
        };
        let interviews: i64 = on_pool!(&self.db, pool => bind_filter!(sqlx::query_scalar(&count_sql), filter).bind(&pattern).fetch_one(pool).await)?;
        let tally: Vec<(String, String, i64)> = on_pool!(&self.db, pool => bind_filter!(sqlx::query_as(&tally_sql), &every_department).bind(&pattern).fetch_all(pool).await)?;
        let mut hits: Vec<NoteHit> = on_pool!(&self.db, pool => bind_filter!(sqlx::query_as(&notes_sql), filter).bind(&pattern).bind(THEME_NOTES + 1).bind(&kind).fetch_all(pool).await)?;
        let truncated = hits.len() as i64 > THEME_NOTES;
        hits.truncate(THEME_NOTES as usize);
        let notes = hits
            .into_iter()
            .map(NoteHit::into_note)
            .collect::<Result<_, SyncError>>()?;
        let tally = tally
            .into_iter()
            .map(|(department, kind, notes)| {
                Ok(Tally {
                    department,
                    kind: from_key(&kind).ok_or(SyncError::Corrupt("note kind"))?,
                    notes: notes.max(0) as u32,
                })
            })
            .collect::<Result<Vec<_>, SyncError>>()?;
        let department = given(&filter.department);
        let asked = asked.clone();
        // Grouping thousands of notes is CPU work: off the async threads.
        let shaped = tokio::task::spawn_blocking(move || {
            shape(notes, &tally, department.as_deref(), &asked)
        })
        .await?;
        Ok(ThemeDetail {
            theme: theme.to_owned(),
            interviews: interviews.max(0) as u32,
            truncated,
            ..shaped
        })
    }

    /// Words and phrases that recur in the filtered interviews' quotes, examples and
    /// suggestions without a theme (the leaver's words; observations are the interviewer's),
    /// found now.
    pub(super) async fn find_emergent(
        &self,
        filter: &DashboardFilter,
    ) -> Result<Emergent, SyncError> {
        let sql = format!(
            "SELECT {NOTE_HIT}, {RECORD_ROW} \
             FROM interviews i JOIN notes n ON n.interview_id = i.id \
             WHERE {FILTER} AND COALESCE(n.corrected_themes, n.themes) = '' AND NOT n.deleted AND n.text <> '' \
             AND n.kind IN ('quote', 'suggestion', 'example') \
             ORDER BY n.updated_at DESC LIMIT $8"
        );
        let hits: Vec<NoteHit> = on_pool!(&self.db, pool => bind_filter!(sqlx::query_as(&sql), filter).bind(EMERGENT_NOTES).fetch_all(pool).await)?;
        let uncovered: Vec<Uncovered<'_>> = hits
            .iter()
            .map(|h| Uncovered {
                interview: &h.interview_id,
                text: &h.text,
            })
            .collect();
        let found = recurring(&uncovered, MIN_INTERVIEWS);
        let terms = found
            .into_iter()
            .map(|r| {
                let examples = r
                    .examples
                    .iter()
                    .filter_map(|&i| hits.get(i).cloned())
                    .map(NoteHit::into_note)
                    .collect::<Result<_, SyncError>>()?;
                Ok(EmergentTerm {
                    term: r.term,
                    keyword: r.keyword,
                    interviews: r.interviews,
                    notes: r.notes,
                    examples,
                    related: r.related,
                })
            })
            .collect::<Result<_, SyncError>>()?;
        Ok(Emergent {
            notes_read: hits.len() as u32,
            terms,
        })
    }
}

/// A marked note, for [`Dashboards::marked`].
#[derive(FromRow)]
struct MarkedRow {
    kind: String,
    text: String,
    themes: String,
    #[sqlx(flatten)]
    record: RecordRow,
}

impl Dashboards {
    /// The notes HR marked "delen" in `department` whose text is still the marked one, with
    /// what they are to be scrubbed of (the scrubbing is [`super::anonymity::quotes`]'s).
    pub(super) async fn marked(&self, department: &str) -> Result<Vec<Marked>, SyncError> {
        let sql = format!(
            "SELECT n.kind, n.text, COALESCE(n.corrected_themes, n.themes) AS themes, {RECORD_ROW} \
             FROM interviews i JOIN notes n ON n.interview_id = i.id \
             WHERE i.department = $1 AND n.shared_text = n.text AND NOT n.deleted \
             AND n.text <> '' AND n.kind IN ('quote', 'suggestion')"
        );
        let rows: Vec<MarkedRow> = on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(department).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|r| {
                Ok(Marked {
                    department: department.to_owned(),
                    kind: from_key::<NoteKind>(&r.kind).ok_or(SyncError::Corrupt("kind"))?,
                    record: r.record.record(department),
                    text: r.text,
                    themes: theme_list(&r.themes).map(str::to_owned).collect(),
                })
            })
            .collect()
    }
}
