//! The vaults of a shared tablet: one per interviewer who logged in here. Everything an
//! interviewer keeps on the tablet — interviews, drafts, pending and refused changes, sync
//! cursor, device id — lives in their vault, sealed under a random data key; the data key is
//! wrapped with a key derived from their password (PBKDF2-SHA-256, [`ITERATIONS`]), so only
//! their password opens it, offline too. Outside the vaults storage holds only the list of
//! vaults ([`VaultMeta`]: user id, name, wrapped key, unsent count) and preferences.
//!
//! The steps are generic over [`Keys`] (WebCrypto in the browser, [`browser`]; a stand-in in
//! tests) and over the storage [`Backend`]:
//! - [`create`] makes a vault at the first online login (after the server accepted the
//!   password); [`unlock`] opens it (offline too); a tablet with data from before vaults
//!   hands it to the first vault opened ([`adopt_plain`]);
//! - [`rewrap`] keeps a vault when the password changed and the old one is known;
//! - [`seal_backup`] / [`open_backup`] encrypt a backup file under the password.

use std::{future::Future, rc::Rc};

use base64::{engine::general_purpose::STANDARD, Engine};
use serde::{Deserialize, Serialize};

use crate::{
    domain::{Millis, UserId},
    store::{
        vault::{flush, Cipher, VaultStorage, VAULT_PREFIX},
        Backend, Store, StoreError,
    },
};

#[cfg(target_arch = "wasm32")]
pub mod browser;
mod gate;
pub use gate::{provide_vaults, use_vaults, VaultGate, Vaults};

/// Written when a page opens a vault; every other page of this browser then locks its own
/// (one open vault per browser: two pages would overwrite each other's records).
pub const OPENED_KEY: &str = "exitgesprek.opened";

/// PBKDF2-SHA-256 iterations (OWASP 2023 recommends at least 600 000).
pub const ITERATIONS: u32 = 600_000;
/// The list of vaults: readable while everything is locked.
pub const VAULTS_KEY: &str = "exitgesprek.vaults";
/// Keys outside the vaults that stay plain: preferences without personal data.
pub const PLAIN_KEYS: &[&str] = &[
    VAULTS_KEY,
    "exitgesprek.lang",
    "exitgesprek.tablet",
    OPENED_KEY,
];

/// One vault on this tablet, as the lock screen sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VaultMeta {
    pub user: UserId,
    pub name: String,
    /// Names the vault's records (`exitgesprek.v.<id>.…`).
    pub id: String,
    /// The salt of the records' names (base64): fixed for the vault's life, unlike the
    /// password's salt, which a new password changes.
    pub names: String,
    pub salt: String,
    pub iterations: u32,
    /// The data key, wrapped with the key derived from the password.
    pub wrapped: String,
    /// Changes the server does not have (waiting or refused), as of the last sealing.
    #[serde(default)]
    pub unsent: usize,
}

