//! Accounts: users and their roles, password hashes, login sessions in the database and
//! the brake on password guessing. [`Backend`] is what axum-login asks to check a password
//! or to find the user behind a session.

pub mod failures;
mod password;
pub mod sessions;
pub mod throttle;
pub mod users;

use app::domain::{AccountProblem, Email, Login, Millis, NewUser, User, UserId};
use axum_login::{AuthUser, AuthnBackend};

pub use password::{hash as hash_password, PasswordError};
pub use sessions::Sessions;
pub use users::{Account, Users, UsersError};

use crate::db::Db;

/// axum-login's view of a user: the session stores the id and a hash of the password hash,
/// so a changed password ends every other session of that user.
impl AuthUser for Account {
    type Id = UserId;

    fn id(&self) -> UserId {
        self.user.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        self.password_hash.as_bytes()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error(transparent)]
    Users(#[from] UsersError),
    #[error(transparent)]
    Password(#[from] PasswordError),
}

/// Checks passwords and loads session users from the `users` table.
#[derive(Debug, Clone)]
pub struct Backend {
    users: Users,
}

impl Backend {
    pub fn new(db: Db) -> Self {
        Self {
            users: Users::new(db),
        }
    }
}

impl AuthnBackend for Backend {
    type User = Account;
    type Credentials = Login;
    type Error = AuthError;

    /// The active account whose password matches. An unknown address is checked against a
    /// dummy hash, so the answer takes as long as for a wrong password.
    async fn authenticate(&self, login: Login) -> Result<Option<Account>, AuthError> {
        let account = match Email::parse(&login.email) {
            Ok(email) => self.users.by_email(&email).await?,
            Err(_) => None,
        };
        let phc = match &account {
            Some(a) => a.password_hash.clone(),
            None => password::dummy_hash().await.to_owned(),
        };
        let matches = password::verify(login.password, phc).await?;
        Ok(account.filter(|a| matches && a.user.active))
    }

    /// A disabled account has no session user: disabling someone logs them out.
    async fn get_user(&self, id: &UserId) -> Result<Option<Account>, AuthError> {
        Ok(self.users.by_id(*id).await?.filter(|a| a.user.active))
    }
}

pub type AuthSession = axum_login::AuthSession<Backend>;

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("{0}")]
    Invalid(#[from] AccountProblem),
    #[error(transparent)]
    Users(#[from] UsersError),
    #[error(transparent)]
    Password(#[from] PasswordError),
}

/// Checks and creates an account (the HR API, first-run setup and the command line all come
/// here). With `only_first`, `Ok(None)` when an account exists already.
pub async fn register(
    users: &Users,
    new: &NewUser,
    only_first: bool,
    now: Millis,
) -> Result<Option<User>, RegisterError> {
    new.check()?;
    let phc = hash_password(new.password.clone()).await?;
    Ok(users.create(new, &phc, now, only_first).await?)
}

/// Creates the sessions table (owned by tower-sessions' store) next to our migrations.
pub async fn migrate_sessions(db: &Db) -> Result<(), sqlx::Error> {
    Sessions::new(db).migrate().await
}
