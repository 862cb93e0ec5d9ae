//! Reading synced interviews: the filtered list, one interview in full (every opening is
//! written to the audit log), erasing one on request, and the audit log itself.

use app::domain::{
    AuditAction, AuditEntry, Interview, InterviewFilter, InterviewId, InterviewRecord,
    InterviewSummary, Millis, Op, Role, User, UserId,
};
use sqlx::FromRow;

use super::versions::{self, Access};
use super::{from_key, given, key_of, section, Interviews, NoteRow, SyncError, NOTE_COLUMNS};
use crate::db::{args, on_pool};

const OWNER_SQL: &str = "SELECT owner_id FROM interviews WHERE id = $1";
const ERASED_SQL: &str = "INSERT INTO erased_interviews (id, erased_at, owner_id, version) \
     VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING";
const ERASE_AUDIT_SQL: &str =
    "INSERT INTO audit_log (at, user_id, interview_id, action) VALUES ($1, $2, $3, 'erase')";

/// Most interviews one list answer holds.
pub const LIST_LIMIT: i64 = 1_000;

#[derive(FromRow)]
struct SummaryRow {
    id: String,
    leaver: String,
    department: String,
    job_role: String,
    interviewer: String,
    owner_id: String,
    owner_name: String,
    interview_date: Option<String>,
    leaving_date: Option<String>,
    status: String,
    primary_reason: Option<String>,
    notes: i64,
    updated_at: i64,
    anonymised_at: Option<i64>,
}

impl SummaryRow {
    fn into_summary(self) -> Result<InterviewSummary, SyncError> {
        let date = |d: Option<String>| d.and_then(|d| d.parse().ok());
        Ok(InterviewSummary {
            id: InterviewId::parse(&self.id).ok_or(SyncError::Corrupt("interview id"))?,
            leaver: self.leaver,
            department: self.department,
            role: self.job_role,
            interviewer: if self.interviewer.is_empty() {
                self.owner_name
            } else {
                self.interviewer
            },
            owner: UserId::parse(&self.owner_id).ok_or(SyncError::Corrupt("owner"))?,
            interview_date: date(self.interview_date),
            leaving_date: date(self.leaving_date),
            status: from_key(&self.status).ok_or(SyncError::Corrupt("status"))?,
            primary_reason: self.primary_reason.as_deref().and_then(from_key),
            notes: self.notes.max(0) as u32,
            updated_at: self.updated_at,
            anonymised: self.anonymised_at.is_some(),
        })
    }
}

const LIST_SQL: &str = "SELECT i.id, i.leaver, i.department, i.job_role, i.interviewer, i.owner_id, u.display_name AS owner_name, \
    i.interview_date, i.leaving_date, i.status, i.primary_reason, i.updated_at, i.anonymised_at, \
    (SELECT COUNT(*) FROM notes n WHERE n.interview_id = i.id AND NOT n.deleted) AS notes \
    FROM interviews i JOIN users u ON u.id = i.owner_id \
    WHERE (CAST($1 AS TEXT) IS NULL OR i.owner_id = $1) \
      AND (CAST($2 AS TEXT) IS NULL OR i.department = $2) \
      AND (CAST($3 AS TEXT) IS NULL OR i.leaving_date >= $3) \
      AND (CAST($4 AS TEXT) IS NULL OR i.leaving_date <= $4) \
      AND (CAST($5 AS TEXT) IS NULL OR i.owner_id = $5) \
      AND (CAST($6 AS TEXT) IS NULL OR i.status = $6) \
      AND (CAST($7 AS TEXT) IS NULL OR i.primary_reason = $7) \
      AND (CAST($8 AS TEXT) IS NULL OR lower(i.leaver) LIKE $8 ESCAPE '\\' OR lower(i.department) LIKE $8 ESCAPE '\\' \
           OR lower(i.job_role) LIKE $8 ESCAPE '\\' \
           OR EXISTS (SELECT 1 FROM notes n WHERE n.interview_id = i.id AND NOT n.deleted AND lower(n.text) LIKE $8 ESCAPE '\\')) \
      AND (CAST($9 AS TEXT) IS NULL OR i.id = $9) \
    ORDER BY i.updated_at DESC, i.id LIMIT $10";

/// `%words%` for LIKE, lowercased, with LIKE's own characters taken literally.
fn like_pattern(q: &str) -> Option<String> {
    let q = q.trim().to_lowercase();
    if q.is_empty() {
        return None;
    }
    let mut escaped = String::with_capacity(q.len() + 2);
    for c in q.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    Some(format!("%{escaped}%"))
}

/// Whose interviews `viewer` may see: HR all, everyone else their own.
fn scope(viewer: &User) -> Option<String> {
    (viewer.role != Role::Hr).then(|| viewer.id.to_string())
}

impl Interviews {
    pub async fn list(
        &self,
        viewer: &User,
        filter: &InterviewFilter,
    ) -> Result<Vec<InterviewSummary>, SyncError> {
        self.summaries(viewer, filter, None, LIST_LIMIT).await
    }

