//! What a manager sees of their departments (`GET /api/v1/insights`): the dashboard's
//! figures, anonymised. Every figure that fewer than the minimum group of interviews stand
//! behind is [`Cell::TooFew`] instead of a number, and so is whatever would let a reader work
//! one out from the figures that are shown.

use serde::{Deserialize, Serialize};

use super::{NoteKind, RatingTopic, TenureBand};

/// The minimum group size HR starts with.
pub const DEFAULT_MIN_GROUP: u32 = 5;
/// The smallest group whose marked quotes reach managers, to start with.
pub const DEFAULT_MIN_QUOTE_GROUP: u32 = 8;

/// HR's anonymity settings (`GET|PUT /api/v1/insights/settings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnonymitySettings {
    /// The fewest interviews behind any figure a manager sees.
    pub min_group: u32,
    /// The fewest interviews in a group whose quotes HR marked reach its managers.
    pub min_quote_group: u32,
}

impl Default for AnonymitySettings {
    fn default() -> Self {
        Self {
            min_group: DEFAULT_MIN_GROUP,
            min_quote_group: DEFAULT_MIN_QUOTE_GROUP,
        }
    }
}

impl AnonymitySettings {
    /// Below three, a manager who knows one leaver's answers learns the other's.
    pub const LOWEST: u32 = 3;
    pub const HIGHEST: u32 = 100;

    /// Why these settings cannot be stored, in words for HR.
    pub fn check(&self) -> Result<(), String> {
        let range = Self::LOWEST..=Self::HIGHEST;
        if !range.contains(&self.min_group) {
            return Err(format!(
                "min_group must be from {} to {}",
                Self::LOWEST,
                Self::HIGHEST
            ));
        }
        if !(self.min_group..=Self::HIGHEST).contains(&self.min_quote_group) {
            return Err(format!(
                "min_quote_group must be from min_group ({}) to {}",
                self.min_group,
                Self::HIGHEST
            ));
        }
        Ok(())
    }
}

/// A figure, or "te weinig gesprekken".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell<T> {
    Shown(T),
    TooFew,
}

impl<T: Copy> Cell<T> {
    pub fn shown(self) -> Option<T> {
        match self {
            Cell::Shown(v) => Some(v),
            Cell::TooFew => None,
        }
    }
}

/// How many of the counted interviews fall in one group (a theme, a primary reason).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupCount {
    pub key: String,
    pub count: Cell<u32>,
}

/// One quarter of the trend: its interviews and how many of them carry each theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterInsight {
    pub quarter: String,
    pub interviews: Cell<u32>,
    pub themes: Vec<GroupCount>,
}

/// One 1–5 rating: its average over the interviews that gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingInsight {
    pub topic: RatingTopic,
    pub answered: Cell<u32>,
    pub average: Cell<f64>,
}

/// Would-recommend scores the eNPS way, with the interviews that gave none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecommendInsight {
    pub promoters: Cell<u32>,
    pub passives: Cell<u32>,
    pub detractors: Cell<u32>,
    pub unanswered: Cell<u32>,
    pub score: Cell<i32>,
}

/// Yes / no / not answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YesNoInsight {
    pub yes: Cell<u32>,
    pub no: Cell<u32>,
    pub unknown: Cell<u32>,
}

/// The anonymised dashboard of some departments. When the group as a whole is smaller than
/// `min_group`, `interviews` is [`Cell::TooFew`] and every list is empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insights {
    /// The departments counted.
    pub departments: Vec<String>,
    pub filter: InsightFilter,
    pub min_group: u32,
    pub interviews: Cell<u32>,
    /// Shown counts most frequent first, then the hidden ones by key (their order would tell).
    pub themes: Vec<GroupCount>,
    /// Primary reasons, ordered like `themes`; `no_primary` counts interviews without one.
    pub primary: Vec<GroupCount>,
    pub no_primary: Cell<u32>,
    /// Oldest quarter first; `undated` counts interviews without a leaving date.
    pub trend: Vec<QuarterInsight>,
    pub undated: Cell<u32>,
    /// In [`RatingTopic::ALL`] order.
    pub ratings: Vec<RatingInsight>,
    /// Yes, maybe, no, not answered.
    pub would_return: Vec<Cell<u32>>,
    pub recommend: Option<RecommendInsight>,
    pub voluntary: Option<YesNoInsight>,
    pub regrettable: Option<YesNoInsight>,
    pub choices: FilterChoices,
    /// The fewest interviews a department needs before its marked quotes are shown.
    pub min_quote_group: u32,
    /// Quotes and suggestions HR marked "delen", scrubbed, in random order; none under a
    /// filter.
    pub quotes: Vec<SharedQuote>,
}

/// A quote or suggestion HR marked "delen", as a manager reads it: every name, department,
/// role and date of its interview replaced by "[…]", without date, interview or interviewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedQuote {
    pub kind: NoteKind,
    pub text: String,
    pub themes: Vec<String>,
}

/// HR marking a note "delen" or taking the mark back (`PUT /api/v1/notes/{id}/share`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteShare {
    /// The note's text as HR read it: a note rewritten since is not marked (409).
    pub text: String,
    pub shared: bool,
}

/// The one filter a manager may set at a time (`?role=…` or `?year=…`, …): with one
/// condition, what two answers differ by is always a group the rules below have checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InsightFilter {
    pub department: Option<String>,
    pub role: Option<String>,
    /// Leaving year.
    pub year: Option<i32>,
    pub tenure: Option<TenureBand>,
    pub voluntary: Option<bool>,
}

impl InsightFilter {
    /// How many conditions are set.
    pub fn conditions(&self) -> usize {
        usize::from(self.department.is_some())
            + usize::from(self.role.is_some())
            + usize::from(self.year.is_some())
            + usize::from(self.tenure.is_some())
            + usize::from(self.voluntary.is_some())
    }
}

/// The filter values a manager may choose: each leaves a group of at least the minimum size,
/// and so does what is left of the departments without it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FilterChoices {
    pub departments: Vec<String>,
    pub roles: Vec<String>,
    pub years: Vec<i32>,
    pub tenure: Vec<TenureBand>,
    pub voluntary: Vec<bool>,
}
