//! What HR's dashboard shows (`GET /api/v1/dashboard`): per theme how many interviews
//! mention it, the primary reasons, theme shares per quarter, the structured answers and
//! turnover beside the Dutch average. Theme keys are strings so HR's own themes fit beside
//! the built-in ones.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{InterviewId, NoteId, NoteKind, RatingTopic};
use crate::themes::Sentiment;

/// Yearly employee turnover in the Netherlands, about 15 % (CBS).
pub const CBS_TURNOVER_PERCENT: f64 = 15.0;

/// Years of service, grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenureBand {
    UnderOne,
    OneToTwo,
    TwoToFive,
    FiveToTen,
    TenPlus,
}

impl TenureBand {
    pub const ALL: [TenureBand; 5] = [
        Self::UnderOne,
        Self::OneToTwo,
        Self::TwoToFive,
        Self::FiveToTen,
        Self::TenPlus,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The band of `years` full years of service.
    pub fn of(years: u32) -> Self {
        match years {
            0 => Self::UnderOne,
            1 => Self::OneToTwo,
            2..=4 => Self::TwoToFive,
            5..=9 => Self::FiveToTen,
            _ => Self::TenPlus,
        }
    }

    /// Full years in the band: `lo..=hi` (`hi` open-ended for the last band).
    pub fn years(self) -> (u32, Option<u32>) {
        match self {
            Self::UnderOne => (0, Some(0)),
            Self::OneToTwo => (1, Some(1)),
            Self::TwoToFive => (2, Some(4)),
            Self::FiveToTen => (5, Some(9)),
            Self::TenPlus => (10, None),
        }
    }
}

/// Full years between `start` and `end`; `None` when `end` is before `start`.
pub fn full_years(start: NaiveDate, end: NaiveDate) -> Option<u32> {
    let mut years = end.year() - start.year();
    if (end.month(), end.day()) < (start.month(), start.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// The dashboard's filters; every field optional (`?from=…&department=…`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardFilter {
    /// Leaving date on or after.
    pub from: Option<NaiveDate>,
    /// Leaving date on or before.
    pub to: Option<NaiveDate>,
    pub department: Option<String>,
    pub role: Option<String>,
    pub tenure: Option<TenureBand>,
    pub voluntary: Option<bool>,
}

/// How many of the counted interviews carry one theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeCount {
    pub theme: String,
    pub count: u32,
}

/// Theme counts of the interviews that left in one quarter, e.g. `2026-Q3`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterThemes {
    pub quarter: String,
    pub interviews: u32,
    pub themes: Vec<ThemeCount>,
}

/// The average of one 1–5 rating over the interviews that gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingAverage {
    pub topic: RatingTopic,
    pub average: Option<f64>,
    pub answered: u32,
}

/// Yes / no / not answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YesNo {
    pub yes: u32,
    pub no: u32,
    pub unknown: u32,
}

/// Would-recommend scores grouped the eNPS way: 9–10 promoters, 7–8 passives, 0–6
/// detractors; the score is % promoters − % detractors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct RecommendSummary {
    pub promoters: u32,
    pub passives: u32,
    pub detractors: u32,
    pub score: Option<i32>,
}

/// HR's headcount of one year, for the whole organisation (`department` empty) or one
/// department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headcount {
    pub year: i32,
    #[serde(default)]
    pub department: String,
    pub headcount: u32,
}

/// Leavers with an interview in a year against the headcount HR entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turnover {
    pub year: i32,
    pub department: String,
    pub headcount: u32,
    pub leavers: u32,
    /// Leavers per 100 employees.
    pub percent: f64,
}

/// Everything on the dashboard for one filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Interviews that match the filter.
    pub interviews: u32,
    /// Themes mentioned in the notes, most frequent first.
    pub themes: Vec<ThemeCount>,
    /// Primary reasons for leaving, most frequent first.
    pub primary: Vec<ThemeCount>,
    /// Oldest quarter first; only interviews with a leaving date.
    pub trend: Vec<QuarterThemes>,
    /// In [`RatingTopic::ALL`] order.
    pub ratings: Vec<RatingAverage>,
    /// Yes, maybe, no, not answered.
    pub would_return: [u32; 4],
    pub recommend: RecommendSummary,
    pub regrettable: YesNo,
    pub voluntary: YesNo,
    /// Not filtered: every year and department HR gave a headcount for.
    pub turnover: Vec<Turnover>,
    /// Choices for the filter form (all interviews, not only the filtered ones).
    pub departments: Vec<String>,
    pub roles: Vec<String>,
}

