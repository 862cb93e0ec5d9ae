//! HTTP routes other than the Leptos pages; each resource module owns its `router()`.

use axum::Router;
use leptos::prelude::LeptosOptions;

use crate::AppState;

pub mod api;
mod health;
mod pwa;

/// All non-page routes, merged.
pub fn router(options: &LeptosOptions) -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(api::router())
        .merge(pwa::router(options))
}
