//! Components without data fetching: they get signals and callbacks from their page.

mod answers_form;
mod backup;
mod closing;
mod field;
mod header;
mod listening_aid;
mod opening;
mod question_card;
mod storage_banner;
mod sync_status;
mod theme_suggestions;
mod timer;
mod update_banner;

pub use answers_form::AnswersForm;
pub use backup::Backup;
pub use closing::ClosingChecklist;
pub use field::{use_hydrated, Field};
pub use header::Header;
pub use listening_aid::ListeningAid;
pub use opening::OpeningSection;
pub use question_card::QuestionCard;
pub use storage_banner::StorageBanner;
pub use sync_status::SyncStatus;
pub use theme_suggestions::{suggested, use_theme_names, ThemeSuggestions};
pub use timer::Timer;
pub use update_banner::UpdateBanner;
