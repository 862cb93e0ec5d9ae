//! The database counts the filtered interviews in groups ([`Tally`]) or lists them ([`Row`]).

use std::collections::BTreeSet;

use app::domain::{DashboardFilter, RatingTopic, ThemeId, WouldReturn, YesNo};
use sqlx::{FromRow, Row as _};

use super::{
    aggregate::{self, AnswerTally, Facts, Tally},
    filter::{bind_filter, theme_pattern, FILTER},
    Dashboards,
};
use crate::{
    db::on_pool,
    sync::{from_key, given, key_of, theme_list, SyncError},
};

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

impl Dashboards {
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

    /// Every theme a note can be tagged with: the built-in list and HR's settings, in key
    /// order.
    pub async fn theme_keys(&self) -> Result<Vec<String>, SyncError> {
        let keys_sql = "SELECT key FROM theme_settings";
        let settings: Vec<String> =
            on_pool!(&self.db, pool => sqlx::query_scalar(keys_sql).fetch_all(pool).await)?;
        let themes: BTreeSet<String> = ThemeId::ALL
            .iter()
            .map(key_of)
            .chain(settings)
            .filter(|k| theme_pattern(k).is_some())
            .collect();
        Ok(themes.into_iter().collect())
    }

    /// The interviews that match `filter`, counted by the database in two queries run side
    /// by side: interviews per leaving month and primary reason with how many carry each
    /// theme, and the structured answers. Each scans the filtered interviews once and answers
    /// a few hundred numbers however many interviews there are. Themes are those of the
    /// built-in list and HR's settings (the only ones a note is tagged with).
    pub async fn tally(&self, filter: &DashboardFilter) -> Result<Tally, SyncError> {
        let themes = self.theme_keys().await?;
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
