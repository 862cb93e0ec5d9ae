//! Pushes that run at the same time (docs/sync.md, "Versions"): on PostgreSQL they run in
//! parallel, on SQLite one after the other, and on both every tablet ends with every write.
//! The out-of-order test holds a push in flight with a row lock while a later push commits
//! and a pull runs: the pull must not move its cursor past the push still in flight.

mod common;

use std::time::{Duration, Instant};

use app::domain::Interview;
use common::{
    add_user, fresh_database, spawn_app,
    tablet::{list, live_texts, note, with_interviewers, Tablet},
    TestApp,
};
use server::{
    db::{DatabaseUrl, Db},
    sync::versions::{self, Access},
};
use sqlx::{Connection, PgConnection};

/// Notes each tablet adds to the shared interview while the others do the same.
const NOTES_EACH: usize = 4;

#[tokio::test]
async fn tablets_pushing_at_once_lose_nothing_and_converge() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    for who in ["cas", "dex", "eva"] {
        add_user(&hr, &format!("{who}@example.nl"), "interviewer", &[]).await;
    }
    // Three tablets of one interviewer share an interview; three others each take one.
    let ina: Vec<Tablet> = vec![
        Tablet::new(&app, "ina@example.nl").await,
        Tablet::new(&app, "ina@example.nl").await,
        Tablet::new(&app, "ina@example.nl").await,
    ];
    let shared = ina[0].interview("Gedeeld Gesprek", &["eerste notitie"], 1_000);
    ina[0].sync().await.expect("first sync");
    for tablet in &ina[1..] {
        tablet.sync().await.expect("pulls the shared interview");
    }
    let others = [
        Tablet::new(&app, "cas@example.nl").await,
        Tablet::new(&app, "dex@example.nl").await,
        Tablet::new(&app, "eva@example.nl").await,
    ];
    let own: Vec<Interview> = others
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let texts: Vec<String> = (0..5).map(|n| format!("notitie {n} van {i}")).collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            t.interview(&format!("Vertrekker {i}"), &texts, 2_000)
        })
        .collect();
    for (i, tablet) in ina.iter().enumerate() {
        let mut iv = tablet.load(&shared);
        for n in 0..NOTES_EACH {
            let at = 3_000 + (i * 10 + n) as i64;
            iv = tablet.edit(
                &iv,
                note(&iv, 1, &format!("tablet {i} notitie {n}"), at),
                at,
            );
        }
    }

    let (a, b, c, d, e, f) = tokio::join!(
        ina[0].sync(),
        ina[1].sync(),
        ina[2].sync(),
        others[0].sync(),
        others[1].sync(),
        others[2].sync(),
    );
    for (i, result) in [a, b, c, d, e, f].into_iter().enumerate() {
        result.unwrap_or_else(|e| panic!("tablet {i} synced: {e:?}"));
    }
    // A second round brings each tablet what the others pushed meanwhile.
    for tablet in ina.iter().chain(&others) {
        tablet.sync().await.expect("second sync");
        assert_eq!(tablet.pending(), 0);
    }

    let expected = 1 + NOTES_EACH * ina.len();
    let first = ina[0].load(&shared);
    assert_eq!(
        live_texts(&first).len(),
        expected,
        "{:?}",
        live_texts(&first)
    );
    for tablet in &ina[1..] {
        assert_eq!(
            tablet.load(&shared),
            first,
            "every tablet holds the same interview"
        );
    }
    let listed = list(&hr, "").await;
    assert_eq!(listed.len(), 4);
    let notes = |id| listed.iter().find(|s| s.id == id).map(|s| s.notes);
    assert_eq!(notes(shared.id), Some(expected as u32));
    for iv in &own {
        assert_eq!(notes(iv.id), Some(5));
    }
}

