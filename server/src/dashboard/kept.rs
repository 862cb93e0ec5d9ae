//! Answers already worked out, kept per sync version and filter.

use std::{collections::HashMap, future::Future, sync::Mutex};

use app::domain::DashboardFilter;

use crate::{
    db::{on_pool, Db},
    sync::SyncError,
};

/// Most filters whose answers are kept per version.
const COUNTED_FILTERS: usize = 64;

/// Answers (dashboards, emergent terms) already worked out at one value of the change
/// counter (`instance.sync_version`), per filter. Every write that changes what they show
/// bumps it in its own transaction (pushes, theme settings, retention, erasure, headcounts;
/// `sync::versions`), so an answer kept for the current value is the one working it out
/// again would give; with several servers on one database each keeps its own and each sees
/// the others' writes.
#[derive(Debug)]
pub(super) struct Kept<T> {
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

impl<T: Clone> Kept<T> {
    /// `kept`'s answer for `filter` at the current version, or `work`'s (then kept).
    pub(super) async fn answer(
        kept: &Mutex<Self>,
        db: &Db,
        filter: &DashboardFilter,
        work: impl Future<Output = Result<T, SyncError>>,
    ) -> Result<T, SyncError> {
        let version_sql = "SELECT sync_version FROM instance WHERE singleton = 1";
        // Read before the work: its answer is at least this new, never older.
        let version: i64 =
            on_pool!(db, pool => sqlx::query_scalar(version_sql).fetch_one(pool).await)?;
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
}
