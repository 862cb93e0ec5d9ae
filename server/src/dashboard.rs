//! HR's dashboard over the synced interviews: the database counts the interviews that match
//! a filter in groups (its themes were gathered per interview at push) and the pure
//! [`aggregate`] makes the figures of them; charts are drawn by [`svg`], the export (one row
//! per interview) written by [`csv`].

use app::{
    domain::{
        Dashboard, DashboardFilter, Emergent, EmergentTerm, Headcount, InterviewId, NoteId,
        NoteKind, RatingTopic, ThemeDetail, ThemeId, ThemeNote, WouldReturn, YesNo,
    },
    themes::emergent::{recurring, Uncovered, MIN_INTERVIEWS},
};
use std::{
    collections::{BTreeSet, HashMap},
    sync::{Arc, Mutex},
};

use sqlx::{FromRow, Row as _};

use crate::{
    db::{on_pool, Db},
    sync::{from_key, given, key_of, push::LOCK_SQL, theme_list, SyncError},
};

pub mod aggregate;
pub mod csv;
pub mod svg;

pub use aggregate::{AnswerTally, Facts, Tally};

/// Most notes one theme's page lists.
pub const THEME_NOTES: i64 = 60;
/// Most notes read for emergent themes (the newest).
pub const EMERGENT_NOTES: i64 = 20_000;

/// The filter as SQL, over `interviews i`; binds `$1`–`$7`. The answers are only looked at
/// when the filter asks for (in)voluntary leavers.
const FILTER: &str = "(CAST($1 AS TEXT) IS NULL OR i.leaving_date >= $1) \
    AND (CAST($2 AS TEXT) IS NULL OR i.leaving_date <= $2) \
    AND (CAST($3 AS TEXT) IS NULL OR i.department = $3) \
    AND (CAST($4 AS TEXT) IS NULL OR i.job_role = $4) \
    AND (CAST($5 AS INTEGER) IS NULL OR i.tenure_years >= $5) \
    AND (CAST($6 AS INTEGER) IS NULL OR i.tenure_years <= $6) \
    AND (CAST($7 AS BOOLEAN) IS NULL OR EXISTS \
         (SELECT 1 FROM answers v WHERE v.interview_id = i.id AND v.voluntary = $7))";

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

/// The columns of the answers query, read back by [`answer_tally`]: how many interviews;
/// voluntary and regrettable yes and no; would return per answer; interviews per recommend
/// score 0–10; each rating's sum and count.
fn answer_columns() -> Vec<String> {
    let when = |condition: String| format!("SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)");
    let mut columns = vec!["COUNT(*)".to_owned()];
    for yes_no in ["a.voluntary", "a.regrettable"] {
        columns.push(when(yes_no.to_owned()));
        columns.push(when(format!("NOT {yes_no}")));
    }
    for answer in WouldReturn::ALL {
        columns.push(when(format!("a.would_return = '{}'", key_of(&answer))));
    }
    for score in 0..=10 {
        columns.push(when(format!("a.recommend = {score}")));
    }
    for topic in RatingTopic::ALL {
        let column = format!("a.rating_{}", key_of(&topic));
        columns.push(format!("SUM({column})"));
        columns.push(format!("COUNT({column})"));
    }
    columns
}

/// The answers query's one row (see [`answer_columns`]) as counts; `None` when it has
/// another number of columns.
fn answer_tally(row: &[u32]) -> Option<AnswerTally> {
    let [total, vol_yes, vol_no, reg_yes, reg_no, wr @ ..] = row else {
        return None;
    };
    let (would_return, rest) = wr.split_first_chunk::<3>()?;
    let (recommend, rest) = rest.split_first_chunk::<11>()?;
    let ratings: &[u32; 10] = rest.try_into().ok()?;
    let yes_no = |yes: u32, no: u32| YesNo {
        yes,
        no,
        unknown: total.saturating_sub(yes + no),
    };
    let answered: u32 = would_return.iter().sum();
    Some(AnswerTally {
        voluntary: yes_no(*vol_yes, *vol_no),
        regrettable: yes_no(*reg_yes, *reg_no),
        would_return: [
            would_return[0],
            would_return[1],
            would_return[2],
            total.saturating_sub(answered),
        ],
        recommend: *recommend,
        ratings: std::array::from_fn(|i| (ratings[2 * i], ratings[2 * i + 1])),
    })
}

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

/// `%,theme,%`, for matching one theme in a stored list with `LIKE … ESCAPE '\'` (`_` is
/// taken literally: `job_content` must not match `jobscontent`); `None` for a key that is
/// not one.
fn theme_pattern(theme: &str) -> Option<String> {
    let valid = !theme.is_empty()
        && theme
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    valid.then(|| format!("%,{},%", theme.replace('_', "\\_")))
}

/// Most filters whose answers are kept per version.
const COUNTED_FILTERS: usize = 64;

