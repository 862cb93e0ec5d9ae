//! What the benchmarks share: note texts like the ones typed in a talk, and PostgreSQL
//! databases of their own.

#![allow(dead_code)] // Each benchmark uses a different part of this module.

use server::db::DatabaseUrl;
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
