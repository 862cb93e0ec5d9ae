//! HR's dashboard (HR only): `GET /dashboard` (the figures), `GET /dashboard/themes.svg` and
//! `/dashboard/trend.svg` (the charts, drawn here), `GET /dashboard/export.csv`,
//! `GET /dashboard/themes/{theme}` (the notes behind a theme), `GET /dashboard/emergent`
//! (recurring words no theme covers) and `GET|PUT /headcounts`.
//! Every one takes the same filter in the query string. `GET|PUT /themes`: HR's theme
//! settings (read by anyone; changing them tags every stored note again).

use app::{
    domain::{Dashboard, DashboardFilter, Emergent, Headcount, NotesQuery, Retagged, ThemeDetail},
    i18n::{Lang, Texts},
    themes::Catalogue,
};
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::Deserialize;

use crate::{
    authz::{Anyone, HrOnly, Require},
    dashboard::{csv, svg},
    error::{ApiError, Body, Params},
    AppState,
};

/// Lines in the trend chart: the most mentioned themes.
const TREND_LINES: usize = 5;

/// The chart's language: `?lang=en`, Dutch otherwise.
#[derive(Debug, Default, Deserialize)]
pub struct ChartLang {
    #[serde(default)]
    lang: Option<String>,
}

impl ChartLang {
    fn lang(&self) -> Lang {
        lang_of(self.lang.as_deref())
    }
}

/// A file's language from `?lang=`: English when asked, Dutch otherwise.
pub(super) fn lang_of(code: Option<&str>) -> Lang {
    code.and_then(Lang::from_code).unwrap_or(Lang::Nl)
}

pub async fn figures(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Params(filter): Params<DashboardFilter>,
) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(state.dashboards.dashboard(&filter).await?))
}

pub(super) fn svg_response(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        body,
    )
        .into_response()
}

fn percent(count: u32, of: u32) -> f64 {
    if of == 0 {
        0.0
    } else {
        f64::from(count) / f64::from(of)
    }
}

/// What a chart draws: the figures, the texts of its language and theme names in it.
struct ChartInput {
    d: Dashboard,
    t: &'static Texts,
    name: Box<dyn Fn(&str) -> String + Send>,
}

async fn chart_input(
    state: &AppState,
    filter: &DashboardFilter,
    lang: &ChartLang,
) -> Result<ChartInput, ApiError> {
    let d = state.dashboards.dashboard(filter).await?;
    let catalogue = state.interviews.catalogue().await?;
    let lang = lang.lang();
    Ok(ChartInput {
        d,
        t: lang.texts(),
        name: Box::new(move |key| catalogue.name(key, lang)),
    })
}

pub async fn themes_chart(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Params(filter): Params<DashboardFilter>,
    Params(lang): Params<ChartLang>,
) -> Result<Response, ApiError> {
    let ChartInput { d, t, name } = chart_input(&state, &filter, &lang).await?;
    let primary = |theme: &str| {
        d.primary
            .iter()
            .find(|p| p.theme == theme)
            .map_or(0, |p| p.count)
    };
    let rows: Vec<svg::BarRow> = d
        .themes
        .iter()
        .map(|c| {
            let bar = |n: u32| {
                let share = percent(n, d.interviews);
                (share, format!("{n} ({:.0} %)", share * 100.0))
            };
            svg::BarRow {
                label: name(&c.theme),
                values: vec![bar(c.count), bar(primary(&c.theme))],
            }
        })
        .collect();
    let series = [t.dashboard_mentioned, t.dashboard_primary];
    Ok(svg_response(svg::bars(
        t.dashboard_themes_title,
        &series,
        &rows,
    )))
}

pub async fn trend_chart(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Params(filter): Params<DashboardFilter>,
    Params(lang): Params<ChartLang>,
) -> Result<Response, ApiError> {
    let ChartInput { d, t, name } = chart_input(&state, &filter, &lang).await?;
    let quarters: Vec<String> = d.trend.iter().map(|q| q.quarter.clone()).collect();
    let lines: Vec<svg::Line> = d
        .themes
        .iter()
        .take(TREND_LINES)
        .map(|c| svg::Line {
            name: name(&c.theme),
            values: d
                .trend
                .iter()
                .map(|q| {
                    let n = q
                        .themes
                        .iter()
                        .find(|x| x.theme == c.theme)
                        .map_or(0, |x| x.count);
                    Some(percent(n, q.interviews))
                })
                .collect(),
        })
        .collect();
    Ok(svg_response(svg::lines(
        t.dashboard_trend_title,
        &quarters,
        &lines,
        "",
    )))
}

pub async fn export(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Params(filter): Params<DashboardFilter>,
) -> Result<Response, ApiError> {
    let rows = state.dashboards.rows(&filter).await?;
    Ok(csv_response("exitgesprekken.csv", csv::export(&rows)))
}

/// A CSV download named `file` (a fixed name, never from the request).
pub(super) fn csv_response(file: &'static str, body: String) -> Response {
    let disposition = format!("attachment; filename=\"{file}\"");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

pub async fn theme(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Path(theme): Path<String>,
    Params(filter): Params<DashboardFilter>,
    Params(asked): Params<NotesQuery>,
) -> Result<Json<ThemeDetail>, ApiError> {
    Ok(Json(state.dashboards.theme(&theme, &filter, &asked).await?))
}

pub async fn emergent(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Params(filter): Params<DashboardFilter>,
) -> Result<Json<Emergent>, ApiError> {
    Ok(Json(state.dashboards.emergent(&filter).await?))
}

pub async fn headcounts(
    _: Require<HrOnly>,
    State(state): State<AppState>,
) -> Result<Json<Vec<Headcount>>, ApiError> {
    Ok(Json(state.dashboards.headcounts().await?))
}

pub async fn set_headcounts(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Body(all): Body<Vec<Headcount>>,
) -> Result<StatusCode, ApiError> {
    state.dashboards.set_headcounts(&all).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn themes(
    _: Require<Anyone>,
    State(state): State<AppState>,
) -> Result<Json<Catalogue>, ApiError> {
    Ok(Json(state.interviews.catalogue().await?))
}

pub async fn set_themes(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Body(catalogue): Body<Catalogue>,
) -> Result<Json<Retagged>, ApiError> {
    let notes = state.interviews.set_catalogue(catalogue).await?;
    Ok(Json(Retagged { notes }))
}
