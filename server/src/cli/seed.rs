//! `server seed-demo --interviews N`: fills the database with synthetic interviews (see
//! `demo`) through the same push path a tablet uses, so every note is tagged at ingest and
//! the dashboard shows what it would show with real data. Owned by a demo account nobody
//! can log in to (its password is random and never shown). Also makes a manager account per
//! demo department (their addresses printed; the password read from stdin or made and
//! printed once) and, when there are none yet, a few improvement actions.

use std::io::Write;

use app::domain::{
    ActionDraft, ActionStatus, Change, Department, DeviceId, DisplayName, Email, Hlc, NewUpdate,
    NewUser, Op, PushRequest, Role, User, PUSH_LIMIT,
};
use chrono::{Datelike, Months, NaiveDate};

use crate::{
    accounts::{hash_password, Users},
    db::Db,
    demo::{self, Rng},
    plan::{ActionFilter, Plans, Seen, Viewer},
    sync::Interviews,
};

const DEMO_EMAIL: &str = "demo-interviewer@exitgesprek.invalid";

/// The demo account, made on first use.
async fn demo_user(users: &Users, now: i64) -> Result<User, String> {
    let email = Email::parse(DEMO_EMAIL).map_err(|e| e.to_string())?;
    if let Some(account) = users.by_email(&email).await.map_err(|e| e.to_string())? {
        return Ok(account.user);
    }
    let secret = uuid::Uuid::new_v4().to_string();
    let hash = hash_password(secret.clone())
        .await
        .map_err(|e| e.to_string())?;
    let new = NewUser {
        email,
        name: DisplayName::parse("Demo-interviewer").map_err(|e| e.to_string())?,
        role: Role::Interviewer,
        departments: vec![],
        password: secret,
    };
    users
        .create(&new, &hash, now, false)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "the demo account could not be made".to_owned())
}

/// Pushes `count` generated interviews as `user`, in requests of at most `PUSH_LIMIT`
/// changes. Answers the number of notes pushed.
pub async fn push_generated(
    interviews: &Interviews,
    user: &User,
    count: usize,
    seed: u64,
    today: NaiveDate,
    now: i64,
    mut progress: impl FnMut(usize),
) -> Result<usize, String> {
    let device = DeviceId::new();
    let mut clock = Hlc::default();
    let mut rng = Rng::new(seed);
    let (mut seq, mut notes) = (0u64, 0);
    let mut batch: Vec<Change> = Vec::with_capacity(PUSH_LIMIT);
    for done in 0..count {
        let interview = demo::interview(&mut rng, today, now);
        notes += interview.notes.len();
        for op in Op::all_of(&interview) {
            seq += 1;
            batch.push(Change {
                seq,
                id: uuid::Uuid::now_v7(),
                stamp: clock.tick(now, device),
                interview: interview.id,
                op,
            });
            if batch.len() == PUSH_LIMIT {
                let changes = std::mem::take(&mut batch);
                push(interviews, user, device, changes, now).await?;
            }
        }
        progress(done + 1);
    }
    if !batch.is_empty() {
        push(interviews, user, device, batch, now).await?;
    }
    Ok(notes)
}

async fn push(
    interviews: &Interviews,
    user: &User,
    device: DeviceId,
    changes: Vec<Change>,
    now: i64,
) -> Result<(), String> {
    let answer = interviews
        .push(user, PushRequest { device, changes }.into(), now)
        .await
        .map_err(|e| e.to_string())?;
    match answer.rejected.first() {
        None => Ok(()),
        Some(r) => Err(format!("a generated change was refused: {:?}", r.problem)),
    }
}

/// The demo manager of `department`'s address.
pub fn manager_email(department: &str) -> String {
    let slug: String = department
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        })
        .collect();
    format!("manager-{slug}@exitgesprek.invalid")
}

/// A manager account per demo department that has none; answers the lines to print.
async fn demo_managers(
    users: &Users,
    password: Option<String>,
    now: i64,
) -> Result<Vec<String>, String> {
    // A password from stdin is the operator's: never echoed. A made one is shown once.
    let made = password.is_none();
    let password = password.unwrap_or_else(|| {
        let made = uuid::Uuid::new_v4().simple().to_string();
        format!("demo-{}", &made[..16])
    });
    let mut lines = Vec::new();
    let mut made_any = false;
    for department in demo::DEPARTMENTS.iter().map(|(d, _, _)| *d) {
        let email = Email::parse(&manager_email(department)).map_err(|e| e.to_string())?;
        if users
            .by_email(&email)
            .await
            .map_err(|e| e.to_string())?
            .is_some()
        {
            lines.push(format!(
                "manager of {department}: {email} (exists, password unchanged)"
            ));
            continue;
        }
        let new = NewUser {
            email: email.clone(),
            name: DisplayName::parse(&format!("Manager {department}"))
                .map_err(|e| e.to_string())?,
            role: Role::Manager,
            departments: vec![Department::parse(department).map_err(|e| e.to_string())?],
            password: password.clone(),
        };
        let hash = hash_password(password.clone())
            .await
            .map_err(|e| e.to_string())?;
        users
            .create(&new, &hash, now, false)
            .await
            .map_err(|e| e.to_string())?;
        lines.push(format!("manager of {department}: {email}"));
        made_any = true;
    }
    if made_any && made {
        lines.push(format!("password of the new manager accounts: {password}"));
    } else if made_any {
        lines.push("password of the new manager accounts: the one read from stdin".into());
    }
    Ok(lines)
}

