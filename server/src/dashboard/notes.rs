//! The notes behind the figures: one theme's quotes, suggestions and examples, and the
//! recurring words of notes no theme covers.

use app::{
    domain::{
        DashboardFilter, Emergent, EmergentTerm, InterviewId, NoteId, NoteKind, ThemeDetail,
        ThemeNote,
    },
    themes::emergent::{recurring, Uncovered, MIN_INTERVIEWS},
};
use sqlx::FromRow;

use super::{
    filter::{bind_filter, theme_pattern, FILTER},
    Dashboards, EMERGENT_NOTES, THEME_NOTES,
};
use crate::{
    db::on_pool,
    sync::{from_key, given, theme_list, SyncError},
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
}

/// The columns of [`NoteHit`], from `interviews i JOIN notes n`.
const NOTE_HIT: &str = "n.id, n.interview_id, i.department, i.leaving_date, n.kind, n.text, \
     COALESCE(n.corrected_themes, n.themes) AS themes, \
     COALESCE(n.corrected_sentiment, n.sentiment) AS sentiment, \
     n.corrected_themes IS NOT NULL AS corrected";

impl NoteHit {
    fn into_note(self) -> Result<ThemeNote, SyncError> {
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
        })
    }
}

impl Dashboards {
    /// The quotes, suggestions and examples that carry `theme`, in the filtered interviews.
    pub async fn theme(
        &self,
        theme: &str,
        filter: &DashboardFilter,
    ) -> Result<ThemeDetail, SyncError> {
        let pattern = theme_pattern(theme).ok_or(SyncError::NotFound)?;
        let count_sql = format!(
            "SELECT COUNT(*) FROM interviews i WHERE {FILTER} \
             AND (',' || i.themes || ',') LIKE $8 ESCAPE '\\'"
        );
        let notes_sql = format!(
            "SELECT {NOTE_HIT} \
             FROM interviews i JOIN notes n ON n.interview_id = i.id \
             WHERE {FILTER} AND (',' || i.themes || ',') LIKE $8 ESCAPE '\\' \
             AND (',' || COALESCE(n.corrected_themes, n.themes) || ',') LIKE $8 ESCAPE '\\' \
             AND NOT n.deleted AND n.text <> '' AND n.kind IN ('quote', 'suggestion', 'example') \
             ORDER BY i.leaving_date DESC, n.created_at DESC LIMIT $9"
        );
        let interviews: i64 = on_pool!(&self.db, pool => bind_filter!(sqlx::query_scalar(&count_sql), filter).bind(&pattern).fetch_one(pool).await)?;
        let hits: Vec<NoteHit> = on_pool!(&self.db, pool => bind_filter!(sqlx::query_as(&notes_sql), filter).bind(&pattern).bind(THEME_NOTES).fetch_all(pool).await)?;
        let notes = hits
            .into_iter()
            .map(NoteHit::into_note)
            .collect::<Result<_, SyncError>>()?;
        Ok(ThemeDetail {
            theme: theme.to_owned(),
            interviews: interviews.max(0) as u32,
            notes,
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
            "SELECT {NOTE_HIT} \
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