    async fn summaries(
        &self,
        viewer: &User,
        f: &InterviewFilter,
        id: Option<InterviewId>,
        limit: i64,
    ) -> Result<Vec<InterviewSummary>, SyncError> {
        let rows: Vec<SummaryRow> = on_pool!(&self.db, pool => sqlx::query_as(LIST_SQL)
            .bind(scope(viewer))
            .bind(given(&f.department))
            .bind(f.from.map(|d| d.to_string()))
            .bind(f.to.map(|d| d.to_string()))
            .bind(f.owner.map(|o| o.to_string()))
            .bind(f.status.map(|s| key_of(&s)))
            .bind(f.reason.map(|r| key_of(&r)))
            .bind(f.q.as_deref().and_then(like_pattern))
            .bind(id.map(|i| i.to_string()))
            .bind(limit)
            .fetch_all(pool).await)?;
        rows.into_iter().map(SummaryRow::into_summary).collect()
    }

    /// One interview in full, for a viewer allowed to see it; the opening is audited.
    pub async fn record(
        &self,
        viewer: &User,
        id: InterviewId,
        now: Millis,
    ) -> Result<InterviewRecord, SyncError> {
        let mut found = self
            .summaries(viewer, &InterviewFilter::default(), Some(id), 1)
            .await?;
        let summary = found.pop().ok_or(SyncError::NotFound)?;
        let interview = self.interview(id).await?;
        self.audit(viewer.id, id, AuditAction::Read, now).await?;
        Ok(InterviewRecord { summary, interview })
    }

    /// The interview rebuilt from its registers, with the same merge the tablets use.
    pub(crate) async fn interview(&self, id: InterviewId) -> Result<Interview, SyncError> {
        let key = id.to_string();
        let created: Option<i64> = on_pool!(&self.db, pool => sqlx::query_scalar("SELECT created_at FROM interviews WHERE id = $1").bind(&key).fetch_optional(pool).await)?;
        let created = created.ok_or(SyncError::NotFound)?;
        let sections: Vec<(String, String)> = on_pool!(&self.db, pool => sqlx::query_as("SELECT stamp, value FROM interview_sections WHERE interview_id = $1").bind(&key).fetch_all(pool).await)?;
        let notes_sql = format!("SELECT {NOTE_COLUMNS} FROM notes n WHERE n.interview_id = $1");
        let notes: Vec<NoteRow> = on_pool!(&self.db, pool => sqlx::query_as(&notes_sql).bind(&key).fetch_all(pool).await)?;
        let mut interview = Interview::blank(id);
        interview.created_at = created;
        for (stamp, value) in sections {
            let (stamp, op) = section(&stamp, &value)?;
            interview.apply(stamp, op);
        }
        for row in notes {
            let (_, stamp, note) = row.into_register()?;
            interview.apply(stamp, Op::Note(note));
        }
        Ok(interview)
    }

    /// Removes an interview completely (HR, on the leaver's request). Changes for it that
    /// still arrive from a tablet are refused from now on, and the owner's tablets remove it
    /// with their next pull.
    pub async fn erase(&self, by: &User, id: InterviewId, now: Millis) -> Result<(), SyncError> {
        let key = id.to_string();
        let mut tx = self.db.begin().await?;
        // A new version: what the dashboard counted before is out of date, and the pulls of
        // the owner's tablets learn of the erasure under it.
        let version = versions::begin(&mut tx, Access::Exclusive).await?;
        let owner: Option<String> = tx.optional_scalar(OWNER_SQL, args![&key]).await?;
        let owner = owner.ok_or(SyncError::NotFound)?;
        tx.execute("DELETE FROM interviews WHERE id = $1", args![&key])
            .await?;
        tx.execute(ERASED_SQL, args![&key, now, &owner, version])
            .await?;
        let args = args![now, by.id.to_string(), &key];
        tx.execute(ERASE_AUDIT_SQL, args).await?;
        versions::commit(tx).await?;
        Ok(())
    }

    async fn audit(
        &self,
        user: UserId,
        interview: InterviewId,
        action: AuditAction,
        now: Millis,
    ) -> Result<(), SyncError> {
        let sql =
            "INSERT INTO audit_log (at, user_id, interview_id, action) VALUES ($1, $2, $3, $4)";
        on_pool!(&self.db, pool => sqlx::query(sql).bind(now).bind(user.to_string()).bind(interview.to_string()).bind(key_of(&action)).execute(pool).await.map(drop))?;
        Ok(())
    }

    /// The latest audit entries, newest first.
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>, SyncError> {
        let sql =
            "SELECT a.at, a.user_id, u.display_name, a.interview_id, a.action FROM audit_log a \
                   JOIN users u ON u.id = a.user_id ORDER BY a.id DESC LIMIT $1";
        let rows: Vec<(i64, String, String, String, String)> =
            on_pool!(&self.db, pool => sqlx::query_as(sql).bind(limit).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|(at, user, user_name, interview, action)| {
                Ok(AuditEntry {
                    at,
                    user: UserId::parse(&user).ok_or(SyncError::Corrupt("audit user"))?,
                    user_name,
                    interview: InterviewId::parse(&interview)
                        .ok_or(SyncError::Corrupt("audit interview"))?,
                    action: from_key(&action).ok_or(SyncError::Corrupt("audit action"))?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_taken_literally() {
        let cases = [
            ("Werkdruk", Some("%werkdruk%")),
            ("  ", None),
            ("100%", Some("%100\\%%")),
            ("a_b", Some("%a\\_b%")),
        ];
        for (q, expected) in cases {
            assert_eq!(like_pattern(q).as_deref(), expected, "{q}");
        }
    }
}
