//! Stand-ins for tests: a cipher and key maker with the shape of WebCrypto's, and a way to
//! run futures that never wait.

use std::{cell::Cell, future::Future, rc::Rc};

use super::{Cipher, IV_BYTES, TAG_BYTES};
use crate::{
    store::StoreError,
    vault::{Keys, VaultError, Wrapped},
};

/// A stand-in for AES-GCM: XOR with the key byte, a counter as IV, a tag that only the
/// right key accepts. Enough to check the logic; the browser tests check WebCrypto.
#[derive(Clone)]
pub struct FakeCipher {
    pub key: u8,
    sealed: Rc<Cell<u64>>,
}

impl FakeCipher {
    pub fn new(key: u8) -> Self {
        Self {
            key,
            sealed: Rc::default(),
        }
    }
}

impl Cipher for FakeCipher {
    async fn seal(&self, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        let n = self.sealed.get() + 1;
        self.sealed.set(n);
        let mut out = n.to_be_bytes().to_vec();
        out.resize(IV_BYTES, 0);
        out.extend(plain.iter().map(|b| b ^ self.key));
        out.extend([self.key; TAG_BYTES]);
        Ok(out)
    }

    async fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, StoreError> {
        let body = sealed
            .get(IV_BYTES..sealed.len().saturating_sub(TAG_BYTES))
            .ok_or(StoreError::Invalid("short".into()))?;
        if sealed[sealed.len() - TAG_BYTES..] != [self.key; TAG_BYTES] {
            return Err(StoreError::Invalid("wrong key".into()));
        }
        Ok(body.iter().map(|b| b ^ self.key).collect())
    }
}

/// Runs a future that never waits (the stand-in cipher never does).
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// Keys whose "derivation" is a byte sum of the password: a wrong password fails the check
/// byte, as AES-KW's integrity check fails.
#[derive(Default)]
pub struct FakeKeys {
    next: Cell<u8>,
}

fn derived(password: &str) -> u8 {
    password
        .bytes()
        .fold(1u8, |a, b| a.wrapping_mul(31).wrapping_add(b))
}

impl Keys for FakeKeys {
    type Cipher = FakeCipher;

    async fn create(
        &self,
        password: &str,
        iterations: u32,
    ) -> Result<(Wrapped, FakeCipher), VaultError> {
        let key = self.random(1)?[0] | 1;
        let d = derived(password);
        let wrapped = Wrapped {
            salt: self.random(16)?,
            iterations,
            key: vec![key ^ d, key.wrapping_add(d)],
        };
        Ok((wrapped, FakeCipher::new(key)))
    }

    async fn open(&self, password: &str, wrapped: &Wrapped) -> Result<FakeCipher, VaultError> {
        let d = derived(password);
        let key = wrapped.key[0] ^ d;
        if wrapped.key[1] != key.wrapping_add(d) {
            return Err(VaultError::WrongPassword);
        }
        Ok(FakeCipher::new(key))
    }

    async fn rewrap(&self, old: &str, wrapped: &Wrapped, new: &str) -> Result<Wrapped, VaultError> {
        let key = self.open(old, wrapped).await?.key;
        let d = derived(new);
        Ok(Wrapped {
            key: vec![key ^ d, key.wrapping_add(d)],
            ..wrapped.clone()
        })
    }

    fn random(&self, bytes: usize) -> Result<Vec<u8>, VaultError> {
        Ok((0..bytes)
            .map(|_| {
                let n = self.next.get().wrapping_add(37);
                self.next.set(n);
                n
            })
            .collect())
    }
}