#[tokio::test]
async fn a_pull_waits_for_a_push_that_began_earlier_and_commits_later() {
    let app = spawn_app().await;
    let DatabaseUrl::Postgres(url) = app.config.database_url.clone() else {
        // One writer at a time on SQLite: a push cannot commit out of order there.
        return;
    };
    with_interviewers(&app).await;
    let slow = Tablet::new(&app, "ina@example.nl").await;
    let fast = Tablet::new(&app, "ina@example.nl").await;
    let reader = Tablet::new(&app, "ina@example.nl").await;
    let first = slow.interview("Eerste Vertrekker", &["al gesynchroniseerd"], 1_000);
    slow.sync().await.expect("first sync");
    reader
        .sync()
        .await
        .expect("reader pulls the first interview");
    let first = slow.load(&first);
    slow.edit(&first, note(&first, 0, "komt later binnen", 2_000), 2_000);

    // Hold the slow push in flight: it takes its version, then waits for this row lock.
    let mut holder = PgConnection::connect(&url).await.expect("connects");
    let mut lock = holder.begin().await.expect("begins");
    sqlx::query("SELECT id FROM interviews WHERE id = $1 FOR UPDATE")
        .bind(first.id.to_string())
        .fetch_one(&mut *lock)
        .await
        .expect("locks the interview");

    let other = fast.interview("Tweede Vertrekker", &["snel binnen"], 3_000);
    let (slow_result, reader_saw) = tokio::join!(slow.sync(), async {
        wait_for_lock_waiter(&app, &url).await;
        fast.sync().await.expect("the fast push commits");
        reader.sync().await.expect("the reader pulls");
        let saw = reader.store().load(other.id).expect("read").is_some();
        lock.rollback().await.expect("releases the lock");
        saw
    });
    slow_result.expect("the slow push commits after the lock");

    reader.sync().await.expect("the reader pulls again");
    let texts = reader.load(&first);
    assert!(
        live_texts(&texts).contains(&"komt later binnen"),
        "the write that committed later is pulled: {:?}",
        live_texts(&texts)
    );
    assert!(reader.store().load(other.id).expect("read").is_some());
    assert!(
        !reader_saw,
        "a pull reads nothing above a push still in flight"
    );
}

#[tokio::test]
async fn a_pull_reads_up_to_just_below_the_oldest_write_in_flight() {
    let (url, _dir) = fresh_database().await;
    if let DatabaseUrl::Sqlite { .. } = url {
        // One writer at a time on SQLite: a second one waits for the first to commit.
        return;
    }
    let db = Db::connect(&url).await.expect("connects");
    db.migrate().await.expect("migrated");
    let mut writer = db.begin().await.expect("begins");
    let version = versions::begin(&mut writer, Access::Shared)
        .await
        .expect("a version");
    let mut later = db.begin().await.expect("begins");
    let _ = versions::begin(&mut later, Access::Shared)
        .await
        .expect("a version");
    // Nothing completes after the two writers took their ids, which are so at and above
    // the snapshot's xmax: the bound must still sit just below the older one.
    let mut reader = db.begin().await.expect("begins");
    let bound = versions::readable(&mut reader).await.expect("a bound");
    drop(reader);
    assert_eq!(bound, version - 1);
    versions::commit(later).await.expect("commits");
    versions::commit(writer).await.expect("commits");
    let mut reader = db.begin().await.expect("begins");
    let bound = versions::readable(&mut reader).await.expect("a bound");
    assert!(bound >= version, "{bound} < {version}");
}

#[tokio::test]
async fn after_a_restore_into_a_younger_cluster_new_versions_start_above_the_stored_ones() {
    let (url, _dir) = fresh_database().await;
    let DatabaseUrl::Postgres(raw) = url.clone() else {
        // SQLite's versions come from a counter stored with the data.
        return;
    };
    let db = Db::connect(&url).await.expect("connects");
    db.migrate().await.expect("migrated");
    // As restored: a stored version far above this cluster's transaction ids.
    let far = 1_i64 << 40;
    let mut conn = PgConnection::connect(&raw).await.expect("connects");
    sqlx::query(
        "INSERT INTO erased_interviews (id, erased_at, owner_id, version) VALUES ('x', 0, 'u', $1)",
    )
    .bind(far)
    .execute(&mut conn)
    .await
    .expect("stored");
    sqlx::query("UPDATE instance SET version_offset = 0")
        .execute(&mut conn)
        .await
        .expect("reset");
    db.migrate()
        .await
        .expect("a restart migrates and anchors again");
    let mut writer = db.begin().await.expect("begins");
    let version = versions::begin(&mut writer, Access::Shared)
        .await
        .expect("a version");
    assert!(version > far, "{version} <= {far}");
}

/// Waits until a server connection waits for a row lock (the slow push).
async fn wait_for_lock_waiter(app: &TestApp, url: &str) {
    let mut conn = PgConnection::connect(url).await.expect("connects");
    let started = Instant::now();
    loop {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity \
             WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        .fetch_one(&mut conn)
        .await
        .expect("reads activity");
        if waiting > 0 {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the push never reached the lock ({})",
            app.addr
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
