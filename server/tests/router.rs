//! The router without a network: requests go straight in through `oneshot`.

use axum::{body::Body, http::Request};
use http_body_util::BodyExt;
use server::{
    config::Config,
    db::{DatabaseUrl, Db},
    AppState,
};
use tower::ServiceExt;

async fn state() -> AppState {
    let url = DatabaseUrl::parse("sqlite::memory:").expect("valid");
    let db = Db::connect(&url).await.expect("opens");
    db.migrate().await.expect("migrates");
    let config = Config::from_lookup(|_| None).expect("defaults");
    AppState {
        db,
        leptos: server::leptos_options(&config),
    }
}

#[tokio::test]
async fn healthz_answers_through_the_router() {
    let response = server::router(state().await)
        .oneshot(
            Request::get("/healthz")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("infallible");
    assert_eq!(response.status(), 200);
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    assert_eq!(&body[..], br#"{"status":"ok","db":"sqlite"}"#);
}

#[tokio::test]
async fn healthz_is_503_when_the_database_is_gone() {
    let state = state().await;
    if let Db::Sqlite(pool) = &state.db {
        pool.close().await;
    }
    let response = server::router(state)
        .oneshot(
            Request::get("/healthz")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("infallible");
    assert_eq!(response.status(), 503);
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    assert_eq!(&body[..], br#"{"status":"error","db":"sqlite"}"#);
}
