//! The improvement plan (`/verbeterplan`): actions HR and managers take on a theme, their
//! dated progress, and whether fewer leavers name the theme since (the effect).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ActionId, Cell, UserId};

/// The longest title, description and progress update.
pub const MAX_TITLE: usize = 120;
pub const MAX_DESCRIPTION: usize = 4_000;
pub const MAX_UPDATE: usize = 2_000;
/// Most themes and departments one action covers.
pub const MAX_ACTION_THEMES: usize = 5;
pub const MAX_ACTION_DEPARTMENTS: usize = 20;

/// Gepland, bezig, afgerond, gestopt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Planned,
    Underway,
    Done,
    Stopped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Planned,
        ActionStatus::Underway,
        ActionStatus::Done,
        ActionStatus::Stopped,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn key(self) -> &'static str {
        ["planned", "underway", "done", "stopped"][self.index()]
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// What HR or a manager writes (`POST /api/v1/actions`, `PUT /api/v1/actions/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDraft {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Theme keys.
    pub themes: Vec<String>,
    pub departments: Vec<String>,
    /// The user who carries it; `None` for nobody yet.
    #[serde(default)]
    pub owner: Option<UserId>,
    pub start: NaiveDate,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    /// For a change: the version that was read. A change over a newer one is refused (409).
    #[serde(default)]
    pub version: i64,
}

/// Why an action cannot be saved as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionProblem {
    TitleMissing,
    TitleTooLong,
    DescriptionTooLong,
    NoTheme,
    TooManyThemes,
    NoDepartment,
    TooManyDepartments,
    DueBeforeStart,
}

impl ActionProblem {
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Verdict {
    pub fn index(self) -> usize {
        self as usize
    }
}

impl ActionDraft {
    /// Every problem, empty when it can be saved. Themes and departments are trimmed and
    /// deduplicated by [`ActionDraft::tidy`] first.
    pub fn problems(&self) -> Vec<ActionProblem> {
        let mut out = Vec::new();
        let title = self.title.trim().chars().count();
        if title == 0 {
            out.push(ActionProblem::TitleMissing);
        }
        if title > MAX_TITLE {
            out.push(ActionProblem::TitleTooLong);
        }
        if self.description.chars().count() > MAX_DESCRIPTION {
            out.push(ActionProblem::DescriptionTooLong);
        }
        if self.themes.is_empty() {
            out.push(ActionProblem::NoTheme);
        }
        if self.themes.len() > MAX_ACTION_THEMES {
            out.push(ActionProblem::TooManyThemes);
        }
        if self.departments.is_empty() {
            out.push(ActionProblem::NoDepartment);
        }
        if self.departments.len() > MAX_ACTION_DEPARTMENTS {
            out.push(ActionProblem::TooManyDepartments);
        }
        if self.due.is_some_and(|due| due < self.start) {
            out.push(ActionProblem::DueBeforeStart);
        }
        out
    }

    /// Title trimmed; themes and departments trimmed, without empties or repeats, sorted.
    pub fn tidy(mut self) -> Self {
        fn list(items: Vec<String>) -> Vec<String> {
            let mut out: Vec<String> = items
                .into_iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect();
            out.sort();
            out.dedup();
            out
        }
        self.title = self.title.trim().to_owned();
        self.themes = list(self.themes);
        self.departments = list(self.departments);
        self
    }
}

/// One dated line of progress (`POST /api/v1/actions/{id}/updates`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressUpdate {
    pub on: NaiveDate,
    pub text: String,
    /// Who wrote it (display name).
    pub by: String,
}

/// A new progress update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUpdate {
    pub text: String,
}

/// One period of an effect: whole months, `from` up to (not including) `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Exit interviews with a leaving date in the period, in the action's departments.
    pub interviews: Cell<u32>,
    /// How many of them name one of the action's themes.
    pub mentioning: Cell<u32>,
}

/// A 95 % interval for the change in share (after minus before), as fractions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub difference: f64,
    pub low: f64,
    pub high: f64,
}

/// What the figures say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No whole month has passed since the start.
    NoPeriodYet,
    /// Fewer interviews than the minimum group on a side.
    TooFew,
    /// The interval includes zero: "nog niet te zeggen".
    Unclear,
    /// Fewer leavers name the themes since the start.
    Fewer,
    /// More leavers name them.
    More,
}

/// Before and after an action's start: periods of equal length in whole months (the month
/// the action starts in belongs to neither unless it starts on the 1st), at most 12 each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Effect {
    pub before: Option<Period>,
    pub after: Option<Period>,
    pub interval: Option<Interval>,
    pub verdict: Verdict,
}

/// An action as read (`GET /api/v1/actions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: ActionId,
    pub title: String,
    pub description: String,
    pub themes: Vec<String>,
    pub departments: Vec<String>,
    pub owner: Option<UserId>,
    pub owner_name: String,
    pub start: NaiveDate,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    pub version: i64,
    /// Newest first.
    pub updates: Vec<ProgressUpdate>,
    pub effect: Effect,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ActionDraft {
        ActionDraft {
            title: " Werkdruk verlagen ".into(),
            description: String::new(),
            themes: vec!["workload".into(), " workload".into()],
            departments: vec!["Sales".into(), "".into()],
            owner: None,
            start: NaiveDate::from_ymd_opt(2026, 9, 1).expect("date"),
            due: None,
            status: ActionStatus::Underway,
            version: 0,
        }
    }

    #[test]
    fn a_tidy_draft_has_each_theme_and_department_once() {
        let d = draft().tidy();
        assert_eq!(d.title, "Werkdruk verlagen");
        assert_eq!(d.themes, ["workload"]);
        assert_eq!(d.departments, ["Sales"]);
        assert!(d.problems().is_empty());
    }

    #[test]
    fn problems_are_named() {
        let cases: Vec<(ActionDraft, Vec<ActionProblem>)> = vec![
            (
                ActionDraft {
                    title: "  ".into(),
                    themes: vec![],
                    departments: vec![],
                    ..draft()
                },
                vec![
                    ActionProblem::TitleMissing,
                    ActionProblem::NoTheme,
                    ActionProblem::NoDepartment,
                ],
            ),
            (
                ActionDraft {
                    title: "x".repeat(MAX_TITLE + 1),
                    description: "y".repeat(MAX_DESCRIPTION + 1),
                    due: NaiveDate::from_ymd_opt(2026, 8, 31),
                    ..draft()
                },
                vec![
                    ActionProblem::TitleTooLong,
                    ActionProblem::DescriptionTooLong,
                    ActionProblem::DueBeforeStart,
                ],
            ),
        ];
        for (d, want) in cases {
            assert_eq!(d.tidy().problems(), want);
        }
    }

    #[test]
    fn statuses_round_trip_through_their_keys() {
        for s in ActionStatus::ALL {
            assert_eq!(ActionStatus::from_key(s.key()), Some(s));
        }
        assert_eq!(ActionStatus::from_key("bezig"), None);
    }
}
