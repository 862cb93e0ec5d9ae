//! `POST /api/v1/sync/push`: a device's changes applied in one transaction, each exactly
//! once. The rules (docs/sync.md):
//!
//! - A device id belongs to the user who first pushed with it; anyone else is refused
//!   (`device_taken`) and nothing changes.
//! - A change whose id was seen before, with the same stamp, is not applied again: the
//!   answer repeats its stored outcome, so a refusal whose first answer was lost is reported
//!   again. (The same id with another stamp is a newer value of that change, which a
//!   restored copy kept typing into: it is applied.)
//! - A change not seen as it is (new, or a known id with another stamp) under a sequence
//!   number the device already used means the device is a restored or cloned copy
//!   (`device_behind`): it sends everything again under a new id.
//! - `applied_upto` is the highest sequence number of this request, never more.
//! - Nothing is written to an erased or anonymised interview, nor with a stamp more than a
//!   day ahead of the server's clock.
//!
//! The push reads as its steps: tagging the notes' texts before any lock ([`tagger`]),
//! whose device and which changes were seen ([`Push::claim_device`], [`Push::outcomes`]),
//! the stored notes it writes to, in one query ([`Push::read_notes`]), whose interview
//! ([`Push::owner`]), applying a section or a note ([`register`]), noting what became of the
//! change ([`Push::record`]), and logging those outcomes in a few statements and refreshing
//! the themes of the interviews it touched ([`Push::finish`]). Every step is one function
//! over the open transaction.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use app::domain::{
    Change, ChangeProblem, DeviceId, InterviewId, Millis, Op, PushResponse, Rejection, User,
    MAX_CLOCK_AHEAD, PUSH_LIMIT,
};
use uuid::Uuid;

use super::{
    from_key, key_of, theme_bits, theme_list, theme_union, Interviews, NoteRow, SyncError,
    NOTE_COLUMNS,
};
use crate::db::{args, marks, Arg, Tx};

use super::versions::{self, Access};

mod received;
mod register;
mod tagger;

pub use received::{Incoming, Received};
use register::section_key;
use tagger::Tagger;

const DEVICE_SQL: &str = "SELECT user_id, applied_seq FROM devices WHERE id = $1";
const NEW_DEVICE_SQL: &str =
    "INSERT INTO devices (id, user_id, applied_seq, first_seen, last_seen) \
     VALUES ($1, $2, 0, $3, $3) ON CONFLICT (id) DO NOTHING";
const APPLIED_UPTO_SQL: &str = "UPDATE devices SET applied_seq = $2, last_seen = $3 WHERE id = $1";
const OWNER_SQL: &str = "SELECT owner_id, anonymised_at FROM interviews WHERE id = $1";
const ERASED_SQL: &str = "SELECT COUNT(*) FROM erased_interviews WHERE id = $1";
const NEW_SQL: &str = "INSERT INTO interviews (id, owner_id, created_at, updated_at) \
     VALUES ($1, $2, $3, $3) ON CONFLICT (id) DO NOTHING";
/// The log of what became of each change, written in rows of [`LOG_COLUMNS`] values,
/// [`LOG_ROWS`] rows per statement (a request's change ids are distinct).
const LOG_SQL: (&str, &str) = (
    "INSERT INTO applied_changes \
     (id, device_id, seq, interview_id, outcome, problem, received_at, stamp) VALUES ",
    " ON CONFLICT (id) DO UPDATE SET \
     outcome = excluded.outcome, problem = excluded.problem, stamp = excluded.stamp",
);
const LOG_COLUMNS: usize = 8;
const LOG_ROWS: usize = 100;
const NOTE_THEMES_SQL: &str =
    "SELECT COALESCE(corrected_themes, themes) FROM notes WHERE interview_id = $1";
const THEMES_SQL: &str = "SELECT themes FROM interviews WHERE id = $1";
const TOUCH_SQL: &str =
    "UPDATE interviews SET updated_at = $2, themes = $3, theme_bits = $4 WHERE id = $1";

/// A stored outcome: change id, `applied`/`rejected`, problem, user of the device, stamp.
type OutcomeRow = (String, String, Option<String>, String, Option<String>);

