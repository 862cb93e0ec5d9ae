//! The fixed taxonomy of reasons for leaving. Ids are stable: they are stored, synced and
//! used as primary/secondary reasons. Labels live in the translation table (`i18n`).

use serde::{Deserialize, Serialize};

/// One of the fourteen built-in themes. Serialised as its snake_case id, e.g. `job_content`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeId {
    Career,
    Manager,
    Workload,
    Pay,
    Culture,
    Wellbeing,
    JobContent,
    Organisation,
    Commute,
    Personal,
    Education,
    BetterOffer,
    Involuntary,
    Retirement,
}

impl ThemeId {
    /// All themes in display order; `ALL[t.index()] == t`.
    pub const ALL: [ThemeId; 14] = [
        Self::Career,
        Self::Manager,
        Self::Workload,
        Self::Pay,
        Self::Culture,
        Self::Wellbeing,
        Self::JobContent,
        Self::Organisation,
        Self::Commute,
        Self::Personal,
        Self::Education,
        Self::BetterOffer,
        Self::Involuntary,
        Self::Retirement,
    ];

    /// Position in [`ThemeId::ALL`], used to index label tables.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The stable id, e.g. `better_offer`.
    pub fn key(self) -> &'static str {
        const KEYS: [&str; 14] = [
            "career",
            "manager",
            "workload",
            "pay",
            "culture",
            "wellbeing",
            "job_content",
            "organisation",
            "commute",
            "personal",
            "education",
            "better_offer",
            "involuntary",
            "retirement",
        ];
        KEYS[self.index()]
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_index_and_serde_agree() {
        for (i, theme) in ThemeId::ALL.into_iter().enumerate() {
            assert_eq!(theme.index(), i);
            assert_eq!(ThemeId::from_key(theme.key()), Some(theme));
            let json = serde_json::to_string(&theme).expect("serialises");
            assert_eq!(json, format!("\"{}\"", theme.key()));
        }
        assert_eq!(ThemeId::from_key("salary"), None);
    }
}
