//! Who is logged in on this device, as the server last said (`GET /api/v1/session`), and logging
//! out. The interviews on the device never depend on it: offline the interviewer keeps
//! working, and the answer is simply unknown.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::{self, ApiFailure},
    domain::{Role, SessionInfo, User},
    i18n::Texts,
    store,
};

#[derive(Clone, Copy)]
pub struct Session {
    /// The logged-in user; `None` when logged out or not (yet) known.
    pub user: RwSignal<Option<User>>,
}

impl Session {
    /// Whether a manager is logged in (who sees only aggregates and never syncs).
    pub fn is_manager(self) -> bool {
        self.user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Manager))
    }

    pub fn is_manager_untracked(self) -> bool {
        self.user
            .with_untracked(|u| u.as_ref().is_some_and(|u| u.role == Role::Manager))
    }

    /// Asks the server again (after login, setup or logout).
    pub fn refresh(self) {
        spawn_local(async move {
            let _ = self.ask().await;
        });
    }

    /// Asks the server who is logged in, keeps the answer and gives it back.
    pub async fn ask(self) -> Result<Option<User>, ApiFailure> {
        let answer = api::call::<SessionInfo>("GET", "/session", None::<&()>)
            .await
            .map(|info| info.user);
        match &answer {
            Ok(user) => self.user.set(user.clone()),
            // Offline: keep what we knew; the server is the judge once it answers.
            Err(ApiFailure::Offline) => {}
            Err(_) => self.user.set(None),
        }
        answer
    }

    /// Logs out on the server (the caller has locked the vault already, so a failure here
    /// leaves nothing readable on the tablet).
    pub async fn logout(self, texts: &'static Texts) -> Result<(), String> {
        api::call::<()>("DELETE", "/session", None::<&()>)
            .await
            .map_err(|e| texts.api_failure(&e))?;
        self.user.set(None);
        Ok(())
    }
}

/// Removes the synced interviews of the open vault from this device (logging out on a
/// shared tablet); answers how many. Nothing to remove while locked.
pub fn remove_synced(texts: &'static Texts) -> Result<usize, String> {
    match store::browser().and_then(|s| s.remove_synced(store::Removal::All)) {
        Err(store::StoreError::Locked) => Ok(0),
        other => other.map_err(|e| texts.store_error(&e)),
    }
}

/// Provides [`Session`] and, after hydration, asks the server who is logged in.
pub fn provide_session() -> Session {
    let session = Session {
        user: RwSignal::new(None),
    };
    provide_context(session);
    Effect::new(move |_| session.refresh());
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
