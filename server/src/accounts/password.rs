//! Argon2id password hashes as PHC strings (`$argon2id$v=19$…`), with a random salt each.
//! Hashing takes tens of milliseconds of CPU on purpose, so it runs on tokio's blocking
//! threads, never on the async ones.
//!
//! It also takes 19 MiB of memory on purpose, which this module allocates itself
//! ([`compute`]): left to the allocator, each freed 19 MiB block stayed in the process
//! (glibc raises its mmap threshold to the size of a freed block, so later blocks came
//! from its arenas and were kept), and a server that had checked a few hundred
//! passwords held about 290 MB.

use argon2::{
    password_hash::phc::{Output, ParamsString, PasswordHash, Salt},
    Algorithm, Argon2, Block, Params, Version,
};

/// The memory reserved for one hash, in 1 KiB blocks: above the 32 MiB up to which glibc
/// keeps freed blocks, so it is mapped for each hash and returned after it. Only the
/// blocks Argon2 uses (19 MiB) are ever touched.
const RESERVED_BLOCKS: usize = 33 * 1024;

/// Runs `argon` over `password` and `salt` into `out`, in memory returned afterwards.
fn compute(
    argon: &Argon2,
    params: &Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> argon2::Result<()> {
    let blocks = params.block_count();
    let mut memory: Vec<Block> = Vec::with_capacity(blocks.max(RESERVED_BLOCKS));
    memory.resize(blocks, Block::new());
    argon.hash_password_into_with_memory(password, salt, out, memory.as_mut_slice())
}

/// The PHC string of a new Argon2id hash (the crate's default cost) of `password`.
fn new_hash(password: &[u8]) -> Result<String, String> {
    let params = Params::default();
    let (algorithm, version) = (Algorithm::Argon2id, Version::V0x13);
    let salt = *uuid::Uuid::new_v4().as_bytes(); // 16 bytes from the system's secure RNG
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    let argon = Argon2::new(algorithm, version, params.clone());
    compute(&argon, &params, password, &salt, &mut out).map_err(|e| e.to_string())?;
    let phc = PasswordHash {
        algorithm: algorithm.ident(),
        version: Some(version.into()),
        params: ParamsString::try_from(&params).map_err(|e| e.to_string())?,
        salt: Some(Salt::new(&salt).map_err(|e| e.to_string())?),
        hash: Some(Output::new(&out).map_err(|e| e.to_string())?),
    };
    Ok(phc.to_string())
}

/// Whether `password` hashes to `phc` under the algorithm, version and cost `phc` names.
fn matches(password: &[u8], phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return false;
    };
    let algorithm = Algorithm::try_from(parsed.algorithm.as_str());
    let version = parsed.version.map_or(Ok(Version::V0x13), Version::try_from);
    let (Ok(algorithm), Ok(version), Ok(params)) = (algorithm, version, Params::try_from(&parsed))
    else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params.clone());
    compute(&argon, &params, password, salt, &mut out).is_ok()
        // `Output` compares in constant time.
        && Output::new(&out).is_ok_and(|computed| computed == *expected)
}

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("cannot hash the password: {0}")]
    Hash(String),
    #[error("the hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// A new PHC hash of `password`.
pub async fn hash(password: String) -> Result<String, PasswordError> {
    tokio::task::spawn_blocking(move || new_hash(password.as_bytes()).map_err(PasswordError::Hash))
        .await?
}

/// Whether `password` matches `phc`; a malformed stored hash never matches.
pub async fn verify(password: String, phc: String) -> Result<bool, PasswordError> {
    Ok(tokio::task::spawn_blocking(move || matches(password.as_bytes(), &phc)).await?)
}

/// A hash to verify against when the account does not exist, so a login for an unknown
/// address costs as much time as one with a wrong password.
pub async fn dummy_hash() -> &'static str {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_init(|| async {
            hash("not a password anyone has".to_owned())
                .await
                .unwrap_or_default()
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_own_password_only() {
        let phc = hash("correct horse battery".into()).await.expect("hashes");
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(!phc.contains("correct horse"));
        assert!(verify("correct horse battery".into(), phc.clone())
            .await
            .expect("runs"));
        assert!(!verify("correct horse battery!".into(), phc.clone())
            .await
            .expect("runs"));
        assert!(!verify("x".into(), "not a phc string".into())
            .await
            .expect("runs"));
    }

    #[test]
    fn hashes_made_by_the_argon2_crate_verify_here_and_the_other_way_round() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let theirs = Argon2::default()
            .hash_password(b"correct horse battery")
            .expect("hashes")
            .to_string();
        assert!(matches(b"correct horse battery", &theirs));
        assert!(!matches(b"correct horse batter", &theirs));
        let ours = new_hash(b"correct horse battery").expect("hashes");
        let parsed = PasswordHash::new(&ours).expect("a PHC string");
        assert_eq!(parsed.to_string(), ours);
        assert!(Argon2::default()
            .verify_password(b"correct horse battery", &parsed)
            .is_ok());
        // The same cost as the crate's default: 19 MiB, two passes, one lane.
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );
    }

    #[tokio::test]
    async fn the_same_password_gets_a_different_salt_each_time() {
        let a = hash("correct horse battery".into()).await.expect("hashes");
        let b = hash("correct horse battery".into()).await.expect("hashes");
        assert_ne!(a, b);
    }
}
