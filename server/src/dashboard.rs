//! HR's dashboard over the synced interviews: the database counts the interviews that match
//! a filter in groups (its themes were gathered per interview at push) and the pure
//! [`aggregate`] makes the figures of them; charts are drawn by [`svg`], the export (one row
//! per interview) written by [`csv`].

use std::sync::{Arc, Mutex};

use app::domain::{Dashboard, DashboardFilter, Emergent};

use crate::{
    db::{on_pool, Db},
    sync::SyncError,
};

pub mod aggregate;
pub mod anonymity;
pub mod csv;
pub mod effect;
mod filter;
pub(crate) use filter::theme_pattern;
mod groups;
mod headcounts;
pub mod insight_files;
mod insights;
mod kept;
mod notes;
pub mod svg;
mod tally;

pub use aggregate::{AnswerTally, Facts, Tally};
pub use headcounts::check_headcounts;
pub use tally::Row;

use kept::Kept;

/// Most notes one theme's page reads (the newest), to group and page through.
pub const THEME_NOTES: i64 = 3_000;
/// Most notes read for emergent themes (the newest).
pub const EMERGENT_NOTES: i64 = 20_000;

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
        Kept::answer(&self.counted, &self.db, filter, self.count(filter)).await
    }

    /// Words and phrases that recur in the filtered interviews' quotes, examples and
    /// suggestions without a theme: kept while nothing changed, like the dashboard.
    pub async fn emergent(&self, filter: &DashboardFilter) -> Result<Emergent, SyncError> {
        Kept::answer(&self.emergent, &self.db, filter, self.find_emergent(filter)).await
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

    /// Every value of `column` (of all interviews, not only the filtered ones), for the filter form.
    async fn choices(&self, column: &'static str) -> Result<Vec<String>, SyncError> {
        let sql = format!(
            "SELECT DISTINCT {column} FROM interviews WHERE {column} <> '' ORDER BY {column}"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_scalar(&sql).fetch_all(pool).await)?)
    }
}
