//! The improvement plan (HR, and managers for their departments): `GET|POST /actions`,
//! `GET|PUT|DELETE /actions/{id}`, `POST /actions/{id}/updates`. Who may read or change
//! which action is [`crate::plan`]'s to decide; each answer carries the effect as the
//! caller may see it.

use app::domain::{Action, ActionDraft, ActionId, NewUpdate, User};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    Json,
};

use crate::{
    authz::{HrOrManager, Require},
    error::{ApiError, Body, Params},
    plan::{ActionFilter, Seen, Viewer},
    AppState,
};

fn viewer(user: &User) -> Result<Viewer, ApiError> {
    Viewer::of(user).ok_or(ApiError::Forbidden)
}

fn today() -> Result<chrono::NaiveDate, ApiError> {
    app::clock::today().ok_or_else(|| ApiError::internal("the clock gives no date"))
}

fn action_id(text: &str) -> Result<ActionId, ApiError> {
    ActionId::parse(text).ok_or(ApiError::NotFound)
}

pub(super) async fn seen(state: &AppState) -> Result<Seen, ApiError> {
    Ok(Seen {
        today: today()?,
        k: state.dashboards.anonymity_settings().await?.min_group,
    })
}

async fn read(state: &AppState, user: &User, id: ActionId) -> Result<Json<Action>, ApiError> {
    let seen = seen(state).await?;
    Ok(Json(state.plans.one(&viewer(user)?, id, seen).await?))
}

pub async fn list(
    Require { user, .. }: Require<HrOrManager>,
    State(state): State<AppState>,
    Params(filter): Params<ActionFilter>,
) -> Result<Json<Vec<Action>>, ApiError> {
    let seen = seen(&state).await?;
    Ok(Json(
        state.plans.list(&viewer(&user)?, &filter, seen).await?,
    ))
}

pub async fn one(
    Require { user, .. }: Require<HrOrManager>,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Action>, ApiError> {
    read(&state, &user, action_id(&id)?).await
}

pub async fn create(
    Require { user, .. }: Require<HrOrManager>,
    State(state): State<AppState>,
    Body(draft): Body<ActionDraft>,
) -> Result<(StatusCode, Json<Action>), ApiError> {
    let themes = state.dashboards.theme_keys().await?;
    let now = app::clock::now();
    let id = state
        .plans
        .create(&user, draft, &themes, today()?, now)
        .await?;
    Ok((StatusCode::CREATED, read(&state, &user, id).await?))
}

pub async fn change(
    Require { user, .. }: Require<HrOrManager>,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Body(draft): Body<ActionDraft>,
) -> Result<Json<Action>, ApiError> {
    let id = action_id(&id)?;
    let themes = state.dashboards.theme_keys().await?;
    let now = app::clock::now();
    state
        .plans
        .change(&user, id, draft, &themes, today()?, now)
        .await?;
    read(&state, &user, id).await
}

pub async fn delete(
    Require { user, .. }: Require<HrOrManager>,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.plans.delete(&user, action_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn add_update(
    Require { user, .. }: Require<HrOrManager>,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Body(update): Body<NewUpdate>,
) -> Result<Json<Action>, ApiError> {
    let id = action_id(&id)?;
    let now = app::clock::now();
    state
        .plans
        .add_update(&user, id, update, today()?, now)
        .await?;
    read(&state, &user, id).await
}
