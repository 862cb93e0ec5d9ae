//! Test support: start the real server on port 0 with a fresh, empty database.
//!
//! SQLite (a file in a temporary directory) by default; PostgreSQL when
//! `TEST_DATABASE_URL` points at a server, where each test gets its own new database
//! named after the one in that URL.

#![allow(dead_code)] // Each test crate uses a different part of this module.

pub mod tablet;

use std::net::SocketAddr;

use server::{config::Config, db::DatabaseUrl, Server};
use sqlx::{Connection, Executor, PgConnection};
use tempfile::TempDir;
use tokio::sync::oneshot;

/// A running server; dropping it stops the server and removes a temporary SQLite file.
pub struct TestApp {
    pub addr: SocketAddr,
    pub config: Config,
    pub http: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<(), server::StartError>>>,
    dir: Option<TempDir>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(self.url(path))
            .send()
            .await
            .expect("request reaches the server")
    }

    /// Asks for a graceful shutdown and waits until the server has stopped.
    pub async fn stop(self) -> Result<(), server::StartError> {
        self.stop_keeping_dir().await.0
    }

    /// Like [`TestApp::stop`], but hands back the temporary directory of an SQLite file so a
    /// second server can start on the same database.
    pub async fn stop_keeping_dir(mut self) -> (Result<(), server::StartError>, Option<TempDir>) {
        let dir = self.dir.take();
        (self.shutdown().await, dir)
    }

    async fn shutdown(&mut self) -> Result<(), server::StartError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let task = self.task.take().expect("running");
        task.await.expect("server task does not panic")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A fresh database for one test: a temporary SQLite file, or a new PostgreSQL database.
pub async fn fresh_database() -> (DatabaseUrl, Option<TempDir>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => (fresh_postgres(&base).await, None),
        _ => {
            let dir = tempfile::tempdir().expect("temporary directory");
            let path = dir.path().join("data").join("exitgesprek.db");
            (DatabaseUrl::Sqlite { path }, Some(dir))
        }
    }
}

async fn fresh_postgres(base: &str) -> DatabaseUrl {
    let (server_part, db_name) = base
        .rsplit_once('/')
        .expect("TEST_DATABASE_URL has a database");
    let db_name = db_name.split('?').next().unwrap_or(db_name);
    let name = format!("{db_name}_{}", uuid::Uuid::now_v7().simple());
    let mut conn = PgConnection::connect(base)
        .await
        .expect("TEST_DATABASE_URL accepts connections");
    conn.execute(format!(r#"CREATE DATABASE "{name}""#).as_str())
        .await
        .expect("may create test databases");
    DatabaseUrl::parse(&format!("{server_part}/{name}")).expect("valid URL")
}

/// Starts the server on 127.0.0.1:0 with a fresh database.
pub async fn spawn_app() -> TestApp {
    let (database_url, dir) = fresh_database().await;
    spawn_app_on(database_url, dir).await
}

/// Starts the server on 127.0.0.1:0 with a fresh database and settings changed by `adjust`.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let (database_url, dir) = fresh_database().await;
    spawn(database_url, dir, adjust).await
}

/// Starts the server on 127.0.0.1:0 with the given database (e.g. to restart on the same one).
pub async fn spawn_app_on(database_url: DatabaseUrl, dir: Option<TempDir>) -> TestApp {
    spawn(database_url, dir, |_| {}).await
}

async fn spawn(
    database_url: DatabaseUrl,
    dir: Option<TempDir>,
    adjust: impl FnOnce(&mut Config),
) -> TestApp {
    let mut config = Config {
        addr: "127.0.0.1:0".parse().expect("valid"),
        database_url,
        site_root: "target/site".into(),
        log_filter: "warn".into(),
        ..Config::from_lookup(|_| None).expect("defaults")
    };
    adjust(&mut config);
    let server = Server::bind(&config).await.expect("server starts");
    let addr = server.local_addr().expect("bound");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(server.run_until(async {
        let _ = stopped.await;
    }));
    TestApp {
        addr,
        config,
        http: reqwest::Client::new(),
        stop: Some(stop),
        task: Some(task),
        dir,
    }
}

/// A browser-like API client: keeps cookies and sends `Origin` as a browser would.
pub struct Client {
    http: reqwest::Client,
    base: String,
}

impl Client {
    pub fn new(app: &TestApp) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        Self {
            http,
            base: app.url(""),
        }
    }

    /// Sends `method path` with an optional JSON body; answers (status, JSON body or Null).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("origin", &self.base);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request reaches the server");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
        )
    }

    /// `GET path` with extra request headers; the whole answer.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.http.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.expect("request reaches the server")
    }

    /// `GET path` for a body that is not JSON: (status, content type, text).
    pub async fn get_text(&self, path: &str) -> (u16, String, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request reaches the server");
        let status = response.status().as_u16();
        let kind = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (status, kind, response.text().await.expect("body"))
    }

    pub async fn login(&self, email: &str, password: &str) -> u16 {
        let body = serde_json::json!({ "email": email, "password": password });
        self.call("POST", "/api/v1/session", Some(body)).await.0
    }
}

