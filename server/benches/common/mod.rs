//! What the benchmarks share: note texts like the ones typed in a talk, and PostgreSQL
//! databases of their own.

#![allow(dead_code)] // Each benchmark uses a different part of this module.

use server::db::{Arg, DatabaseUrl, Db};
use sqlx::{Connection, Executor, PgConnection};

/// Notes as interviewers type them, each with themes for the detector to find.
pub const TEXTS: [&str; 5] = [
    "De werkdruk was structureel te hoog, vooral rond de kwartaalafsluiting",
    "Mijn leidinggevende gaf nooit feedback en had geen tijd voor een 1-op-1",
    "Geen doorgroeimogelijkheden, ik wil verder als teamleider",
    "Het salaris bleef achter bij de markt; de cao-verhoging was te laag",
    "Fijne collega's, maar de reistijd van anderhalf uur werd me te veel",
];

/// Note `i`: one of [`TEXTS`], numbered so no two are the same.
pub fn text(i: usize) -> String {
    format!("{} (notitie {i})", TEXTS[i % TEXTS.len()])
}

/// A new PostgreSQL database next to the one `base` (TEST_DATABASE_URL) names, and its
/// name for [`drop_pg`].
pub async fn fresh_pg(base: &str) -> (DatabaseUrl, String) {
    let (server_part, _) = base.rsplit_once('/').expect("URL with a database");
    let name = format!("exitgesprek_bench_{}", uuid::Uuid::now_v7().simple());
    let mut conn = PgConnection::connect(base)
        .await
        .expect("PostgreSQL answers");
    conn.execute(format!(r#"CREATE DATABASE "{name}""#).as_str())
        .await
        .expect("may create databases");
    (
        DatabaseUrl::parse(&format!("{server_part}/{name}")).expect("URL"),
        name,
    )
}

pub async fn drop_pg(base: &str, name: &str) {
    if let Ok(mut conn) = PgConnection::connect(base).await {
        let _ = conn
            .execute(format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#).as_str())
            .await;
    }
}

/// The tables a copy of an interview is made of, with their columns holding an interview's
/// or a note's id. Parents first.
const COPIED: [(&str, &[&str]); 4] = [
    ("interviews", &["id"]),
    ("notes", &["id", "interview_id"]),
    ("interview_sections", &["interview_id"]),
    ("answers", &["interview_id"]),
];

/// Copies every stored interview `copies` times with its notes, sections and answers, in a
/// few statements per copy: a benchmark gets its size without pushing every change. Copy
/// `k`'s ids are the original ones with the first eight hex digits (a UUIDv7's time) set to
/// `k`, so they stay distinct and well-formed.
pub async fn copy_interviews(db: &Db, copies: usize) {
    let mut tx = db.begin().await.expect("begins");
    for (table, ids) in COPIED {
        let scratch = format!("copy_of_{table}");
        let sql = format!("CREATE TEMP TABLE {scratch} AS SELECT * FROM {table}");
        tx.execute(&sql, vec![]).await.expect("scratch table");
        let set: Vec<String> = ids
            .iter()
            .map(|c| format!("{c} = $1 || substr({c}, 9)"))
            .collect();
        let renumber = format!("UPDATE {scratch} SET {}", set.join(", "));
        let insert = format!("INSERT INTO {table} SELECT * FROM {scratch}");
        for k in 1..=copies {
            let prefix = Arg::from(format!("{k:08x}"));
            tx.execute(&renumber, vec![prefix])
                .await
                .expect("renumbered");
            tx.execute(&insert, vec![]).await.expect("copied");
        }
        tx.execute(&format!("DROP TABLE {scratch}"), vec![])
            .await
            .expect("dropped");
    }
    tx.commit().await.expect("commits");
}
