//! Identifiers. Interviews, notes and own questions get UUIDv7 ids made on the device, so a
//! tablet can create records offline without asking the server.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A new time-ordered id (UUIDv7).
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// Parses the hyphenated form, e.g. from a route parameter.
            pub fn parse(text: &str) -> Option<Self> {
                Uuid::parse_str(text).ok().map(Self)
            }

            pub fn as_uuid(&self) -> Uuid {
                self.0
            }

            /// The all-zero id, which sorts before every made one.
            pub const NIL: Self = Self(Uuid::nil());
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }
    };
}

uuid_id!(
    /// One exit interview.
    InterviewId
);
uuid_id!(
    /// One action of the improvement plan.
    ActionId
);
uuid_id!(
    /// One note within an interview.
    NoteId
);
uuid_id!(
    /// One browser profile on one tablet; made once, on first start.
    DeviceId
);
uuid_id!(
    /// One account (made on the server).
    UserId
);

/// A question in an interview's guide: `std:<key>` for the five standard questions, or the
/// UUID of a question the interviewer added during the talk.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct QuestionId(String);

impl QuestionId {
    pub fn standard(key: &str) -> Self {
        Self(format!("std:{key}"))
    }

    pub fn custom() -> Self {
        Self(Uuid::now_v7().hyphenated().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_json() {
        let id = InterviewId::new();
        assert_eq!(InterviewId::parse(&id.to_string()), Some(id));
        let json = serde_json::to_string(&id).expect("serialises");
        assert_eq!(json, format!("\"{id}\""));
        assert_eq!(InterviewId::parse("not-a-uuid"), None);
    }

    #[test]
    fn new_ids_are_time_ordered() {
        let (a, b) = (NoteId::new(), NoteId::new());
        assert!(a < b);
        assert_eq!(a.as_uuid().get_version_num(), 7);
    }
}
