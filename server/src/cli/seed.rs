//! `server seed-demo --interviews N`: fills the database with synthetic interviews (see
//! `demo`) through the same push path a tablet uses, so every note is tagged at ingest and
//! the dashboard shows what it would show with real data. Owned by a demo account nobody
//! can log in to (its password is random and never shown).

use std::io::Write;

use app::domain::{
    Change, DeviceId, DisplayName, Email, Hlc, NewUser, Op, PushRequest, Role, User, PUSH_LIMIT,
};
use chrono::NaiveDate;

use crate::{
    accounts::{hash_password, Users},
    db::Db,
    demo::{self, Rng},
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

/// Runs the command; the error is one line for the operator.
pub async fn run(db: &Db, count: usize, seed: u64, mut out: impl Write) -> Result<(), String> {
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
    writeln!(
        out,
        "seeded {count} interviews with {notes} notes (seed {seed})"
    )
    .map_err(|e| format!("cannot write the output: {e}"))
}
