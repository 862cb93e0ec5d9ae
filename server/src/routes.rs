//! HTTP routes other than the Leptos pages; each resource module owns its `router()`.

use axum::Router;

use crate::AppState;

mod health;

/// All non-page routes, merged.
pub fn router() -> Router<AppState> {
    Router::new().merge(health::router())
}
