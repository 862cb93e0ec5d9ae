//! Progress links (HR): `GET|POST /progress-links`, `DELETE /progress-links/{id}`; and the
//! page they open, `GET /public/progress/{token}`, which needs no login and answers 404 for
//! an unknown, expired or revoked link alike. What the page shows is [`crate::plan`]'s to
//! decide.

use app::{
    domain::{NewProgressLink, ProgressLink, ProgressPage, ThemeLabel},
    i18n::Lang,
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    Json,
};

use super::plan::seen;
use crate::{
    authz::{HrOnly, Require},
    error::{ApiError, Body},
    AppState,
};

pub async fn list(
    _: Require<HrOnly>,
    State(state): State<AppState>,
) -> Result<Json<Vec<ProgressLink>>, ApiError> {
    Ok(Json(state.plans.links().await?))
}

pub async fn publish(
    Require { user, .. }: Require<HrOnly>,
    State(state): State<AppState>,
    Body(asked): Body<NewProgressLink>,
) -> Result<(StatusCode, Json<ProgressLink>), ApiError> {
    let link = state.plans.publish(&user, asked, app::clock::now()).await?;
    Ok((StatusCode::CREATED, Json(link)))
}

pub async fn revoke(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.plans.revoke(&id, app::clock::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn page(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<ProgressPage>, ApiError> {
    // An unknown, expired or revoked link answers 404 before anything else is read.
    let link = state.plans.open_link(&token, app::clock::now()).await?;
    let catalogue = state.interviews.catalogue().await?;
    let label = |key: &str| ThemeLabel {
        key: key.to_owned(),
        nl: catalogue.name(key, Lang::Nl),
        en: catalogue.name(key, Lang::En),
    };
    let seen = seen(&state).await?;
    let page = state.plans.progress_page(link, seen, label).await?;
    Ok(Json(page))
}
