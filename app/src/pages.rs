//! One module per route.

mod archive;
mod archive_detail;
mod audit;
mod dashboard;
pub(crate) mod download;
mod home;
mod insights;
mod interview;
mod interview_list;
mod login;
mod new_interview;
mod not_found;
mod plan;
mod progress;
mod setup;
mod theme_models;
mod theme_notes;
mod theme_settings;
mod users;

pub use archive::ArchivePage;
pub use archive_detail::ArchiveDetail;
pub use audit::AuditPage;
pub use dashboard::DashboardPage;
pub use home::Home;
pub use insights::InsightsPage;
pub use interview::{use_editor, Editor, InterviewPage, KeptText};
pub use interview_list::InterviewList;
pub use login::{home_for, LoginPage};
pub use new_interview::NewInterview;
pub use not_found::NotFound;
pub use plan::PlanPage;
pub use progress::ProgressPublic;
pub use setup::SetupPage;
pub use theme_notes::ThemeNotes;
pub use theme_settings::ThemeSettingsPage;
pub use users::UsersPage;
