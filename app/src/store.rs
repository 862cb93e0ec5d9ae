//! The offline store: one interviewer's interviews on this device, one key each, plus an
//! index, the device id and the pending-change log, under the `exitgesprek.` prefix. In the
//! browser it lives in the interviewer's vault ([`vault`], [`crate::vault`]): the keys below
//! are the vault's own, sealed in storage.
//!
//! Layout (schema 2):
//! - `exitgesprek.schema` — the layout version, migrated forward by [`Store::open`]
//! - `exitgesprek.device` — the id this device syncs and stamps under now, made on first open
//! - `exitgesprek.devices` — the device id of each user who synced here ([`devices`])
//! - `exitgesprek.index` — ids of the interviews on this device, in creation order
//! - `exitgesprek.interview.<id>` — one interview as JSON
//! - `exitgesprek.pending` — the [`PendingLog`]
//! - `exitgesprek.clock` — this device's hybrid logical clock ([`Hlc`])
//! - `exitgesprek.sync` — the [`SyncState`]: pull cursor, what the server has, what was removed,
//!   what no device may keep any more ([`gone`])
//! - `exitgesprek.draft.<interview>.<slot>` — text being typed in an interview, not yet
//!   saved ([`Draft`]): a new note, a new question, a note being edited
//! - `exitgesprek.draft.new` — the new-interview form, not yet created
//!
//! Every save writes at once; a refused write leaves the stored data as it was before.

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::{
    domain::{
        ChangeProblem, Details, DeviceId, Hlc, Interview, InterviewId, Millis, NoteId, Op,
        QuestionId, Rejection, RemoteChange, Stamp,
    },
    themes::Catalogue,
};

mod backend;
mod devices;
mod gone;
mod migrate;
mod pending;
mod rewind;
mod sync_state;
pub mod vault;

pub use backend::{Backend, BrowserStorage, MemoryStorage, StoreError};
pub use pending::{PendingCounts, PendingLog, Refused};
pub use sync_state::{Notice, SyncMark, SyncState};

pub const SCHEMA: u32 = 2;
const PREFIX: &str = "exitgesprek.";
const SCHEMA_KEY: &str = "exitgesprek.schema";
const DEVICE_KEY: &str = "exitgesprek.device";
const DEVICES_KEY: &str = "exitgesprek.devices";
const INDEX_KEY: &str = "exitgesprek.index";
const PENDING_KEY: &str = "exitgesprek.pending";
const CLOCK_KEY: &str = "exitgesprek.clock";
const SYNC_KEY: &str = "exitgesprek.sync";
const THEMES_KEY: &str = "exitgesprek.themes";
const INTERVIEW_PREFIX: &str = "exitgesprek.interview.";
const DRAFT_PREFIX: &str = "exitgesprek.draft.";

fn interview_key(id: InterviewId) -> String {
    format!("{INTERVIEW_PREFIX}{id}")
}

fn draft_key(interview: InterviewId, draft: &Draft) -> String {
    format!("{DRAFT_PREFIX}{interview}.{}", draft.slot())
}

const NEW_INTERVIEW_DRAFT_KEY: &str = "exitgesprek.draft.new";

/// What is being typed in an interview and not saved yet, kept on every input so that a
/// reload or a locked vault loses none of it.
#[derive(Debug, Clone, PartialEq)]
pub enum Draft {
    /// A note under a question.
    Note(QuestionId),
    /// The interviewer's own question.
    Question,
    /// A note being edited.
    Edit(NoteId),
    /// The opening's confidentiality text.
    Confidentiality,
}

impl Draft {
    /// The key's last part; question ids are `std:…` or UUIDs, so `~` names none of them.
    fn slot(&self) -> String {
        match self {
            Draft::Note(question) => question.as_str().to_owned(),
            Draft::Question => "~question".to_owned(),
            Draft::Edit(note) => format!("~edit.{note}"),
            Draft::Confidentiality => "~confidentiality".to_owned(),
        }
    }
}

/// A backup file: every interview on the device.
#[derive(Debug, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub schema: u32,
    pub exported_at: Millis,
    pub interviews: Vec<Interview>,
}

const BACKUP_FORMAT: &str = "exitgesprek-backup";

/// The store of the interviewer whose vault is open in this browser (call only after
/// hydration); [`StoreError::Locked`] while none is.
#[cfg(target_arch = "wasm32")]
pub fn browser() -> Result<Store<vault::VaultStorage<BrowserStorage>>, StoreError> {
    crate::vault::browser::store()
}

