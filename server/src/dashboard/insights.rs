//! What managers see: the counts of their departments, anonymised by [`anonymity`] before
//! they leave the server. Nothing here reads an interview or a note, only counts and the
//! notes HR marked "delen".

use std::collections::BTreeMap;

use app::domain::{
    AnonymitySettings, Dashboard, DashboardFilter, InsightFilter, Insights, SharedQuote, TenureBand,
};
use chrono::NaiveDate;

use super::{
    anonymity::{anonymise, check_filter, quotes::reaching, Refused, Splits},
    Dashboards, Tally,
};
use crate::{db::on_pool, sync::SyncError};

/// One group of the splits query: department, role, leaving year, years of service,
/// voluntary, interviews.
type SplitRow = (
    String,
    String,
    Option<String>,
    Option<i32>,
    Option<bool>,
    i64,
);

/// Adds one group of interviews to every split it falls in.
fn add_to_splits(splits: &mut Splits, (department, role, year, tenure, voluntary, n): SplitRow) {
    fn add<V: PartialEq>(split: &mut super::anonymity::Split<V>, value: Option<V>, n: u32) {
        match value {
            None => split.unknown += n,
            Some(v) => match split.values.iter_mut().find(|(w, _)| *w == v) {
                Some((_, count)) => *count += n,
                None => split.values.push((v, n)),
            },
        }
    }
    let n = u32::try_from(n).unwrap_or(0);
    add(&mut splits.departments, Some(department), n);
    // Trimmed, as the filter compares it.
    let role = role.trim().to_owned();
    add(&mut splits.roles, Some(role).filter(|r| !r.is_empty()), n);
    let year = year.and_then(|y| y.parse::<i32>().ok());
    add(&mut splits.years, year, n);
    let tenure = tenure
        .and_then(|t| u32::try_from(t).ok())
        .map(TenureBand::of);
    add(&mut splits.tenure, tenure, n);
    add(&mut splits.voluntary, voluntary, n);
}

/// The dashboard filter of one department under a manager's `filter`.
fn dashboard_filter(department: &str, filter: &InsightFilter) -> DashboardFilter {
    DashboardFilter {
        from: filter.year.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
        to: filter.year.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)),
        department: Some(department.to_owned()),
        role: filter.role.clone(),
        tenure: filter.tenure,
        voluntary: filter.voluntary,
    }
}

impl Dashboards {
    pub async fn anonymity_settings(&self) -> Result<AnonymitySettings, SyncError> {
        let sql = "SELECT min_group, min_quote_group FROM instance WHERE singleton = 1";
        let (min_group, min_quote_group): (i32, i32) =
            on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_one(pool).await)?;
        let lowest = AnonymitySettings::LOWEST as i32;
        Ok(AnonymitySettings {
            min_group: min_group.max(lowest) as u32,
            min_quote_group: min_quote_group.max(min_group).max(lowest) as u32,
        })
    }

    pub async fn set_anonymity_settings(
        &self,
        settings: AnonymitySettings,
    ) -> Result<(), SyncError> {
        settings.check().map_err(SyncError::BadRequest)?;
        let sql = "UPDATE instance SET min_group = $1, min_quote_group = $2 WHERE singleton = 1";
        on_pool!(&self.db, pool => sqlx::query(sql)
            .bind(settings.min_group as i32)
            .bind(settings.min_quote_group as i32)
            .execute(pool).await.map(drop))?;
        Ok(())
    }

    /// Every department with interviews.
    pub async fn departments(&self) -> Result<Vec<String>, SyncError> {
        self.choices("department").await
    }

    /// How the interviews of `departments` split along each filter condition.
    async fn splits(&self, departments: &[String]) -> Result<Splits, SyncError> {
        let sql = "SELECT i.department, i.job_role, substr(i.leaving_date, 1, 4), i.tenure_years, \
                   a.voluntary, COUNT(*) FROM interviews i LEFT JOIN answers a ON a.interview_id = i.id \
                   WHERE i.department = $1 \
                   GROUP BY i.department, i.job_role, substr(i.leaving_date, 1, 4), i.tenure_years, a.voluntary";
        let mut splits = Splits::default();
        for department in departments.iter().filter(|d| !d.trim().is_empty()) {
            let rows: Vec<SplitRow> = on_pool!(&self.db, pool => sqlx::query_as(sql).bind(department).fetch_all(pool).await)?;
            for row in rows {
                add_to_splits(&mut splits, row);
            }
        }
        Ok(splits)
    }

    /// The anonymised figures of `departments` under `filter` (one condition at most, else
    /// [`SyncError::BadRequest`]); a filter value that leaves too small a group, or too small
    /// a rest, gets the answer of a group that is too small.
    pub async fn insights(
        &self,
        departments: &[String],
        filter: &InsightFilter,
    ) -> Result<Insights, SyncError> {
        let settings = self.anonymity_settings().await?;
        let k = settings.min_group;
        let splits = self.splits(departments).await?;
        let choices = splits.choices(k);
        let (dashboard, rest) = match check_filter(filter, &choices) {
            Err(Refused::Combined) => {
                return Err(SyncError::BadRequest(
                    "choose one filter at a time".to_owned(),
                ))
            }
            Err(Refused::TooFew) => (Dashboard::default(), None),
            Ok(())
                if filter
                    .year
                    .is_some_and(|y| NaiveDate::from_ymd_opt(y, 1, 1).is_none()) =>
            {
                (Dashboard::default(), None)
            }
            Ok(()) => {
                let mut all = Tally::default();
                let mut filtered = Tally::default();
                for department in departments.iter().filter(|d| !d.trim().is_empty()) {
                    let everything = InsightFilter::default();
                    let tally = self
                        .tally(&dashboard_filter(department, &everything))
                        .await?;
                    if filter.conditions() > 0 {
                        let inside = filter.department.as_ref().is_none_or(|d| d == department);
                        if inside {
                            let only = InsightFilter {
                                department: None,
                                ..filter.clone()
                            };
                            filtered.add(self.tally(&dashboard_filter(department, &only)).await?);
                        }
                    }
                    all.add(tally);
                }
                if filter.conditions() == 0 {
                    (all.dashboard(), None)
                } else {
                    (
                        filtered.dashboard(),
                        Some(all.without(&filtered).dashboard()),
                    )
                }
            }
        };
        let keys = self.theme_keys().await?;
        let quotes = self
            .quotes(&splits, filter, settings.min_quote_group)
            .await?;
        Ok(Insights {
            departments: departments.to_vec(),
            filter: filter.clone(),
            choices,
            min_quote_group: settings.min_quote_group,
            quotes,
            ..anonymise(&dashboard, rest.as_ref(), &keys, k)
        })
    }

    /// The marked quotes of the departments split in `splits` that reach a manager.
    async fn quotes(
        &self,
        splits: &Splits,
        filter: &InsightFilter,
        min_quote_group: u32,
    ) -> Result<Vec<SharedQuote>, SyncError> {
        let interviews: BTreeMap<String, u32> = splits.departments.values.iter().cloned().collect();
        let filtered = filter.conditions() > 0;
        let mut marked = Vec::new();
        if !filtered {
            for (department, &n) in &interviews {
                if n >= min_quote_group {
                    marked.extend(self.marked(department).await?);
                }
            }
        }
        let seed = uuid::Uuid::new_v4().as_u64_pair().0;
        Ok(reaching(
            marked,
            &interviews,
            min_quote_group,
            filtered,
            seed,
        ))
    }
}
