//! A department's progress page (`/voortgang/<token>`): the improvement plan's actions for one
//! department, read-only, for managers and teams without an account. HR publishes it as a link
//! that needs no login and expires; the same anonymity rules as a manager's view apply.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ActionStatus, Effect, Millis};

/// How long a new link works unless HR says otherwise, and the longest HR may choose.
pub const DEFAULT_LINK_DAYS: u32 = 30;
pub const MAX_LINK_DAYS: u32 = 365;

/// What HR publishes (`POST /api/v1/progress-links`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewProgressLink {
    pub department: String,
    /// 1 to [`MAX_LINK_DAYS`]; absent: [`DEFAULT_LINK_DAYS`].
    #[serde(default)]
    pub days: Option<u32>,
}

impl NewProgressLink {
    /// The link's lifetime in days, or `None` when out of range.
    pub fn lifetime(&self) -> Option<u32> {
        let days = self.days.unwrap_or(DEFAULT_LINK_DAYS);
        (1..=MAX_LINK_DAYS).contains(&days).then_some(days)
    }
}

/// A published link as HR lists it (`GET /api/v1/progress-links`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressLink {
    pub id: String,
    pub department: String,
    /// Display name of the HR user who made it.
    pub created_by: String,
    pub created_at: Millis,
    pub expires_at: Millis,
    pub revoked_at: Option<Millis>,
    /// Only in the answer that creates it: the server keeps a hash, never the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

impl ProgressLink {
    /// Whether the link still opens the page at `now`.
    pub fn open_at(&self, now: Millis) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

/// A theme's name in both languages, so the public page needs no other request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeLabel {
    pub key: String,
    pub nl: String,
    pub en: String,
}

/// The latest progress of an action, without who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicUpdate {
    pub on: NaiveDate,
    pub text: String,
}

/// An action on the progress page: no owner, no ids, no other departments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicAction {
    pub title: String,
    pub description: String,
    pub themes: Vec<ThemeLabel>,
    pub start: NaiveDate,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    pub latest: Option<PublicUpdate>,
    /// As a manager of this department reads it: cells below the minimum group are hidden.
    pub effect: Effect,
}

/// `GET /api/v1/public/progress/{token}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressPage {
    pub department: String,
    pub today: NaiveDate,
    pub expires_at: Millis,
    pub actions: Vec<PublicAction>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_lives_one_to_max_days_and_thirty_by_default() {
        let asked = |days| NewProgressLink {
            department: "Sales".into(),
            days,
        };
        for (days, want) in [
            (None, Some(DEFAULT_LINK_DAYS)),
            (Some(0), None),
            (Some(1), Some(1)),
            (Some(MAX_LINK_DAYS), Some(MAX_LINK_DAYS)),
            (Some(MAX_LINK_DAYS + 1), None),
        ] {
            assert_eq!(asked(days).lifetime(), want, "{days:?}");
        }
    }

    #[test]
    fn a_link_opens_until_it_expires_or_is_revoked() {
        let link = |revoked_at| ProgressLink {
            id: "x".into(),
            department: "Sales".into(),
            created_by: "HR".into(),
            created_at: 0,
            expires_at: 1_000,
            revoked_at,
            token: None,
        };
        for (revoked, now, open) in [
            (None, 999, true),
            (None, 1_000, false),
            (Some(500), 600, false),
            (Some(500), 400, false),
        ] {
            assert_eq!(link(revoked).open_at(now), open, "{revoked:?} at {now}");
        }
    }
}
