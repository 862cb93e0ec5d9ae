//! Synced interviews: `GET /interviews` (filtered list), `GET /interviews/{id}` (one in full;
//! audited), `DELETE /interviews/{id}` (HR erases on request), `GET /audit` (HR).
//! HR sees every interview; anyone else only their own (others answer 404, so existence
//! does not leak).

use app::domain::{AuditEntry, InterviewFilter, InterviewId, InterviewRecord, InterviewSummary};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    Json,
};

use crate::{
    authz::{Anyone, HrOnly, Require},
    error::{ApiError, Params},
    AppState,
};

/// How many audit entries one answer holds.
const AUDIT_PAGE: i64 = 500;

fn id(text: &str) -> Result<InterviewId, ApiError> {
    InterviewId::parse(text).ok_or(ApiError::NotFound)
}

pub async fn list(
    who: Require<Anyone>,
    State(state): State<AppState>,
    Params(filter): Params<InterviewFilter>,
) -> Result<Json<Vec<InterviewSummary>>, ApiError> {
    Ok(Json(state.interviews.list(&who.user, &filter).await?))
}

pub async fn one(
    who: Require<Anyone>,
    State(state): State<AppState>,
    Path(text): Path<String>,
) -> Result<Json<InterviewRecord>, ApiError> {
    Ok(Json(
        state
            .interviews
            .record(&who.user, id(&text)?, app::clock::now())
            .await?,
    ))
}

pub async fn erase(
    who: Require<HrOnly>,
    State(state): State<AppState>,
    Path(text): Path<String>,
) -> Result<StatusCode, ApiError> {
    state
        .interviews
        .erase(&who.user, id(&text)?, app::clock::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn audit(
    _: Require<HrOnly>,
    State(state): State<AppState>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    Ok(Json(state.interviews.audit_log(AUDIT_PAGE).await?))
}
