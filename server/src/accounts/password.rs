//! Argon2id password hashes as PHC strings (`$argon2id$v=19$…`), with a random salt each.
//! Hashing takes tens of milliseconds of CPU on purpose, so it runs on tokio's blocking
//! threads, never on the async ones.

use argon2::{
    password_hash::{phc::PasswordHash, PasswordHasher, PasswordVerifier},
    Argon2,
};

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("cannot hash the password: {0}")]
    Hash(String),
    #[error("the hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// A new PHC hash of `password`.
pub async fn hash(password: String) -> Result<String, PasswordError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| PasswordError::Hash(e.to_string()))
    })
    .await?
}

/// Whether `password` matches `phc`; a malformed stored hash never matches.
pub async fn verify(password: String, phc: String) -> Result<bool, PasswordError> {
    Ok(tokio::task::spawn_blocking(move || {
        PasswordHash::new(&phc).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await?)
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

    #[tokio::test]
    async fn the_same_password_gets_a_different_salt_each_time() {
        let a = hash("correct horse battery".into()).await.expect("hashes");
        let b = hash("correct horse battery".into()).await.expect("hashes");
        assert_ne!(a, b);
    }
}