/// What a password derives and wraps: the salt, the iterations, the wrapped data key.
#[derive(Debug, Clone, PartialEq)]
pub struct Wrapped {
    pub salt: Vec<u8>,
    pub iterations: u32,
    pub key: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum VaultError {
    #[error("the password does not open this vault")]
    WrongPassword,
    #[error("there is no vault for this user on this device")]
    NoVault,
    #[error("{0}")]
    Storage(#[from] StoreError),
    #[error("encryption failed: {0}")]
    Crypto(String),
}

/// Makes and opens vault keys.
pub trait Keys {
    type Cipher: Cipher + Clone;
    /// A new random data key, wrapped under `password`.
    fn create(
        &self,
        password: &str,
        iterations: u32,
    ) -> impl Future<Output = Result<(Wrapped, Self::Cipher), VaultError>>;
    /// The data key `wrapped` under `password`.
    fn open(
        &self,
        password: &str,
        wrapped: &Wrapped,
    ) -> impl Future<Output = Result<Self::Cipher, VaultError>>;
    /// The same data key, wrapped under `new` instead of `old`.
    fn rewrap(
        &self,
        old: &str,
        wrapped: &Wrapped,
        new: &str,
    ) -> impl Future<Output = Result<Wrapped, VaultError>>;
    fn random(&self, bytes: usize) -> Result<Vec<u8>, VaultError>;
}

impl VaultMeta {
    pub fn wrapped(&self) -> Result<Wrapped, VaultError> {
        let bytes = |b64: &str| {
            STANDARD
                .decode(b64)
                .map_err(|_| StoreError::Corrupt(VAULTS_KEY.into()))
        };
        Ok(Wrapped {
            salt: bytes(&self.salt)?,
            iterations: self.iterations,
            key: bytes(&self.wrapped)?,
        })
    }
}

/// The vaults listed on this device.
pub fn list<R: Backend>(raw: &R) -> Result<Vec<VaultMeta>, StoreError> {
    match raw.get(VAULTS_KEY)? {
        None => Ok(Vec::new()),
        Some(text) => {
            serde_json::from_str(&text).map_err(|_| StoreError::Corrupt(VAULTS_KEY.into()))
        }
    }
}

fn save_list<R: Backend>(raw: &R, vaults: &[VaultMeta]) -> Result<(), StoreError> {
    let text = serde_json::to_string(vaults).map_err(|e| StoreError::Invalid(e.to_string()))?;
    raw.set(VAULTS_KEY, &text)
}

/// An unlocked vault: its entry, its records (in memory) and its key.
pub struct Unlocked<R: Backend, C: Cipher> {
    pub meta: VaultMeta,
    pub storage: VaultStorage<R>,
    pub cipher: C,
}

impl<R: Backend + Clone, C: Cipher> Unlocked<R, C> {
    pub fn store(&self) -> Result<Store<VaultStorage<R>>, StoreError> {
        Store::open(self.storage.clone())
    }

    /// Seals every waiting record, then notes the unsent count in the list (for the lock
    /// screen). Answers how many records were written.
    pub async fn flush(&self, raw: &R) -> Result<usize, StoreError> {
        let written = flush(&self.storage, &self.cipher).await?;
        let counts = self.store()?.pending_counts()?;
        let unsent = counts.unsent() + counts.refused();
        let mut vaults = list(raw)?;
        if let Some(meta) = vaults.iter_mut().find(|v| v.id == self.meta.id) {
            if meta.unsent != unsent {
                meta.unsent = unsent;
                save_list(raw, &vaults)?;
            }
        }
        Ok(written)
    }
}

/// How a vault in memory reaches storage: the clock that times its writes, and what to call
/// after each change (the browser starts a flush).
#[derive(Clone)]
pub struct Hooks {
    pub now: fn() -> Millis,
    pub kick: Rc<dyn Fn()>,
}

/// A new vault for `user`, opened by `password` (which the server has just accepted). A vault
/// this user had here before is given up with everything in it (the password was reset).
pub async fn create<R: Backend + Clone, K: Keys>(
    raw: R,
    keys: &K,
    user: UserId,
    name: &str,
    password: &str,
    hooks: Hooks,
) -> Result<Unlocked<R, K::Cipher>, VaultError> {
    remove(&raw, user)?;
    let (wrapped, cipher) = keys.create(password, ITERATIONS).await?;
    let id: String = keys.random(8)?.iter().map(|b| format!("{b:02x}")).collect();
    let meta = VaultMeta {
        user,
        name: name.to_owned(),
        id,
        names: STANDARD.encode(keys.random(16)?),
        salt: STANDARD.encode(&wrapped.salt),
        iterations: wrapped.iterations,
        wrapped: STANDARD.encode(&wrapped.key),
        unsent: 0,
    };
    let mut vaults = list(&raw)?;
    vaults.push(meta.clone());
    save_list(&raw, &vaults)?;
    opened(raw, meta, cipher, Vec::new(), hooks).await
}

/// Opens `user`'s vault with `password`: every record is read and opened into memory.
pub async fn unlock<R: Backend + Clone, K: Keys>(
    raw: R,
    keys: &K,
    user: UserId,
    password: &str,
    hooks: Hooks,
) -> Result<Unlocked<R, K::Cipher>, VaultError> {
    let meta = list(&raw)?
        .into_iter()
        .find(|v| v.user == user)
        .ok_or(VaultError::NoVault)?;
    let cipher = keys.open(password, &meta.wrapped()?).await?;
    let records = VaultStorage::read_all(&raw, &meta.id, &cipher).await?;
    opened(raw, meta, cipher, records, hooks).await
}

/// The vault `meta` in memory with its `records`; plain data from before vaults joins it.
async fn opened<R: Backend + Clone, C: Cipher>(
    raw: R,
    meta: VaultMeta,
    cipher: C,
    records: Vec<(String, String, usize)>,
    hooks: Hooks,
) -> Result<Unlocked<R, C>, VaultError> {
    let names = STANDARD
        .decode(&meta.names)
        .map_err(|_| StoreError::Corrupt(VAULTS_KEY.into()))?;
    let storage = VaultStorage::new(
        raw.clone(),
        &meta.id,
        &names,
        records,
        hooks.now,
        hooks.kick,
    );
    let unlocked = Unlocked {
        meta,
        storage,
        cipher,
    };
    adopt_plain(&raw, &unlocked).await?;
    Ok(unlocked)
}

/// Wraps `user`'s data key under `new` (the password the server now knows) instead of `old`.
pub async fn rewrap<R: Backend, K: Keys>(
    raw: &R,
    keys: &K,
    user: UserId,
    old: &str,
    new: &str,
) -> Result<(), VaultError> {
    let mut vaults = list(raw)?;
    let meta = vaults
        .iter_mut()
        .find(|v| v.user == user)
        .ok_or(VaultError::NoVault)?;
    let wrapped = keys.rewrap(old, &meta.wrapped()?, new).await?;
    meta.salt = STANDARD.encode(&wrapped.salt);
    meta.iterations = wrapped.iterations;
    meta.wrapped = STANDARD.encode(&wrapped.key);
    save_list(raw, &vaults)?;
    Ok(())
}

/// Gives up `user`'s vault on this device: its records and its entry.
pub fn remove<R: Backend>(raw: &R, user: UserId) -> Result<(), StoreError> {
    let mut vaults = list(raw)?;
    let Some(at) = vaults.iter().position(|v| v.user == user) else {
        return Ok(());
    };
    let gone = vaults.remove(at);
    let prefix = format!("{VAULT_PREFIX}{}.", gone.id);
    for key in raw.keys()? {
        if key.starts_with(&prefix) {
            raw.remove(&key)?;
        }
    }
    save_list(raw, &vaults)
}

/// Data written before vaults existed (plain `exitgesprek.*` keys) moves into the first vault
/// opened on this device: sealed there first, then the plain copies are deleted.
pub async fn adopt_plain<R: Backend + Clone, C: Cipher>(
    raw: &R,
    vault: &Unlocked<R, C>,
) -> Result<usize, StoreError> {
    let plain: Vec<String> = raw
        .keys()?
        .into_iter()
        .filter(|k| {
            k.starts_with("exitgesprek.")
                && !k.starts_with(VAULT_PREFIX)
                && !PLAIN_KEYS.contains(&k.as_str())
        })
        .collect();
    // One key at a time: a full device needs room for one sealed copy only. The store is
    // opened (and an older layout migrated) only once all of it is in the vault.
    for key in &plain {
        if let Some(value) = raw.get(key)? {
            vault.storage.set(key, &value)?;
            flush(&vault.storage, &vault.cipher).await?;
        }
        raw.remove(key)?;
    }
    vault.flush(raw).await?;
    Ok(plain.len())
}

/// The format name of an encrypted backup file.
pub const SEALED_BACKUP: &str = "exitgesprek-backup-sealed";

/// A backup file readable only with the password it was sealed under.
#[derive(Debug, Serialize, Deserialize)]
struct SealedBackup {
    format: String,
    salt: String,
    iterations: u32,
    wrapped: String,
    data: String,
}

/// Whether `text` is an encrypted backup (import then asks for the password).
pub fn is_sealed_backup(text: &str) -> bool {
    serde_json::from_str::<SealedBackup>(text).is_ok_and(|b| b.format == SEALED_BACKUP)
}

/// `json` (a backup) sealed under a fresh key wrapped with `password`.
pub async fn seal_backup<K: Keys>(
    keys: &K,
    password: &str,
    json: &str,
) -> Result<String, VaultError> {
    let (wrapped, cipher) = keys.create(password, ITERATIONS).await?;
    let data = cipher.seal(json.as_bytes()).await?;
    let backup = SealedBackup {
        format: SEALED_BACKUP.into(),
        salt: STANDARD.encode(&wrapped.salt),
        iterations: wrapped.iterations,
        wrapped: STANDARD.encode(&wrapped.key),
        data: STANDARD.encode(data),
    };
    serde_json::to_string_pretty(&backup).map_err(|e| VaultError::Crypto(e.to_string()))
}

/// The backup JSON in a sealed backup file, with the password it was sealed under.
pub async fn open_backup<K: Keys>(
    keys: &K,
    password: &str,
    text: &str,
) -> Result<String, VaultError> {
    let bad = || StoreError::Invalid("not an Exitgesprek backup".into());
    let backup: SealedBackup = serde_json::from_str(text).map_err(|_| bad())?;
    // A file that asks for an absurd amount of work is not one of ours.
    if !(100_000..=10_000_000).contains(&backup.iterations) {
        return Err(bad().into());
    }
    let decode = |b64: &str| STANDARD.decode(b64).map_err(|_| bad());
    let wrapped = Wrapped {
        salt: decode(&backup.salt)?,
        iterations: backup.iterations,
        key: decode(&backup.wrapped)?,
    };
    let cipher = keys.open(password, &wrapped).await?;
    let plain = cipher
        .open(&decode(&backup.data)?)
        .await
        .map_err(|_| bad())?;
    String::from_utf8(plain).map_err(|_| bad().into())
}

#[cfg(test)]
mod tests;
