//! HR teaching the theme detector (HR only): `PUT /notes/{id}/themes` (a note's themes and
//! tone corrected on a theme page), `GET /themes/models` (the stored model versions),
//! `GET /themes/models/{id}/preview` (what switching would change) and
//! `POST /themes/models/{id}/activate` (switch: every stored note is tagged again).

use app::domain::{ModelPreview, ModelVersion, NoteId, Retagged, ThemeCorrection};
use axum::{
    extract::{Path, State},
    Json,
};

use crate::{
    authz::{HrOnly, Require},
    error::{ApiError, Body},
    AppState,
};

fn version(text: &str) -> Result<i64, ApiError> {
    text.parse().map_err(|_| ApiError::NotFound)
}

pub async fn correct(
    who: Require<HrOnly>,
    State(state): State<AppState>,
    Path(text): Path<String>,
    Body(correction): Body<ThemeCorrection>,
) -> Result<Json<ThemeCorrection>, ApiError> {
    let id = NoteId::parse(&text).ok_or(ApiError::NotFound)?;
    Ok(Json(
        state
            .interviews
            .correct_note(&who.user, id, correction, app::clock::now())
            .await?,
    ))
}

pub async fn versions(
    _: Require<HrOnly>,
    State(state): State<AppState>,
) -> Result<Json<Vec<ModelVersion>>, ApiError> {
    Ok(Json(state.interviews.model_versions().await?))
}

pub async fn preview(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Path(text): Path<String>,
) -> Result<Json<ModelPreview>, ApiError> {
    Ok(Json(state.interviews.preview_model(version(&text)?).await?))
}

pub async fn activate(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Path(text): Path<String>,
) -> Result<Json<Retagged>, ApiError> {
    let notes = state.interviews.activate_model(version(&text)?).await?;
    Ok(Json(Retagged { notes }))
}
