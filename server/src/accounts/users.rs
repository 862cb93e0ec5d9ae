//! The `users` table: create, find, list and change accounts. Rows become parsed [`User`]
//! values here, so the rest of the server never meets a raw row.

use std::collections::HashMap;

use app::domain::{Department, DisplayName, Email, Millis, NewUser, Role, User, UserId};
use sqlx::FromRow;

use crate::db::{on_pool, Db};

#[derive(Debug, thiserror::Error)]
pub enum UsersError {
    #[error("an account with this e-mail address exists already")]
    EmailTaken,
    #[error("no such account")]
    NotFound,
    #[error("stored account {id} has an unreadable {field}")]
    Corrupt { id: String, field: &'static str },
    #[error("database query failed: {0}")]
    Db(#[from] sqlx::Error),
}

/// A user with their password hash, for logging in; never leaves the server.
#[derive(Debug, Clone)]
pub struct Account {
    pub user: User,
    pub password_hash: String,
}

#[derive(FromRow)]
struct Row {
    id: String,
    email: String,
    display_name: String,
    role: String,
    password_hash: String,
    active: bool,
}

const SELECT: &str = "SELECT id, email, display_name, role, password_hash, active FROM users";

impl Row {
    fn into_account(self, departments: Vec<Department>) -> Result<Account, UsersError> {
        let corrupt = |field| UsersError::Corrupt {
            id: self.id.clone(),
            field,
        };
        let user = User {
            id: UserId::parse(&self.id).ok_or_else(|| corrupt("id"))?,
            email: Email::parse(&self.email).map_err(|_| corrupt("email"))?,
            name: DisplayName::parse(&self.display_name).map_err(|_| corrupt("name"))?,
            role: Role::from_key(&self.role).ok_or_else(|| corrupt("role"))?,
            departments,
            active: self.active,
        };
        Ok(Account {
            user,
            password_hash: self.password_hash,
        })
    }
}

fn email_taken(e: sqlx::Error) -> UsersError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => UsersError::EmailTaken,
        _ => UsersError::Db(e),
    }
}

/// The account store over either database.
#[derive(Debug, Clone)]
pub struct Users {
    db: Db,
}

impl Users {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Whether the first account exists (first-run setup is over).
    pub async fn setup_done(&self) -> Result<bool, UsersError> {
        let sql = "SELECT setup_done FROM instance WHERE singleton = 1";
        Ok(on_pool!(&self.db, pool => sqlx::query_scalar(sql).fetch_one(pool).await)?)
    }

