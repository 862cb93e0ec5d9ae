//! One module per route.

mod download;
mod home;
mod interview;
mod interview_list;
mod login;
mod new_interview;
mod not_found;
mod setup;
mod users;

pub use home::Home;
pub use interview::{use_editor, Editor, InterviewPage};
pub use interview_list::InterviewList;
pub use login::{home_for, LoginPage};
pub use new_interview::NewInterview;
pub use not_found::NotFound;
pub use setup::SetupPage;
pub use users::UsersPage;
