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
    AppState::new(db, &config)
}

async fn get(path: &str) -> axum::response::Response {
    get_from(state().await, path).await
}

async fn get_from(state: AppState, path: &str) -> axum::response::Response {
    server::router(state)
        .oneshot(Request::get(path).body(Body::empty()).expect("request"))
        .await
        .expect("infallible")
}

async fn body(response: axum::response::Response) -> axum::body::Bytes {
    response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
}

fn header<'a>(response: &'a axum::response::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_service_worker_is_served_as_javascript_that_is_always_revalidated() {
    let response = get("/sw.js").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-type"),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(header(&response, "cache-control"), "no-cache");
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let script = std::str::from_utf8(&body).expect("utf-8");
    assert!(
        script.starts_with("const VERSION = \""),
        "{}",
        &script[..80]
    );
    assert!(script.contains("addEventListener(\"fetch\""));
}

/// One failing URL makes the whole precache (and so the offline app) fail to install.
#[tokio::test]
async fn every_page_the_service_worker_precaches_renders() {
    let shell = [app::offline::INTERVIEW_SHELL];
    for path in app::offline::PAGES.iter().chain(&shell) {
        let response = get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            header(&response, "content-type").starts_with("text/html"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn healthz_answers_through_the_router() {
    let response = get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        &body(response).await[..],
        br#"{"status":"ok","db":"sqlite"}"#
    );
}

#[tokio::test]
async fn healthz_is_503_when_the_database_is_gone() {
    let state = state().await;
    if let Db::Sqlite(pool) = &state.db {
        pool.close().await;
    }
    let response = get_from(state, "/healthz").await;
    assert_eq!(response.status(), 503);
    assert_eq!(
        &body(response).await[..],
        br#"{"status":"error","db":"sqlite"}"#
    );
}