/// Answers (dashboards, emergent terms) already worked out at one sync version, per filter.
/// Every write that changes what they show takes a new version (pushes, theme settings,
/// retention, erasure, headcounts), so an answer kept for the current version is the one
/// working it out again would give; with several servers on one database each keeps its own.
#[derive(Debug)]
struct Kept<T> {
    version: i64,
    by_filter: HashMap<String, T>,
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Self {
            version: 0,
            by_filter: HashMap::new(),
        }
    }
}

/// The dashboard's queries over either database.
#[derive(Debug, Clone)]
pub struct Dashboards {
    db: Db,
    counted: Arc<Mutex<Kept<Dashboard>>>,
    emergent: Arc<Mutex<Kept<Emergent>>>,
}

impl Dashboards {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            counted: Arc::default(),
            emergent: Arc::default(),
        }
    }

    /// The dashboard for `filter`: kept from an earlier request while nothing changed (the
    /// page and its two charts ask for the same figures), counted otherwise.
    pub async fn dashboard(&self, filter: &DashboardFilter) -> Result<Dashboard, SyncError> {
        self.kept(&self.counted, filter, self.count(filter)).await
    }

    /// Words and phrases that recur in the filtered interviews' quotes, examples and
    /// suggestions without a theme: kept while nothing changed, like the dashboard.
    pub async fn emergent(&self, filter: &DashboardFilter) -> Result<Emergent, SyncError> {
        self.kept(&self.emergent, filter, self.find_emergent(filter))
            .await
    }

    /// `kept`'s answer for `filter` at the current version, or `work`'s (then kept).
    async fn kept<T: Clone>(
        &self,
        kept: &Mutex<Kept<T>>,
        filter: &DashboardFilter,
        work: impl std::future::Future<Output = Result<T, SyncError>>,
    ) -> Result<T, SyncError> {
        let version_sql = "SELECT sync_version FROM instance WHERE singleton = 1";
        // Read before the work: its answer is at least this new, never older.
        let version: i64 =
            on_pool!(&self.db, pool => sqlx::query_scalar(version_sql).fetch_one(pool).await)?;
        let key = serde_json::to_string(filter).map_err(|_| SyncError::Corrupt("filter"))?;
        {
            let kept = kept.lock().unwrap_or_else(|e| e.into_inner());
            if kept.version == version {
                if let Some(answer) = kept.by_filter.get(&key) {
                    return Ok(answer.clone());
                }
            }
        }
        let answer = work.await?;
        let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.version != version {
            kept.by_filter.clear();
            kept.version = version;
        }
        if kept.by_filter.len() < COUNTED_FILTERS {
            kept.by_filter.insert(key, answer.clone());
        }
        Ok(answer)
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

    /// The interviews that match `filter`, counted by the database in two queries run side
    /// by side: interviews per leaving month and primary reason with how many carry each
    /// theme, and the structured answers. Each scans the filtered interviews once and answers
    /// a few hundred numbers however many interviews there are. Themes are those of the
    /// built-in list and HR's settings (the only ones a note is tagged with).
    pub async fn tally(&self, filter: &DashboardFilter) -> Result<Tally, SyncError> {
        let keys_sql = "SELECT key FROM theme_settings";
        let settings: Vec<String> =
            on_pool!(&self.db, pool => sqlx::query_scalar(keys_sql).fetch_all(pool).await)?;
        let themes: BTreeSet<String> = ThemeId::ALL
            .iter()
            .map(key_of)
            .chain(settings)
            .filter(|k| theme_pattern(k).is_some())
            .collect();
        let themes: Vec<String> = themes.into_iter().collect();
        // A built-in theme is a bit of `theme_bits`; HR's own are looked up in the list,
        // their patterns bound as $8, $9, …
        let mut own = Vec::new();
        let carries: Vec<String> = themes
            .iter()
            .map(|key| {
                let condition = match ThemeId::from_key(key) {
                    Some(theme) => format!("(i.theme_bits & {}) <> 0", 1i64 << theme.index()),
                    None => {
                        own.push(theme_pattern(key));
                        format!(
                            "(',' || i.themes || ',') LIKE ${} ESCAPE '\\'",
                            7 + own.len()
                        )
                    }
                };
                format!("SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)")
            })
            .collect();
        let groups_sql = format!(
            "SELECT substr(i.leaving_date, 1, 7), i.primary_reason, COUNT(*), {} FROM interviews i \
             WHERE {FILTER} GROUP BY substr(i.leaving_date, 1, 7), i.primary_reason",
            carries.join(", ")
        );
        let answers_sql = format!(
            "SELECT {} FROM interviews i LEFT JOIN answers a ON a.interview_id = i.id WHERE {FILTER}",
            answer_columns().join(", ")
        );
        let count = |n: Option<i64>| u32::try_from(n.unwrap_or(0)).unwrap_or(u32::MAX);
        let (groups, answers) = on_pool!(&self.db, pool => {
            let mut groups = bind_filter!(sqlx::query(&groups_sql), filter);
            for pattern in &own {
                groups = groups.bind(pattern);
            }
            let answers = bind_filter!(sqlx::query(&answers_sql), filter);
            let (groups, answers) = tokio::try_join!(groups.fetch_all(pool), answers.fetch_one(pool))?;
            let groups = groups
                .iter()
                .map(|row| {
                    let month: Option<String> = row.try_get(0)?;
                    let reason: Option<String> = row.try_get(1)?;
                    let counts = (2..row.len()).map(|i| row.try_get(i).map(count)).collect::<Result<Vec<u32>, _>>()?;
                    Ok((month, reason, counts))
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
            let answers = (0..answers.len()).map(|i| answers.try_get(i).map(count)).collect::<Result<Vec<u32>, _>>()?;
            (groups, answers)
        });
        let mut tally = Tally::default();
        for (month, reason, counts) in groups {
            let month = month.as_deref().and_then(aggregate::month);
            let group = tally.groups.entry((month, reason)).or_default();
            group.interviews += counts[0];
            for (key, &n) in themes.iter().zip(&counts[1..]) {
                if n > 0 {
                    *group.themes.entry(key.clone()).or_default() += n;
                }
            }
        }
        tally.answers = answer_tally(&answers).ok_or(SyncError::Corrupt("answer counts"))?;
        Ok(tally)
    }

    /// The whole dashboard for `filter`, counted now.
    async fn count(&self, filter: &DashboardFilter) -> Result<Dashboard, SyncError> {
        // Side by side: each query waits on the database, not on the others.
        let (tally, leavers, headcounts, departments, roles) = tokio::try_join!(
            self.tally(filter),
            self.leavers(),
            self.headcounts(),
            self.choices("department"),
            self.choices("job_role"),
        )?;
        Ok(Dashboard {
            turnover: aggregate::turnover(&headcounts, &leavers),
            departments,
            roles,
            ..tally.dashboard()
        })
    }

    /// Leavers per year and department: (year, department, interviews with that leaving year).
    async fn leavers(&self) -> Result<Vec<(i32, String, u32)>, SyncError> {
        let sql =
            "SELECT substr(leaving_date, 1, 4) AS year, department, COUNT(*) AS n FROM interviews \
                   WHERE leaving_date IS NOT NULL GROUP BY substr(leaving_date, 1, 4), department";
        let rows: Vec<(String, String, i64)> =
            on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .filter_map(|(year, dept, n)| Some((year.parse().ok()?, dept, n.max(0) as u32)))
            .collect())
    }

    /// Every value of `column` (of all interviews, not only the filtered ones), for the filter form.
    async fn choices(&self, column: &'static str) -> Result<Vec<String>, SyncError> {
        let sql = format!(
            "SELECT DISTINCT {column} FROM interviews WHERE {column} <> '' ORDER BY {column}"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_scalar(&sql).fetch_all(pool).await)?)
    }

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
    async fn find_emergent(&self, filter: &DashboardFilter) -> Result<Emergent, SyncError> {
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
            Some("%,job\\_content,%")
        );
        assert_eq!(theme_pattern("a%b"), None);
        assert_eq!(theme_pattern(""), None);
        assert_eq!(theme_pattern("Pay"), None);
    }

    #[test]
    fn the_answers_row_is_read_back_column_by_column() {
        let columns = answer_columns();
        let row: Vec<u32> = (0..columns.len() as u32).map(|i| i + 100).collect();
        let got = answer_tally(&row).expect("as many numbers as columns");
        assert_eq!(columns.len(), 29);
        assert_eq!((got.voluntary.yes, got.voluntary.no), (101, 102));
        assert_eq!((got.regrettable.yes, got.regrettable.no), (103, 104));
        assert_eq!(got.would_return[..3], [105, 106, 107]);
        assert_eq!(got.recommend[0], 108);
        assert_eq!(got.recommend[10], 118);
        assert_eq!(got.ratings[0], (119, 120));
        assert_eq!(got.ratings[4], (127, 128));
        assert!(columns[5].contains("'yes'"));
        assert_eq!(columns[19], "SUM(a.rating_culture)");
        assert_eq!(columns[28], "COUNT(a.rating_pay)");
        assert_eq!(answer_tally(&row[1..]), None);
        assert_eq!(answer_tally(&[row.clone(), vec![0]].concat()), None);
        // Interviews that did not answer are counted as such.
        let mut few = vec![0; columns.len()];
        few[0] = 10;
        few[1] = 4;
        few[5] = 3;
        let got = answer_tally(&few).expect("counts");
        assert_eq!(got.voluntary.unknown, 6);
        assert_eq!(got.regrettable.unknown, 10);
        assert_eq!(got.would_return, [3, 0, 0, 7]);
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
