//! The dashboard with many interviews: `BENCH_INTERVIEWS` generated interviews (about 30
//! notes each; 1 000 pushed through the tablet's push path, the rest copies of those made in
//! the database, so seeding does not dominate the run), then the top-themes query (the database
//! counts the filtered interviews in groups, the figures are made of them) and the whole
//! `GET /api/v1/dashboard` request over loopback
//! are timed, p50 and p95, on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.
//! Repeated requests get the figures kept for the unchanged data; the last lines time the
//! requests right after a change, when they are worked out again.
//! Prints figures; asserts nothing about time.
//! Run: `cargo bench -p server --bench dashboard` (`BENCH_INTERVIEWS=n` for another size).

mod common;

use std::time::{Duration, Instant};

use app::domain::{DashboardFilter, DeviceId, DisplayName, Email, NewUser, PushRequest, Role};
use server::{
    accounts::{hash_password, Users},
    cli::seed::push_generated,
    config::Config,
    dashboard::Dashboards,
    db::{DatabaseUrl, Db},
    sync::Interviews,
    Server,
};

use common::{copy_interviews, drop_pg, fresh_pg};

const RUNS: usize = 40;
/// Interviews pushed through the tablet's path; the rest of `BENCH_INTERVIEWS` are copies.
const PUSHED: usize = 1_000;
const PASSWORD: &str = "correct horse battery";

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1_000.0
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "  {label:<44} p50 {:>7.1} ms   p95 {:>7.1} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.95)
    );
}

async fn run(backend: &str, url: DatabaseUrl, interviews: usize) {
    let db = Db::connect(&url).await.expect("database");
    db.migrate().await.expect("migrated");
    let users = Users::new(db.clone());
    let hash = hash_password(PASSWORD.into()).await.expect("hash");
    let hr = NewUser {
        email: Email::parse("hr@example.nl").expect("email"),
        name: DisplayName::parse("HR").expect("name"),
        role: Role::Hr,
        departments: vec![],
        password: PASSWORD.into(),
    };
    let hr = users
        .create(&hr, &hash, 0, true)
        .await
        .expect("user")
        .expect("first user");
    let today = "2026-11-26".parse().expect("date");
    let started = Instant::now();
    let pushed = interviews.min(PUSHED);
    let notes = push_generated(
        &Interviews::new(db.clone()),
        &hr,
        pushed,
        1,
        today,
        1_000,
        |_| {},
    )
    .await
    .expect("seeded");
    let pushing = started.elapsed().as_secs_f64();
    let copies = interviews.div_ceil(pushed) - 1;
    let started = Instant::now();
    copy_interviews(&db, copies).await;
    let copying = started.elapsed().as_secs_f64();
    println!(
        "{backend}: {} interviews, {} notes: {pushed} interviews with {notes} notes pushed in \
         {pushing:.1} s ({:.0} notes/s), copied {copies} times in {copying:.1} s",
        pushed * (copies + 1),
        notes * (copies + 1),
        notes as f64 / pushing
    );

    let dashboards = Dashboards::new(db.clone());
    let filters = [
        ("all interviews", DashboardFilter::default()),
        (
            "one department",
            DashboardFilter {
                department: Some("Zorg".into()),
                ..DashboardFilter::default()
            },
        ),
    ];
    for (name, filter) in &filters {
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            let tally = dashboards.tally(filter).await.expect("counted");
            std::hint::black_box(tally.dashboard());
            times.push(t.elapsed());
        }
        report(&format!("top-themes query + count, {name}"), times);
    }

    let config = Config {
        addr: "127.0.0.1:0".parse().expect("address"),
        database_url: url,
        log_filter: "error".into(),
        // Generated leaving dates reach past the default retention: anonymising them at
        // start would take a new version per interview while the requests are timed.
        retention_months: 240,
        ..Config::from_lookup(|_| None).expect("defaults")
    };
    let server = Server::bind(&config).await.expect("server starts");
    let base = format!("http://{}", server.local_addr().expect("bound"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.run_until(async {
        let _ = stopped.await;
    }));
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let login = serde_json::json!({ "email": "hr@example.nl", "password": PASSWORD });
    let answer = http
        .post(format!("{base}/api/v1/session"))
        .header("origin", &base)
        .json(&login)
        .send()
        .await
        .expect("login");
    assert!(answer.status().is_success(), "login: {}", answer.status());
    for (path, label) in [
        ("/api/v1/dashboard", "GET /api/v1/dashboard (whole request)"),
        (
            "/api/v1/dashboard?department=Zorg",
            "GET /api/v1/dashboard?department=Zorg",
        ),
        (
            "/api/v1/dashboard/themes.svg",
            "GET /api/v1/dashboard/themes.svg",
        ),
        (
            "/api/v1/dashboard/emergent",
            "GET /api/v1/dashboard/emergent",
        ),
    ] {
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            let response = http.get(format!("{base}{path}")).send().await.expect("get");
            assert!(
                response.status().is_success(),
                "{path}: {}",
                response.status()
            );
            std::hint::black_box(response.bytes().await.expect("body"));
            times.push(t.elapsed());
        }
        report(label, times);
    }
    // After every change the figures are counted again: an empty push takes a new version
    // (untimed) before each request.
    let interviews = Interviews::new(db.clone());
    let paths = ["/api/v1/dashboard", "/api/v1/dashboard/emergent"];
    let mut times = [Vec::with_capacity(RUNS), Vec::with_capacity(RUNS)];
    for _ in 0..RUNS {
        let nothing = PushRequest {
            device: DeviceId::new(),
            changes: vec![],
        };
        interviews
            .push(&hr, nothing.into(), 1_000)
            .await
            .expect("empty push");
        for (path, times) in paths.iter().zip(&mut times) {
            let t = Instant::now();
            let response = http.get(format!("{base}{path}")).send().await.expect("get");
            assert!(response.status().is_success(), "{}", response.status());
            std::hint::black_box(response.bytes().await.expect("body"));
            times.push(t.elapsed());
        }
    }
    for (path, times) in paths.iter().zip(times) {
        report(&format!("GET {path} after a change"), times);
    }
    let _ = stop.send(());
    let _ = serving.await;
    drop(db);
}

#[tokio::main]
async fn main() {
    let interviews: usize = std::env::var("BENCH_INTERVIEWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    println!("dashboard bench, {RUNS} runs each; target p50 <= 50 ms");
    let dir = tempfile::tempdir().expect("temporary directory");
    let sqlite = DatabaseUrl::Sqlite {
        path: dir.path().join("bench.db"),
    };
    run("SQLite", sqlite, interviews).await;
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => {
            let (url, name) = fresh_pg(&base).await;
            run("PostgreSQL", url, interviews).await;
            drop_pg(&base, &name).await;
        }
        _ => println!("PostgreSQL: skipped (TEST_DATABASE_URL not set; .ci/run sets it)"),
    }
}
