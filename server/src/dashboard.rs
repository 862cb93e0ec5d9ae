//! HR's dashboard over the synced interviews: the rows that match a filter are read once
//! (one per interview: its themes were gathered at push) and counted by the pure
//! [`aggregate`]; charts are drawn by [`svg`], the export written by [`csv`].

use app::{
    domain::{
        Dashboard, DashboardFilter, Emergent, EmergentTerm, Headcount, InterviewId, NoteKind,
        ThemeDetail, ThemeNote, WouldReturn,
    },
    themes::emergent::{recurring, Uncovered, MIN_INTERVIEWS},
};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use sqlx::FromRow;

use crate::{
    db::{on_pool, Db},
    sync::{from_key, given, push::LOCK_SQL, theme_list, SyncError},
};

pub mod aggregate;
pub mod csv;
pub mod svg;

pub use aggregate::Facts;

/// Most notes one theme's page lists.
pub const THEME_NOTES: i64 = 60;
/// Most notes read for emergent themes (the newest).
pub const EMERGENT_NOTES: i64 = 20_000;

/// The filter as SQL, over `interviews i LEFT JOIN answers a`; binds `$1`–`$7`.
const FILTER: &str = "(CAST($1 AS TEXT) IS NULL OR i.leaving_date >= $1) \
    AND (CAST($2 AS TEXT) IS NULL OR i.leaving_date <= $2) \
    AND (CAST($3 AS TEXT) IS NULL OR i.department = $3) \
    AND (CAST($4 AS TEXT) IS NULL OR i.job_role = $4) \
    AND (CAST($5 AS INTEGER) IS NULL OR i.tenure_years >= $5) \
    AND (CAST($6 AS INTEGER) IS NULL OR i.tenure_years <= $6) \
    AND (CAST($7 AS BOOLEAN) IS NULL OR a.voluntary = $7)";

/// Binds [`FILTER`]'s parameters of `$f` to `$query`.
macro_rules! bind_filter {
    ($query:expr, $f:expr) => {{
        let f: &DashboardFilter = $f;
        let (lo, hi) = match f.tenure.map(|t| t.years()) {
            Some((lo, hi)) => (Some(lo as i32), hi.map(|h| h as i32)),
            None => (None, None),
        };
        $query
            .bind(f.from.map(|d| d.to_string()))
            .bind(f.to.map(|d| d.to_string()))
            .bind(given(&f.department))
            .bind(given(&f.role))
            .bind(lo)
            .bind(hi)
            .bind(f.voluntary)
    }};
}

/// One interview as the dashboard and the export read it.
#[derive(Debug, FromRow)]
pub struct Row {
    pub id: String,
    pub department: String,
    pub job_role: String,
    pub tenure_years: Option<i32>,
    pub leaving_date: Option<String>,
    pub primary_reason: Option<String>,
    pub themes: String,
    pub voluntary: Option<bool>,
    pub would_return: Option<String>,
    pub recommend: Option<i32>,
    pub rating_culture: Option<i32>,
    pub rating_manager: Option<i32>,
    pub rating_growth: Option<i32>,
    pub rating_workload: Option<i32>,
    pub rating_pay: Option<i32>,
    pub regrettable: Option<bool>,
}

impl Row {
    pub fn ratings(&self) -> [Option<i32>; 5] {
        [
            self.rating_culture,
            self.rating_manager,
            self.rating_growth,
            self.rating_workload,
            self.rating_pay,
        ]
    }

    pub fn facts(&self) -> Facts {
        let small = |v: Option<i32>| v.and_then(|v| u8::try_from(v).ok());
        Facts {
            leaving_date: self.leaving_date.as_deref().and_then(|d| d.parse().ok()),
            primary_reason: self.primary_reason.clone(),
            themes: theme_list(&self.themes).map(str::to_owned).collect(),
            voluntary: self.voluntary,
            would_return: self
                .would_return
                .as_deref()
                .and_then(from_key::<WouldReturn>),
            recommend: small(self.recommend),
            ratings: self.ratings().map(small),
            regrettable: self.regrettable,
        }
    }
}

#[derive(Clone, FromRow)]
struct NoteHit {
    interview_id: String,
    department: String,
    leaving_date: Option<String>,
    kind: String,
    text: String,
}

