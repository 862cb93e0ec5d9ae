//! `POST /api/v1/session` logs in (sets the session cookie); `DELETE` logs out; `GET` says
//! who is logged in, `null` for nobody (unlike `/me`, not an error: a page asks it on every
//! start). Wrong passwords are counted per account and per client address and slow the
//! next try down.

use std::net::{IpAddr, SocketAddr};

use app::domain::{Login, SessionInfo, User};
use axum::{
    extract::{ConnectInfo, FromRequestParts, State},
    http::{request::Parts, StatusCode},
    Json,
};

use crate::{
    accounts::{throttle::Attempt, AuthSession},
    error::{ApiError, Body},
    AppState,
};

/// The client's address when the server knows it (not in router tests without a socket).
pub struct ClientAddr(Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let addr = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(Self(addr.map(|c| c.0.ip())))
    }
}

pub async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    mut auth: AuthSession,
    Body(login): Body<Login>,
) -> Result<Json<User>, ApiError> {
    let now = app::clock::now();
    let attempt = Attempt::new(&login.email, client);
    let waited = state
        .throttle
        .lock()
        .map_err(ApiError::internal)?
        .check_attempt(&attempt, now);
    if let Err(ms) = waited {
        return Err(ApiError::TooManyAttempts(((ms + 999) / 1000).max(1) as u64));
    }

    let account = auth.authenticate(login).await.map_err(ApiError::internal)?;
    state
        .throttle
        .lock()
        .map_err(ApiError::internal)?
        .record_attempt(&attempt, account.is_some(), now);
    let account = account.ok_or(ApiError::WrongCredentials)?;
    auth.login(&account).await.map_err(ApiError::internal)?;
    Ok(Json(account.user))
}

pub async fn current(auth: AuthSession) -> Json<SessionInfo> {
    Json(SessionInfo {
        user: auth.user.map(|account| account.user),
    })
}

/// Always 204: logging out twice, or without a session, is not an error.
pub async fn logout(mut auth: AuthSession) -> Result<StatusCode, ApiError> {
    auth.logout().await.map_err(ApiError::internal)?;
    Ok(StatusCode::NO_CONTENT)
}