pub const PASSWORD: &str = "correct horse battery";

/// Runs first-run setup: an hr account `hr@example.nl`, logged in on the returned client.
pub async fn setup_hr(app: &TestApp) -> Client {
    let hr = Client::new(app);
    let body = serde_json::json!({
        "email": "hr@example.nl", "name": "Hanna HR", "role": "hr", "password": PASSWORD,
    });
    let (status, user) = hr.call("POST", "/api/v1/setup", Some(body)).await;
    assert_eq!(status, 201, "{user}");
    hr
}

/// Adds an account through the HR API; answers its id.
pub async fn add_user(hr: &Client, email: &str, role: &str, departments: &[&str]) -> String {
    let body = serde_json::json!({
        "email": email, "name": email, "role": role, "departments": departments, "password": PASSWORD,
    });
    let (status, user) = hr.call("POST", "/api/v1/users", Some(body)).await;
    assert_eq!(status, 201, "{user}");
    user["id"].as_str().expect("id").to_owned()
}

/// Pushes every section and note of `interviews` from one new device, as a tablet would.
pub async fn push_interviews(tablet: &Client, interviews: &[app::domain::Interview]) {
    let device = app::domain::DeviceId::new();
    let mut clock = app::domain::Hlc::default();
    let mut seq = 0;
    for iv in interviews {
        let changes: Vec<app::domain::Change> = app::domain::Op::all_of(iv)
            .into_iter()
            .map(|op| {
                seq += 1;
                app::domain::Change {
                    seq,
                    id: uuid::Uuid::now_v7(),
                    stamp: clock.tick(1_000 + seq as i64, device),
                    interview: iv.id,
                    op,
                }
            })
            .collect();
        let body = serde_json::json!({ "device": device, "changes": changes });
        let (status, answer) = tablet.call("POST", "/api/v1/sync/push", Some(body)).await;
        assert_eq!(status, 200, "{answer}");
    }
}

/// A server with HR, an interviewer logged in on a tablet, and a manager each of Verkoop
/// and Logistiek (`verkoop@`, `logistiek@example.nl`).
pub async fn two_departments() -> (TestApp, Client, Client) {
    let app = spawn_app().await;
    let hr = setup_hr(&app).await;
    add_user(&hr, "interviewer@example.nl", "interviewer", &[]).await;
    add_user(&hr, "verkoop@example.nl", "manager", &["Verkoop"]).await;
    add_user(&hr, "logistiek@example.nl", "manager", &["Logistiek"]).await;
    let tablet = Client::new(&app);
    assert_eq!(tablet.login("interviewer@example.nl", PASSWORD).await, 200);
    (app, hr, tablet)
}