impl NoteHit {
    fn into_note(self) -> Result<ThemeNote, SyncError> {
        Ok(ThemeNote {
            interview: InterviewId::parse(&self.interview_id)
                .ok_or(SyncError::Corrupt("interview id"))?,
            department: self.department,
            leaving_date: self.leaving_date.and_then(|d| d.parse().ok()),
            kind: from_key::<NoteKind>(&self.kind).ok_or(SyncError::Corrupt("kind"))?,
            text: self.text,
        })
    }
}

/// `%,theme,%`, for matching one theme in a stored list; `None` for a key that is not one.
fn theme_pattern(theme: &str) -> Option<String> {
    let valid = !theme.is_empty()
        && theme
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    valid.then(|| format!("%,{theme},%"))
}

/// Most filters whose dashboard is kept per version.
const COUNTED_FILTERS: usize = 64;

/// Dashboards already counted at one sync version. Every write that changes what a dashboard
/// shows takes a new version (pushes, theme settings, retention, erasure, headcounts), so a
/// dashboard kept for the current version is the one counting again would give; with several
/// servers on one database each keeps its own.
#[derive(Debug, Default)]
struct Counted {
    version: i64,
    by_filter: HashMap<String, Dashboard>,
}

/// The dashboard's queries over either database.
#[derive(Debug, Clone)]
pub struct Dashboards {
    db: Db,
    counted: Arc<Mutex<Counted>>,
}