/// What changing HR's theme settings did (`PUT /api/v1/themes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retagged {
    /// Stored notes whose themes or tone changed.
    pub notes: u64,
}

/// One note that carries a theme, with the interview it belongs to (HR follows the link),
/// its stored themes and tone, and whether HR corrected them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeNote {
    pub note: NoteId,
    pub interview: InterviewId,
    pub department: String,
    pub leaving_date: Option<NaiveDate>,
    pub kind: NoteKind,
    pub text: String,
    pub themes: Vec<String>,
    pub sentiment: Sentiment,
    pub corrected: bool,
    /// Marked "delen": managers of its department read `scrubbed`.
    pub shared: bool,
    /// The text with every name, department, role and date of its interview replaced by
    /// "[…]": what a manager would read.
    pub scrubbed: String,
}

/// Theme-page groups per page.
pub const GROUPS_PER_PAGE: u32 = 20;

/// What the theme page asks besides the dashboard's filter: `?kind=quote&page=2`. The
/// department is the filter's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotesQuery {
    #[serde(default)]
    pub kind: Option<NoteKind>,
    /// From 1.
    #[serde(default)]
    pub page: Option<u32>,
}

/// Notes that say the same thing (near-duplicates, close paraphrases), newest first, with
/// the kinds and departments among them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteGroup {
    pub notes: Vec<ThemeNote>,
    pub kinds: Vec<NoteKind>,
    pub departments: Vec<String>,
}

/// How many notes have one value of a filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counted<T> {
    pub value: T,
    pub count: u32,
}

/// The notes behind one theme (`GET /api/v1/dashboard/themes/{theme}`): quotes,
/// suggestions and examples in groups that say the same thing, largest first, one page of
/// them; with, for the filters, the notes per kind (in the chosen department) and per
/// department (of the chosen kind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeDetail {
    pub theme: String,
    pub interviews: u32,
    /// Notes of the chosen kind and department.
    pub notes: u32,
    pub groups: Vec<NoteGroup>,
    /// This page, from 1, of `pages` (at least 1).
    pub page: u32,
    pub pages: u32,
    pub kinds: Vec<Counted<NoteKind>>,
    pub departments: Vec<Counted<String>>,
    /// Only the newest notes were read: there are more.
    pub truncated: bool,
}

impl ThemeDetail {
    /// The notes on this page, group after group.
    pub fn all_notes(&self) -> impl Iterator<Item = &ThemeNote> {
        self.groups.iter().flat_map(|g| &g.notes)
    }
}

/// A word or phrase that recurs in notes no theme covers, across several interviews, with
/// example notes; `keyword` is the pattern a new theme for it gets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmergentTerm {
    pub term: String,
    pub keyword: String,
    pub interviews: u32,
    pub notes: u32,
    pub examples: Vec<ThemeNote>,
    /// Words found in mostly the same notes.
    pub related: Vec<String>,
}

/// Emergent themes in the filtered interviews (`GET /api/v1/dashboard/emergent`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Emergent {
    /// Notes without a theme that were read: the newest, at most a fixed number.
    pub notes_read: u32,
    pub terms: Vec<EmergentTerm>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenure_bands_cover_every_year_once() {
        for years in 0..40 {
            let band = TenureBand::of(years);
            let (lo, hi) = band.years();
            assert!(years >= lo && hi.is_none_or(|hi| years <= hi), "{years}");
        }
        assert_eq!(TenureBand::of(4), TenureBand::TwoToFive);
        assert_eq!(TenureBand::of(10), TenureBand::TenPlus);
    }

    #[test]
    fn full_years_count_only_completed_years() {
        let d = |s: &str| s.parse::<NaiveDate>().expect("date");
        let cases = [
            ("2020-03-01", "2026-02-28", Some(5)),
            ("2020-03-01", "2026-03-01", Some(6)),
            ("2024-02-29", "2025-02-28", Some(0)),
            ("2026-05-01", "2026-04-01", None),
        ];
        for (start, end, want) in cases {
            assert_eq!(full_years(d(start), d(end)), want, "{start}..{end}");
        }
    }
}
