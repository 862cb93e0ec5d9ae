//! The vaults in the browser: WebCrypto keys (PBKDF2-SHA-256 → AES-KW wrapping a random
//! AES-GCM-256 key, unwrapped as non-extractable, so the data key never leaves the browser's
//! crypto and never reaches storage), the one open vault of this page, and the loop that
//! seals its changes in the background.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use super::{Hooks, Keys, Unlocked, VaultError, Wrapped};
use crate::{
    domain::{Millis, UserId},
    store::{
        vault::{Cipher, VaultStorage},
        BrowserStorage, Store, StoreError,
    },
};

type Open = Unlocked<BrowserStorage, WebCipher>;

thread_local! {
    static OPEN: RefCell<Option<Rc<Open>>> = const { RefCell::new(None) };
    /// Vaults locked while their last changes could not be sealed (storage full), one per
    /// user: out of sight, but kept in memory until their owner unlocks again.
    static PARKED: RefCell<Vec<Rc<Open>>> = const { RefCell::new(Vec::new()) };
    static SEALING: Cell<bool> = const { Cell::new(false) };
}

use super::OPENED_KEY;

fn subtle() -> Result<SubtleCrypto, VaultError> {
    let crypto = web_sys::window()
        .ok_or_else(|| VaultError::Crypto("no window".into()))?
        .crypto()
        .map_err(|_| VaultError::Crypto("no WebCrypto (a secure context is needed)".into()))?;
    Ok(crypto.subtle())
}

fn failed(e: JsValue) -> VaultError {
    let name = Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    VaultError::Crypto(name)
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, VaultError> {
    JsFuture::from(promise.map_err(failed)?)
        .await
        .map_err(failed)
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o
}

fn usages(names: &[&str]) -> JsValue {
    names
        .iter()
        .map(|n| JsValue::from_str(n))
        .collect::<Array>()
        .into()
}

fn bytes(value: &JsValue) -> Vec<u8> {
    Uint8Array::new(value).to_vec()
}

/// The AES-KW key `password` and `salt` derive.
async fn wrapping_key(
    password: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, VaultError> {
    let s = subtle()?;
    let raw: Object = Uint8Array::from(password.as_bytes()).into();
    let base =
        call(s.import_key_with_str("raw", &raw, "PBKDF2", false, &usages(&["deriveKey"]))).await?;
    let params = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ]);
    let kind = object(&[("name", "AES-KW".into()), ("length", 256.into())]);
    let base: CryptoKey = base.unchecked_into();
    let key = call(s.derive_key_with_object_and_object(
        &params,
        &base,
        &kind,
        false,
        &usages(&["wrapKey", "unwrapKey"]),
    ))
    .await?;
    Ok(key.unchecked_into())
}

