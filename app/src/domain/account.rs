//! Accounts as browser and server both see them: roles, the user the API shows, and the
//! request bodies of the account endpoints. Values are parsed once, here, at the edge.
//!
//! Roles: an `interviewer` takes interviews and sees their own; `hr` sees everything and
//! manages users; a `manager` sees only anonymised aggregates of their departments.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::UserId;

/// What a user may see and do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Interviewer,
    Hr,
    Manager,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Interviewer, Role::Hr, Role::Manager];

    /// The stored and wire name.
    pub fn key(self) -> &'static str {
        match self {
            Role::Interviewer => "interviewer",
            Role::Hr => "hr",
            Role::Manager => "manager",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Why an account value was refused; shown to the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountProblem {
    #[error("an e-mail address needs one @ with text on both sides")]
    Email,
    #[error("a name is required (at most 100 characters)")]
    Name,
    #[error("a department name is required (at most 100 characters)")]
    Department,
    #[error("a password needs at least {MIN_PASSWORD} characters (at most {MAX_PASSWORD} bytes)")]
    Password,
    #[error("unknown role {0:?} (interviewer, hr or manager)")]
    Role(String),
    #[error("only a manager is scoped to departments")]
    DepartmentsWithoutManager,
}

pub const MIN_PASSWORD: usize = 10;
/// Hashing cost grows with length; nobody types more.
pub const MAX_PASSWORD: usize = 1024;

/// Checks a new password's length (characters, not bytes, for the minimum).
pub fn check_password(password: &str) -> Result<(), AccountProblem> {
    let ok = password.chars().count() >= MIN_PASSWORD && password.len() <= MAX_PASSWORD;
    ok.then_some(()).ok_or(AccountProblem::Password)
}

/// A trimmed text of 1..=100 characters.
fn short_text(text: &str, problem: AccountProblem) -> Result<String, AccountProblem> {
    let text = text.trim();
    let ok = !text.is_empty() && text.chars().count() <= 100;
    ok.then(|| text.to_owned()).ok_or(problem)
}

macro_rules! parsed_text {
    ($(#[$doc:meta])* $name:ident, $parse:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn parse(text: &str) -> Result<Self, AccountProblem> {
                let parse: fn(&str) -> Result<String, AccountProblem> = $parse;
                parse(text).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

parsed_text!(
    /// An e-mail address, trimmed and lowercased: the login name.
    Email,
    |text| {
        let text = text.trim().to_lowercase();
        let ok = match text.split_once('@') {
            Some((user, host)) => {
                !user.is_empty() && !host.is_empty() && !host.contains('@') && !text.contains(char::is_whitespace)
            }
            None => false,
        };
        (ok && text.len() <= 254).then_some(text).ok_or(AccountProblem::Email)
    }
);
parsed_text!(
    /// How a user is shown to others.
    DisplayName,
    |text| short_text(text, AccountProblem::Name)
);
parsed_text!(
    /// A department, as HR names it (a manager's scope).
    Department,
    |text| short_text(text, AccountProblem::Department)
);

/// A user as the API shows them; never carries the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub name: DisplayName,
    pub role: Role,
    /// Only for managers: the departments whose aggregates they may see.
    pub departments: Vec<Department>,
    pub active: bool,
}

/// `POST /api/v1/session`. Raw text: a malformed address gets the same answer as a wrong
/// password, so the endpoint tells nobody which addresses exist.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Login {
    pub email: String,
    pub password: String,
}

/// A new account, from `/setup`, the HR pages or the command line.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct NewUser {
    pub email: Email,
    pub name: DisplayName,
    pub role: Role,
    #[serde(default)]
    pub departments: Vec<Department>,
    pub password: String,
}

impl NewUser {
    /// The rules that span fields: a valid password, departments only for managers.
    pub fn check(&self) -> Result<(), AccountProblem> {
        check_password(&self.password)?;
        if self.role != Role::Manager && !self.departments.is_empty() {
            return Err(AccountProblem::DepartmentsWithoutManager);
        }
        Ok(())
    }
}

/// `GET /api/v1/session`: who is logged in, `None` for nobody.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: Option<User>,
}

/// `GET /api/v1/setup`: whether first-run setup is open (no account exists yet).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetupStatus {
    pub open: bool,
}

/// `PATCH /api/v1/users/{id}`: what to change; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UserChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departments: Option<Vec<Department>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lowercased_and_need_one_at() {
        let cases = [
            ("  Anna@Example.NL ", Some("anna@example.nl")),
            ("a@b", Some("a@b")),
            ("anna", None),
            ("@example.nl", None),
            ("anna@", None),
            ("a@b@c", None),
            ("an na@example.nl", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                Email::parse(text).ok().as_ref().map(Email::as_str),
                want,
                "{text:?}"
            );
        }
    }

    #[test]
    fn json_with_a_bad_value_is_refused_with_the_reason() {
        let e = serde_json::from_str::<Email>("\"nobody\"").expect_err("refused");
        assert!(e.to_string().contains("@"), "{e}");
        let e = serde_json::from_str::<Role>("\"admin\"").expect_err("refused");
        assert!(e.to_string().contains("admin"), "{e}");
    }

    #[test]
    fn passwords_need_ten_characters() {
        assert_eq!(check_password("123456789"), Err(AccountProblem::Password));
        assert_eq!(check_password("1234567890"), Ok(()));
        assert_eq!(
            check_password("éééééééééé"),
            Ok(()),
            "characters, not bytes"
        );
        assert_eq!(
            check_password(&"x".repeat(1025)),
            Err(AccountProblem::Password)
        );
    }

    #[test]
    fn only_managers_have_departments() {
        let user = |role, departments: &[&str]| NewUser {
            email: Email::parse("a@b").expect("valid"),
            name: DisplayName::parse("A").expect("valid"),
            role,
            departments: departments
                .iter()
                .map(|d| Department::parse(d).expect("valid"))
                .collect(),
            password: "correct horse".into(),
        };
        assert_eq!(user(Role::Manager, &["Logistiek"]).check(), Ok(()));
        assert_eq!(user(Role::Hr, &[]).check(), Ok(()));
        assert_eq!(
            user(Role::Interviewer, &["Logistiek"]).check(),
            Err(AccountProblem::DepartmentsWithoutManager)
        );
    }

    #[test]
    fn roles_round_trip_through_their_keys() {
        for role in Role::ALL {
            assert_eq!(Role::from_key(role.key()), Some(role));
            assert_eq!(
                serde_json::to_string(&role).expect("json"),
                format!("\"{role}\"")
            );
        }
        assert_eq!(Role::from_key("admin"), None);
    }
}
