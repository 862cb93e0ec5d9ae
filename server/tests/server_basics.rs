//! The foundation as a client sees it: health, the server-rendered Dutch page, restarts.

mod common;

use common::{fresh_database, spawn_app, spawn_app_on};
use serde_json::Value;

fn backend_name() -> &'static str {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => "postgres",
        _ => "sqlite",
    }
}

#[tokio::test]
async fn healthz_reports_ok_and_which_database_answered() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("JSON body");
    assert_eq!(
        body,
        serde_json::json!({"status": "ok", "db": backend_name()})
    );
}

#[tokio::test]
async fn landing_page_is_rendered_in_dutch_on_the_server() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("HTML body");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains(r#"<html lang="nl""#), "{html}");
    assert!(html.contains("<h1>Exitgesprek</h1>"), "{html}");
    assert!(html.contains("Toon de kernvragen"), "{html}");
    // Until the wasm has hydrated the page, its button says it cannot work yet.
    assert!(
        html.contains(r#"aria-controls="core-questions" disabled"#),
        "{html}"
    );
    // The hydration script is in the page, pointing at the wasm bundle.
    assert!(html.contains(r#"href="/pkg/exitgesprek.js""#), "{html}");
}

#[tokio::test]
async fn an_unknown_path_gets_a_dutch_404_page() {
    let app = spawn_app().await;
    let response = app.get("/bestaat-niet").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.expect("HTML body");
    assert!(html.contains("Pagina niet gevonden"), "{html}");
}

#[tokio::test]
async fn a_restarted_server_finds_its_database_as_it_left_it() {
    let (url, dir) = fresh_database().await;
    let first = spawn_app_on(url.clone(), dir).await;
    let db = server::db::Db::connect(&url).await.expect("opens");
    let id = db.instance_id().await.expect("migrated on start");
    // Stop gracefully, keeping the SQLite directory alive for the second start.
    let (stopped, dir) = first.stop_keeping_dir().await;
    stopped.expect("clean shutdown");
    let second = spawn_app_on(url, dir).await;
    assert_eq!(second.get("/healthz").await.status(), 200);
    assert_eq!(db.instance_id().await.expect("still there"), id);
}

#[tokio::test]
async fn graceful_shutdown_finishes_cleanly() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    app.stop().await.expect("server stops without error");
}
