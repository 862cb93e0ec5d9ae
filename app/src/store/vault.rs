//! One user's vault as the store sees it: a [`Backend`] whose values live in memory while the
//! vault is unlocked, and reach storage only sealed (encrypted), one record per key, written
//! behind in order by [`flush`].
//!
//! - A record's storage key is `exitgesprek.v.<vault>.<hash>`: a salted hash of the store's
//!   key, so not even an interview id is readable outside the vault. The record holds
//!   `[key, value]` sealed, so unlocking rebuilds the map from storage alone.
//! - Reads are synchronous, from memory. A write is refused at once when storage could not
//!   take it sealed: the growth of every write not yet sealed is reserved in storage first
//!   (a sealed record's length is known in advance), so "storage full" still reaches the
//!   interviewer before anything changed, as with plain storage.
//! - Sealing is asynchronous (WebCrypto); [`flush`] seals and writes the waiting records in
//!   the order they were changed, and notes how long each change waited.

use std::{
    cell::RefCell,
    collections::{BTreeMap, HashMap, VecDeque},
    future::Future,
    rc::Rc,
};

use base64::{engine::general_purpose::STANDARD, Engine};
use sha2::{Digest, Sha256};

use super::{Backend, StoreError};
use crate::domain::Millis;

/// Every vault record's key starts with this.
pub const VAULT_PREFIX: &str = "exitgesprek.v.";
/// AES-GCM: a 96-bit IV before the ciphertext, a 128-bit tag after it.
const IV_BYTES: usize = 12;
const TAG_BYTES: usize = 16;
/// How many waits of written changes are kept for measuring.
const LATENCIES: usize = 2_000;

/// Seals and opens records: AES-GCM under the vault's key (WebCrypto in the browser, a stand-in
/// in tests). A sealed record is `IV ‖ ciphertext ‖ tag`.
pub trait Cipher {
    fn seal(&self, plain: &[u8]) -> impl Future<Output = Result<Vec<u8>, StoreError>>;
    fn open(&self, sealed: &[u8]) -> impl Future<Output = Result<Vec<u8>, StoreError>>;
}

/// The storage key of `logical` in vault `id` with naming salt `salt`.
pub fn record_key(id: &str, salt: &[u8], logical: &str) -> String {
    let digest = Sha256::new()
        .chain_update(salt)
        .chain_update(logical.as_bytes())
        .finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("{VAULT_PREFIX}{id}.{hex}")
}

/// Where the space for records not yet sealed is held.
fn reserve_key(id: &str) -> String {
    format!("{VAULT_PREFIX}{id}.reserve")
}

/// The plaintext of a record: the key's length (4 bytes, big-endian), the key, the value.
/// No escaping: a keystroke in a long text costs one copy, not a pass over it.
fn plaintext(logical: &str, value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(plaintext_len(logical, value));
    out.extend((logical.len() as u32).to_be_bytes());
    out.extend(logical.as_bytes());
    out.extend(value.as_bytes());
    out
}

/// The key and value of a record's plaintext.
fn parse_plaintext(plain: &[u8]) -> Option<(String, String)> {
    let (len, rest) = plain.split_first_chunk::<4>()?;
    let (key, value) = rest.split_at_checked(u32::from_be_bytes(*len) as usize)?;
    Some((
        String::from_utf8(key.to_vec()).ok()?,
        String::from_utf8(value.to_vec()).ok()?,
    ))
}

/// Characters a sealed record of `plain_len` bytes takes in storage, its key included.
fn stored_len(record_key: &str, plain_len: usize) -> usize {
    record_key.len() + (IV_BYTES + plain_len + TAG_BYTES).div_ceil(3) * 4
}

/// The length of [`plaintext`] without building it.
fn plaintext_len(logical: &str, value: &str) -> usize {
    4 + logical.len() + value.len()
}

#[derive(Default)]
struct Inner {
    id: String,
    salt: Vec<u8>,
    map: BTreeMap<String, String>,
    /// What each key takes in storage now (sealed), in characters.
    stored: HashMap<String, usize>,
    /// Keys whose value (or removal) waits to be sealed, oldest first, each once.
    queue: VecDeque<String>,
    /// Per waiting key: its change count (a write sealed an older value when it moved on),
    /// the room its sealed value will need, and when its oldest unsealed change was made.
    waiting: HashMap<String, Waiting>,
    /// Room held in storage for the waiting keys (the reserve record's length).
    reserved: usize,
    latencies: VecDeque<Millis>,
    /// Counts every change, so a write of an older value never passes for a newer one.
    changes: u64,
    /// The vault was locked: its memory takes no more changes.
    closed: bool,
    /// The last sealing failed; every change that needs more room is refused with it until
    /// sealing works again.
    failed: Option<StoreError>,
}

#[derive(Clone, Copy)]
struct Waiting {
    generation: u64,
    needs: usize,
    since: Millis,
}

