//! The database layer: one [`Db`] handle over SQLite (the embedded default) or PostgreSQL,
//! chosen at run time from `DATABASE_URL`, with one migration folder per backend.
//!
//! Queries use runtime-checked SQL with `$1`-style placeholders, which both backends accept,
//! so most statements are written once and run on either pool.

use std::{fmt, path::PathBuf, str::FromStr, time::Duration};

use serde::Serialize;
use sqlx::{
    postgres::{PgConnectOptions, PgPool, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions},
    ConnectOptions, Connection,
};

mod tx;

pub(crate) use tx::args;
pub use tx::{marks, Arg, Row, Scalar, Tx};

/// Evaluates `$body` with `$pool` bound to whichever pool `$db` holds, so a query is
/// written once and type-checked against both backends.
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// A parsed `DATABASE_URL`. Its `Display` hides any password.
#[derive(Debug, Clone, PartialEq)]
pub enum DatabaseUrl {
    /// `sqlite://relative/or/absolute/path.db`, `sqlite:path.db` or `sqlite::memory:`.
    Sqlite { path: PathBuf },
    /// `postgres://…` or `postgresql://…`, kept verbatim for the driver.
    Postgres(String),
}

/// Why a `DATABASE_URL` was refused. Messages never repeat a password.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum UrlError {
    #[error("must start with sqlite:// or postgres:// (got {0:?})")]
    Scheme(String),
    #[error("names no SQLite file (got {0:?})")]
    EmptyPath(String),
    #[error("is not a valid PostgreSQL URL ({0}): {1}")]
    Postgres(String, String),
}

impl DatabaseUrl {
    pub fn parse(text: &str) -> Result<Self, UrlError> {
        if let Some(rest) = text.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(UrlError::EmptyPath(text.to_owned()));
            }
            return Ok(Self::Sqlite { path: path.into() });
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return match PgConnectOptions::from_str(text) {
                Ok(_) => Ok(Self::Postgres(text.to_owned())),
                Err(e) => Err(UrlError::Postgres(redact(text), e.to_string())),
            };
        }
        Err(UrlError::Scheme(redact(text)))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite { .. } => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite { path } => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

/// Replaces the password of a `scheme://user:password@host/…` URL with `***`.
pub fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let authority_end = url[scheme_end..]
        .find('/')
        .map_or(url.len(), |i| scheme_end + i);
    let Some(at) = url[scheme_end..authority_end]
        .rfind('@')
        .map(|i| scheme_end + i)
    else {
        return url.to_owned();
    };
    match url[scheme_end..at].find(':').map(|i| scheme_end + i) {
        Some(colon) => format!("{}***{}", &url[..=colon], &url[at..]),
        None => url.to_owned(),
    }
}

/// A conflict with a parallel transaction (a deadlock, a serialization failure) that rolled
/// back the whole transaction: a new attempt may succeed.
pub fn is_transient(error: &sqlx::Error) -> bool {
    let sqlx::Error::Database(e) = error else {
        return false;
    };
    matches!(e.code().as_deref(), Some("40P01" | "40001"))
}

/// Which database engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Why the database could not be opened or prepared.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {url}: {source}")]
    Open { url: String, source: sqlx::Error },
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database query failed: {0}")]
    Query(#[from] sqlx::Error),
}

