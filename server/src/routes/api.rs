//! The JSON API under `/api/v1/`. Every endpoint is declared once, in the table below, which
//! builds the router and [`ENDPOINTS`]; the authorization matrix test walks `ENDPOINTS`, so
//! an endpoint cannot be added without the test asking who may call it.

use axum::{
    extract::DefaultBodyLimit,
    routing::{on, MethodFilter},
    Router,
};

use crate::AppState;

mod dashboard;
mod insights;
mod interviews;
mod me;
mod openapi;
mod plan;
mod progress;
mod session;
mod setup;
mod sync;
mod theme_model;
mod users;

pub use openapi::DOCUMENT as OPENAPI;

/// Request bodies above this are refused with 413 before they are read.
pub const BODY_LIMIT: usize = 1024 * 1024;

macro_rules! endpoints {
    ($($method:ident $path:literal => $handler:path),* $(,)?) => {
        /// Every endpoint as (method, path under `/api/v1`).
        pub const ENDPOINTS: &[(&str, &str)] = &[$((stringify!($method), $path)),*];

        fn endpoints() -> Router<AppState> {
            Router::new()$(.route($path, on(MethodFilter::$method, $handler)))*
        }
    };
}

endpoints! {
    GET "/session" => session::current,
    POST "/session" => session::login,
    DELETE "/session" => session::logout,
    GET "/me" => me::me,
    GET "/setup" => setup::status,
    POST "/setup" => setup::create_first_hr,
    GET "/users" => users::list,
    POST "/users" => users::create,
    PATCH "/users/{id}" => users::change,
    POST "/sync/push" => sync::push,
    GET "/sync/pull" => sync::pull,
    GET "/interviews" => interviews::list,
    GET "/interviews/{id}" => interviews::one,
    DELETE "/interviews/{id}" => interviews::erase,
    GET "/audit" => interviews::audit,
    GET "/dashboard" => dashboard::figures,
    GET "/dashboard/themes.svg" => dashboard::themes_chart,
    GET "/dashboard/trend.svg" => dashboard::trend_chart,
    GET "/dashboard/export.csv" => dashboard::export,
    GET "/dashboard/themes/{theme}" => dashboard::theme,
    GET "/dashboard/emergent" => dashboard::emergent,
    GET "/themes" => dashboard::themes,
    PUT "/themes" => dashboard::set_themes,
    PUT "/notes/{id}/themes" => theme_model::correct,
    PUT "/notes/{id}/share" => insights::share,
    GET "/themes/models" => theme_model::versions,
    GET "/themes/models/{id}/preview" => theme_model::preview,
    POST "/themes/models/{id}/activate" => theme_model::activate,
    GET "/insights" => insights::insights,
    GET "/insights/themes.svg" => insights::themes_chart,
    GET "/insights/trend.svg" => insights::trend_chart,
    GET "/insights/export.csv" => insights::export,
    GET "/insights/settings" => insights::settings,
    PUT "/insights/settings" => insights::set_settings,
    GET "/actions" => plan::list,
    POST "/actions" => plan::create,
    GET "/actions/{id}" => plan::one,
    PUT "/actions/{id}" => plan::change,
    DELETE "/actions/{id}" => plan::delete,
    POST "/actions/{id}/updates" => plan::add_update,
    GET "/progress-links" => progress::list,
    POST "/progress-links" => progress::publish,
    DELETE "/progress-links/{id}" => progress::revoke,
    GET "/public/progress/{token}" => progress::page,
    GET "/headcounts" => dashboard::headcounts,
    PUT "/headcounts" => dashboard::set_headcounts,
    GET "/settings" => sync::settings,
    PATCH "/settings" => sync::set_settings,
    GET "/openapi.json" => openapi::document,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .nest("/api/v1", endpoints())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}
