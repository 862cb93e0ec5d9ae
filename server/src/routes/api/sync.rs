//! `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`: the tablet's side of sync (see
//! `docs/sync.md`). Any logged-in user may sync their own interviews. `GET|PATCH /settings`:
//! HR's settings for the tablets (read by all, changed by HR).

use app::domain::{DeviceId, PullResponse, PushResponse, TabletSettings, User, UserId};
use axum::{extract::State, http::StatusCode, Json};
use serde::Deserialize;

use crate::{
    authz::{Anyone, HrOnly, Require, TakesInterviews},
    error::{ApiError, Body, Params},
    sync::{push::Received, SyncError},
    AppState,
};

/// The API's answer to a repository failure.
impl From<SyncError> for ApiError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::BadRequest(m) => ApiError::BadRequest(StatusCode::BAD_REQUEST, m),
            SyncError::NotFound => ApiError::NotFound,
            SyncError::Forbidden => ApiError::Forbidden,
            SyncError::Conflict(m) => ApiError::Conflict(m),
            e @ SyncError::DeviceTaken => ApiError::DeviceTaken(e.to_string()),
            e @ SyncError::DeviceBehind => ApiError::DeviceBehind(e.to_string()),
            other => ApiError::internal(other),
        }
    }
}

/// `?user=…`: whose changes the device means to sync. A tablet sends it, so a session that
/// changed hands (another interviewer logged in, in another tab) never takes the first one's
/// changes or interviews: the request is refused as `wrong_user`.
#[derive(Debug, Deserialize)]
pub struct ForUser {
    user: Option<UserId>,
}

impl ForUser {
    fn check(&self, who: &User) -> Result<(), ApiError> {
        match self.user {
            Some(user) if user != who.id => Err(ApiError::WrongUser),
            _ => Ok(()),
        }
    }
}

pub async fn push(
    who: Require<TakesInterviews>,
    State(state): State<AppState>,
    Params(for_user): Params<ForUser>,
    Body(request): Body<Received>,
) -> Result<Json<PushResponse>, ApiError> {
    for_user.check(&who.user)?;
    Ok(Json(
        state
            .interviews
            .push(&who.user, request, app::clock::now())
            .await?,
    ))
}

#[derive(Debug, Deserialize)]
pub struct PullQuery {
    device: DeviceId,
    #[serde(default)]
    cursor: i64,
    user: Option<UserId>,
}

pub async fn pull(
    who: Require<TakesInterviews>,
    State(state): State<AppState>,
    Params(q): Params<PullQuery>,
) -> Result<Json<PullResponse>, ApiError> {
    ForUser { user: q.user }.check(&who.user)?;
    Ok(Json(
        state
            .interviews
            .pull(&who.user, q.device, q.cursor, app::clock::now())
            .await?,
    ))
}

pub async fn settings(
    _: Require<Anyone>,
    State(state): State<AppState>,
) -> Result<Json<TabletSettings>, ApiError> {
    Ok(Json(state.interviews.settings().await?))
}

pub async fn set_settings(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Body(settings): Body<TabletSettings>,
) -> Result<Json<TabletSettings>, ApiError> {
    state.interviews.set_settings(settings).await?;
    Ok(Json(settings))
}
