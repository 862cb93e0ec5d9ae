//! HR teaching the theme detector: a correction of one note's themes and tone, and the
//! versions of the model trained with the corrections, between which HR switches.

use serde::{Deserialize, Serialize};

use super::{Millis, MAX_NOTE_THEMES};
use crate::themes::Sentiment;

/// HR's themes and tone for one note (`PUT /api/v1/notes/{id}/themes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeCorrection {
    /// The note's text as HR read it: a note rewritten since is not corrected (409).
    pub text: String,
    pub themes: Vec<String>,
    pub sentiment: Sentiment,
}

/// Why a correction is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectionProblem {
    TooManyThemes,
    /// A key HR's settings do not know, or a switched-off theme.
    UnknownTheme,
    DuplicateTheme,
}

impl std::fmt::Display for CorrectionProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::TooManyThemes => "too many themes for one note",
            Self::UnknownTheme => "a theme that is not one of the enabled themes",
            Self::DuplicateTheme => "a theme occurs twice",
        })
    }
}

impl ThemeCorrection {
    /// The correction with its themes sorted, when every theme is one of `enabled`, none twice.
    pub fn checked(mut self, enabled: &[&str]) -> Result<Self, CorrectionProblem> {
        if self.themes.len() > MAX_NOTE_THEMES {
            return Err(CorrectionProblem::TooManyThemes);
        }
        if self.themes.iter().any(|t| !enabled.contains(&t.as_str())) {
            return Err(CorrectionProblem::UnknownTheme);
        }
        self.themes.sort();
        let before = self.themes.len();
        self.themes.dedup();
        if self.themes.len() < before {
            return Err(CorrectionProblem::DuplicateTheme);
        }
        Ok(self)
    }
}

/// A model's scores on the theme corpus's test part, measured when it was trained.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ModelFigures {
    /// Notes in the test part.
    pub notes: u32,
    pub precision: f64,
    pub recall: f64,
    pub micro_f1: f64,
    pub sentiment: f64,
}

/// One stored version of the theme model (`GET /api/v1/themes/models`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelVersion {
    pub id: i64,
    pub created_at: Millis,
    pub label: String,
    /// HR corrections it learnt from (0 for the built-in model).
    pub corrections: u32,
    pub figures: ModelFigures,
    /// The model the server tags notes with.
    pub active: bool,
}

impl ModelVersion {
    /// The start of the built-in model's label.
    pub const BUILT_IN: &'static str = "built in";

    pub fn is_built_in(&self) -> bool {
        self.label.starts_with(Self::BUILT_IN)
    }
}

/// What switching to a version would do (`GET /api/v1/themes/models/{id}/preview`): the
/// version in use and the candidate side by side, and how many stored notes would get other
/// themes or another tone (HR's corrections and interviewers' choices stay).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelPreview {
    /// `None` while no version was ever stored (the built-in model, figures unknown here).
    pub current: Option<ModelVersion>,
    pub candidate: ModelVersion,
    pub notes: u64,
    pub notes_changed: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_are_checked_against_the_enabled_themes() {
        let enabled = ["pay", "manager", "eigen_thema"];
        let c = |themes: &[&str]| ThemeCorrection {
            text: String::new(),
            themes: themes.iter().map(|t| t.to_string()).collect(),
            sentiment: Sentiment::Negative,
        };
        type Case<'a> = (&'a [&'a str], Result<&'a [&'a str], CorrectionProblem>);
        let cases: [Case; 5] = [
            (&["pay", "manager"], Ok(&["manager", "pay"])),
            (&[], Ok(&[])),
            (&["eigen_thema"], Ok(&["eigen_thema"])),
            (&["pay", "culture"], Err(CorrectionProblem::UnknownTheme)),
            (&["pay", "pay"], Err(CorrectionProblem::DuplicateTheme)),
        ];
        for (given, expected) in cases {
            let got = c(given).checked(&enabled).map(|c| c.themes);
            let expected = expected.map(|t| t.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(got, expected, "{given:?}");
        }
        let many: Vec<String> = (0..=MAX_NOTE_THEMES).map(|i| format!("t{i}")).collect();
        let keys: Vec<&str> = many.iter().map(String::as_str).collect();
        let too_many = ThemeCorrection {
            text: String::new(),
            themes: many.clone(),
            sentiment: Sentiment::Neutral,
        };
        assert_eq!(
            too_many.checked(&keys),
            Err(CorrectionProblem::TooManyThemes)
        );
    }
}
