//! The improvement plan's storage: actions, their departments and progress updates, and the
//! counts behind each action's effect (worked out by [`crate::dashboard::effect`]).
//!
//! Who may do what, decided here from the reader's role and departments:
//! - HR reads, writes and deletes every action and may start one on any date.
//! - A manager reads the actions that cover one of their departments, with the effect in
//!   those departments only (anonymised); writes, deletes and adds progress to actions all of
//!   whose departments are theirs; and starts an action no earlier than the current month
//!   (a back-dated action would be a free query over past months).

use std::collections::BTreeMap;

use app::domain::{
    Action, ActionDraft, ActionId, ActionStatus, NewUpdate, ProgressUpdate, Role, User, UserId,
    MAX_UPDATE,
};
use chrono::{Datelike, NaiveDate};
use sqlx::FromRow;

mod links;

use crate::{
    dashboard::{
        effect::{effect_by_month, periods, Counts, Reader},
        theme_pattern,
    },
    db::{args, Arg, Db, Tx},
    sync::{theme_list, SyncError},
};

/// The actions.
#[derive(Debug, Clone)]
pub struct Plans {
    db: Db,
}

/// Who reads or writes: HR, or a manager with their departments.
#[derive(Debug, Clone)]
pub enum Viewer {
    Hr,
    Manager(Vec<String>),
}

impl Viewer {
    pub fn of(user: &User) -> Option<Self> {
        match user.role {
            Role::Hr => Some(Viewer::Hr),
            Role::Manager => Some(Viewer::Manager(
                user.departments.iter().map(|d| d.to_string()).collect(),
            )),
            Role::Interviewer => None,
        }
    }

    /// The departments of `action` this viewer sees figures of; `None` when none.
    fn sees(&self, departments: &[String]) -> Option<Vec<String>> {
        let seen: Vec<String> = match self {
            Viewer::Hr => departments.to_vec(),
            Viewer::Manager(own) => departments
                .iter()
                .filter(|d| own.contains(d))
                .cloned()
                .collect(),
        };
        (!seen.is_empty()).then_some(seen)
    }

    fn may_write(&self, departments: &[String]) -> bool {
        match self {
            Viewer::Hr => true,
            Viewer::Manager(own) => departments.iter().all(|d| own.contains(d)),
        }
    }

    fn reader(&self) -> Reader {
        match self {
            Viewer::Hr => Reader::Hr,
            Viewer::Manager(_) => Reader::Anonymised,
        }
    }
}

/// An action as stored, for checking a change against.
struct Kept {
    version: i64,
    changed_by: String,
    start: NaiveDate,
    /// Sorted, as [`ActionDraft::tidy`] leaves a draft's.
    themes: Vec<String>,
    departments: Vec<String>,
}

/// `GET /actions?theme=…&department=…&status=…`: each condition optional.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ActionFilter {
    pub theme: Option<String>,
    pub department: Option<String>,
    pub status: Option<ActionStatus>,
}

/// What reading the effect needs from outside: today, the minimum group size.
#[derive(Debug, Clone, Copy)]
pub struct Seen {
    pub today: NaiveDate,
    pub k: u32,
}

#[derive(FromRow)]
struct ActionRow {
    id: String,
    title: String,
    description: String,
    themes: String,
    owner_id: Option<String>,
    owner_name: Option<String>,
    start_date: String,
    due_date: Option<String>,
    status: String,
    version: i64,
}

const ACTIONS_SQL: &str = "SELECT a.id, a.title, a.description, a.themes, a.owner_id, \
     u.display_name AS owner_name, a.start_date, a.due_date, a.status, a.version \
     FROM actions a LEFT JOIN users u ON u.id = a.owner_id ORDER BY a.start_date DESC, a.id";
const DEPARTMENTS_SQL: &str = "SELECT action_id, department FROM action_departments";
const UPDATES_SQL: &str = "SELECT action_id, on_date, text, by_name FROM action_updates \
     ORDER BY on_date DESC, created_at DESC";
const OWNER_SQL: &str =
    "SELECT COUNT(*) FROM users WHERE id = $1 AND active AND role IN ('hr', 'manager')";
const INSERT_SQL: &str = "INSERT INTO actions (id, title, description, themes, owner_id, \
     start_date, due_date, status, version, changed_by, created_by, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11, $11)";
