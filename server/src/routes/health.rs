//! `GET /healthz`: is the server up and does its database answer?

use axum::{extract::State, http::StatusCode, routing::get, Json, Router};
use serde::Serialize;

use crate::{db::Backend, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(health))
}

/// Body of `/healthz`; `status` is `ok` or `error`.
#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    db: Backend,
}

/// 200 when the database answers a query on a migrated table, 503 otherwise.
async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let db = state.db.backend();
    match state.db.instance_id().await {
        Ok(_) => (StatusCode::OK, Json(Health { status: "ok", db })),
        Err(e) => {
            tracing::error!(error = %e, "health check: database does not answer");
            let body = Health {
                status: "error",
                db,
            };
            (StatusCode::SERVICE_UNAVAILABLE, Json(body))
        }
    }
}
