//! `server user …`: accounts from the server's shell, for the first HR account on a
//! headless machine or when nobody can log in. Passwords come from stdin, never from the
//! command line (where `ps` and shell history would show them).

use std::io::{BufRead, Write};

use app::domain::{check_password, Department, DisplayName, Email, NewUser, Role};

use super::UserCommand;
use crate::{
    accounts::{self, hash_password, Users},
    db::Db,
};

/// Runs one user command; the error is one line for the operator.
pub async fn run(
    command: UserCommand,
    db: &Db,
    mut input: impl BufRead,
    mut out: impl Write,
) -> Result<(), String> {
    let users = Users::new(db.clone());
    let now = app::clock::now();
    let write_error = |e: std::io::Error| format!("cannot write the output: {e}");
    match command {
        UserCommand::Add {
            email,
            name,
            role,
            departments,
        } => {
            let new = NewUser {
                email: Email::parse(&email).map_err(|e| e.to_string())?,
                name: DisplayName::parse(&name).map_err(|e| e.to_string())?,
                role: Role::from_key(role.trim())
                    .ok_or_else(|| app::domain::AccountProblem::Role(role.clone()).to_string())?,
                departments: departments
                    .iter()
                    .map(|d| Department::parse(d))
                    .collect::<Result<_, _>>()
                    .map_err(|e| e.to_string())?,
                password: read_password(&mut input)?,
            };
            let user = accounts::register(&users, &new, false, now)
                .await
                .map_err(|e| e.to_string())?
                .ok_or("the account was not created")?;
            writeln!(out, "added {} ({})", user.email, user.role).map_err(write_error)
        }
        UserCommand::List => {
            let list = users.list().await.map_err(|e| e.to_string())?;
            for u in list {
                let state = if u.active { "active" } else { "disabled" };
                let departments: Vec<_> = u.departments.iter().map(Department::as_str).collect();
                writeln!(
                    out,
                    "{}\t{}\t{state}\t{}\t{}",
                    u.email,
                    u.role,
                    departments.join(","),
                    u.name
                )
                .map_err(write_error)?;
            }
            Ok(())
        }
        UserCommand::Disable { email } => {
            let id = find(&users, &email).await?;
            users
                .set_active(id, false, now)
                .await
                .map_err(|e| e.to_string())?;
            writeln!(out, "disabled {email}").map_err(write_error)
        }
        UserCommand::SetPassword { email } => {
            let id = find(&users, &email).await?;
            let password = read_password(&mut input)?;
            check_password(&password).map_err(|e| e.to_string())?;
            let phc = hash_password(password).await.map_err(|e| e.to_string())?;
            users
                .set_password(id, &phc, now)
                .await
                .map_err(|e| e.to_string())?;
            writeln!(out, "new password set for {email}").map_err(write_error)?;
            writeln!(out, "{VAULT_NOTE}").map_err(write_error)
        }
    }
}

/// What a new password means for the tablets (stdout, after the reset).
const VAULT_NOTE: &str = "note: the interviews on a tablet are encrypted with the old password. \
On their next login the user can keep them by typing the old password once; otherwise they \
start afresh on that tablet: what was synced comes back from the server, changes not yet \
sent are lost.";

async fn find(users: &Users, email: &str) -> Result<app::domain::UserId, String> {
    let parsed = Email::parse(email).map_err(|e| e.to_string())?;
    let account = users.by_email(&parsed).await.map_err(|e| e.to_string())?;
    account
        .map(|a| a.user.id)
        .ok_or_else(|| format!("no account with e-mail address {email}"))
}

/// One line from stdin, without its line ending.
pub(crate) fn read_password(input: &mut impl BufRead) -> Result<String, String> {
    let mut line = String::new();
    input
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password from stdin: {e}"))?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    check_password(&password).map_err(|e| e.to_string())?;
    Ok(password)
}