/// Changes seen before, by id: the stamp they came with (unknown for old or unreadable
/// ones), and `None` applied or why refused.
type Seen = HashMap<Uuid, (Option<String>, Option<ChangeProblem>)>;

/// How often a push that lost a deadlock or a conflict with a parallel push is tried.
const RETRIES: u32 = 3;

/// Whose an interview is, as seen from the pushing user.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Owner {
    Mine,
    Other,
    Erased,
    Anonymised,
    New,
}

/// A batch must be in increasing sequence order and not too big.
fn check_batch(request: &Received) -> Result<(), SyncError> {
    if request.changes.len() > PUSH_LIMIT {
        return Err(SyncError::BadRequest(format!(
            "at most {PUSH_LIMIT} changes per push"
        )));
    }
    let ordered = request.changes.windows(2).all(|w| w[0].seq() < w[1].seq());
    let in_range = request
        .changes
        .iter()
        .all(|c| (1..=i64::MAX as u64).contains(&c.seq()));
    if !ordered || !in_range {
        return Err(SyncError::BadRequest(format!(
            "changes must have increasing sequence numbers from 1 to {}",
            i64::MAX
        )));
    }
    let ids: HashSet<Uuid> = request.changes.iter().map(Incoming::id).collect();
    if ids.len() < request.changes.len() {
        return Err(SyncError::BadRequest("a change id occurs twice".into()));
    }
    Ok(())
}

/// What one push did to an interview's notes, to keep `interviews.themes` right cheaply.
#[derive(Debug, Default)]
struct Touched {
    /// Themes of notes written by this push.
    added: BTreeSet<String>,
    /// A written note lost a theme it had: the interview's themes are gathered again.
    lost: bool,
}

/// One push in progress: its transaction and what it learnt so far.
struct Push {
    tx: Tx,
    /// The sync version every register written by this push gets.
    version: i64,
    /// HR's theme settings and the active model version as read under the lock, with the
    /// tags worked out before it: notes are tagged with them.
    tagger: Tagger,
    /// The stored notes this push writes to, read in one query: `None` for a new note.
    /// Taken out when used; a second change of one note reads it again.
    notes: HashMap<String, Option<NoteRow>>,
    user: String,
    device: String,
    now: Millis,
    owners: HashMap<InterviewId, Owner>,
    touched: BTreeMap<String, Touched>,
    /// What became of each change, written when the push finishes.
    log: Vec<Arg>,
}

impl Interviews {
    pub async fn push(
        &self,
        user: &User,
        request: Received,
        now: Millis,
    ) -> Result<PushResponse, SyncError> {
        check_batch(&request)?;
        let mut attempt = 1;
        loop {
            match self.push_once(user, &request, now).await {
                Err(e) if attempt < RETRIES && e.is_transient() => attempt += 1,
                done => return done,
            }
        }
    }

    /// One attempt at a push; one that lost a deadlock or a conflict with a parallel push
    /// rolled back whole and may run again.
    async fn push_once(
        &self,
        user: &User,
        request: &Received,
        now: Millis,
    ) -> Result<PushResponse, SyncError> {
        let mut tagger = {
            let mut read = self.db.begin().await?;
            Tagger::read(self, &mut read).await?
        };
        tagger.prepare(&request.changes);
        let mut push = Push::begin(self, user, request.device, now, tagger).await?;
        let already = push.claim_device().await?;
        push.lock_interviews(&request.changes).await?;
        push.read_notes(&request.changes).await?;
        let seen = push.outcomes(&request.changes).await?;
        let mut rejected = Vec::new();
        for incoming in &request.changes {
            let (seq, id) = (incoming.seq(), incoming.id());
            let stamp = incoming.stamp().map(|s| s.key());
            let replayed = seen
                .get(&id)
                .filter(|(was, _)| was.is_none() || *was == stamp);
            let problem = match replayed {
                Some((_, outcome)) => *outcome,
                // A change not seen as it is, under a number this device id used: a restored
                // or cloned copy (a device never rewrites a change it sent). Dropping `push`
                // rolls back: nothing of this request is kept.
                None if seq <= already => return Err(SyncError::DeviceBehind),
                None => {
                    let problem = push.apply_incoming(incoming).await?;
                    push.record(incoming, problem);
                    problem
                }
            };
            if let Some(problem) = problem {
                rejected.push(Rejection { id, seq, problem });
            }
        }
        let applied_upto = request.changes.last().map_or(0, Incoming::seq);
        push.finish(already.max(applied_upto)).await?;
        Ok(PushResponse {
            applied_upto,
            rejected,
        })
    }
}

