//! Sync versions: the version a write gives the registers it touches, and the highest
//! version a pull may read. The rule a pull relies on: once it has read up to a version, no
//! write that commits later has that version or a lower one.
//!
//! - **SQLite** has one writer at a time. Every writer first bumps `instance.sync_version`,
//!   which takes the write lock, so versions commit in order and a pull may read them all.
//! - **PostgreSQL** runs pushes in parallel. A write's version is its transaction id plus
//!   `instance.version_offset` (which keeps new versions above those the counter gave out
//!   before), taken when the write begins, after its advisory lock: pushes take it shared,
//!   writers that must see no push in flight (HR re-tagging every note, erasing, retention)
//!   exclusively. Transactions may commit out of version order, so a pull reads only
//!   versions below every sync writer still in flight on this database (the holders of
//!   the advisory lock): a push that began earlier and commits later is read by the next
//!   pull. Transactions of other kinds, or on other databases of the cluster, hold nothing
//!   back.
//!
//! On both, `instance.sync_version` counts writes (bumped once per write), which is what
//! the dashboard's cache compares.

use crate::db::{Db, Tx};

/// Bumps the change counter; on SQLite it also takes the write lock and gives the version.
pub(crate) const COUNTER_SQL: &str = "UPDATE instance SET sync_version = sync_version + 1 \
     WHERE singleton = 1 RETURNING sync_version";
const XACT_VERSION_SQL: &str = "SELECT pg_current_xact_id()::text::bigint + version_offset \
     FROM instance WHERE singleton = 1";
/// Below the oldest transaction id among the sync writers in flight on this database (they
/// hold the advisory lock; `pg_locks` gives their 32-bit ids, widened by their signed
/// distance from the snapshot's `xmax`, which in-flight ids may lie on either side of), and
/// below `xmax` (one past the highest completed id).
const BOUND_SQL: &str = "WITH next AS ( \
       SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS id), \
     writers AS ( \
       SELECT t.transactionid::text::bigint AS low FROM pg_locks a \
         JOIN pg_locks t ON t.pid = a.pid AND t.locktype = 'transactionid' \
          AND t.mode = 'ExclusiveLock' AND t.granted \
        WHERE a.locktype = 'advisory' AND a.granted AND a.classid = 0 \
          AND a.objid = 1165519220 AND a.objsubid = 1 \
          AND a.database = (SELECT oid FROM pg_database WHERE datname = current_database())) \
     SELECT LEAST(MIN(next.id), COALESCE(MIN(next.id - 2147483648 + \
              ((w.low - (next.id & 4294967295) + 2147483648) % 4294967296 + 4294967296) \
              % 4294967296), MIN(next.id))) \
            - 1 + (SELECT version_offset FROM instance WHERE singleton = 1) \
       FROM next LEFT JOIN writers w ON true";
/// After a restore into another cluster (whose transaction ids start lower), raises the
/// offset so new versions are again above every stored one, and so above every cursor.
const ANCHOR_SQL: &str = "UPDATE instance SET version_offset = GREATEST(version_offset, \
       (SELECT COALESCE(MAX(v), 0) FROM ( \
          SELECT MAX(version) AS v FROM notes \
          UNION ALL SELECT MAX(version) FROM interview_sections \
          UNION ALL SELECT MAX(version) FROM erased_interviews \
          UNION ALL SELECT MAX(anonymised_version) FROM interviews) m) \
       + 1 - pg_current_xact_id()::text::bigint) \
     WHERE singleton = 1";
const SHARED_SQL: &str = "SELECT pg_advisory_xact_lock_shared($1)";
const EXCLUSIVE_SQL: &str = "SELECT pg_advisory_xact_lock($1)";
/// The advisory lock key of sync writers ("Exit" in ASCII; 1165519220, as in `BOUND_SQL`).
const WRITERS: i64 = 0x4578_6974;

/// How a writer shares the database with pushes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// A push: runs beside other pushes (on PostgreSQL), locking the rows it writes.
    Shared,
    /// Sees no push in flight while it runs, e.g. re-tagging every note.
    Exclusive,
}

/// Begins a write in `tx`: takes the lock `access` asks for and answers the version of
/// every register the write touches. Call first in the transaction, and end it with
/// [`commit`].
pub async fn begin(tx: &mut Tx, access: Access) -> Result<i64, sqlx::Error> {
    match tx {
        Tx::Sqlite(_) => tx.scalar(COUNTER_SQL, vec![]).await,
        Tx::Postgres(_) => {
            let lock = match access {
                Access::Shared => SHARED_SQL,
                Access::Exclusive => EXCLUSIVE_SQL,
            };
            tx.execute(lock, vec![WRITERS.into()]).await?;
            tx.scalar(XACT_VERSION_SQL, vec![]).await
        }
    }
}

/// Commits a write begun with [`begin`]. On PostgreSQL the change counter is bumped last,
/// so its row lock is held only while committing.
pub async fn commit(mut tx: Tx) -> Result<(), sqlx::Error> {
    if let Tx::Postgres(_) = tx {
        let _: i64 = tx.scalar(COUNTER_SQL, vec![]).await?;
    }
    tx.commit().await
}

/// The highest version a pull in `tx` may read: every write with this version or a lower
/// one has committed or rolled back. Call first in the transaction: on PostgreSQL it makes
/// the transaction READ COMMITTED, so the statements after it see every write that the
/// bound lets through (under a snapshot taken at the start, one committing in between
/// would be neither seen nor held back).
pub async fn readable(tx: &mut Tx) -> Result<i64, sqlx::Error> {
    match tx {
        Tx::Sqlite(_) => Ok(i64::MAX),
        Tx::Postgres(_) => {
            tx.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", vec![])
                .await?;
            tx.scalar(BOUND_SQL, vec![]).await
        }
    }
}

/// Keeps new versions above the stored ones on PostgreSQL (see [`ANCHOR_SQL`]); run at
/// every start, under the exclusive lock, so no write is in flight while the offset moves.
pub async fn anchor(db: &Db) -> Result<(), sqlx::Error> {
    let Db::Postgres(_) = db else {
        return Ok(());
    };
    let mut tx = db.begin().await?;
    begin(&mut tx, Access::Exclusive).await?;
    tx.execute(ANCHOR_SQL, vec![]).await?;
    commit(tx).await
}