/// One record to seal and write: `plain` is `None` for a removal.
#[derive(Debug, Clone, PartialEq)]
pub struct Write {
    pub key: String,
    generation: u64,
    pub plain: Option<Vec<u8>>,
}

/// An unlocked vault's records. Cheap to clone (one shared state).
#[derive(Clone)]
pub struct VaultStorage<R: Backend> {
    raw: R,
    inner: Rc<RefCell<Inner>>,
    now: fn() -> Millis,
    /// Called after every change, so the browser can start [`flush`].
    kick: Rc<dyn Fn()>,
}

impl<R: Backend> VaultStorage<R> {
    /// An unlocked vault over `raw`, holding `records` (key, value, characters stored).
    pub fn new(
        raw: R,
        id: &str,
        salt: &[u8],
        records: Vec<(String, String, usize)>,
        now: fn() -> Millis,
        kick: Rc<dyn Fn()>,
    ) -> Self {
        let mut inner = Inner {
            id: id.to_owned(),
            salt: salt.to_vec(),
            ..Inner::default()
        };
        for (key, value, len) in records {
            inner.stored.insert(key.clone(), len);
            inner.map.insert(key, value);
        }
        // A reserve left by a page that closed mid-write is stale: nothing waits now.
        let _ = raw.remove(&reserve_key(id));
        Self {
            raw,
            inner: Rc::new(RefCell::new(inner)),
            now,
            kick,
        }
    }

    /// Reads every sealed record of vault `id` from `raw` and opens it with `cipher`:
    /// (key, value, characters stored). A record that does not open is corrupt.
    pub async fn read_all<C: Cipher>(
        raw: &R,
        id: &str,
        cipher: &C,
    ) -> Result<Vec<(String, String, usize)>, StoreError> {
        let prefix = format!("{VAULT_PREFIX}{id}.");
        let reserve = reserve_key(id);
        let mut records = Vec::new();
        for name in raw.keys()? {
            if !name.starts_with(&prefix) || name == reserve {
                continue;
            }
            let Some(text) = raw.get(&name)? else {
                continue;
            };
            let corrupt = || StoreError::Corrupt(name.clone());
            let sealed = STANDARD.decode(&text).map_err(|_| corrupt())?;
            let plain = cipher.open(&sealed).await.map_err(|_| corrupt())?;
            let (key, value) = parse_plaintext(&plain).ok_or_else(corrupt)?;
            records.push((key, value, name.len() + text.len()));
        }
        Ok(records)
    }

    /// Changes made but not yet sealed.
    pub fn unsealed(&self) -> usize {
        self.inner.borrow().queue.len()
    }

    /// How long the last changes waited until they were sealed and written (ms).
    pub fn latencies(&self) -> Vec<Millis> {
        self.inner.borrow().latencies.iter().copied().collect()
    }

    /// Every waiting write, oldest first: one consistent moment of the vault.
    pub fn waiting_writes(&self) -> Vec<Write> {
        let inner = self.inner.borrow();
        inner
            .queue
            .iter()
            .map(|key| Write {
                key: key.clone(),
                generation: inner.waiting.get(key).map_or(0, |w| w.generation),
                plain: inner.map.get(key).map(|v| plaintext(key, v)),
            })
            .collect()
    }

    /// Sealing failed (`Some`) or works again (`None`).
    pub fn sealing_failed(&self, error: Option<StoreError>) {
        self.inner.borrow_mut().failed = error;
    }

    /// The vault was locked: later changes through this handle are refused, and the room
    /// held for unsealed writes is given back.
    pub fn close(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.closed = true;
        let _ = self.hold(&mut inner, 0);
    }

    /// `write` was sealed (`None`: a removal): it goes to storage in place of the old record.
    /// When the key changed meanwhile, it stays waiting for its newer value.
    pub fn written(&self, write: &Write, sealed: Option<&[u8]>) -> Result<(), StoreError> {
        let mut inner = self.inner.borrow_mut();
        let name = record_key(&inner.id, &inner.salt, &write.key);
        // Release this key's room first: the sealed record takes it.
        let held = inner.waiting.get(&write.key).map_or(0, |w| w.needs);
        let held = held.saturating_sub(inner.stored.get(&write.key).copied().unwrap_or(0));
        let reserved = inner.reserved.saturating_sub(held);
        self.hold(&mut inner, reserved)?;
        let len = match sealed {
            Some(sealed) => {
                let text = STANDARD.encode(sealed);
                if let Err(e) = self.raw.set(&name, &text) {
                    let _ = self.hold(&mut inner, reserved + held);
                    return Err(e);
                }
                name.len() + text.len()
            }
            None => {
                self.raw.remove(&name)?;
                0
            }
        };
        inner.stored.insert(write.key.clone(), len);
        let current = inner.waiting.get(&write.key).copied();
        match current {
            Some(w) if w.generation == write.generation => {
                inner.waiting.remove(&write.key);
                inner.queue.retain(|k| k != &write.key);
                let waited = (self.now)() - w.since;
                if inner.latencies.len() == LATENCIES {
                    inner.latencies.pop_front();
                }
                inner.latencies.push_back(waited);
            }
            Some(w) => {
                let again = w.needs.saturating_sub(len);
                let total = inner.reserved + again;
                self.hold(&mut inner, total)?;
            }
            None => {}
        }
        Ok(())
    }

