//! Where the store keeps its strings: the browser's localStorage (through gloo-storage), or
//! a map in memory for tests, with an optional quota to simulate a full device.

use std::{cell::RefCell, collections::BTreeMap};

/// Why storage refused. `Full` and `Unavailable` are shown to the interviewer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("storage is full")]
    Full,
    #[error("storage is not available")]
    Unavailable,
    #[error("stored data under {0} cannot be read")]
    Corrupt(String),
    #[error("stored data is from a newer version of the app (schema {0})")]
    NewerSchema(u32),
    #[error("{0}")]
    Invalid(String),
    /// The interviewer's vault is locked: unlock it first.
    #[error("the vault is locked")]
    Locked,
}

/// A string key-value store with localStorage's semantics.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

impl<T: Backend + ?Sized> Backend for &T {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
}

/// localStorage of the current window. Only used in the browser, after hydration.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserStorage;

impl BrowserStorage {
    fn raw() -> Result<web_sys::Storage, StoreError> {
        // gloo's `LocalStorage::raw()` throws when storage is disabled; ask politely first.
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or(StoreError::Unavailable)?;
        Ok(<gloo_storage::LocalStorage as gloo_storage::Storage>::raw())
    }
}

impl Backend for BrowserStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Self::raw()?
            .get_item(key)
            .map_err(|_| StoreError::Unavailable)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        Self::raw()?.set_item(key, value).map_err(|e| {
            let name = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
                StoreError::Full
            } else {
                StoreError::Unavailable
            }
        })
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        Self::raw()?
            .remove_item(key)
            .map_err(|_| StoreError::Unavailable)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let raw = Self::raw()?;
        let len = raw.length().map_err(|_| StoreError::Unavailable)?;
        Ok((0..len).filter_map(|i| raw.key(i).ok().flatten()).collect())
    }
}

/// An in-memory store for tests. With a quota, a write that would make the sum of key and
/// value lengths exceed it fails with [`StoreError::Full`], as localStorage does.
#[derive(Debug, Default)]
pub struct MemoryStorage {
    map: RefCell<BTreeMap<String, String>>,
    quota: Option<usize>,
}

impl MemoryStorage {
    pub fn with_quota(quota: usize) -> Self {
        Self {
            map: RefCell::default(),
            quota: Some(quota),
        }
    }
}

impl Backend for MemoryStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut map = self.map.borrow_mut();
        if let Some(quota) = self.quota {
            let others: usize = map
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if others + key.len() + value.len() > quota {
                return Err(StoreError::Full);
            }
        }
        map.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.map.borrow().keys().cloned().collect())
    }
}