/// Off the browser there is no vault.
#[cfg(not(target_arch = "wasm32"))]
pub fn browser() -> Result<Store<vault::VaultStorage<BrowserStorage>>, StoreError> {
    Err(StoreError::Locked)
}

/// Which synced interviews [`Store::remove_synced`] removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// Every one (logging out on a shared tablet).
    All,
    One(InterviewId),
    /// The finished ones (HR's default for shared tablets, after each sync).
    Finished,
}

pub struct Store<B: Backend> {
    backend: B,
}

impl<B: Backend> Store<B> {
    /// Opens the store, migrating data written by older versions of the app.
    pub fn open(backend: B) -> Result<Self, StoreError> {
        let store = Self { backend };
        store.migrate()?;
        Ok(store)
    }

    fn read<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        match self.backend.get(key)? {
            None => Ok(None),
            Some(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|_| StoreError::Corrupt(key.to_owned())),
        }
    }

    fn write<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let text = serde_json::to_string(value).map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.backend.set(key, &text)
    }

    /// This device's id, made and stored the first time it is asked for.
    pub fn device_id(&self) -> Result<DeviceId, StoreError> {
        if let Some(id) = self.read(DEVICE_KEY)? {
            return Ok(id);
        }
        let id = DeviceId::new();
        self.write(DEVICE_KEY, &id)?;
        Ok(id)
    }

    pub fn index(&self) -> Result<Vec<InterviewId>, StoreError> {
        Ok(self.read(INDEX_KEY)?.unwrap_or_default())
    }

    pub fn load(&self, id: InterviewId) -> Result<Option<Interview>, StoreError> {
        self.read(&interview_key(id))
    }

    /// All interviews on the device, newest first.
    pub fn list(&self) -> Result<Vec<Interview>, StoreError> {
        let mut all = Vec::new();
        for id in self.index()? {
            if let Some(interview) = self.load(id)? {
                all.push(interview);
            }
        }
        all.sort_by_key(|iv| std::cmp::Reverse(iv.created_at));
        Ok(all)
    }

    pub fn pending(&self) -> Result<PendingLog, StoreError> {
        Ok(self.read(PENDING_KEY)?.unwrap_or_default())
    }

    /// How many changes wait to be sent and how many were refused, without reading the
    /// changes themselves (asked after every keystroke).
    pub fn pending_counts(&self) -> Result<PendingCounts, StoreError> {
        Ok(self.read(PENDING_KEY)?.unwrap_or_default())
    }

    pub fn sync_state(&self) -> Result<SyncState, StoreError> {
        Ok(self.read(SYNC_KEY)?.unwrap_or_default())
    }

    /// HR's theme settings as the last sync brought them; none (the built-in themes as
    /// shipped) before the first.
    pub fn catalogue(&self) -> Result<Catalogue, StoreError> {
        Ok(self.read(THEMES_KEY)?.unwrap_or_default())
    }

    pub fn set_catalogue(&self, catalogue: &Catalogue) -> Result<(), StoreError> {
        self.write(THEMES_KEY, catalogue)
    }

    fn clock(&self) -> Result<Hlc, StoreError> {
        Ok(self.read(CLOCK_KEY)?.unwrap_or_default())
    }

    /// Records a local edit: `ops` are the new values of what changed in `interview`. Each
    /// gets a stamp of this device's clock, is applied to the stored copy (so a change pulled
    /// meanwhile is kept) and queued for the server. Answers the interview as stored.
    pub fn save(
        &self,
        interview: &Interview,
        ops: Vec<Op>,
        now: Millis,
    ) -> Result<Interview, StoreError> {
        let device = self.device_id()?;
        let mut clock = self.clock()?;
        let stamped: Vec<(Stamp, Op)> = ops
            .into_iter()
            .map(|op| (clock.tick(now, device), op))
            .collect();
        // The clock only ever moves forward, so writing it first is harmless if the rest fails.
        self.write(CLOCK_KEY, &clock)?;
        self.commit(interview.clone(), stamped, true)
    }

    /// Applies stamped registers to the stored copy of `base.id` (a new interview starts
    /// blank, with `base`'s id and creation time). With `record`, what changed is
    /// queued for the server too. All or nothing: when a write is refused (e.g. storage
    /// full) the earlier stored state is put back.
    fn commit(
        &self,
        base: Interview,
        registers: Vec<(Stamp, Op)>,
        record: bool,
    ) -> Result<Interview, StoreError> {
        let key = interview_key(base.id);
        let before = self.backend.get(&key)?;
        // A new interview starts blank, so every register of `base` is applied (and recorded).
        let mut interview = match self.load(base.id)? {
            Some(stored) => stored,
            None => Interview {
                created_at: base.created_at,
                ..Interview::blank(base.id)
            },
        };
        let index = self.index()?;
        let mut log = self.pending()?;
        let mut changed = false;
        for (stamp, op) in registers {
            if interview.apply(stamp, op.clone()) {
                changed = true;
                if record {
                    log.record(interview.id, stamp, op);
                }
            }
        }
        if !changed && before.is_some() {
            return Ok(interview);
        }
        self.write(&key, &interview)?;
        let rest = (|| {
            if !index.contains(&interview.id) {
                let mut index = index.clone();
                index.push(interview.id);
                self.write(INDEX_KEY, &index)?;
            }
            if record {
                self.write(PENDING_KEY, &log)?;
            }
            Ok(())
        })();
        if let Err(e) = rest {
            // Put back what was there; ignore a second failure, the first one is reported.
            let _ = match before {
                Some(text) => self.backend.set(&key, &text),
                None => self.backend.remove(&key),
            };
            let _ = self.write(INDEX_KEY, &index);
            return Err(e);
        }
        Ok(interview)
    }

    /// The next changes to push (at most `limit`); they are sealed from now on.
    pub fn take_batch(&self, limit: usize) -> Result<Vec<crate::domain::Change>, StoreError> {
        let mut log = self.pending()?;
        let batch = log.take_batch(limit);
        self.write(PENDING_KEY, &log)?;
        Ok(batch)
    }

    /// The server answered a push of `sent`: acknowledged changes leave the log, refused
    /// ones are kept as "geweigerd", and the interviews are marked as known to the server.
    pub fn acknowledge(
        &self,
        sent: &[crate::domain::Change],
        applied_upto: u64,
        rejected: &[Rejection],
        now: Millis,
    ) -> Result<(), StoreError> {
        let mut log = self.pending()?;
        let ids: Vec<uuid::Uuid> = sent.iter().map(|c| c.id).collect();
        let done = log.acknowledge(&ids, applied_upto, rejected);
        let mut state = self.sync_state()?;
        state.on_server.extend(done);
        state.last_synced_at = Some(now);
        self.write(PENDING_KEY, &log)?;
        self.write(SYNC_KEY, &state)
    }

    /// Sets a waiting change aside as refused, when the server cannot take it at all (too
    /// large, or unreadable for it); the rest of the queue goes on.
    pub fn refuse(&self, change: uuid::Uuid, problem: ChangeProblem) -> Result<(), StoreError> {
        let mut log = self.pending()?;
        if log.refuse(change, problem) {
            self.write(PENDING_KEY, &log)?;
        }
        Ok(())
    }

    /// Applies pulled changes (those of interviews removed from this device are skipped) and
    /// moves the cursor. The clock observes every stamp, so later local edits sort after them.
    pub fn absorb_remote(
        &self,
        changes: Vec<RemoteChange>,
        cursor: i64,
        now: Millis,
    ) -> Result<usize, StoreError> {
        let mut state = self.sync_state()?;
        let mut clock = self.clock()?;
        let mut by_interview: std::collections::BTreeMap<InterviewId, Vec<(Stamp, Op)>> =
            Default::default();
        for change in changes {
            clock.observe(change.stamp, now);
            let kept_away =
                state.removed.contains(&change.interview) || state.gone.contains(&change.interview);
            if !kept_away {
                by_interview
                    .entry(change.interview)
                    .or_default()
                    .push((change.stamp, change.op));
            }
        }
        self.write(CLOCK_KEY, &clock)?;
        let applied = by_interview.len();
        for (id, registers) in by_interview {
            self.commit(Interview::blank(id), registers, false)?;
            state.on_server.insert(id);
        }
        state.cursor = state.cursor.max(cursor);
        state.last_synced_at = Some(now);
        self.write(SYNC_KEY, &state)?;
        Ok(applied)
    }

    /// Where one interview stands with the server.
    pub fn sync_mark(&self, id: InterviewId) -> Result<SyncMark, StoreError> {
        Ok(SyncMark::of(&self.pending()?, &self.sync_state()?, id))
    }

    /// Removes from this device the interviews the server has and that have no change still
    /// waiting (or refused); the rest stays. Answers how many were removed. For a shared
    /// tablet, on logout or per interview: the data then lives on the server only, and later
    /// pulls do not bring it back.
    pub fn remove_synced(&self, which: Removal) -> Result<usize, StoreError> {
        let pending = self.pending()?;
        let mut state = self.sync_state()?;
        let mut kept = Vec::new();
        let mut removed = Vec::new();
        for id in self.index()? {
            let chosen = match which {
                Removal::All => true,
                Removal::One(one) => one == id,
                Removal::Finished => self
                    .load(id)?
                    .is_some_and(|iv| iv.status == crate::domain::Status::Finished),
            };
            if chosen && SyncMark::of(&pending, &state, id) == SyncMark::Synced {
                removed.push(id);
            } else {
                kept.push(id);
            }
        }
        state.removed.extend(removed.iter().copied());
        self.write(SYNC_KEY, &state)?;
        self.write(INDEX_KEY, &kept)?;
        for id in &removed {
            self.remove_interview(*id)?;
        }
        Ok(removed.len())
    }

    /// Removes an interview's own key and its drafts (not its index entry).
    fn remove_interview(&self, id: InterviewId) -> Result<(), StoreError> {
        self.backend.remove(&interview_key(id))?;
        let drafts = format!("{DRAFT_PREFIX}{id}.");
        for key in self.backend.keys()? {
            if key.starts_with(&drafts) {
                self.backend.remove(&key)?;
            }
        }
        Ok(())
    }

    pub fn draft(&self, interview: InterviewId, draft: &Draft) -> Result<String, StoreError> {
        Ok(self
            .backend
            .get(&draft_key(interview, draft))?
            .unwrap_or_default())
    }

    /// Keeps the text being typed; empty text removes the draft.
    pub fn set_draft(
        &self,
        interview: InterviewId,
        draft: &Draft,
        text: &str,
    ) -> Result<(), StoreError> {
        let key = draft_key(interview, draft);
        if text.is_empty() {
            self.backend.remove(&key)
        } else {
            self.backend.set(&key, text)
        }
    }

    /// The new-interview form as it was left, if it was not created.
    pub fn new_interview_draft(&self) -> Result<Option<Details>, StoreError> {
        match self.read(NEW_INTERVIEW_DRAFT_KEY) {
            // A draft that no longer reads is only a draft: the form starts empty.
            Err(StoreError::Corrupt(_)) => Ok(None),
            read => read,
        }
    }

    /// Keeps the new-interview form; `None` forgets it (created, or left empty).
    pub fn set_new_interview_draft(&self, details: Option<&Details>) -> Result<(), StoreError> {
        match details {
            Some(details) => self.write(NEW_INTERVIEW_DRAFT_KEY, details),
            None => self.backend.remove(NEW_INTERVIEW_DRAFT_KEY),
        }
    }

    /// Characters stored under our prefix (localStorage stores UTF-16: about 2 bytes each).
    pub fn used_chars(&self) -> Result<usize, StoreError> {
        let mut total = 0;
        for key in self
            .backend
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(PREFIX))
        {
            total += key.len() + self.backend.get(&key)?.map_or(0, |v| v.len());
        }
        Ok(total)
    }

    /// All interviews as one JSON document.
    pub fn export(&self, now: Millis) -> Result<String, StoreError> {
        let backup = Backup {
            format: BACKUP_FORMAT.into(),
            schema: SCHEMA,
            exported_at: now,
            interviews: self.list()?,
        };
        serde_json::to_string_pretty(&backup).map_err(|e| StoreError::Invalid(e.to_string()))
    }

    /// Reads a backup back. Interviews new to the device are added; for one already here
    /// the newer version of each section wins and notes are united, so nothing is lost.
    /// An interview the server said is gone (erased, anonymised) is not taken back. The
    /// clock moves past every stamp read, so later edits here win over the backup's.
    /// Returns how many interviews were added or updated.
    pub fn import(&self, json: &str, now: Millis) -> Result<usize, StoreError> {
        let backup: Backup = serde_json::from_str(json)
            .map_err(|e| StoreError::Invalid(format!("not an Exitgesprek backup: {e}")))?;
        if backup.format != BACKUP_FORMAT {
            return Err(StoreError::Invalid("not an Exitgesprek backup".into()));
        }
        let device = self.device_id()?;
        let gone = self.sync_state()?.gone;
        let mut interviews = backup.interviews;
        interviews.retain(|iv| !gone.contains(&iv.id));
        let mut clock = self.clock()?;
        for incoming in &mut interviews {
            incoming.stamp_unstamped(device);
            for (stamp, _) in incoming.registers() {
                clock.observe(stamp, now);
            }
        }
        self.write(CLOCK_KEY, &clock)?;
        let mut changed = 0;
        for incoming in interviews {
            let local = self.load(incoming.id)?;
            let registers = incoming.registers().collect();
            let merged = self.commit(incoming, registers, true)?;
            if local.as_ref() != Some(&merged) {
                changed += 1;
            }
        }
        Ok(changed)
    }
}

#[cfg(test)]
mod tests;