    /// Makes the reserve record `total` characters long.
    fn hold(&self, inner: &mut Inner, total: usize) -> Result<(), StoreError> {
        if total != inner.reserved {
            let key = reserve_key(&inner.id);
            if total == 0 {
                self.raw.remove(&key)?;
            } else {
                self.raw.set(&key, &"0".repeat(total))?;
            }
            inner.reserved = total;
        }
        Ok(())
    }

    /// Queues `key`'s new value (`None`: removed), holding the room its sealed value needs.
    fn change(&self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        let mut inner = self.inner.borrow_mut();
        if inner.closed {
            return Err(StoreError::Locked);
        }
        let name = record_key(&inner.id, &inner.salt, key);
        let needs = value.map_or(0, |v| stored_len(&name, plaintext_len(key, v)));
        let stored = inner.stored.get(key).copied().unwrap_or(0);
        let before = inner
            .waiting
            .get(key)
            .map_or(0, |w| w.needs.saturating_sub(stored));
        let after = needs.saturating_sub(stored);
        let total = inner.reserved.saturating_sub(before) + after;
        // After a failed seal only what needs no more room is taken (removals free it).
        if let Some(failed) = inner.failed.clone().filter(|_| total > inner.reserved) {
            drop(inner);
            // Try again; the interviewer is told meanwhile, and what is typed stays on screen.
            (self.kick)();
            return Err(failed);
        }
        self.hold(&mut inner, total)?;
        let now = (self.now)();
        inner.changes += 1;
        let generation = inner.changes;
        let waiting = inner.waiting.entry(key.to_owned()).or_insert(Waiting {
            generation,
            needs,
            since: now,
        });
        waiting.generation = generation;
        waiting.needs = needs;
        if !inner.queue.iter().any(|k| k == key) {
            inner.queue.push_back(key.to_owned());
        }
        match value {
            Some(v) => inner.map.insert(key.to_owned(), v.to_owned()),
            None => inner.map.remove(key),
        };
        drop(inner);
        (self.kick)();
        Ok(())
    }
}

impl<R: Backend> Backend for VaultStorage<R> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.inner.borrow().map.get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.change(key, Some(value))
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        if self.inner.borrow().map.contains_key(key) {
            self.change(key, None)?;
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.inner.borrow().map.keys().cloned().collect())
    }
}

/// Seals and writes every waiting record; answers how many were written. All records of one
/// moment are sealed first and then written in one go, with no wait in between: a page that
/// closes never leaves an interview stored without its pending change, or the other way round.
/// A failure is remembered: changes are refused with it until a flush works again.
pub async fn flush<R: Backend, C: Cipher>(
    storage: &VaultStorage<R>,
    cipher: &C,
) -> Result<usize, StoreError> {
    let result = seal_all(storage, cipher).await;
    storage.sealing_failed(result.as_ref().err().cloned());
    result
}

async fn seal_all<R: Backend, C: Cipher>(
    storage: &VaultStorage<R>,
    cipher: &C,
) -> Result<usize, StoreError> {
    let mut written = 0;
    loop {
        let writes = storage.waiting_writes();
        if writes.is_empty() {
            return Ok(written);
        }
        let mut sealed = Vec::with_capacity(writes.len());
        for write in &writes {
            sealed.push(match &write.plain {
                Some(plain) => Some(cipher.seal(plain).await?),
                None => None,
            });
        }
        for (write, sealed) in writes.iter().zip(&sealed) {
            storage.written(write, sealed.as_deref())?;
        }
        written += writes.len();
    }
}

#[cfg(test)]
pub mod fake;

#[cfg(test)]
mod record {
    use super::*;

    #[test]
    fn a_record_reads_back_as_its_key_and_value() {
        let values = [
            "",
            "x",
            "a \"quote\" and a \\ slash",
            "tab\there\nnew",
            "é€ 😀",
        ];
        for value in values {
            let plain = plaintext("k\"ey", value);
            assert_eq!(plaintext_len("k\"ey", value), plain.len(), "{value:?}");
            assert_eq!(
                parse_plaintext(&plain),
                Some(("k\"ey".into(), value.into()))
            );
        }
        assert_eq!(parse_plaintext(&[0, 0, 0, 9, b'x']), None);
    }
}

#[cfg(test)]
mod tests;
