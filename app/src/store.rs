//! The offline store: interviews kept on this device, one key each, plus an index, the
//! device id, the language and the pending-change log, all under the `exitgesprek.` prefix.
//!
//! Layout (schema 1):
//! - `exitgesprek.schema` — the layout version, migrated forward by [`Store::open`]
//! - `exitgesprek.device` — this device's id, made on first open
//! - `exitgesprek.index` — ids of the interviews on this device, in creation order
//! - `exitgesprek.interview.<id>` — one interview as JSON
//! - `exitgesprek.pending` — the [`PendingLog`]
//! - `exitgesprek.draft.<interview>.<question>` — a note being typed, not yet added
//! - `exitgesprek.lang` — `nl` or `en`
//!
//! Every save writes at once; a refused write leaves the stored data as it was before.

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::domain::{DeviceId, Interview, InterviewId, Millis, Op, QuestionId};

mod backend;
mod pending;

pub use backend::{Backend, BrowserStorage, MemoryStorage, StoreError};
pub use pending::PendingLog;

pub const SCHEMA: u32 = 1;
const PREFIX: &str = "exitgesprek.";
const SCHEMA_KEY: &str = "exitgesprek.schema";
const DEVICE_KEY: &str = "exitgesprek.device";
const INDEX_KEY: &str = "exitgesprek.index";
const PENDING_KEY: &str = "exitgesprek.pending";
const LANG_KEY: &str = "exitgesprek.lang";
const INTERVIEW_PREFIX: &str = "exitgesprek.interview.";
const DRAFT_PREFIX: &str = "exitgesprek.draft.";

fn interview_key(id: InterviewId) -> String {
    format!("{INTERVIEW_PREFIX}{id}")
}

fn draft_key(interview: InterviewId, question: &QuestionId) -> String {
    format!("{DRAFT_PREFIX}{interview}.{}", question.as_str())
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

/// The store of this browser (call only after hydration).
pub fn browser() -> Result<Store<BrowserStorage>, StoreError> {
    Store::open(BrowserStorage)
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

    /// Schema 0 is data from before the schema key existed: interviews without an index.
    /// Migrating rebuilds the index from the interview keys.
    fn migrate(&self) -> Result<(), StoreError> {
        let version: u32 = self.read(SCHEMA_KEY)?.unwrap_or(0);
        if version > SCHEMA {
            return Err(StoreError::NewerSchema(version));
        }
        if version == 0 {
            let mut ids: Vec<InterviewId> = self.read(INDEX_KEY)?.unwrap_or_default();
            for key in self.backend.keys()? {
                if let Some(id) = key
                    .strip_prefix(INTERVIEW_PREFIX)
                    .and_then(InterviewId::parse)
                {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            ids.sort();
            self.write(INDEX_KEY, &ids)?;
            self.write(SCHEMA_KEY, &SCHEMA)?;
        }
        Ok(())
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

    /// Stores `interview` and records `ops` as pending changes. All or nothing: when a
    /// write is refused (e.g. storage full) the earlier stored state is put back.
    pub fn save(&self, interview: &Interview, ops: Vec<Op>, now: Millis) -> Result<(), StoreError> {
        let key = interview_key(interview.id);
        let before = self.backend.get(&key)?;
        let index = self.index()?;
        let mut log = self.pending()?;
        for op in ops {
            log.record(interview.id, op, now);
        }
        self.write(&key, interview)?;
        let rest = (|| {
            if !index.contains(&interview.id) {
                let mut index = index.clone();
                index.push(interview.id);
                self.write(INDEX_KEY, &index)?;
            }
            self.write(PENDING_KEY, &log)
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
        Ok(())
    }

    /// Removes from this device the interviews the server has (status synced) and that have
    /// no change still waiting to be sent; the rest stays. Answers how many were removed.
    /// For a shared tablet, on logout: the data then lives on the server only.
    pub fn remove_synced(&self) -> Result<usize, StoreError> {
        let pending = self.pending()?;
        let mut kept = Vec::new();
        let mut removed = Vec::new();
        for id in self.index()? {
            let synced = self
                .load(id)?
                .is_some_and(|iv| iv.status == crate::domain::Status::Synced);
            let waiting = pending.changes.iter().any(|c| c.interview == id);
            if synced && !waiting {
                removed.push(id);
            } else {
                kept.push(id);
            }
        }
        self.write(INDEX_KEY, &kept)?;
        for id in &removed {
            self.backend.remove(&interview_key(*id))?;
            let drafts = format!("{DRAFT_PREFIX}{id}.");
            for key in self
                .backend
                .keys()?
                .into_iter()
                .filter(|k| k.starts_with(&drafts))
            {
                self.backend.remove(&key)?;
            }
        }
        Ok(removed.len())
    }

    pub fn draft(
        &self,
        interview: InterviewId,
        question: &QuestionId,
    ) -> Result<String, StoreError> {
        Ok(self
            .backend
            .get(&draft_key(interview, question))?
            .unwrap_or_default())
    }

    /// Keeps the text being typed; empty text removes the draft.
    pub fn set_draft(
        &self,
        interview: InterviewId,
        question: &QuestionId,
        text: &str,
    ) -> Result<(), StoreError> {
        let key = draft_key(interview, question);
        if text.is_empty() {
            self.backend.remove(&key)
        } else {
            self.backend.set(&key, text)
        }
    }

    pub fn lang(&self) -> Result<Option<String>, StoreError> {
        self.backend.get(LANG_KEY)
    }

    pub fn set_lang(&self, code: &str) -> Result<(), StoreError> {
        self.backend.set(LANG_KEY, code)
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
    /// Returns how many interviews were added or updated.
    pub fn import(&self, json: &str, now: Millis) -> Result<usize, StoreError> {
        let backup: Backup = serde_json::from_str(json)
            .map_err(|e| StoreError::Invalid(format!("not an Exitgesprek backup: {e}")))?;
        if backup.format != BACKUP_FORMAT {
            return Err(StoreError::Invalid("not an Exitgesprek backup".into()));
        }
        let mut changed = 0;
        for incoming in backup.interviews {
            let local = self.load(incoming.id)?;
            let merged = match local.clone() {
                Some(local) => local.absorb(incoming),
                None => incoming,
            };
            if local.as_ref() != Some(&merged) {
                self.save(&merged, Op::all_of(&merged), now)?;
                changed += 1;
            }
        }
        Ok(changed)
    }
}

#[cfg(test)]
mod tests;
