//! One module per route.

mod download;
mod home;
mod interview;
mod interview_list;
mod new_interview;
mod not_found;

pub use home::Home;
pub use interview::{use_editor, Editor, InterviewPage};
pub use interview_list::InterviewList;
pub use new_interview::NewInterview;
pub use not_found::NotFound;
