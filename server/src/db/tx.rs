//! One transaction over either backend, for work of many statements in a row (a push, the
//! retention job): each statement is written once with `$n` placeholders and gets its
//! arguments as a list of [`Arg`]s, so a step of that work is one function, not one per
//! backend.

use sqlx::{postgres::PgRow, sqlite::SqliteRow, FromRow, Postgres, Sqlite, Transaction};

use super::Db;

/// One bound value. `None` binds a typed NULL (PostgreSQL wants to know the type).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(Option<String>),
    Int(Option<i64>),
    /// For `INTEGER` columns of PostgreSQL (4 bytes).
    Int4(Option<i32>),
    Bool(Option<bool>),
    Bytes(Option<Vec<u8>>),
}

macro_rules! arg_from {
    ($($t:ty => $variant:ident($conv:expr)),* $(,)?) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::$variant($conv(value))
            }
        }
    )*};
}

arg_from! {
    &str => Text(|v: &str| Some(v.to_owned())),
    &String => Text(|v: &String| Some(v.clone())),
    String => Text(Some),
    Option<String> => Text(|v| v),
    Option<&str> => Text(|v: Option<&str>| v.map(str::to_owned)),
    i64 => Int(Some),
    Option<i64> => Int(|v| v),
    i32 => Int4(Some),
    Option<i32> => Int4(|v| v),
    bool => Bool(Some),
    Option<bool> => Bool(|v| v),
    Vec<u8> => Bytes(Some),
}

/// `args![a, b, …]`: the arguments of one statement, in placeholder order.
macro_rules! args {
    ($($value:expr),* $(,)?) => {
        vec![$($crate::db::Arg::from($value)),*]
    };
}
pub(crate) use args;

/// Placeholders for `rows` rows of `columns` values each, numbered from `$1` on:
/// `($1, $2), ($3, $4)` for a multi-row `VALUES`, or `$1, $2, $3` for an `IN` list
/// (`columns == 1`, no parentheses).
pub fn marks(rows: usize, columns: usize) -> String {
    let row = |r: usize| {
        let values: Vec<String> = (1..=columns)
            .map(|c| format!("${}", r * columns + c))
            .collect();
        values.join(", ")
    };
    if columns == 1 {
        return row_list((0..rows).map(row));
    }
    row_list((0..rows).map(|r| format!("({})", row(r))))
}

fn row_list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// Binds `args` in order to a `query`, `query_as` or `query_scalar` of either backend.
macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut query = $query;
        for arg in $args {
            query = match arg {
                Arg::Text(v) => query.bind(v),
                Arg::Int(v) => query.bind(v),
                Arg::Int4(v) => query.bind(v),
                Arg::Bool(v) => query.bind(v),
                Arg::Bytes(v) => query.bind(v),
            };
        }
        query
    }};
}

/// A row type both backends decode (derived `FromRow` structs and tuples are).
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

/// A single value both backends decode.
pub trait Scalar:
    for<'r> sqlx::Decode<'r, Sqlite>
    + sqlx::Type<Sqlite>
    + for<'r> sqlx::Decode<'r, Postgres>
    + sqlx::Type<Postgres>
    + Send
    + Unpin
{
}
impl<T> Scalar for T where
    T: for<'r> sqlx::Decode<'r, Sqlite>
        + sqlx::Type<Sqlite>
        + for<'r> sqlx::Decode<'r, Postgres>
        + sqlx::Type<Postgres>
        + Send
        + Unpin
{
}

/// An open transaction; dropped without [`Tx::commit`], it rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Db {
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }
}

/// Evaluates `$body` with `$tx` bound to the transaction of whichever backend it is.
macro_rules! on_tx {
    ($self:expr, $tx:ident => $body:expr) => {
        match $self {
            Tx::Sqlite($tx) => $body,
            Tx::Postgres($tx) => $body,
        }
    };
}