impl Dashboards {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            counted: Arc::default(),
        }
    }

    /// The dashboard for `filter`: kept from an earlier request while nothing changed (the
    /// page and its two charts ask for the same figures), counted otherwise.
    pub async fn dashboard(&self, filter: &DashboardFilter) -> Result<Dashboard, SyncError> {
        let version_sql = "SELECT sync_version FROM instance WHERE singleton = 1";
        // Read before the figures: they are at least this new, never older.
        let version: i64 =
            on_pool!(&self.db, pool => sqlx::query_scalar(version_sql).fetch_one(pool).await)?;
        let key = serde_json::to_string(filter).map_err(|_| SyncError::Corrupt("filter"))?;
        {
            let counted = self.counted.lock().unwrap_or_else(|e| e.into_inner());
            if counted.version == version {
                if let Some(d) = counted.by_filter.get(&key) {
                    return Ok(d.clone());
                }
            }
        }
        let dashboard = self.count(filter).await?;
        let mut counted = self.counted.lock().unwrap_or_else(|e| e.into_inner());
        if counted.version != version {
            counted.by_filter.clear();
            counted.version = version;
        }
        if counted.by_filter.len() < COUNTED_FILTERS {
            counted.by_filter.insert(key, dashboard.clone());
        }
        Ok(dashboard)
    }

    /// Every interview that matches `filter`, oldest leaving date first.
    pub async fn rows(&self, filter: &DashboardFilter) -> Result<Vec<Row>, SyncError> {
        let sql = format!(
            "SELECT i.id, i.department, i.job_role, i.tenure_years, i.leaving_date, i.primary_reason, i.themes, \
             a.voluntary, a.would_return, a.recommend, a.rating_culture, a.rating_manager, a.rating_growth, \
             a.rating_workload, a.rating_pay, a.regrettable \
             FROM interviews i LEFT JOIN answers a ON a.interview_id = i.id WHERE {FILTER} \
             ORDER BY i.leaving_date, i.id"
        );
        let rows = on_pool!(&self.db, pool => bind_filter!(sqlx::query_as(&sql), filter).fetch_all(pool).await)?;
        Ok(rows)
    }

    /// The whole dashboard for `filter`, counted now.
    async fn count(&self, filter: &DashboardFilter) -> Result<Dashboard, SyncError> {
        let facts: Vec<Facts> = self.rows(filter).await?.iter().map(Row::facts).collect();
        let mut dashboard = aggregate::aggregate(&facts);
        let leavers_sql = "SELECT substr(leaving_date, 1, 4) AS year, department, COUNT(*) AS n FROM interviews \
                           WHERE leaving_date IS NOT NULL GROUP BY substr(leaving_date, 1, 4), department";
        let leavers: Vec<(String, String, i64)> =
            on_pool!(&self.db, pool => sqlx::query_as(leavers_sql).fetch_all(pool).await)?;
        let leavers: Vec<(i32, String, u32)> = leavers
            .into_iter()
            .filter_map(|(year, dept, n)| Some((year.parse().ok()?, dept, n.max(0) as u32)))
            .collect();
        dashboard.turnover = aggregate::turnover(&self.headcounts().await?, &leavers);
        let choices = |column: &str| {
            format!(
                "SELECT DISTINCT {column} FROM interviews WHERE {column} <> '' ORDER BY {column}"
            )
        };
        dashboard.departments = on_pool!(&self.db, pool => sqlx::query_scalar(&choices("department")).fetch_all(pool).await)?;
        dashboard.roles = on_pool!(&self.db, pool => sqlx::query_scalar(&choices("job_role")).fetch_all(pool).await)?;
        Ok(dashboard)
    }

    /// The quotes, suggestions and examples that carry `theme`, in the filtered interviews.
    pub async fn theme(
        &self,
        theme: &str,
        filter: &DashboardFilter,
    ) -> Result<ThemeDetail, SyncError> {
        let pattern = theme_pattern(theme).ok_or(SyncError::NotFound)?;
        let count_sql = format!(
            "SELECT COUNT(*) FROM interviews i LEFT JOIN answers a ON a.interview_id = i.id \
             WHERE {FILTER} AND (',' || i.themes || ',') LIKE $8"
        );
        let notes_sql = format!(
            "SELECT n.interview_id, i.department, i.leaving_date, n.kind, n.text \
             FROM interviews i LEFT JOIN answers a ON a.interview_id = i.id JOIN notes n ON n.interview_id = i.id \
             WHERE {FILTER} AND (',' || i.themes || ',') LIKE $8 AND (',' || n.themes || ',') LIKE $8 \
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
    /// suggestions without a theme (the leaver's words; observations are the interviewer's).
    pub async fn emergent(&self, filter: &DashboardFilter) -> Result<Emergent, SyncError> {
        let sql = format!(
            "SELECT n.interview_id, i.department, i.leaving_date, n.kind, n.text \
             FROM interviews i LEFT JOIN answers a ON a.interview_id = i.id JOIN notes n ON n.interview_id = i.id \
             WHERE {FILTER} AND n.themes = '' AND NOT n.deleted AND n.text <> '' \
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

    /// Every headcount HR entered, newest year first.
    pub async fn headcounts(&self) -> Result<Vec<Headcount>, SyncError> {
        let sql =
            "SELECT year, department, headcount FROM headcounts ORDER BY year DESC, department";
        let rows: Vec<(i32, String, i32)> =
            on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(year, department, headcount)| Headcount {
                year,
                department,
                headcount: headcount.max(0) as u32,
            })
            .collect())
    }

    /// Replaces every headcount with `all` (checked by [`check_headcounts`]).
    pub async fn set_headcounts(&self, all: &[Headcount]) -> Result<(), SyncError> {
        check_headcounts(all).map_err(SyncError::BadRequest)?;
        on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            // A new version: the turnover counted before is out of date.
            sqlx::query(LOCK_SQL).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM headcounts").execute(&mut *tx).await?;
            for h in all {
                sqlx::query("INSERT INTO headcounts (year, department, headcount) VALUES ($1, $2, $3)")
                    .bind(h.year).bind(h.department.trim()).bind(h.headcount as i32)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }
}

/// Why a list of headcounts cannot be stored, in words for HR.
pub fn check_headcounts(all: &[Headcount]) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for h in all {
        if !(1900..=2200).contains(&h.year) {
            return Err(format!("year {} is not a plausible year", h.year));
        }
        if h.headcount == 0 || h.headcount > 10_000_000 {
            return Err(format!(
                "headcount {} is not between 1 and 10000000",
                h.headcount
            ));
        }
        if h.department.chars().count() > app::domain::MAX_SHORT_TEXT {
            return Err("department name too long".into());
        }
        if !seen.insert((h.year, h.department.trim().to_owned())) {
            return Err(format!(
                "{} {:?} is given twice",
                h.year,
                h.department.trim()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_theme_keys_become_like_patterns() {
        assert_eq!(
            theme_pattern("job_content").as_deref(),
            Some("%,job_content,%")
        );
        assert_eq!(theme_pattern("a%b"), None);
        assert_eq!(theme_pattern(""), None);
        assert_eq!(theme_pattern("Pay"), None);
    }

    #[test]
    fn headcounts_must_be_plausible_and_unique() {
        let h = |year, department: &str, headcount| Headcount {
            year,
            department: department.into(),
            headcount,
        };
        assert!(check_headcounts(&[h(2025, "", 200), h(2025, "Zorg", 40)]).is_ok());
        assert!(check_headcounts(&[h(2025, "", 0)]).is_err());
        assert!(check_headcounts(&[h(25, "", 10)]).is_err());
        assert!(check_headcounts(&[h(2025, "Zorg", 1), h(2025, " Zorg ", 2)]).is_err());
    }
}
