//! The question guide: the five standard questions of the method, in order, which the
//! interviewer may skip, reorder and extend with own questions during the talk.

use serde::{Deserialize, Serialize};

use super::QuestionId;

/// The method's five core questions. Texts live in the translation table (`i18n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StandardQuestion {
    WhyLeaving,
    Culture,
    Manager,
    WhatToChange,
    MakePositionAttractive,
}

impl StandardQuestion {
    pub const ALL: [StandardQuestion; 5] = [
        Self::WhyLeaving,
        Self::Culture,
        Self::Manager,
        Self::WhatToChange,
        Self::MakePositionAttractive,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    fn key(self) -> &'static str {
        [
            "why_leaving",
            "culture",
            "manager",
            "what_to_change",
            "make_position_attractive",
        ][self.index()]
    }
}

/// What a question says: a standard one (translated) or the interviewer's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionText {
    Standard(StandardQuestion),
    Custom(String),
}

/// One entry of an interview's guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    pub text: QuestionText,
    #[serde(default)]
    pub skipped: bool,
}

impl Question {
    /// The default guide: the five standard questions in the method's order.
    pub fn standard_guide() -> Vec<Question> {
        StandardQuestion::ALL
            .into_iter()
            .map(|q| Question {
                id: QuestionId::standard(q.key()),
                text: QuestionText::Standard(q),
                skipped: false,
            })
            .collect()
    }

    /// An own question, or `None` for blank text.
    pub fn custom(text: &str) -> Option<Question> {
        let text = text.trim();
        (!text.is_empty()).then(|| Question {
            id: QuestionId::custom(),
            text: QuestionText::Custom(text.to_owned()),
            skipped: false,
        })
    }

    /// Moves the question `id` one place up (`-1`) or down (`+1`) in `guide`.
    /// Returns whether anything moved (not at the edge, id known).
    pub fn move_in(guide: &mut [Question], id: &QuestionId, delta: isize) -> bool {
        let Some(from) = guide.iter().position(|q| &q.id == id) else {
            return false;
        };
        let Some(to) = from.checked_add_signed(delta).filter(|&t| t < guide.len()) else {
            return false;
        };
        guide.swap(from, to);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(guide: &[Question]) -> Vec<&str> {
        guide.iter().map(|q| q.id.as_str()).collect()
    }

    #[test]
    fn the_standard_guide_asks_why_first_and_the_position_last() {
        let guide = Question::standard_guide();
        assert_eq!(
            order(&guide),
            [
                "std:why_leaving",
                "std:culture",
                "std:manager",
                "std:what_to_change",
                "std:make_position_attractive"
            ]
        );
    }

    #[test]
    fn moving_swaps_neighbours_and_stops_at_the_edges() {
        let cases: [(usize, isize, bool, [usize; 5]); 5] = [
            (0, -1, false, [0, 1, 2, 3, 4]),
            (0, 1, true, [1, 0, 2, 3, 4]),
            (2, -1, true, [0, 2, 1, 3, 4]),
            (4, 1, false, [0, 1, 2, 3, 4]),
            (4, -1, true, [0, 1, 2, 4, 3]),
        ];
        for (index, delta, moved, expected) in cases {
            let original = Question::standard_guide();
            let mut guide = original.clone();
            let id = guide[index].id.clone();
            assert_eq!(
                Question::move_in(&mut guide, &id, delta),
                moved,
                "{index} {delta}"
            );
            let want: Vec<_> = expected.iter().map(|&i| original[i].id.as_str()).collect();
            assert_eq!(order(&guide), want, "{index} {delta}");
        }
    }

    #[test]
    fn own_questions_need_text() {
        assert_eq!(Question::custom("   "), None);
        let q = Question::custom(" Hoe was de inwerkperiode? ").expect("a question");
        assert_eq!(
            q.text,
            QuestionText::Custom("Hoe was de inwerkperiode?".into())
        );
        assert!(!q.id.as_str().starts_with("std:"));
    }
}