/// A connection pool to one of the two backends. Cheap to clone.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Db {
    /// Opens the pool; for SQLite creates the file and its directory when missing.
    pub async fn connect(url: &DatabaseUrl) -> Result<Self, DbError> {
        let open_error = |source| DbError::Open {
            url: url.to_string(),
            source,
        };
        match url {
            DatabaseUrl::Sqlite { path } => {
                let memory = path.as_os_str() == ":memory:";
                if !memory {
                    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                        std::fs::create_dir_all(dir).map_err(|source| DbError::DataDir {
                            path: dir.to_owned(),
                            source,
                        })?;
                    }
                }
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5));
                // An in-memory database lives as long as its one connection.
                let max = if memory { 1 } else { 8 };
                SqlitePoolOptions::new()
                    .max_connections(max)
                    .connect_with(options)
                    .await
                    .map(Self::Sqlite)
                    .map_err(open_error)
            }
            DatabaseUrl::Postgres(text) => {
                let options = PgConnectOptions::from_str(text).map_err(open_error)?;
                // One direct connection first: a pool would only report "timed out",
                // this names the real cause (refused, unknown database, bad password…).
                options
                    .connect()
                    .await
                    .map_err(open_error)?
                    .close()
                    .await
                    .ok();
                PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await
                    .map(Self::Postgres)
                    .map_err(open_error)
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the backend's pending migrations, then makes sure this database has its
    /// instance id. Safe to run from several processes at once.
    pub async fn migrate(&self) -> Result<(), DbError> {
        match self {
            Self::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Self::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        let fresh = uuid::Uuid::now_v7().to_string();
        let sql = "INSERT INTO instance (singleton, id) VALUES (1, $1) ON CONFLICT (singleton) DO NOTHING";
        on_pool!(self, pool => sqlx::query(sql).bind(&fresh).execute(pool).await.map(drop))?;
        crate::accounts::migrate_sessions(self).await?;
        crate::sync::versions::anchor(self).await?;
        Ok(())
    }

    /// The id this database was given when it was first migrated. Reading it proves the
    /// database answers and is migrated.
    pub async fn instance_id(&self) -> Result<String, sqlx::Error> {
        let sql = "SELECT id FROM instance WHERE singleton = 1";
        on_pool!(self, pool => sqlx::query_scalar(sql).fetch_one(pool).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse_into_the_right_backend() {
        let cases = [
            ("sqlite://data/x.db", Backend::Sqlite),
            ("sqlite:data/x.db", Backend::Sqlite),
            ("sqlite:///var/lib/exit/x.db", Backend::Sqlite),
            ("sqlite::memory:", Backend::Sqlite),
            ("postgres://u:p@localhost:5432/exit", Backend::Postgres),
            ("postgresql://localhost/exit", Backend::Postgres),
        ];
        for (text, backend) in cases {
            let url = DatabaseUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(url.backend(), backend, "{text}");
        }
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/x.db"),
            Ok(DatabaseUrl::Sqlite {
                path: "/var/lib/x.db".into()
            })
        );
    }

    #[test]
    fn bad_urls_are_refused_without_showing_the_password() {
        for text in [
            "mysql://u:secret@h/db",
            "data/x.db",
            "sqlite://",
            "postgres://u:secret@h:notaport/db",
        ] {
            let e = DatabaseUrl::parse(text).expect_err(text);
            assert!(!e.to_string().contains("secret"), "{text}: {e}");
        }
    }

    #[test]
    fn redact_hides_only_the_password() {
        let cases = [
            ("postgres://u:pw@h:5432/db", "postgres://u:***@h:5432/db"),
            ("postgres://u@h/db", "postgres://u@h/db"),
            ("postgres://h/db?x=a@b", "postgres://h/db?x=a@b"),
            ("postgres://u:p@ss@h/db", "postgres://u:***@h/db"),
            ("no url", "no url"),
        ];
        for (input, expected) in cases {
            assert_eq!(redact(input), expected, "{input}");
        }
    }

    #[tokio::test]
    async fn migrate_twice_keeps_one_instance_id() {
        let db = Db::connect(&DatabaseUrl::parse("sqlite::memory:").expect("valid"))
            .await
            .expect("in-memory sqlite opens");
        db.migrate().await.expect("first migration");
        let id = db.instance_id().await.expect("has an id");
        db.migrate().await.expect("second migration is a no-op");
        assert_eq!(db.instance_id().await.expect("still there"), id);
        assert_eq!(db.backend(), Backend::Sqlite);
    }
}
