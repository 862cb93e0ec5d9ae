//! `GET /api/v1/sync/pull`: the registers of the user's interviews written since the device's
//! cursor (a version), in pages that never split one push.

use app::domain::{
    DeviceId, InterviewId, Op, PullResponse, Question, RemoteChange, TabletSettings, ThemeId, User,
    PULL_PAGE,
};
use app::themes::Catalogue;

use super::{section, Interviews, NoteRow, SyncError, NOTE_COLUMNS};
use crate::db::on_pool;

/// Where a page ends, from the number of rows per version (ascending): whole versions, at
/// least one, until `page` rows would be passed. Answers the last version in the page and
/// whether more versions follow; `None` when there is nothing.
pub fn page_end(counts: &[(i64, i64)], page: usize) -> Option<(i64, bool)> {
    let mut rows = 0;
    for (i, (version, count)) in counts.iter().enumerate() {
        rows += *count as usize;
        let next_fits = counts
            .get(i + 1)
            .is_some_and(|(_, next)| rows + *next as usize <= page);
        if !next_fits {
            return Some((*version, i + 1 < counts.len()));
        }
    }
    None
}

/// The most versions looked at per pull; the page is usually full long before.
const VERSIONS_PER_PULL: i64 = 10_000;

impl Interviews {
    pub async fn pull(
        &self,
        user: &User,
        device: DeviceId,
        cursor: i64,
    ) -> Result<PullResponse, SyncError> {
        let owner = user.id.to_string();
        let settings = self.settings().await?;
        let catalogue = self.catalogue().await?;
        let counts_sql = "SELECT version, COUNT(*) FROM ( \
              SELECT s.version FROM interview_sections s JOIN interviews i ON i.id = s.interview_id WHERE i.owner_id = $1 AND s.version > $2 \
              UNION ALL \
              SELECT n.version FROM notes n JOIN interviews i ON i.id = n.interview_id WHERE i.owner_id = $1 AND n.version > $2 \
            ) v GROUP BY version ORDER BY version LIMIT $3";
        let counts: Vec<(i64, i64)> = on_pool!(&self.db, pool => sqlx::query_as(counts_sql).bind(&owner).bind(cursor).bind(VERSIONS_PER_PULL).fetch_all(pool).await)?;
        let Some((upto, more)) = page_end(&counts, PULL_PAGE) else {
            return Ok(response(Vec::new(), cursor, false, settings, catalogue));
        };
        let sections_sql = "SELECT s.interview_id, s.stamp, s.value FROM interview_sections s JOIN interviews i ON i.id = s.interview_id \
                            WHERE i.owner_id = $1 AND s.version > $2 AND s.version <= $3 ORDER BY s.version";
        let notes_sql = format!(
            "SELECT {NOTE_COLUMNS} FROM notes n JOIN interviews i ON i.id = n.interview_id \
             WHERE i.owner_id = $1 AND n.version > $2 AND n.version <= $3 ORDER BY n.version"
        );
        let sections: Vec<(String, String, String)> = on_pool!(&self.db, pool => sqlx::query_as(sections_sql).bind(&owner).bind(cursor).bind(upto).fetch_all(pool).await)?;
        let notes: Vec<NoteRow> = on_pool!(&self.db, pool => sqlx::query_as(&notes_sql).bind(&owner).bind(cursor).bind(upto).fetch_all(pool).await)?;

        let mut changes = Vec::with_capacity(sections.len() + notes.len());
        for (interview, stamp, value) in sections {
            let (stamp, op) = section(&stamp, &value)?;
            let interview =
                InterviewId::parse(&interview).ok_or(SyncError::Corrupt("interview id"))?;
            changes.push(RemoteChange {
                interview,
                stamp,
                op,
            });
        }
        for row in notes {
            let (interview, stamp, note) = row.into_register()?;
            changes.push(RemoteChange {
                interview,
                stamp,
                op: Op::Note(note),
            });
        }
        // What this device wrote itself it has already.
        changes.retain(|c| c.stamp.device != device);
        Ok(response(changes, upto, more, settings, catalogue))
    }
}

fn response(
    changes: Vec<RemoteChange>,
    cursor: i64,
    more: bool,
    settings: TabletSettings,
    catalogue: Catalogue,
) -> PullResponse {
    PullResponse {
        changes,
        cursor,
        more,
        guide: Question::standard_guide(),
        themes: ThemeId::ALL.to_vec(),
        settings,
        catalogue,
    }
}

impl Interviews {
    /// HR's settings for the tablets.
    pub async fn settings(&self) -> Result<TabletSettings, SyncError> {
        let sql = "SELECT remove_after_sync FROM instance WHERE singleton = 1";
        let remove_after_sync: bool =
            on_pool!(&self.db, pool => sqlx::query_scalar(sql).fetch_one(pool).await)?;
        Ok(TabletSettings { remove_after_sync })
    }

    pub async fn set_settings(&self, settings: TabletSettings) -> Result<(), SyncError> {
        let sql = "UPDATE instance SET remove_after_sync = $1 WHERE singleton = 1";
        on_pool!(&self.db, pool => sqlx::query(sql).bind(settings.remove_after_sync).execute(pool).await.map(drop))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows per version, page size, expected end.
    type Case<'a> = (&'a [(i64, i64)], usize, Option<(i64, bool)>);

    #[test]
    fn pages_hold_whole_versions() {
        let cases: &[Case] = &[
            (&[], 500, None),
            (&[(3, 10)], 500, Some((3, false))),
            (&[(3, 10), (4, 20)], 500, Some((4, false))),
            (&[(3, 10), (4, 20)], 25, Some((3, true))),
            (&[(3, 10), (4, 15)], 25, Some((4, false))),
            // One push bigger than a page is still sent whole.
            (&[(3, 900), (4, 1)], 500, Some((3, true))),
        ];
        for (counts, page, expected) in cases {
            assert_eq!(page_end(counts, *page), *expected, "{counts:?} / {page}");
        }
    }
}