impl Push {
    /// Opens the transaction and takes the version first ([`versions::begin`]): on SQLite
    /// that takes the write lock first (no upgrade deadlock); on PostgreSQL it gives the
    /// push its place below which pulls wait for it.
    async fn begin(
        interviews: &Interviews,
        user: &User,
        device: DeviceId,
        now: Millis,
        prepared: Tagger,
    ) -> Result<Self, SyncError> {
        let mut tx = interviews.db.begin().await?;
        let version = versions::begin(&mut tx, Access::Shared).await?;
        // Read under the lock, so HR's change of settings or model is all before or all after.
        let current = Tagger::read(interviews, &mut tx).await?;
        Ok(Self {
            tx,
            version,
            tagger: prepared.settle(current),
            notes: HashMap::new(),
            user: user.id.to_string(),
            device: device.to_string(),
            now,
            owners: HashMap::new(),
            touched: BTreeMap::new(),
            log: Vec::new(),
        })
    }

    /// The highest sequence number applied from this device. A new device id becomes the
    /// pushing user's; one that is another user's is refused. The device's row stays
    /// locked: two pushes from one device (a retry while the first still runs) take turns.
    async fn claim_device(&mut self) -> Result<u64, SyncError> {
        let args = args![&self.device, &self.user, self.now];
        self.tx.execute(NEW_DEVICE_SQL, args).await?;
        let sql = format!("{DEVICE_SQL}{}", self.tx.for_update());
        let stored: Option<(String, i64)> = self.tx.optional(&sql, args![&self.device]).await?;
        let (owner, applied) = stored.ok_or(SyncError::Corrupt("device"))?;
        if owner != self.user {
            return Err(SyncError::DeviceTaken);
        }
        Ok(applied.max(0) as u64)
    }

