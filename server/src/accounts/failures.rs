//! The login throttle's counts in the database ([`super::throttle`] has the rules), so
//! every server process on one database counts the same tries. Each key is stored as its
//! SHA-256 digest (not in clear, though matchable by trying candidates), and counts an hour
//! old are swept out at the next login.

use app::domain::Millis;

use super::throttle::{Attempt, Failures, Key, Policy, Throttle};
use crate::db::{args, is_transient, marks, Arg, Db, Tx};

/// Deleting first takes SQLite's write lock before anything is read (no upgrade deadlock).
const SWEEP_SQL: &str = "DELETE FROM login_failures WHERE last_at <= $1";
const COUNT_SQL: &str = "INSERT INTO login_failures (key, count, last_at) VALUES ($1, 1, $2) \
     ON CONFLICT (key) DO UPDATE SET count = login_failures.count + 1, last_at = excluded.last_at";
/// A row for every key before they are read, so the read locks them all: on PostgreSQL a
/// locking read passes over rows that do not exist yet, and parallel first guesses would all
/// read no failures.
const PLACE_SQL: &str = "INSERT INTO login_failures (key, count, last_at) VALUES ($1, 0, $2) \
     ON CONFLICT (key) DO NOTHING";
const CLEAR_SQL: &str = "DELETE FROM login_failures WHERE key = $1";
const TAKE_BACK_SQL: &str =
    "UPDATE login_failures SET count = count - 1 WHERE key = $1 AND count > 0";

/// How often a check that lost a deadlock with a parallel one is tried.
const TRIES: u32 = 3;

/// The stored counts of wrong passwords.
#[derive(Debug, Clone)]
pub struct LoginFailures {
    db: Db,
    policy: Policy,
}

impl LoginFailures {
    pub fn new(db: Db) -> Self {
        Self::with_policy(db, Policy::default())
    }

    pub fn with_policy(db: Db, policy: Policy) -> Self {
        Self { db, policy }
    }

    /// Lets the attempt go ahead, counted as a failure until [`LoginFailures::settle`] says
    /// the password was right; or answers how many milliseconds it must still wait. Checked
    /// and counted in one transaction over locked rows: parallel guesses, on one server or
    /// several, cannot all pass before one is counted.
    pub async fn begin(
        &self,
        attempt: &Attempt,
        now: Millis,
    ) -> Result<Result<(), Millis>, sqlx::Error> {
        let mut tries = 1;
        loop {
            match self.try_begin(attempt, now).await {
                Err(e) if tries < TRIES && is_transient(&e) => tries += 1,
                done => return done,
            }
        }
    }

    /// Rows are locked and written in digest order, so parallel checks never wait in a ring.
    async fn try_begin(
        &self,
        attempt: &Attempt,
        now: Millis,
    ) -> Result<Result<(), Millis>, sqlx::Error> {
        let mut tx = self.db.begin().await?;
        let forgotten = now.saturating_sub(self.policy.forget_after);
        tx.execute(SWEEP_SQL, args![forgotten]).await?;
        for digest in digests(attempt) {
            tx.execute(PLACE_SQL, args![digest, now]).await?;
        }
        let throttle = self.read(&mut tx, attempt).await?;
        if let Err(wait) = throttle.check_attempt(attempt, now) {
            return Ok(Err(wait));
        }
        for digest in digests(attempt) {
            tx.execute(COUNT_SQL, args![digest, now]).await?;
        }
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// The outcome of an attempt let through by [`LoginFailures::begin`]: a wrong password
    /// stays counted; the right one gives its account a fresh start from this client and
    /// takes the other counts back.
    pub async fn settle(&self, attempt: &Attempt, succeeded: bool) -> Result<(), sqlx::Error> {
        if !succeeded {
            return Ok(());
        }
        let mut tries = 1;
        loop {
            match self.try_settle(attempt).await {
                Err(e) if tries < TRIES && is_transient(&e) => tries += 1,
                done => return done,
            }
        }
    }

    async fn try_settle(&self, attempt: &Attempt) -> Result<(), sqlx::Error> {
        let account = attempt.keys().next().map(Key::digest);
        let mut tx = self.db.begin().await?;
        for digest in digests(attempt) {
            let sql = if Some(&digest) == account.as_ref() {
                CLEAR_SQL
            } else {
                TAKE_BACK_SQL
            };
            tx.execute(sql, args![digest]).await?;
        }
        tx.commit().await
    }

    /// The attempt's keys with their stored counts, locked until the transaction ends.
    async fn read(&self, tx: &mut Tx, attempt: &Attempt) -> Result<Throttle, sqlx::Error> {
        let mut keys: Vec<(String, &Key)> = attempt.keys().map(|k| (k.digest(), k)).collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let sql = format!(
            "SELECT key, count, last_at FROM login_failures WHERE key IN ({}) ORDER BY key{}",
            marks(keys.len(), 1),
            tx.for_update()
        );
        let digests: Vec<Arg> = keys.iter().map(|(d, _)| d.into()).collect();
        let rows: Vec<(String, i64, i64)> = tx.all(&sql, digests).await?;
        let counts = rows.into_iter().filter_map(|(digest, count, last)| {
            let key = keys.iter().find(|(d, _)| *d == digest)?.1.clone();
            let failures = Failures {
                count: count.clamp(0, u32::MAX as i64) as u32,
                last,
            };
            Some((key, failures))
        });
        Ok(Throttle::with(self.policy, counts))
    }
}

/// The digests of the attempt's keys, in the order rows are locked.
fn digests(attempt: &Attempt) -> Vec<String> {
    let mut digests: Vec<String> = attempt.keys().map(Key::digest).collect();
    digests.sort();
    digests
}
