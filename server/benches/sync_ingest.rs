//! Sync ingest over loopback on SQLite: notes per second arriving through
//! `POST /api/v1/sync/push` in batches of 100, against the ceiling of inserting the same rows
//! straight into SQLite (one transaction per batch, and all rows in one transaction).
//! Prints figures; asserts nothing about time. Run: `cargo bench -p server --bench sync_ingest`.

mod common;

use std::time::{Duration, Instant};

use app::domain::{
    Change, Details, DeviceId, Hlc, Interview, InterviewId, Note, NoteKind, Op, PushRequest,
    PushResponse,
};
use common::text;
use server::{config::Config, db::DatabaseUrl, Server};

const BATCH: usize = 100;
const BATCHES: usize = 60;
const ROUNDS: usize = 3;
const PASSWORD: &str = "correct horse battery";

/// `batches` pushes of `BATCH` new notes each, for one interview, after its sections.
fn requests(device: DeviceId, batches: usize) -> (Interview, Vec<PushRequest>) {
    let details = Details {
        leaver: "Bench".into(),
        ..Details::default()
    };
    let interview = Interview::new(details, "", 1_000);
    let mut clock = Hlc::default();
    let mut seq = 0;
    let mut change = |op: Op| {
        seq += 1;
        Change {
            seq,
            id: uuid::Uuid::now_v7(),
            stamp: clock.tick(1_000 + seq as i64, device),
            interview: interview.id,
            op,
        }
    };
    let mut out = vec![PushRequest {
        device,
        changes: Op::all_of(&interview)
            .into_iter()
            .map(&mut change)
            .collect(),
    }];
    for b in 0..batches {
        let changes = (0..BATCH)
            .map(|i| {
                let at = 2_000 + (b * BATCH + i) as i64;
                let note = Note::new(
                    interview.guide[i % 5].id.clone(),
                    NoteKind::Example,
                    &text(b * BATCH + i),
                    at,
                )
                .expect("note");
                change(Op::Note(note))
            })
            .collect();
        out.push(PushRequest { device, changes });
    }
    (interview, out)
}

async fn fresh_server() -> (
    tempfile::TempDir,
    DatabaseUrl,
    std::net::SocketAddr,
    tokio::sync::oneshot::Sender<()>,
) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = DatabaseUrl::Sqlite {
        path: dir.path().join("bench.db"),
    };
    let config = Config {
        addr: "127.0.0.1:0".parse().expect("address"),
        database_url: url.clone(),
        log_filter: "error".into(),
        ..Config::from_lookup(|_| None).expect("defaults")
    };
    let server = Server::bind(&config).await.expect("server starts");
    let addr = server.local_addr().expect("bound");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run_until(async {
        let _ = stopped.await;
    }));
    (dir, url, addr, stop)
}

/// Notes per second through the API.
async fn ingest() -> f64 {
    let (_dir, _url, addr, stop) = fresh_server().await;
    let base = format!("http://{addr}");
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let setup = serde_json::json!({ "email": "b@example.nl", "name": "B", "role": "hr", "password": PASSWORD });
    let answer = http
        .post(format!("{base}/api/v1/setup"))
        .header("origin", &base)
        .json(&setup)
        .send()
        .await
        .expect("setup");
    assert!(answer.status().is_success(), "setup: {}", answer.status());
    let (_, pushes) = requests(DeviceId::new(), BATCHES);
    let (first, rest) = pushes.split_first().expect("pushes");
    push(&http, &base, first).await;
    let started = Instant::now();
    for request in rest {
        push(&http, &base, request).await;
    }
    let elapsed = started.elapsed();
    let _ = stop.send(());
    (BATCHES * BATCH) as f64 / elapsed.as_secs_f64()
}

async fn push(http: &reqwest::Client, base: &str, request: &PushRequest) {
    let answer: PushResponse = http
        .post(format!("{base}/api/v1/sync/push"))
        .header("origin", base)
        .json(request)
        .send()
        .await
        .expect("push")
        .json()
        .await
        .expect("answer");
    assert!(answer.rejected.is_empty(), "{answer:?}");
    assert_eq!(
        answer.applied_upto,
        request.changes.last().map_or(0, |c| c.seq)
    );
}

/// Notes per second inserted straight into a migrated SQLite file, `per_tx` rows per
/// transaction: the same rows the push stores.
async fn ceiling(per_tx: usize) -> f64 {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = DatabaseUrl::Sqlite {
        path: dir.path().join("ceiling.db"),
    };
    let db = server::db::Db::connect(&url).await.expect("db");
    db.migrate().await.expect("migrated");
    let server::db::Db::Sqlite(pool) = db else {
        unreachable!("an SQLite URL")
    };
    let (interview, pushes) = requests(DeviceId::new(), BATCHES);
    sqlx::query("INSERT INTO users (id, email, display_name, role, password_hash, active, created_at, updated_at) VALUES ('u', 'u@x', 'U', 'hr', 'x', TRUE, 0, 0)")
        .execute(&pool).await.expect("user");
    sqlx::query(
        "INSERT INTO interviews (id, owner_id, created_at, updated_at) VALUES ($1, 'u', 0, 0)",
    )
    .bind(interview.id.to_string())
    .execute(&pool)
    .await
    .expect("interview");
    let notes: Vec<(Change, Note)> = pushes[1..]
        .iter()
        .flat_map(|p| p.changes.iter())
        .filter_map(|c| match &c.op {
            Op::Note(n) => Some((c.clone(), n.clone())),
            _ => None,
        })
        .collect();
    let insert = "INSERT INTO notes (id, interview_id, question, kind, text, deleted, created_at, updated_at, themes, sentiment, stamp, version) \
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', 'neutral', $9, 1)";
    let id: InterviewId = interview.id;
    let started = Instant::now();
    for chunk in notes.chunks(per_tx) {
        let mut tx = pool.begin().await.expect("tx");
        for (change, note) in chunk {
            sqlx::query(insert)
                .bind(note.id.to_string())
                .bind(id.to_string())
                .bind(note.question.as_str())
                .bind("example")
                .bind(&note.text)
                .bind(note.deleted)
                .bind(note.created_at)
                .bind(note.updated_at)
                .bind(change.stamp.key())
                .execute(&mut *tx)
                .await
                .expect("insert");
        }
        tx.commit().await.expect("commit");
    }
    notes.len() as f64 / started.elapsed().as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let mut api = Vec::new();
    let mut per_batch = Vec::new();
    let mut single = Vec::new();
    for _ in 0..ROUNDS {
        api.push(ingest().await);
        per_batch.push(ceiling(BATCH).await);
        single.push(ceiling(usize::MAX).await);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (api, per_batch, single) = (median(api), median(per_batch), median(single));
    println!("sync ingest over loopback, SQLite, {BATCHES} pushes of {BATCH} notes, median of {ROUNDS} rounds:");
    println!("  through POST /api/v1/sync/push:           {api:>9.0} notes/s");
    println!(
        "  straight INSERT, one transaction / batch:  {per_batch:>9.0} notes/s   ratio {:.2}",
        api / per_batch
    );
    println!(
        "  straight INSERT, all in one transaction:   {single:>9.0} notes/s   ratio {:.2}",
        api / single
    );
    println!("  target: ratio >= 0.30 against the ceiling");
}
