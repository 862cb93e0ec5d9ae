//! Structured answers: the reasons for leaving and the scores HR aggregates later.
//! Scores are newtypes that can only hold valid values (parse at the edge).

use serde::{Deserialize, Serialize};

use super::ThemeId;

/// A score that can only hold a value in `$min..=$max`; serialised as the bare number.
macro_rules! bounded_score {
    ($(#[$doc:meta])* $name:ident, $min:literal..=$max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "u8", into = "u8")]
        pub struct $name(u8);

        impl $name {
            pub fn new(value: u8) -> Option<Self> {
                ($min..=$max).contains(&value).then_some(Self(value))
            }

            pub fn get(self) -> u8 {
                self.0
            }
        }

        impl TryFrom<u8> for $name {
            type Error = String;
            fn try_from(value: u8) -> Result<Self, Self::Error> {
                Self::new(value).ok_or_else(|| {
                    format!("{} {value} is not in {}..={}", stringify!($name), $min, $max)
                })
            }
        }

        impl From<$name> for u8 {
            fn from(score: $name) -> u8 {
                score.0
            }
        }
    };
}

bounded_score!(
    /// A 1–5 rating.
    Rating, 1..=5
);
bounded_score!(
    /// Would-recommend-as-employer score, 0–10 (eNPS style).
    Recommend, 0..=10
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WouldReturn {
    Yes,
    Maybe,
    No,
}

impl WouldReturn {
    pub const ALL: [WouldReturn; 3] = [Self::Yes, Self::Maybe, Self::No];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// What the optional 1–5 ratings are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingTopic {
    Culture,
    Manager,
    Growth,
    Workload,
    Pay,
}

impl RatingTopic {
    pub const ALL: [RatingTopic; 5] = [
        Self::Culture,
        Self::Manager,
        Self::Growth,
        Self::Workload,
        Self::Pay,
    ];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The structured part of an interview; every field optional until answered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    pub primary_reason: Option<ThemeId>,
    /// Never contains the primary reason (see [`Answers::set_primary`]).
    pub secondary_reasons: Vec<ThemeId>,
    pub voluntary: Option<bool>,
    pub would_return: Option<WouldReturn>,
    pub recommend: Option<Recommend>,
    /// Indexed by [`RatingTopic::index`].
    pub ratings: [Option<Rating>; 5],
    /// HR's view: would we have wanted to keep this person?
    pub regrettable: Option<bool>,
}

impl Answers {
    /// Sets the primary reason and drops it from the secondary ones.
    pub fn set_primary(&mut self, theme: Option<ThemeId>) {
        self.primary_reason = theme;
        self.secondary_reasons.retain(|t| Some(*t) != theme);
    }

    /// Adds or removes a secondary reason; the primary reason cannot also be secondary.
    pub fn toggle_secondary(&mut self, theme: ThemeId) {
        if let Some(i) = self.secondary_reasons.iter().position(|t| *t == theme) {
            self.secondary_reasons.remove(i);
        } else if self.primary_reason != Some(theme) {
            self.secondary_reasons.push(theme);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_only_hold_valid_values() {
        assert_eq!(Rating::new(0), None);
        assert_eq!(Rating::new(5).map(Rating::get), Some(5));
        assert_eq!(Rating::new(6), None);
        assert_eq!(Recommend::new(10).map(Recommend::get), Some(10));
        assert_eq!(Recommend::new(11), None);
        assert!(serde_json::from_str::<Rating>("7").is_err());
        assert!(serde_json::from_str::<Recommend>("10").is_ok());
    }

    #[test]
    fn the_primary_reason_is_never_also_secondary() {
        let mut a = Answers::default();
        a.toggle_secondary(ThemeId::Pay);
        a.toggle_secondary(ThemeId::Manager);
        a.set_primary(Some(ThemeId::Pay));
        assert_eq!(a.secondary_reasons, [ThemeId::Manager]);
        a.toggle_secondary(ThemeId::Pay);
        assert_eq!(
            a.secondary_reasons,
            [ThemeId::Manager],
            "primary cannot be added"
        );
        a.toggle_secondary(ThemeId::Manager);
        assert!(a.secondary_reasons.is_empty());
    }
}