const UPDATE_SQL: &str = "UPDATE actions SET title = $2, description = $3, themes = $4, \
     owner_id = $5, start_date = $6, due_date = $7, status = $8, version = version + 1, \
     changed_by = $9, updated_at = $10 WHERE id = $1 AND version = $11";
const ADD_DEPARTMENT_SQL: &str =
    "INSERT INTO action_departments (action_id, department) VALUES ($1, $2)";
const CLEAR_DEPARTMENTS_SQL: &str = "DELETE FROM action_departments WHERE action_id = $1";
const ONE_SQL: &str = "SELECT version, changed_by, start_date, themes FROM actions WHERE id = $1";
const DELETE_SQL: &str = "DELETE FROM actions WHERE id = $1";
const LOCK_SQL: &str = "UPDATE actions SET version = version WHERE id = $1";
const ADD_UPDATE_SQL: &str = "INSERT INTO action_updates \
     (id, action_id, on_date, text, by_id, by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
const TOUCH_SQL: &str = "UPDATE actions SET updated_at = $2 WHERE id = $1";

/// `$1`–`$9` of [`INSERT_SQL`] and [`UPDATE_SQL`]: the action's id, its fields and who saves.
fn stored(key: &str, d: &ActionDraft, by: &User) -> Vec<Arg> {
    args![
        key,
        &d.title,
        &d.description,
        d.themes.join(","),
        d.owner.map(|o| o.to_string()),
        d.start.to_string(),
        d.due.map(|d| d.to_string()),
        d.status.key(),
        by.name.to_string()
    ]
}