impl Tx {
    /// `" FOR UPDATE"` on PostgreSQL, where writers run side by side and lock the rows they
    /// read in order to write them; nothing on SQLite, whose one writer holds the database.
    pub fn for_update(&self) -> &'static str {
        match self {
            Tx::Sqlite(_) => "",
            Tx::Postgres(_) => " FOR UPDATE",
        }
    }

    /// Runs a statement; answers the number of rows it touched.
    pub async fn execute(&mut self, sql: &str, args: Vec<Arg>) -> Result<u64, sqlx::Error> {
        on_tx!(self, tx => Ok(bind_all!(sqlx::query(sql), args)
            .execute(&mut **tx)
            .await?
            .rows_affected()))
    }

    pub async fn optional<T: Row>(
        &mut self,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<Option<T>, sqlx::Error> {
        on_tx!(self, tx => bind_all!(sqlx::query_as(sql), args).fetch_optional(&mut **tx).await)
    }

    pub async fn all<T: Row>(&mut self, sql: &str, args: Vec<Arg>) -> Result<Vec<T>, sqlx::Error> {
        on_tx!(self, tx => bind_all!(sqlx::query_as(sql), args).fetch_all(&mut **tx).await)
    }

    /// The first column of every row.
    pub async fn all_scalars<T: Scalar>(
        &mut self,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<Vec<T>, sqlx::Error> {
        on_tx!(self, tx => bind_all!(sqlx::query_scalar(sql), args).fetch_all(&mut **tx).await)
    }

    /// The first column of the one row the statement answers.
    pub async fn scalar<T: Scalar>(&mut self, sql: &str, args: Vec<Arg>) -> Result<T, sqlx::Error> {
        on_tx!(self, tx => bind_all!(sqlx::query_scalar(sql), args).fetch_one(&mut **tx).await)
    }

    /// The first column of the first row, if there is one.
    pub async fn optional_scalar<T: Scalar>(
        &mut self,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<Option<T>, sqlx::Error> {
        on_tx!(self, tx => bind_all!(sqlx::query_scalar(sql), args).fetch_optional(&mut **tx).await)
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        on_tx!(self, tx => tx.commit().await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::DatabaseUrl;

    #[tokio::test]
    async fn statements_bind_every_kind_of_argument_and_roll_back_unless_committed() {
        let db = Db::connect(&DatabaseUrl::parse("sqlite::memory:").expect("url"))
            .await
            .expect("opens");
        let mut tx = db.begin().await.expect("begins");
        tx.execute(
            "CREATE TABLE t (a TEXT, b BIGINT, c INTEGER, d BOOLEAN)",
            vec![],
        )
        .await
        .expect("created");
        let none: Option<String> = None;
        let n = tx
            .execute(
                "INSERT INTO t VALUES ($1, $2, $3, $4)",
                args!["x", 7i64, 3i32, true],
            )
            .await
            .expect("inserted");
        tx.execute("INSERT INTO t VALUES ($1, NULL, NULL, NULL)", args![none])
            .await
            .expect("inserted");
        assert_eq!(n, 1);
        let row: Option<(String, i64, i32, bool)> = tx
            .optional("SELECT a, b, c, d FROM t WHERE a = $1", args!["x"])
            .await
            .expect("read");
        assert_eq!(row, Some(("x".into(), 7, 3, true)));
        let count: i64 = tx
            .scalar("SELECT COUNT(*) FROM t", vec![])
            .await
            .expect("count");
        assert_eq!(count, 2);
        let missing: Option<String> = tx
            .optional_scalar("SELECT a FROM t WHERE a = $1", args!["y"])
            .await
            .expect("read");
        assert_eq!(missing, None);
        drop(tx);
        let mut tx = db.begin().await.expect("begins");
        let gone = tx.all::<(String,)>("SELECT a FROM t", vec![]).await;
        assert!(gone.is_err(), "the table was rolled back");
    }

    #[test]
    fn marks_number_rows_of_values_and_in_lists() {
        assert_eq!(marks(3, 1), "$1, $2, $3");
        assert_eq!(marks(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(marks(1, 2), "($1, $2)");
        assert_eq!(marks(0, 2), "");
    }
}