    /// Creates an account. With `only_first`, only while no account exists: `Ok(None)`
    /// when another one was made first (two browsers on `/setup` at once get one winner).
    pub async fn create(
        &self,
        new: &NewUser,
        password_hash: &str,
        now: Millis,
        only_first: bool,
    ) -> Result<Option<User>, UsersError> {
        let id = UserId::new();
        let flip =
            "UPDATE instance SET setup_done = TRUE WHERE singleton = 1 AND setup_done = FALSE";
        let insert = "INSERT INTO users (id, email, display_name, role, password_hash, active, created_at, updated_at) \
                      VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6)";
        let department = "INSERT INTO user_departments (user_id, department) VALUES ($1, $2)";
        let created = on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let first = sqlx::query(flip).execute(&mut *tx).await?.rows_affected() == 1;
            if only_first && !first {
                return Ok(None);
            }
            sqlx::query(insert)
                .bind(id.to_string())
                .bind(new.email.as_str())
                .bind(new.name.as_str())
                .bind(new.role.key())
                .bind(password_hash)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(email_taken)?;
            for d in &new.departments {
                sqlx::query(department).bind(id.to_string()).bind(d.as_str()).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            true
        });
        Ok(created.then(|| User {
            id,
            email: new.email.clone(),
            name: new.name.clone(),
            role: new.role,
            departments: new.departments.clone(),
            active: true,
        }))
    }

    pub async fn by_email(&self, email: &Email) -> Result<Option<Account>, UsersError> {
        self.one(&format!("{SELECT} WHERE email = $1"), email.as_str())
            .await
    }

    pub async fn by_id(&self, id: UserId) -> Result<Option<Account>, UsersError> {
        self.one(&format!("{SELECT} WHERE id = $1"), &id.to_string())
            .await
    }

    async fn one(&self, sql: &str, key: &str) -> Result<Option<Account>, UsersError> {
        let row: Option<Row> =
            on_pool!(&self.db, pool => sqlx::query_as(sql).bind(key).fetch_optional(pool).await)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let mut departments = self.departments(Some(&row.id)).await?;
        let own = departments.remove(&row.id).unwrap_or_default();
        row.into_account(own).map(Some)
    }

    /// Every account, by e-mail address.
    pub async fn list(&self) -> Result<Vec<User>, UsersError> {
        let sql = format!("{SELECT} ORDER BY email");
        let rows: Vec<Row> =
            on_pool!(&self.db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
        let mut departments = self.departments(None).await?;
        rows.into_iter()
            .map(|row| {
                let own = departments.remove(&row.id).unwrap_or_default();
                row.into_account(own).map(|a| a.user)
            })
            .collect()
    }

    /// Departments per user id, of one user or of all.
    async fn departments(
        &self,
        user: Option<&str>,
    ) -> Result<HashMap<String, Vec<Department>>, UsersError> {
        let sql = "SELECT user_id, department FROM user_departments \
                   WHERE CAST($1 AS TEXT) IS NULL OR user_id = $1 ORDER BY department";
        let rows: Vec<(String, String)> =
            on_pool!(&self.db, pool => sqlx::query_as(sql).bind(user).fetch_all(pool).await)?;
        let mut by_user: HashMap<String, Vec<Department>> = HashMap::new();
        for (id, department) in rows {
            let department = Department::parse(&department).map_err(|_| UsersError::Corrupt {
                id: id.clone(),
                field: "department",
            })?;
            by_user.entry(id).or_default().push(department);
        }
        Ok(by_user)
    }

    /// Disables (logging the user out everywhere) or enables an account.
    pub async fn set_active(
        &self,
        id: UserId,
        active: bool,
        now: Millis,
    ) -> Result<(), UsersError> {
        let sql = "UPDATE users SET active = $1, updated_at = $2 WHERE id = $3";
        let n = on_pool!(&self.db, pool => sqlx::query(sql).bind(active).bind(now).bind(id.to_string()).execute(pool).await.map(|r| r.rows_affected()))?;
        found(n)
    }

    /// A new password hash; the user's other sessions end (their auth hash changes).
    pub async fn set_password(
        &self,
        id: UserId,
        password_hash: &str,
        now: Millis,
    ) -> Result<(), UsersError> {
        let sql = "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3";
        let n = on_pool!(&self.db, pool => sqlx::query(sql).bind(password_hash).bind(now).bind(id.to_string()).execute(pool).await.map(|r| r.rows_affected()))?;
        found(n)
    }

    /// Sets the role and, for a manager, the departments (replacing the old ones).
    pub async fn set_role(
        &self,
        id: UserId,
        role: Role,
        departments: &[Department],
        now: Millis,
    ) -> Result<(), UsersError> {
        let update = "UPDATE users SET role = $1, updated_at = $2 WHERE id = $3";
        let clear = "DELETE FROM user_departments WHERE user_id = $1";
        let add = "INSERT INTO user_departments (user_id, department) VALUES ($1, $2)";
        let id = id.to_string();
        on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let n = sqlx::query(update).bind(role.key()).bind(now).bind(&id).execute(&mut *tx).await?;
            found(n.rows_affected())?;
            sqlx::query(clear).bind(&id).execute(&mut *tx).await?;
            for d in departments {
                sqlx::query(add).bind(&id).bind(d.as_str()).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }
}

fn found(rows: u64) -> Result<(), UsersError> {
    if rows == 0 {
        Err(UsersError::NotFound)
    } else {
        Ok(())
    }
}