/// The data key `wrapped` holds; extractable only to be wrapped again.
async fn unwrap(
    password: &str,
    wrapped: &Wrapped,
    extractable: bool,
) -> Result<CryptoKey, VaultError> {
    let kek = wrapping_key(password, &wrapped.salt, wrapped.iterations).await?;
    let key = call(subtle()?.unwrap_key_with_u8_array_and_str_and_str(
        "raw",
        &wrapped.key,
        &kek,
        "AES-KW",
        "AES-GCM",
        extractable,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await
    // AES-KW's integrity check fails for any other password.
    .map_err(|_| VaultError::WrongPassword)?;
    Ok(key.unchecked_into())
}

async fn wrap(
    key: &CryptoKey,
    password: &str,
    salt: Vec<u8>,
    iterations: u32,
) -> Result<Wrapped, VaultError> {
    let kek = wrapping_key(password, &salt, iterations).await?;
    let wrapped = call(subtle()?.wrap_key_with_str("raw", key, &kek, "AES-KW")).await?;
    Ok(Wrapped {
        salt,
        iterations,
        key: bytes(&wrapped),
    })
}

/// WebCrypto key making.
pub struct WebKeys;

impl Keys for WebKeys {
    type Cipher = WebCipher;

    async fn create(
        &self,
        password: &str,
        iterations: u32,
    ) -> Result<(Wrapped, WebCipher), VaultError> {
        let params = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
        let fresh = call(subtle()?.generate_key_with_object(
            &params,
            true,
            &usages(&["encrypt", "decrypt"]),
        ))
        .await?;
        let wrapped = wrap(
            &fresh.unchecked_into(),
            password,
            self.random(16)?,
            iterations,
        )
        .await?;
        // Used from now on only as unwrapped non-extractable, like after every unlock.
        let cipher = self.open(password, &wrapped).await?;
        Ok((wrapped, cipher))
    }

    async fn open(&self, password: &str, wrapped: &Wrapped) -> Result<WebCipher, VaultError> {
        Ok(WebCipher(unwrap(password, wrapped, false).await?))
    }

    async fn rewrap(&self, old: &str, wrapped: &Wrapped, new: &str) -> Result<Wrapped, VaultError> {
        let key = unwrap(old, wrapped, true).await?;
        wrap(
            &key,
            new,
            self.random(16)?,
            wrapped.iterations.max(super::ITERATIONS),
        )
        .await
    }

    /// From the browser's CSPRNG; without one there is no key, salt or IV at all (zeros
    /// would repeat an IV).
    fn random(&self, n: usize) -> Result<Vec<u8>, VaultError> {
        let mut out = vec![0u8; n];
        web_sys::window()
            .ok_or_else(|| VaultError::Crypto("no window".into()))?
            .crypto()
            .map_err(|_| VaultError::Crypto("no WebCrypto".into()))?
            .get_random_values_with_u8_array(&mut out)
            .map_err(failed)?;
        Ok(out)
    }
}

/// AES-GCM under a vault's data key, a fresh random 96-bit IV per record.
#[derive(Clone)]
pub struct WebCipher(CryptoKey);

impl Cipher for WebCipher {
    async fn seal(&self, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        let iv = WebKeys
            .random(12)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let params = object(&[
            ("name", "AES-GCM".into()),
            ("iv", Uint8Array::from(&iv[..]).into()),
        ]);
        let s = subtle().map_err(|e| StoreError::Invalid(e.to_string()))?;
        let sealed = call(s.encrypt_with_object_and_u8_array(&params, &self.0, plain))
            .await
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut out = iv;
        out.extend(bytes(&sealed));
        Ok(out)
    }

    async fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, StoreError> {
        let (iv, body) = sealed.split_at(sealed.len().min(12));
        let params = object(&[
            ("name", "AES-GCM".into()),
            ("iv", Uint8Array::from(iv).into()),
        ]);
        let s = subtle().map_err(|e| StoreError::Invalid(e.to_string()))?;
        let plain = call(s.decrypt_with_object_and_u8_array(&params, &self.0, body))
            .await
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        Ok(bytes(&plain))
    }
}

fn now() -> Millis {
    js_sys::Date::now() as Millis
}

fn hooks() -> Hooks {
    Hooks {
        now,
        // Sealing starts at once; WebCrypto does the work off the page's thread and the
        // write lands when it is done. (Waiting for a task of its own measured slower.)
        kick: Rc::new(|| {
            if !SEALING.with(Cell::get) {
                wasm_bindgen_futures::spawn_local(seal_waiting());
            }
        }),
    }
}

/// Seals what waits in the open vault, one loop at a time; problems show as a store error
/// on the next write, and the records stay waiting in memory.
async fn seal_waiting() {
    if SEALING.with(|s| s.replace(true)) {
        return;
    }
    while let Some(open) = current() {
        if open.storage.unsealed() == 0 || open.flush(&BrowserStorage).await.is_err() {
            break;
        }
    }
    SEALING.with(|s| s.set(false));
}

fn current() -> Option<Rc<Open>> {
    OPEN.with(|o| o.borrow().clone())
}

/// Makes `open` this page's open vault, and tells other pages of this browser (they lock:
/// one page at a time holds a vault, so no two write the same records).
fn set_open(open: Option<Rc<Open>>) {
    if let Some(open) = &open {
        let mark = format!("{}:{}", open.meta.id, js_sys::Math::random());
        let _ = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .map(|s| s.set_item(OPENED_KEY, &mark));
    }
    OPEN.with(|o| *o.borrow_mut() = open);
}

/// The store of the open vault.
pub fn store() -> Result<Store<VaultStorage<BrowserStorage>>, StoreError> {
    current().ok_or(StoreError::Locked)?.store()
}

/// Whose vault is open.
pub fn open_user() -> Option<UserId> {
    current().map(|o| o.meta.user)
}

/// How long changes waited until they were sealed and written, since the vault opened (ms).
pub fn latencies() -> Vec<Millis> {
    current().map(|o| o.storage.latencies()).unwrap_or_default()
}

/// `window.exitgesprekSealLatencies()`: [`latencies`] for the benchmark (durations only).
pub fn expose_latencies() {
    use wasm_bindgen::closure::Closure;
    let Some(window) = web_sys::window() else {
        return;
    };
    let read = Closure::<dyn Fn() -> JsValue>::new(|| {
        latencies()
            .into_iter()
            .map(|ms| JsValue::from_f64(ms as f64))
            .collect::<Array>()
            .into()
    });
    let _ = Reflect::set(&window, &"exitgesprekSealLatencies".into(), read.as_ref());
    read.forget();
}

pub async fn unlock(user: UserId, password: &str) -> Result<(), VaultError> {
    lock().await;
    let open = match unpark(user) {
        // Its last changes are still only in memory: the password must open its entry as
        // it is stored now (a password changed meanwhile, say) all the same.
        Some(parked) => match super::list(&BrowserStorage)?
            .into_iter()
            .find(|v| v.id == parked.meta.id)
        {
            Some(meta) => {
                if let Err(e) = WebKeys.open(password, &meta.wrapped()?).await {
                    park(parked);
                    return Err(e);
                }
                match Rc::try_unwrap(parked) {
                    Ok(mut parked) => {
                        parked.meta = meta;
                        Rc::new(parked)
                    }
                    Err(parked) => parked,
                }
            }
            // Given up for a new vault (in another page): nothing reads its records now.
            None => {
                Rc::new(super::unlock(BrowserStorage, &WebKeys, user, password, hooks()).await?)
            }
        },
        None => Rc::new(super::unlock(BrowserStorage, &WebKeys, user, password, hooks()).await?),
    };
    set_open(Some(open));
    wasm_bindgen_futures::spawn_local(seal_waiting());
    Ok(())
}

/// Takes `user`'s parked vault, if there is one.
fn unpark(user: UserId) -> Option<Rc<Open>> {
    PARKED.with(|p| {
        let mut parked = p.borrow_mut();
        let at = parked.iter().position(|v| v.meta.user == user)?;
        Some(parked.remove(at))
    })
}

fn park(open: Rc<Open>) {
    PARKED.with(|p| {
        let mut parked = p.borrow_mut();
        parked.retain(|v| v.meta.user != open.meta.user);
        parked.push(open);
    });
}

pub async fn create(user: UserId, name: &str, password: &str) -> Result<(), VaultError> {
    lock().await;
    // A new vault gives up the old one, parked changes included.
    unpark(user);
    let open = super::create(BrowserStorage, &WebKeys, user, name, password, hooks()).await?;
    set_open(Some(Rc::new(open)));
    Ok(())
}

pub async fn rewrap(user: UserId, old: &str, new: &str) -> Result<(), VaultError> {
    super::rewrap(&BrowserStorage, &WebKeys, user, old, new).await
}

/// Seals what waits, then forgets the key and the records in memory. The vault is out of
/// reach at once (no write lands in it meanwhile); when sealing fails (storage full), it is
/// parked instead: out of reach until its owner unlocks again, and nothing typed is lost
/// while the page stays open.
pub async fn lock() {
    let Some(open) = OPEN.with(|o| o.borrow_mut().take()) else {
        return;
    };
    while SEALING.with(|s| s.replace(true)) {
        sleep(10).await;
    }
    let sealed = open.flush(&BrowserStorage).await;
    SEALING.with(|s| s.set(false));
    if sealed.is_ok() {
        open.storage.close();
    } else {
        park(open);
    }
}

/// A backup of the open vault, sealed under `password` once that password proved to open it.
pub async fn export(password: &str, json: &str) -> Result<String, VaultError> {
    let open = current().ok_or(StoreError::Locked)?;
    WebKeys.open(password, &open.meta.wrapped()?).await?;
    super::seal_backup(&WebKeys, password, json).await
}

/// The backup JSON in a sealed backup file.
pub async fn open_backup(password: &str, text: &str) -> Result<String, VaultError> {
    super::open_backup(&WebKeys, password, text).await
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}