fn date(text: &str) -> Result<NaiveDate, SyncError> {
    text.parse().map_err(|_| SyncError::Corrupt("action date"))
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

impl Plans {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Every action `viewer` may read that passes `filter`, newest start first, with its
    /// effect as `viewer` may see it.
    pub async fn list(
        &self,
        viewer: &Viewer,
        filter: &ActionFilter,
        seen: Seen,
    ) -> Result<Vec<Action>, SyncError> {
        let mut tx = self.db.begin().await?;
        let rows: Vec<ActionRow> = tx.all(ACTIONS_SQL, vec![]).await?;
        let mut departments: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (id, department) in tx.all::<(String, String)>(DEPARTMENTS_SQL, vec![]).await? {
            departments.entry(id).or_default().push(department);
        }
        let mut updates: BTreeMap<String, Vec<ProgressUpdate>> = BTreeMap::new();
        let stored: Vec<(String, String, String, String)> = tx.all(UPDATES_SQL, vec![]).await?;
        for (id, on, text, by) in stored {
            updates.entry(id).or_default().push(ProgressUpdate {
                on: date(&on)?,
                text,
                by,
            });
        }
        let mut out = Vec::new();
        for row in rows {
            let depts = departments.remove(&row.id).unwrap_or_default();
            let Some(seen_departments) = viewer.sees(&depts) else {
                continue;
            };
            let themes: Vec<String> = theme_list(&row.themes).map(str::to_owned).collect();
            let status = ActionStatus::from_key(&row.status).ok_or(SyncError::Corrupt("status"))?;
            let wanted = filter.theme.as_ref().is_none_or(|t| themes.contains(t))
                && filter.department.as_ref().is_none_or(|d| depts.contains(d))
                && filter.status.is_none_or(|s| s == status);
            if !wanted {
                continue;
            }
            let start = date(&row.start_date)?;
            let monthly = match periods(start, seen.today) {
                Some((b, a)) => {
                    monthly(&mut tx, &seen_departments, &themes, b.start, a.end).await?
                }
                None => BTreeMap::new(),
            };
            let by_month = |m: NaiveDate| monthly.get(&m).copied().unwrap_or_default();
            out.push(Action {
                id: ActionId::parse(&row.id).ok_or(SyncError::Corrupt("action id"))?,
                updates: updates.remove(&row.id).unwrap_or_default(),
                effect: effect_by_month(start, seen.today, by_month, seen.k, viewer.reader()),
                title: row.title,
                description: row.description,
                themes,
                departments: depts,
                owner: row.owner_id.as_deref().and_then(UserId::parse),
                owner_name: row.owner_name.unwrap_or_default(),
                start,
                due: row.due_date.as_deref().map(date).transpose()?,
                status,
                version: row.version,
            });
        }
        Ok(out)
    }

    /// One action as `viewer` reads it.
    pub async fn one(
        &self,
        viewer: &Viewer,
        id: ActionId,
        seen: Seen,
    ) -> Result<Action, SyncError> {
        let all = self.list(viewer, &ActionFilter::default(), seen).await?;
        all.into_iter()
            .find(|a| a.id == id)
            .ok_or(SyncError::NotFound)
    }

    /// Checks `draft` for `viewer`: problems, themes (one of `themes`), departments and start
    /// a manager may choose (an earlier start `kept` from before may stay while the themes and
    /// departments stay too: otherwise the change is a new query over past months), an owner
    /// who is an active HR user or manager.
    async fn checked(
        tx: &mut Tx,
        viewer: &Viewer,
        draft: ActionDraft,
        themes: &[String],
        today: NaiveDate,
        kept: Option<&Kept>,
    ) -> Result<ActionDraft, SyncError> {
        let draft = draft.tidy();
        let problems = draft.problems();
        if !problems.is_empty() {
            let names: Vec<String> = problems.iter().map(crate::sync::key_of).collect();
            return Err(SyncError::BadRequest(format!(
                "the action cannot be saved: {}",
                names.join(", ")
            )));
        }
        if let Some(unknown) = draft.themes.iter().find(|t| !themes.contains(t)) {
            return Err(SyncError::BadRequest(format!("no such theme: {unknown}")));
        }
        if !viewer.may_write(&draft.departments) {
            return Err(SyncError::Forbidden);
        }
        let same = kept.is_some_and(|k| {
            k.start == draft.start && k.themes == draft.themes && k.departments == draft.departments
        });
        let back_dated = draft.start < first_of_month(today) && !same;
        if matches!(viewer, Viewer::Manager(_)) && back_dated {
            return Err(SyncError::BadRequest(
                "a manager's action starts this month or later; HR can enter earlier ones".into(),
            ));
        }
        if let Some(owner) = draft.owner {
            let n: i64 = tx.scalar(OWNER_SQL, args![owner.to_string()]).await?;
            if n == 0 {
                return Err(SyncError::BadRequest(
                    "the owner must be an active HR user or manager".into(),
                ));
            }
        }
        Ok(draft)
    }

    async fn write_departments(
        tx: &mut Tx,
        id: &str,
        departments: &[String],
    ) -> Result<(), SyncError> {
        tx.execute(CLEAR_DEPARTMENTS_SQL, args![id]).await?;
        for department in departments {
            tx.execute(ADD_DEPARTMENT_SQL, args![id, department])
                .await?;
        }
        Ok(())
    }

    /// Stores a new action; answers its id.
    pub async fn create(
        &self,
        by: &User,
        draft: ActionDraft,
        themes: &[String],
        today: NaiveDate,
        now: i64,
    ) -> Result<ActionId, SyncError> {
        let viewer = Viewer::of(by).ok_or(SyncError::Forbidden)?;
        let mut tx = self.db.begin().await?;
        let d = Self::checked(&mut tx, &viewer, draft, themes, today, None).await?;
        let id = ActionId::new();
        let key = id.to_string();
        let mut args = stored(&key, &d, by);
        args.extend(args![by.id.to_string(), now]);
        tx.execute(INSERT_SQL, args).await?;
        Self::write_departments(&mut tx, &key, &d.departments).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The stored version, who last changed action `id` and what it covers, when `viewer` may
    /// write it.
    async fn writable(tx: &mut Tx, viewer: &Viewer, id: &str) -> Result<Kept, SyncError> {
        // A write first: it takes the write lock (SQLite) or the row's lock (PostgreSQL), so
        // a second save waits for this one instead of failing after reading stale values.
        tx.execute(LOCK_SQL, args![id]).await?;
        let (version, changed_by, start, themes): (i64, String, String, String) = tx
            .optional(ONE_SQL, args![id])
            .await?
            .ok_or(SyncError::NotFound)?;
        let departments: Vec<String> = tx
            .all_scalars(
                "SELECT department FROM action_departments WHERE action_id = $1",
                args![id],
            )
            .await?;
        if viewer.sees(&departments).is_none() {
            return Err(SyncError::NotFound);
        }
        if !viewer.may_write(&departments) {
            return Err(SyncError::Forbidden);
        }
        let mut departments = departments;
        departments.sort();
        Ok(Kept {
            version,
            changed_by,
            start: date(&start)?,
            themes: theme_list(&themes).map(str::to_owned).collect(),
            departments,
        })
    }

    /// Changes action `id` to `draft`, made from `draft.version`; a newer stored version is a
    /// conflict that names who saved it.
    pub async fn change(
        &self,
        by: &User,
        id: ActionId,
        draft: ActionDraft,
        themes: &[String],
        today: NaiveDate,
        now: i64,
    ) -> Result<(), SyncError> {
        let viewer = Viewer::of(by).ok_or(SyncError::Forbidden)?;
        let key = id.to_string();
        let mut tx = self.db.begin().await?;
        let kept = Self::writable(&mut tx, &viewer, &key).await?;
        if kept.version != draft.version {
            return Err(SyncError::Conflict(format!(
                "changed meanwhile by {}: read the action again",
                kept.changed_by
            )));
        }
        let read = draft.version;
        let d = Self::checked(&mut tx, &viewer, draft, themes, today, Some(&kept)).await?;
        let mut args = stored(&key, &d, by);
        args.extend(args![now, read]);
        if tx.execute(UPDATE_SQL, args).await? == 0 {
            return Err(SyncError::Conflict(
                "changed meanwhile: read the action again".into(),
            ));
        }
        Self::write_departments(&mut tx, &key, &d.departments).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn delete(&self, by: &User, id: ActionId) -> Result<(), SyncError> {
        let viewer = Viewer::of(by).ok_or(SyncError::Forbidden)?;
        let key = id.to_string();
        let mut tx = self.db.begin().await?;
        Self::writable(&mut tx, &viewer, &key).await?;
        tx.execute(DELETE_SQL, args![&key]).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a dated progress update to action `id`.
    pub async fn add_update(
        &self,
        by: &User,
        id: ActionId,
        update: NewUpdate,
        today: NaiveDate,
        now: i64,
    ) -> Result<(), SyncError> {
        let viewer = Viewer::of(by).ok_or(SyncError::Forbidden)?;
        let text = update.text.trim();
        if text.is_empty() || text.chars().count() > MAX_UPDATE {
            return Err(SyncError::BadRequest(format!(
                "a progress update has 1 to {MAX_UPDATE} characters"
            )));
        }
        let key = id.to_string();
        let mut tx = self.db.begin().await?;
        Self::writable(&mut tx, &viewer, &key).await?;
        let args = args![
            uuid::Uuid::now_v7().to_string(),
            &key,
            today.to_string(),
            text,
            by.id.to_string(),
            by.name.to_string(),
            now
        ];
        tx.execute(ADD_UPDATE_SQL, args).await?;
        tx.execute(TOUCH_SQL, args![&key, now]).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Per month (its first day), the interviews of `departments` that left in `[from, to)`, and
/// how many of them carry one of `themes`.
async fn monthly(
    tx: &mut Tx,
    departments: &[String],
    themes: &[String],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<NaiveDate, Counts>, SyncError> {
    let mut args: Vec<Arg> = args![from.to_string(), to.to_string()];
    let place = |args: &mut Vec<Arg>, value: String| {
        args.push(Arg::from(value));
        format!("${}", args.len())
    };
    let depts: Vec<String> = departments
        .iter()
        .map(|d| place(&mut args, d.clone()))
        .collect();
    let patterns: Vec<String> = themes
        .iter()
        .filter_map(|t| theme_pattern(t))
        .map(|p| {
            format!(
                "(',' || i.themes || ',') LIKE {} ESCAPE '\\'",
                place(&mut args, p)
            )
        })
        .collect();
    if depts.is_empty() || patterns.is_empty() {
        return Ok(BTreeMap::new());
    }
    let sql = format!(
        "SELECT substr(i.leaving_date, 1, 7), COUNT(*), \
         COALESCE(SUM(CASE WHEN {} THEN 1 ELSE 0 END), 0) FROM interviews i \
         WHERE i.leaving_date >= $1 AND i.leaving_date < $2 AND i.department IN ({}) \
         GROUP BY substr(i.leaving_date, 1, 7)",
        patterns.join(" OR "),
        depts.join(", ")
    );
    let rows: Vec<(String, i64, i64)> = tx.all(&sql, args).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(month, n, x)| {
            let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
            let counts = Counts {
                interviews: u32::try_from(n).unwrap_or(0),
                mentioning: u32::try_from(x).unwrap_or(0),
            };
            Some((first, counts))
        })
        .collect())
}
