//! The one translation table of the UI. Every visible text comes from a [`Texts`] value;
//! Dutch is the default. Completeness is checked by the compiler: each language is a full
//! struct literal, and enum labels are arrays as long as the enum.

use leptos::prelude::*;

use crate::domain::{DetailsProblem, TimingWarning};

mod en;
mod nl;

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nl => &nl::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }
}

/// All UI strings of one language.
pub struct Texts {
    pub lang_switch: &'static str,
    pub nav_home: &'static str,
    pub nav_interviews: &'static str,
    pub home_lead: &'static str,
    pub home_steps: [&'static str; 5],
    pub show_questions: &'static str,
    pub hide_questions: &'static str,
    pub start_interviews: &'static str,
    pub not_found: &'static str,
    pub back_home: &'static str,
    pub loading: &'static str,

    // Interview list.
    pub interviews_title: &'static str,
    pub interviews_empty: &'static str,
    pub new_interview: &'static str,
    pub status_labels: [&'static str; 4],
    pub open: &'static str,
    pub storage_used: &'static str,
    pub export_backup: &'static str,
    pub import_backup: &'static str,
    pub imported: &'static str,
    pub storage_persisted: &'static str,
    pub storage_not_persisted: &'static str,

    // A new version of the app is waiting.
    pub update_available: &'static str,
    pub update_keeps_notes: &'static str,
    pub update_now: &'static str,

    // New interview form.
    pub new_title: &'static str,
    pub leaver: &'static str,
    pub leaver_hint: &'static str,
    pub department: &'static str,
    pub role: &'static str,
    pub start_date: &'static str,
    pub tenure_years: &'static str,
    pub leaving_date: &'static str,
    pub interview_date: &'static str,
    pub interviewer: &'static str,
    pub create: &'static str,
    pub leaver_missing: &'static str,
    pub leaving_before_start: &'static str,
    pub warn_after_leaving: &'static str,
    pub warn_too_early: &'static str,
    pub default_confidentiality: &'static str,

    // Interview page.
    pub opening_title: &'static str,
    pub confidentiality: &'static str,
    pub discussed: &'static str,
    pub consent: &'static str,
    pub start_talk: &'static str,
    pub questions_title: &'static str,
    pub standard_questions: [&'static str; 5],
    pub skip: &'static str,
    pub unskip: &'static str,
    pub skipped: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub add_question: &'static str,
    pub add_question_placeholder: &'static str,
    pub note_placeholder: &'static str,
    pub add_note: &'static str,
    pub note_kinds: [&'static str; 4],
    pub edit: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub delete: &'static str,
    pub listening_title: &'static str,
    pub listening_prompts: [&'static str; 4],
    pub timer: &'static str,
    pub minutes_of: &'static str,
    pub answers_title: &'static str,
    pub primary_reason: &'static str,
    pub secondary_reasons: &'static str,
    pub choose: &'static str,
    pub voluntary: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub would_return: &'static str,
    pub would_return_labels: [&'static str; 3],
    pub recommend: &'static str,
    pub ratings: &'static str,
    pub rating_topics: [&'static str; 5],
    pub closing_title: &'static str,
    pub thanked: &'static str,
    pub last_thoughts: &'static str,
    pub door_open: &'static str,
    pub finish: &'static str,
    pub finished_notice: &'static str,
    pub reopen: &'static str,
    pub interview_missing: &'static str,
    pub themes: [&'static str; 14],

    // Accounts.
    pub nav_login: &'static str,
    pub nav_users: &'static str,
    pub logout: &'static str,
    pub logout_title: &'static str,
    pub logout_remove_synced: &'static str,
    pub logged_out_removed: &'static str,
    pub login_title: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub login_wrong: &'static str,
    pub login_wait: &'static str,
    pub offline_server: &'static str,
    pub server_error: &'static str,
    pub setup_title: &'static str,
    pub setup_lead: &'static str,
    pub setup_closed: &'static str,
    pub name: &'static str,
    pub password_hint: &'static str,
    pub password_repeat: &'static str,
    pub passwords_differ: &'static str,
    pub create_account: &'static str,
    pub users_title: &'static str,
    pub hr_only: &'static str,
    pub login_first: &'static str,
    pub account_role: &'static str,
    pub departments: &'static str,
    pub status: &'static str,
    pub active: &'static str,
    pub disabled: &'static str,
    pub disable: &'static str,
    pub enable: &'static str,
    pub add_user_title: &'static str,
    pub initial_password: &'static str,
    pub add_user: &'static str,
    pub user_added: &'static str,
    pub role_labels: [&'static str; 3],
    /// In the order of `AccountProblem`: e-mail, name, department, password, role, scope.
    pub account_problems: [&'static str; 6],
    pub you: &'static str,

    // Sync.
    pub sync_offline: &'static str,
    pub sync_needs_login: &'static str,
    pub sync_overreach: &'static str,
    pub sync_locked: &'static str,
    /// The lock screen and the vault around a user's data on this device.
    pub vault_title: &'static str,
    pub backup_password: &'static str,
    pub backup_wrong_password: &'static str,
    pub vault_intro: &'static str,
    /// After a count: changes in a vault not yet sent.
    pub vault_unsent: &'static str,
    pub vault_unlock: &'static str,
    pub vault_login: &'static str,
    pub vault_wrong: &'static str,
    pub vault_lock: &'static str,
    pub vault_locked: &'static str,
    pub vault_password_changed: &'static str,
    pub vault_old_password: &'static str,
    pub vault_keep: &'static str,
    /// `{n}`: changes that will be lost.
    pub vault_afresh: &'static str,
    pub sync_failed: &'static str,
    pub sync_queued: &'static str,
    pub sync_running: &'static str,
    pub sync_done_at: &'static str,
    pub sync_never: &'static str,
    pub sync_refused: &'static str,
    pub sync_now: &'static str,
    /// Per interview: waiting, refused, synced, only on this device.
    pub sync_marks: [&'static str; 4],
    /// In the order of `ChangeProblem`.
    pub change_problems: [&'static str; 11],
    pub remove_from_device: &'static str,
    /// Letting one refused change go, once read; for more, a count goes in `{}`.
    pub refused_dismiss_one: &'static str,
    pub refused_dismiss_many: &'static str,
    pub gone_erased: &'static str,
    pub gone_anonymised: &'static str,
    /// One unsent or refused change went with the interview.
    pub gone_dropped_one: &'static str,
    /// After a count: unsent or refused changes that went with the interview.
    pub gone_dropped: &'static str,
    pub gone_read: &'static str,
    pub tablets_title: &'static str,
    pub remove_after_sync: &'static str,
    pub lock_minutes: &'static str,
    pub lock_minutes_invalid: &'static str,
    pub saved: &'static str,
    pub removed_from_device: &'static str,

    // Interviews on the server.
    pub nav_archive: &'static str,
    pub nav_audit: &'static str,
    pub archive_title: &'static str,
    pub archive_own_only: &'static str,
    pub archive_empty: &'static str,
    pub search: &'static str,
    pub leaving_from: &'static str,
    pub leaving_to: &'static str,
    pub all: &'static str,
    pub filter: &'static str,
    pub notes_count: &'static str,
    pub anonymised: &'static str,
    pub audit_notice: &'static str,
    pub erase: &'static str,
    pub erase_confirm: &'static str,
    pub erased: &'static str,
    pub audit_title: &'static str,
    pub audit_when: &'static str,
    pub audit_who: &'static str,
    pub audit_interview: &'static str,
    /// Read, erase.
    pub audit_actions: [&'static str; 2],
    pub back_to_list: &'static str,
    pub no_notes: &'static str,

    // The dashboard.
    pub regrettable: &'static str,
    /// `,` in Dutch, `.` in English.
    pub decimal_sign: &'static str,
    pub nav_dashboard: &'static str,
    pub dashboard_title: &'static str,
    pub dashboard_count: &'static str,
    pub dashboard_themes_title: &'static str,
    pub dashboard_mentioned: &'static str,
    pub dashboard_primary: &'static str,
    pub dashboard_trend_title: &'static str,
    pub dashboard_theme: &'static str,
    pub dashboard_no_data: &'static str,
    pub dashboard_answers: &'static str,
    pub dashboard_answered: &'static str,
    pub not_answered: &'static str,
    pub enps: &'static str,
    /// Promoters, passives, detractors.
    pub enps_groups: [&'static str; 3],
    pub regrettable_title: &'static str,
    pub turnover_title: &'static str,
    pub turnover_cbs: &'static str,
    pub turnover_none: &'static str,
    pub turnover_note: &'static str,
    pub year: &'static str,
    pub headcount: &'static str,
    pub leavers: &'static str,
    pub whole_organisation: &'static str,
    pub add_row: &'static str,
    pub export_csv: &'static str,
    pub print: &'static str,
    pub tenure: &'static str,
    /// In the order of `TenureBand`.
    pub tenure_bands: [&'static str; 5],
    pub involuntary: &'static str,
    pub theme_notes_title: &'static str,
    pub theme_notes_empty: &'static str,
    pub theme_notes_kind: &'static str,
    pub theme_notes_one: &'static str,
    pub theme_notes_many: &'static str,
    /// `{notes}`, `{page}`, `{pages}`.
    pub theme_notes_summary: &'static str,
    /// `{n}`.
    pub theme_notes_others: &'static str,
    pub theme_notes_truncated: &'static str,
    pub theme_notes_pages: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    /// `{page}`, `{pages}`.
    pub page_of: &'static str,
    pub open_interview: &'static str,
    pub back_to_dashboard: &'static str,
    pub emergent_title: &'static str,
    /// `{n}`: notes read.
    pub emergent_hint: &'static str,
    pub emergent_none: &'static str,
    /// `{i}`: interviews, `{n}`: notes.
    pub emergent_counts: &'static str,
    pub emergent_make_theme: &'static str,
    pub emergent_related: &'static str,
    /// `{theme}`: its name, `{n}`: notes tagged.
    pub emergent_made: &'static str,
    /// In the order negative, neutral, positive.
    pub tones: [&'static str; 3],
    pub tone: &'static str,
    pub correct_themes: &'static str,
    pub correct_themes_hint: &'static str,
    pub corrected_by_hr: &'static str,
    pub correction_saved: &'static str,

    // Theme settings.
    pub nav_themes: &'static str,
    pub themes_title: &'static str,
    pub themes_hint: &'static str,
    pub label_nl: &'static str,
    pub label_en: &'static str,
    pub keywords: &'static str,
    pub add_theme: &'static str,
    pub retagged: &'static str,
    pub models_title: &'static str,
    pub models_hint: &'static str,
    pub models_none: &'static str,
    pub model_version: &'static str,
    pub model_built_in: &'static str,
    pub model_trained: &'static str,
    pub model_corrections: &'static str,
    pub model_precision: &'static str,
    pub model_recall: &'static str,
    pub model_tone: &'static str,
    pub model_in_use: &'static str,
    pub model_compare: &'static str,
    pub model_switch: &'static str,
    pub model_current: &'static str,
    pub model_candidate: &'static str,
    /// `{changed}` of `{notes}` notes.
    pub model_changes: &'static str,
    /// `{n}`: notes tagged again.
    pub model_switched: &'static str,

    // Managers' insights (`/inzichten`).
    pub nav_insights: &'static str,
    pub insights_title: &'static str,
    /// `{k}`: the minimum group.
    pub insights_rule: &'static str,
    pub insights_view_as: &'static str,
    pub insights_filter: &'static str,
    pub insights_too_small: &'static str,
    pub insights_primary_title: &'static str,
    pub insights_no_primary: &'static str,
    pub insights_interviews: &'static str,
    pub insights_quarter: &'static str,
    pub too_few: &'static str,
    pub insights_trend_hidden: &'static str,
    /// Under a manager's trend chart when a line breaks.
    pub insights_chart_gap: &'static str,
    pub quotes_title: &'static str,
    /// `{n}`: the fewest interviews a department needs.
    pub quotes_rule: &'static str,
    pub quotes_none: &'static str,
    pub quotes_filtered: &'static str,
    // HR marking a note "delen" on a theme page.
    pub share_note: &'static str,
    pub unshare_note: &'static str,
    pub shared_with_managers: &'static str,
    pub manager_reads: &'static str,

    // The improvement plan (`/verbeterplan`).
    pub nav_plan: &'static str,
    pub plan_title: &'static str,
    pub plan_lead: &'static str,
    pub plan_new: &'static str,
    pub plan_empty: &'static str,
    /// Gepland, bezig, afgerond, gestopt.
    pub plan_statuses: [&'static str; 4],
    pub plan_status: &'static str,
    pub plan_title_field: &'static str,
    pub plan_description: &'static str,
    pub plan_themes: &'static str,
    pub plan_departments: &'static str,
    pub plan_owner: &'static str,
    pub plan_nobody: &'static str,
    pub plan_me: &'static str,
    pub plan_start: &'static str,
    pub plan_due: &'static str,
    pub plan_edit: &'static str,
    pub plan_delete: &'static str,
    pub plan_delete_confirm: &'static str,
    pub plan_saved: &'static str,
    /// In [`crate::domain::ActionProblem`] order.
    pub plan_problems: [&'static str; 8],
    pub plan_back_dated: &'static str,
    pub plan_progress: &'static str,
    pub plan_add_update: &'static str,
    pub plan_no_updates: &'static str,
    pub plan_effect: &'static str,
    pub plan_before: &'static str,
    pub plan_after: &'static str,
    /// `{x}` of `{n}` interviews, `{p}` the share.
    pub plan_mentioning: &'static str,
    /// In [`crate::domain::Verdict`] order.
    pub plan_verdicts: [&'static str; 5],
    /// `{d}`, `{lo}`, `{hi}`: percentage points.
    pub plan_difference: &'static str,
    pub plan_actions_on_theme: &'static str,
    pub plan_start_action: &'static str,

    // A department's published progress page, and HR publishing it.
    pub progress_title: &'static str,
    /// `{department}`.
    pub progress_lead: &'static str,
    pub progress_anonymous: &'static str,
    pub progress_latest: &'static str,
    pub progress_empty: &'static str,
    pub progress_gone: &'static str,
    /// `{date}`.
    pub progress_until: &'static str,
    pub progress_print: &'static str,
    pub publish_title: &'static str,
    pub publish_lead: &'static str,
    pub publish_days: &'static str,
    pub publish_make: &'static str,
    pub publish_made: &'static str,
    pub publish_link: &'static str,
    pub publish_open: &'static str,
    pub publish_links: &'static str,
    pub publish_none: &'static str,
    /// Active until, expired on, revoked on `{date}`.
    pub publish_states: [&'static str; 3],
    pub publish_revoke: &'static str,
    pub publish_by: &'static str,

    // Live theme suggestions on a note.
    pub suggested_themes: &'static str,
    pub remove_theme: &'static str,
    pub add_theme_to_note: &'static str,

    // Storage problems.
    pub storage_full: &'static str,
    pub storage_unavailable: &'static str,
    pub storage_corrupt: &'static str,
    pub storage_newer: &'static str,
}

impl Texts {
    /// The label of a theme key: a built-in theme's name, else the key itself.
    pub fn theme_label(&self, key: &str) -> String {
        crate::domain::ThemeId::from_key(key)
            .map(|t| self.themes[t.index()].to_owned())
            .unwrap_or_else(|| key.to_owned())
    }

    pub fn problem(&self, problem: DetailsProblem) -> &'static str {
        match problem {
            DetailsProblem::LeaverMissing => self.leaver_missing,
            DetailsProblem::LeavingBeforeStart => self.leaving_before_start,
        }
    }

    /// The button that lets `n` refused changes go.
    pub fn refused_dismiss(&self, n: usize) -> String {
        match n {
            1 => self.refused_dismiss_one.to_owned(),
            n => self.refused_dismiss_many.replace("{}", &n.to_string()),
        }
    }

    pub fn change_problem(&self, problem: crate::domain::ChangeProblem) -> &'static str {
        use crate::domain::ChangeProblem as P;
        let i = match problem {
            P::NotYours => 0,
            P::Erased => 1,
            P::LeaverMissing => 2,
            P::DatesOutOfOrder => 3,
            P::EmptyNote => 4,
            P::TooLong => 5,
            P::TooManyQuestions => 6,
            P::Anonymised => 7,
            P::ClockAhead => 8,
            P::Malformed => 9,
            P::BadCharacter => 10,
        };
        self.change_problems[i]
    }

    /// What to tell the interviewer when the store refused.
    pub fn store_error(&self, error: &crate::store::StoreError) -> String {
        use crate::store::StoreError;
        match error {
            StoreError::Full => self.storage_full.to_owned(),
            StoreError::Unavailable => self.storage_unavailable.to_owned(),
            StoreError::NewerSchema(_) => self.storage_newer.to_owned(),
            StoreError::Corrupt(_) => self.storage_corrupt.to_owned(),
            StoreError::Invalid(message) => message.clone(),
            StoreError::Locked => self.vault_locked.to_owned(),
        }
    }

    /// Why an account value was refused, in this language.
    pub fn account_problem(&self, problem: &crate::domain::AccountProblem) -> String {
        use crate::domain::AccountProblem as P;
        let i = match problem {
            P::Email => 0,
            P::Name => 1,
            P::Department => 2,
            P::Password => 3,
            P::Role(_) => 4,
            P::DepartmentsWithoutManager => 5,
        };
        self.account_problems[i].to_owned()
    }

    /// What to tell the user when an API call failed.
    pub fn api_failure(&self, failure: &crate::api::ApiFailure) -> String {
        use crate::api::ApiFailure;
        match failure {
            ApiFailure::Offline => self.offline_server.to_owned(),
            ApiFailure::Unreadable => self.server_error.to_owned(),
            ApiFailure::Refused {
                status,
                error,
                message,
                retry_after,
            } => match (*status, error.as_str()) {
                (_, "wrong_credentials") => self.login_wrong.to_owned(),
                (_, "too_many_attempts") => {
                    format!("{}: {}", self.login_wait, retry_after.unwrap_or(1))
                }
                (401, _) => self.login_first.to_owned(),
                (403, _) => self.hr_only.to_owned(),
                // Validation and conflicts: the server says what to fix.
                (400 | 409 | 413, _) if !message.is_empty() => message.clone(),
                _ => self.server_error.to_owned(),
            },
        }
    }

    /// The timing advice, with the number of days filled in.
    pub fn timing(&self, warning: TimingWarning) -> String {
        match warning {
            TimingWarning::AfterLeaving => self.warn_after_leaving.to_owned(),
            TimingWarning::TooEarly { days_before } => self
                .warn_too_early
                .replace("{days}", &days_before.to_string()),
        }
    }
}

/// The language chosen on this device, shared through context by [`provide_lang`].
#[derive(Clone, Copy)]
pub struct LangSignal(pub RwSignal<Lang>);

/// Puts the language signal in context (Dutch until the stored choice is read after hydration).
pub fn provide_lang() -> RwSignal<Lang> {
    let lang = RwSignal::new(Lang::default());
    provide_context(LangSignal(lang));
    // Screen readers and hyphenation follow `<html lang>`; the server always renders "nl".
    Effect::new(move |_| {
        let code = lang.get().code();
        if let Some(root) = document_element() {
            let _ = root.set_attribute("lang", code);
        }
    });
    lang
}

#[cfg(target_arch = "wasm32")]
fn document_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

#[cfg(not(target_arch = "wasm32"))]
fn document_element() -> Option<web_sys::Element> {
    None
}

/// The current language's texts, reactive.
pub fn use_texts() -> Signal<&'static Texts> {
    let lang = use_context::<LangSignal>()
        .map(|l| l.0)
        .unwrap_or_else(|| RwSignal::new(Lang::default()));
    Signal::derive(move || lang.get().texts())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_round_trip() {
        for lang in [Lang::Nl, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn timing_advice_names_the_days() {
        let nl = Lang::Nl
            .texts()
            .timing(TimingWarning::TooEarly { days_before: 30 });
        assert!(nl.contains("30"), "{nl}");
        assert!(!nl.contains("{days}"), "{nl}");
    }

    #[test]
    fn no_text_is_left_empty() {
        for lang in [Lang::Nl, Lang::En] {
            let t = lang.texts();
            let all = [
                t.themes.as_slice(),
                &t.note_kinds,
                &t.status_labels,
                &t.standard_questions,
            ];
            for text in all.into_iter().flatten() {
                assert!(!text.trim().is_empty(), "{lang:?}");
            }
        }
    }
}