/// Title, description, theme, departments, start, status and progress of a demo action.
type DemoAction<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a [&'a str],
    NaiveDate,
    ActionStatus,
    &'a [&'a str],
);

/// A few actions of the improvement plan, made by the first HR account, when the plan is
/// empty; answers how many.
async fn demo_actions(db: &Db, users: &Users, today: NaiveDate, now: i64) -> Result<usize, String> {
    let plans = Plans::new(db.clone());
    let seen = Seen { today, k: 5 };
    let existing = plans
        .list(&Viewer::Hr, &ActionFilter::default(), seen)
        .await
        .map_err(|e| e.to_string())?;
    let all = users.list().await.map_err(|e| e.to_string())?;
    let Some(hr) = all.into_iter().find(|u| u.role == Role::Hr && u.active) else {
        return Ok(0);
    };
    if !existing.is_empty() {
        return Ok(0);
    }
    let month = today.with_day(1).unwrap_or(today);
    let months_ago = |n: u32| month.checked_sub_months(Months::new(n)).unwrap_or(month);
    let actions: [DemoAction; 3] = [
        (
            "Vaste invalpool voor de zorgteams",
            "Een eigen pool van invallers, zodat teams bij ziekte niet structureel overwerken.",
            "workload",
            &["Zorg"],
            months_ago(9),
            ActionStatus::Underway,
            &[
                "Pool van acht invallers gestart.",
                "Roosters drie maanden vooruit gepland.",
            ],
        ),
        (
            "Salarisbanden ICT naast de markt gelegd",
            "Vergelijken met twee salarisonderzoeken; periodieken voor de laagste schalen.",
            "pay",
            &["ICT"],
            months_ago(4),
            ActionStatus::Underway,
            &["Marktonderzoek binnen; voorstel ligt bij de directie."],
        ),
        (
            "Training leidinggeven voor teamleiders",
            "Vier dagdelen over feedback geven, werk verdelen en verzuimgesprekken.",
            "manager",
            &["Logistiek", "Zorg"],
            month.checked_add_months(Months::new(1)).unwrap_or(month),
            ActionStatus::Planned,
            &[],
        ),
    ];
    let themes: Vec<String> = app::domain::ThemeId::ALL
        .iter()
        .map(crate::sync::key_of)
        .collect();
    for (title, description, theme, departments, start, status, updates) in actions {
        let draft = ActionDraft {
            title: title.into(),
            description: description.into(),
            themes: vec![theme.into()],
            departments: departments.iter().map(|d| d.to_string()).collect(),
            owner: Some(hr.id),
            start,
            due: start.checked_add_months(Months::new(12)),
            status,
            version: 0,
        };
        let id = plans
            .create(&hr, draft, &themes, today, now)
            .await
            .map_err(|e| e.to_string())?;
        for text in updates {
            let update = NewUpdate {
                text: text.to_string(),
            };
            plans
                .add_update(&hr, id, update, today, now)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(actions.len())
}

/// Runs the command; the error is one line for the operator.
pub async fn run(
    db: &Db,
    count: usize,
    seed: u64,
    manager_password: Option<String>,
    mut out: impl Write,
) -> Result<(), String> {
    let users = Users::new(db.clone());
    if !users.setup_done().await.map_err(|e| e.to_string())? {
        return Err(
            "create the first HR account first (open the app, or `server user add --role hr`), \
                    so the demo account does not close the setup"
                .into(),
        );
    }
    let now = app::clock::now();
    let today = chrono::DateTime::from_timestamp_millis(now)
        .map(|t| t.date_naive())
        .unwrap_or_default();
    let user = demo_user(&users, now).await?;
    let interviews = Interviews::new(db.clone());
    let step = (count / 10).max(1);
    let notes = push_generated(&interviews, &user, count, seed, today, now, |done| {
        if done % step == 0 {
            let _ = writeln!(out, "{done} / {count} interviews");
        }
    })
    .await?;
    let write = |e: std::io::Error| format!("cannot write the output: {e}");
    writeln!(
        out,
        "seeded {count} interviews with {notes} notes (seed {seed})"
    )
    .map_err(write)?;
    for line in demo_managers(&users, manager_password, now).await? {
        writeln!(out, "{line}").map_err(write)?;
    }
    let actions = demo_actions(db, &users, today, now).await?;
    writeln!(out, "{actions} improvement actions added").map_err(write)
}
