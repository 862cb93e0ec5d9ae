//! `GET /api/v1/sync/pull`: the registers of the user's interviews written since the device's
//! cursor (a version) and below every write still in flight ([`versions::readable`]), in
//! pages that never split one push, and the user's interviews that
//! were erased or anonymised since. A register is left out only when the stored value is
//! exactly what this device sent (`sent_by`); a device id that is another user's is refused.

use app::domain::{
    DeviceId, Gone, GoneReason, InterviewId, Millis, Op, PullResponse, Question, RemoteChange,
    TabletSettings, ThemeId, User, PULL_PAGE,
};
use app::themes::Catalogue;

use super::{section, versions, Interviews, NoteRow, SyncError, NOTE_COLUMNS};
use crate::db::{args, on_pool, Tx};

const COUNTS_SQL: &str = "SELECT version, COUNT(*) FROM ( \
      SELECT s.version FROM interview_sections s JOIN interviews i ON i.id = s.interview_id \
       WHERE i.owner_id = $1 AND s.version > $2 \
      UNION ALL \
      SELECT n.version FROM notes n JOIN interviews i ON i.id = n.interview_id \
       WHERE i.owner_id = $1 AND n.version > $2 \
      UNION ALL \
      SELECT e.version FROM erased_interviews e WHERE e.owner_id = $1 AND e.version > $2 \
      UNION ALL \
      SELECT i.anonymised_version FROM interviews i \
       WHERE i.owner_id = $1 AND i.anonymised_version > $2 \
    ) v WHERE version <= $4 GROUP BY version ORDER BY version LIMIT $3";
const SECTIONS_SQL: &str = "SELECT s.interview_id, s.stamp, s.value FROM interview_sections s \
     JOIN interviews i ON i.id = s.interview_id \
     WHERE i.owner_id = $1 AND s.version > $2 AND s.version <= $3 \
       AND COALESCE(s.sent_by, '') <> $4 ORDER BY s.version";
const ERASED_SQL: &str = "SELECT id FROM erased_interviews \
     WHERE owner_id = $1 AND version > $2 AND version <= $3";
const ANONYMISED_SQL: &str = "SELECT id FROM interviews \
     WHERE owner_id = $1 AND anonymised_version > $2 AND anonymised_version <= $3";
const DEVICE_OWNER_SQL: &str = "SELECT user_id FROM devices WHERE id = $1";

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
        now: Millis,
    ) -> Result<PullResponse, SyncError> {
        let owner = user.id.to_string();
        let device = device.to_string();
        let settings = self.settings().await?;
        let catalogue = self.catalogue().await?;
        let mut tx = self.db.begin().await?;
        // Versions above this may belong to writes still in flight: read next time.
        let readable = versions::readable(&mut tx).await?;
        let device_owner: Option<String> =
            tx.optional_scalar(DEVICE_OWNER_SQL, args![&device]).await?;
        if device_owner.is_some_and(|o| o != owner) {
            return Err(SyncError::DeviceTaken);
        }
        let args = args![&owner, cursor, VERSIONS_PER_PULL, readable];
        let counts: Vec<(i64, i64)> = tx.all(COUNTS_SQL, args).await?;
        let Some((upto, more)) = page_end(&counts, PULL_PAGE) else {
            let page = Page::default();
            return Ok(response(page, cursor, false, settings, catalogue, now));
        };
        let page = Page::read(&mut tx, &owner, &device, cursor, upto).await?;
        Ok(response(page, upto, more, settings, catalogue, now))
    }
}

/// What one pull answers besides the settings.
#[derive(Default)]
struct Page {
    changes: Vec<RemoteChange>,
    gone: Vec<Gone>,
}

impl Page {
    /// The registers and removals of `owner`'s interviews with a version in `(from, upto]`.
    async fn read(
        tx: &mut Tx,
        owner: &str,
        device: &str,
        from: i64,
        upto: i64,
    ) -> Result<Page, SyncError> {
        let sections: Vec<(String, String, String)> = tx
            .all(SECTIONS_SQL, args![owner, from, upto, device])
            .await?;
        let notes_sql = format!(
            "SELECT {NOTE_COLUMNS} FROM notes n JOIN interviews i ON i.id = n.interview_id \
             WHERE i.owner_id = $1 AND n.version > $2 AND n.version <= $3 \
               AND COALESCE(n.sent_by, '') <> $4 ORDER BY n.version"
        );
        let notes: Vec<NoteRow> = tx.all(&notes_sql, args![owner, from, upto, device]).await?;
        let mut page = Page::default();
        for (interview, stamp, value) in sections {
            let (stamp, op) = section(&stamp, &value)?;
            let interview = parse_id(&interview)?;
            page.changes.push(RemoteChange {
                interview,
                stamp,
                op,
            });
        }
        for row in notes {
            let (interview, stamp, note) = row.into_register()?;
            page.changes.push(RemoteChange {
                interview,
                stamp,
                op: Op::Note(note),
            });
        }
        let removals = [
            (ERASED_SQL, GoneReason::Erased),
            (ANONYMISED_SQL, GoneReason::Anonymised),
        ];
        for (sql, reason) in removals {
            let ids: Vec<String> = tx.all_scalars(sql, args![owner, from, upto]).await?;
            for id in ids {
                let interview = parse_id(&id)?;
                page.gone.push(Gone { interview, reason });
            }
        }
        Ok(page)
    }
}

fn parse_id(id: &str) -> Result<InterviewId, SyncError> {
    InterviewId::parse(id).ok_or(SyncError::Corrupt("interview id"))
}

fn response(
    page: Page,
    cursor: i64,
    more: bool,
    settings: TabletSettings,
    catalogue: Catalogue,
    now: Millis,
) -> PullResponse {
    PullResponse {
        server_time: now,
        changes: page.changes,
        gone: page.gone,
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
        let sql = "SELECT remove_after_sync, lock_after_minutes FROM instance WHERE singleton = 1";
        let (remove_after_sync, minutes): (bool, i32) =
            on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_one(pool).await)?;
        Ok(TabletSettings {
            remove_after_sync,
            lock_after_minutes: minutes.max(1) as u32,
        })
    }

    pub async fn set_settings(&self, settings: TabletSettings) -> Result<(), SyncError> {
        if !settings.valid() {
            return Err(SyncError::BadRequest(format!(
                "lock_after_minutes must be from 1 to {}",
                TabletSettings::MAX_LOCK_MINUTES
            )));
        }
        let sql = "UPDATE instance SET remove_after_sync = $1, lock_after_minutes = $2 \
                   WHERE singleton = 1";
        let minutes = settings.lock_after_minutes as i32;
        on_pool!(&self.db, pool => sqlx::query(sql).bind(settings.remove_after_sync).bind(minutes).execute(pool).await.map(drop))?;
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
