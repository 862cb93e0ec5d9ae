//! The exit interview as browser and server both see it: ids, the interview record, notes,
//! the question guide, structured answers and the theme list. Plain data with serde; no
//! storage, no UI, no feature gates.
//!
//! Terms: a *leaver* is the departing employee; the *interviewer* runs the talk; a *note* is
//! one line typed during the talk, filed under a question; a *tombstone* is a deleted note
//! that is kept (with `deleted = true`) so the deletion itself can be synced.

mod account;
mod answers;
mod change;
mod dashboard;
mod hlc;
mod ids;
mod insights;
mod interview;
mod merge;
mod note;
mod plan;
mod progress;
mod questions;
mod sync;
mod theme;
mod theme_model;

pub use account::{
    check_password, AccountProblem, Department, DisplayName, Email, Login, NewUser, Role,
    SessionInfo, SetupStatus, User, UserChange, MAX_PASSWORD, MIN_PASSWORD,
};
pub use answers::{Answers, Rating, RatingTopic, Recommend, WouldReturn};
pub use change::{Change, Op, Target};
pub use dashboard::*;
pub use hlc::{Hlc, Stamp};
pub use ids::{ActionId, DeviceId, InterviewId, NoteId, QuestionId, UserId};
pub use insights::{
    AnonymitySettings, Cell, FilterChoices, GroupCount, InsightFilter, Insights, NoteShare,
    QuarterInsight, RatingInsight, RecommendInsight, SharedQuote, YesNoInsight, DEFAULT_MIN_GROUP,
    DEFAULT_MIN_QUOTE_GROUP,
};
pub use interview::{
    Closing, Details, DetailsProblem, Interview, Opening, Status, TimingWarning, PLANNED_MINUTES,
    PLAN_WINDOW_DAYS,
};
pub use merge::{merged, resolve, Stamps};
pub use note::{Note, NoteKind, MAX_NOTE_THEMES};
pub use plan::{
    Action, ActionDraft, ActionProblem, ActionStatus, Effect, Interval, NewUpdate, Period,
    ProgressUpdate, Verdict, MAX_ACTION_DEPARTMENTS, MAX_ACTION_THEMES, MAX_DESCRIPTION, MAX_TITLE,
    MAX_UPDATE,
};
pub use progress::{
    NewProgressLink, ProgressLink, ProgressPage, PublicAction, PublicUpdate, ThemeLabel,
    DEFAULT_LINK_DAYS, MAX_LINK_DAYS,
};
pub use questions::{Question, QuestionText, StandardQuestion};
pub use sync::*;
pub use theme::ThemeId;
pub use theme_model::{
    CorrectionProblem, ModelFigures, ModelPreview, ModelVersion, ThemeCorrection,
};

/// Milliseconds since the Unix epoch (UTC), as the browser's `Date.now()` gives them.
pub type Millis = i64;
