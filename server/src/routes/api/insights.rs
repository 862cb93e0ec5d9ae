//! What managers see (`GET /insights`): the anonymised figures of the departments on their
//! account; HR opens the same view for any department (`?scope=…`) or the whole
//! organisation. `GET /insights/themes.svg`, `/insights/trend.svg` and `/insights/export.csv`:
//! the same figures as charts and a spreadsheet, drawn from that answer alone. `GET|PUT /insights/settings`: HR's minimum group sizes.
//! `PUT /notes/{id}/share`: HR marks a quote or suggestion "delen" (or takes it back).

use app::domain::{
    AnonymitySettings, InsightFilter, Insights, NoteId, NoteShare, Role, TenureBand, User,
};
use app::i18n::Texts;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
    Json,
};
use serde::Deserialize;

use super::dashboard::{csv_response, lang_of, svg_response};
use crate::{
    authz::{HrOnly, HrOrManager, Require},
    dashboard::insight_files,
    error::{ApiError, Body, Params},
    AppState,
};

/// `?scope=` (whose view), and at most one filter condition.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InsightQuery {
    scope: Option<String>,
    department: Option<String>,
    role: Option<String>,
    year: Option<i32>,
    tenure: Option<TenureBand>,
    voluntary: Option<bool>,
    /// The language of the charts and the CSV (`en`; Dutch otherwise).
    lang: Option<String>,
}

pub async fn insights(
    Require { user, .. }: Require<HrOrManager>,
    State(state): State<AppState>,
    Params(query): Params<InsightQuery>,
) -> Result<Json<Insights>, ApiError> {
    if query.lang.is_some() {
        return Err(ApiError::BadRequest(
            StatusCode::BAD_REQUEST,
            "lang is for the charts and the CSV; the figures have no language".to_owned(),
        ));
    }
    Ok(Json(figures(&user, &state, query).await?))
}

/// What a file draws: the figures, the texts of its language, and theme names in it.
async fn file_input(
    user: &User,
    state: &AppState,
    query: InsightQuery,
) -> Result<(Insights, &'static Texts, impl Fn(&str) -> String), ApiError> {
    let lang = lang_of(query.lang.as_deref());
    let d = figures(user, state, query).await?;
    let catalogue = state.interviews.catalogue().await?;
    Ok((d, lang.texts(), move |key: &str| catalogue.name(key, lang)))
}

pub async fn themes_chart(
    Require { user, .. }: Require<HrOrManager>,
    State(state): State<AppState>,
    Params(query): Params<InsightQuery>,
) -> Result<Response, ApiError> {
    let (d, t, name) = file_input(&user, &state, query).await?;
    Ok(svg_response(insight_files::themes_chart(&d, t, &name)))
}

pub async fn trend_chart(
    Require { user, .. }: Require<HrOrManager>,
    State(state): State<AppState>,
    Params(query): Params<InsightQuery>,
) -> Result<Response, ApiError> {
    let (d, t, name) = file_input(&user, &state, query).await?;
    Ok(svg_response(insight_files::trend_chart(&d, t, &name)))
}

pub async fn export(
    Require { user, .. }: Require<HrOrManager>,
    State(state): State<AppState>,
    Params(query): Params<InsightQuery>,
) -> Result<Response, ApiError> {
    let (d, t, name) = file_input(&user, &state, query).await?;
    Ok(csv_response(
        "inzichten.csv",
        insight_files::csv(&d, t, &name),
    ))
}

/// The anonymised figures `user` may see under `query`: a manager's own departments, HR's
/// chosen scope or the whole organisation.
async fn figures(user: &User, state: &AppState, query: InsightQuery) -> Result<Insights, ApiError> {
    let mut department = query.department;
    let departments: Vec<String> = if user.role == Role::Hr {
        match &query.scope {
            Some(one) => vec![one.clone()],
            None => state.dashboards.departments().await?,
        }
    } else {
        let own: Vec<String> = user.departments.iter().map(|d| d.to_string()).collect();
        let asked = [&query.scope, &department];
        if asked
            .iter()
            .any(|d| d.as_ref().is_some_and(|d| !own.contains(d)))
        {
            return Err(ApiError::Forbidden);
        }
        // A manager's view is always all their departments; one of them alone is a filter,
        // checked like any other (what is left without it must be large enough too).
        if let Some(one) = query.scope {
            if department.replace(one).is_some() {
                return Err(ApiError::BadRequest(
                    StatusCode::BAD_REQUEST,
                    "choose one filter at a time".to_owned(),
                ));
            }
        }
        own
    };
    let filter = InsightFilter {
        department,
        role: query.role,
        year: query.year,
        tenure: query.tenure,
        voluntary: query.voluntary,
    };
    Ok(state.dashboards.insights(&departments, &filter).await?)
}

pub async fn settings(
    _: Require<HrOnly>,
    State(state): State<AppState>,
) -> Result<Json<AnonymitySettings>, ApiError> {
    Ok(Json(state.dashboards.anonymity_settings().await?))
}

pub async fn set_settings(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Body(settings): Body<AnonymitySettings>,
) -> Result<Json<AnonymitySettings>, ApiError> {
    state.dashboards.set_anonymity_settings(settings).await?;
    Ok(Json(settings))
}

pub async fn share(
    who: Require<HrOnly>,
    State(state): State<AppState>,
    Path(text): Path<String>,
    Body(share): Body<NoteShare>,
) -> Result<Json<NoteShare>, ApiError> {
    let id = NoteId::parse(&text).ok_or(ApiError::NotFound)?;
    Ok(Json(
        state
            .interviews
            .share_note(&who.user, id, share, app::clock::now())
            .await?,
    ))
}