    /// Locks the stored interviews the changes are about, in one order for every push, so
    /// parallel pushes to one interview take turns and never wait for each other in a ring.
    async fn lock_interviews(&mut self, changes: &[Incoming]) -> Result<(), SyncError> {
        let lock = self.tx.for_update();
        let ids: BTreeSet<String> = changes
            .iter()
            .filter_map(Incoming::interview)
            .map(|i| i.to_string())
            .collect();
        if lock.is_empty() || ids.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "SELECT id FROM interviews WHERE id IN ({}) ORDER BY id{lock}",
            marks(ids.len(), 1)
        );
        let _: Vec<String> = self
            .tx
            .all_scalars(&sql, ids.into_iter().map(Arg::from).collect())
            .await?;
        Ok(())
    }

    /// Reads the stored notes the changes write to, in one query.
    async fn read_notes(&mut self, changes: &[Incoming]) -> Result<(), SyncError> {
        let ids: BTreeSet<String> = changes
            .iter()
            .filter_map(|c| match c {
                Incoming::Readable(Change {
                    op: Op::Note(note), ..
                }) => Some(note.id.to_string()),
                _ => None,
            })
            .collect();
        if ids.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "SELECT {NOTE_COLUMNS} FROM notes n WHERE n.id IN ({})",
            marks(ids.len(), 1)
        );
        let args = ids.iter().map(|id| Arg::from(id.clone())).collect();
        let rows: Vec<NoteRow> = self.tx.all(&sql, args).await?;
        self.notes = ids.into_iter().map(|id| (id, None)).collect();
        for row in rows {
            let id = row.id().to_owned();
            self.notes.insert(id, Some(row));
        }
        Ok(())
    }

    /// What became of the changes of this request that were seen before (by id, from any
    /// device): the stamp they came with, and `None` applied or why refused. A change id
    /// seen from another user's device is not this user's to replay.
    async fn outcomes(&mut self, changes: &[Incoming]) -> Result<Seen, SyncError> {
        if changes.is_empty() {
            return Ok(HashMap::new());
        }
        let sql = format!(
            "SELECT a.id, a.outcome, a.problem, d.user_id, a.stamp FROM applied_changes a \
             JOIN devices d ON d.id = a.device_id WHERE a.id IN ({})",
            marks(changes.len(), 1)
        );
        let ids: Vec<Arg> = changes.iter().map(|c| c.id().to_string().into()).collect();
        let rows: Vec<OutcomeRow> = self.tx.all(&sql, ids).await?;
        let mut seen = HashMap::new();
        for (id, outcome, problem, user, stamp) in rows {
            let id = Uuid::parse_str(&id).map_err(|_| SyncError::Corrupt("change id"))?;
            let problem = if user != self.user {
                Some(ChangeProblem::NotYours)
            } else if outcome == "applied" {
                None
            } else {
                let problem = problem.as_deref().and_then(from_key);
                Some(problem.ok_or(SyncError::Corrupt("change outcome"))?)
            };
            seen.insert(id, (stamp, problem));
        }
        Ok(seen)
    }

    /// Applies a change that was not seen before; one that cannot be read is refused.
    async fn apply_incoming(
        &mut self,
        incoming: &Incoming,
    ) -> Result<Option<ChangeProblem>, SyncError> {
        match incoming {
            Incoming::Readable(change) => self.apply(change).await,
            Incoming::Unreadable { .. } => Ok(Some(ChangeProblem::Malformed)),
        }
    }

    /// Whose `interview` is, asked once per push.
    async fn owner(&mut self, interview: InterviewId) -> Result<Owner, SyncError> {
        if let Some(owner) = self.owners.get(&interview) {
            return Ok(*owner);
        }
        let key = interview.to_string();
        let sql = format!("{OWNER_SQL}{}", self.tx.for_update());
        let stored: Option<(String, Option<i64>)> = self.tx.optional(&sql, args![&key]).await?;
        let owner = match stored {
            Some((o, _)) if o != self.user => Owner::Other,
            Some((_, Some(_))) => Owner::Anonymised,
            Some((_, None)) => Owner::Mine,
            None => {
                let erased: i64 = self.tx.scalar(ERASED_SQL, args![&key]).await?;
                if erased > 0 {
                    Owner::Erased
                } else {
                    Owner::New
                }
            }
        };
        self.owners.insert(interview, owner);
        Ok(owner)
    }

    /// Applies one change; answers why it was refused, if it was.
    async fn apply(&mut self, change: &Change) -> Result<Option<ChangeProblem>, SyncError> {
        let mut owner = self.owner(change.interview).await?;
        if owner == Owner::New && self.problem(owner, change).is_none() {
            owner = self.create(change.interview).await?;
        }
        if let Some(problem) = self.problem(owner, change) {
            return Ok(Some(problem));
        }
        let interview = change.interview.to_string();
        match section_key(change.op.target()) {
            Some(section) => self.apply_section(&interview, section, change).await,
            None => self.apply_note(&interview, change).await,
        }
    }

    /// Why `change` may not be applied to an interview that is `owner`'s, if it may not.
    fn problem(&self, owner: Owner, change: &Change) -> Option<ChangeProblem> {
        match owner {
            Owner::Other => Some(ChangeProblem::NotYours),
            Owner::Erased => Some(ChangeProblem::Erased),
            Owner::Anonymised => Some(ChangeProblem::Anonymised),
            Owner::Mine | Owner::New if self.ahead(change) => Some(ChangeProblem::ClockAhead),
            Owner::Mine | Owner::New => change.op.problem(),
        }
    }

    /// Stores a new interview as the pushing user's. When a parallel push stored the same
    /// id first, whose it is is looked up again.
    async fn create(&mut self, interview: InterviewId) -> Result<Owner, SyncError> {
        let args = args![interview.to_string(), &self.user, self.now];
        let created = self.tx.execute(NEW_SQL, args).await? > 0;
        self.owners.remove(&interview);
        if !created {
            // A parallel push stored it first and may have written notes since they were
            // read: each note is read again when written.
            self.notes.clear();
        }
        if created {
            self.owners.insert(interview, Owner::Mine);
            return Ok(Owner::Mine);
        }
        self.owner(interview).await
    }

    /// Stamped more than a day ahead of our clock: taking it would make every device that
    /// pulls it inherit that time.
    fn ahead(&self, change: &Change) -> bool {
        change.stamp.wall > self.now.saturating_add(MAX_CLOCK_AHEAD)
    }

    /// Notes what became of a change, to log once per change id when the push finishes.
    fn record(&mut self, change: &Incoming, problem: Option<ChangeProblem>) {
        let outcome = if problem.is_some() {
            "rejected"
        } else {
            "applied"
        };
        let args = args![
            change.id().to_string(),
            &self.device,
            change.seq() as i64,
            change
                .interview()
                .map(|i| i.to_string())
                .unwrap_or_default(),
            outcome,
            problem.map(|p| key_of(&p)),
            self.now,
            change.stamp().map(|s| s.key()),
        ];
        self.log.extend(args);
    }

    /// Logs what became of the changes, stores the device's highest sequence number,
    /// refreshes the themes of every interview the push wrote to, and commits.
    async fn finish(mut self, applied: u64) -> Result<(), SyncError> {
        let log = std::mem::take(&mut self.log);
        for rows in log.chunks(LOG_COLUMNS * LOG_ROWS) {
            let (insert, conflict) = LOG_SQL;
            let values = marks(rows.len() / LOG_COLUMNS, LOG_COLUMNS);
            let sql = format!("{insert}{values}{conflict}");
            self.tx.execute(&sql, rows.to_vec()).await?;
        }
        let args = args![&self.device, applied as i64, self.now];
        self.tx.execute(APPLIED_UPTO_SQL, args).await?;
        for (interview, t) in std::mem::take(&mut self.touched) {
            let themes = if t.lost {
                let lists: Vec<String> = self
                    .tx
                    .all_scalars(NOTE_THEMES_SQL, args![&interview])
                    .await?;
                theme_union(lists.iter().map(String::as_str))
            } else {
                let stored: String = self.tx.scalar(THEMES_SQL, args![&interview]).await?;
                let added = t.added.iter().map(String::as_str);
                theme_union(std::iter::once(stored.as_str()).chain(added))
            };
            let bits = theme_bits(&themes);
            let args = args![&interview, self.now, &themes, bits];
            self.tx.execute(TOUCH_SQL, args).await?;
        }
        versions::commit(self.tx).await?;
        Ok(())
    }

    /// A note of `interview` was written with `themes`, replacing `old` ones.
    fn touched(&mut self, interview: &str, old: &str, themes: &str) {
        let t = self.touched.entry(interview.to_owned()).or_default();
        t.lost |= theme_list(old).any(|o| !theme_list(themes).any(|n| n == o));
        t.added.extend(theme_list(themes).map(str::to_owned));
    }
}

#[cfg(test)]
mod tests {
    use app::domain::{Closing, Op, Stamp};

    use super::*;

    fn change(seq: u64) -> Incoming {
        Incoming::Readable(Change {
            seq,
            id: uuid::Uuid::now_v7(),
            stamp: Stamp {
                wall: 1,
                counter: 0,
                device: DeviceId::NIL,
            },
            interview: InterviewId::new(),
            op: Op::Closing(Closing::default()),
        })
    }

    #[test]
    fn batches_must_be_ordered_positive_and_bounded() {
        let request = |seqs: &[u64]| Received {
            device: DeviceId::new(),
            changes: seqs.iter().map(|s| change(*s)).collect(),
        };
        assert!(check_batch(&request(&[])).is_ok());
        assert!(check_batch(&request(&[1, 2, 5])).is_ok());
        assert!(check_batch(&request(&[2, 1])).is_err());
        assert!(check_batch(&request(&[1, 1])).is_err());
        assert!(check_batch(&request(&[0])).is_err());
        let many: Vec<u64> = (1..=PUSH_LIMIT as u64 + 1).collect();
        assert!(check_batch(&request(&many)).is_err());
    }
}
