//! When sync runs in the browser, and what the interviewer sees of it. It runs by itself
//! after the page loads, when the browser comes online, when the app becomes visible, a few
//! seconds after each change and every 30 s while changes wait; after a failure it waits
//! longer each time (up to 5 minutes). "Nu synchroniseren" runs it at once.

use leptos::{prelude::*, task::spawn_local};

use super::{run, SyncFailure, Transport};
use crate::{
    api::{self, ApiFailure},
    clock,
    domain::{DeviceId, Millis, PullResponse, PushRequest, PushResponse, UserId},
    i18n::Texts,
    session::{use_session, Session},
    store,
    themes::Catalogue,
    vault::{use_vaults, Vaults},
};

/// After a change, wait this long for more typing before syncing.
pub const DEBOUNCE_MS: Millis = 2_000;
/// While changes wait, try at least this often.
pub const PERIOD_MS: Millis = 30_000;
/// The longest wait after failures.
pub const MAX_BACKOFF_MS: Millis = 300_000;

/// How long to wait after `failures` failed attempts in a row: 2 s, 4 s, 8 s … 5 min.
pub fn backoff(failures: u32) -> Millis {
    if failures == 0 {
        return 0;
    }
    let doubled = 2_000i64.saturating_mul(1 << failures.min(20).saturating_sub(1));
    doubled.min(MAX_BACKOFF_MS)
}

/// When to try next, after an attempt ended at `now` with `failures` failures in a row.
pub fn next_after_attempt(now: Millis, failures: u32) -> Millis {
    if failures == 0 {
        now + PERIOD_MS
    } else {
        now + backoff(failures)
    }
}

/// When to try next after a local change: soon, unless failures ask to wait longer.
pub fn next_after_change(now: Millis, current: Millis, failures: u32) -> Millis {
    if failures > 0 {
        current
    } else {
        current.min(now + DEBOUNCE_MS)
    }
}

/// What stands in the way of syncing.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Offline,
    NeedsLogin,
    /// The server acknowledged more than this device sent; nothing was dropped.
    Overreach,
    Failed(String),
}

/// The sync state shown in the header, provided as context.
#[derive(Clone, Copy)]
pub struct SyncAgent {
    /// Changes waiting to be sent.
    pub pending: RwSignal<usize>,
    /// Changes the server refused ("geweigerd"), kept on the device.
    pub refused: RwSignal<usize>,
    /// `(sent, total)` while a sync runs.
    pub progress: RwSignal<Option<(usize, usize)>>,
    pub last_synced: RwSignal<Option<Millis>>,
    pub problem: RwSignal<Option<Problem>>,
    /// Goes up when a sync changed interviews on this device, so pages read them again.
    pub revision: RwSignal<u64>,
    /// HR's theme settings as the last sync brought them: what suggestions follow.
    pub catalogue: RwSignal<Catalogue>,
    failures: RwSignal<u32>,
    next_try: RwSignal<Millis>,
    session: Session,
    vaults: Vaults,
}

/// The API, for the open vault's user: the server refuses (`wrong_user`) when the session
/// is somebody else's by now.
struct BrowserTransport {
    user: UserId,
}

impl Transport for BrowserTransport {
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, ApiFailure> {
        let path = format!("/sync/push?user={}", self.user);
        api::call("POST", &path, Some(request)).await
    }

    async fn pull(&self, device: DeviceId, cursor: i64) -> Result<PullResponse, ApiFailure> {
        let path = format!(
            "/sync/pull?device={device}&cursor={cursor}&user={}",
            self.user
        );
        api::call("GET", &path, None::<&()>).await
    }
}

impl SyncAgent {
    /// Reads the counts and the last sync time from the open vault (none while locked).
    pub fn refresh(self) {
        let Ok(store) = store::browser() else {
            self.pending.set(0);
            self.refused.set(0);
            self.last_synced.set(None);
            return;
        };
        if let Ok(counts) = store.pending_counts() {
            self.pending.set(counts.unsent());
            self.refused.set(counts.refused());
        }
        if let Ok(state) = store.sync_state() {
            self.last_synced.set(state.last_synced_at);
        }
    }

    /// Reads HR's theme settings the last sync stored; a signal only changes when they did.
    fn load_catalogue(self) {
        if let Ok(catalogue) = store::browser().and_then(|s| s.catalogue()) {
            if self.catalogue.with_untracked(|c| *c != catalogue) {
                self.catalogue.set(catalogue);
            }
        }
    }

    /// After a local edit: count it and sync soon.
    pub fn changed(self) {
        self.refresh();
        let next = next_after_change(
            clock::now(),
            self.next_try.get_untracked(),
            self.failures.get_untracked(),
        );
        self.next_try.set(next);
    }

    /// "Nu synchroniseren", coming online, becoming visible: try now.
    pub fn sync_now(self) {
        self.failures.set(0);
        self.next_try.set(clock::now());
        self.start();
    }

    fn due(self) -> bool {
        self.progress.get_untracked().is_none() && clock::now() >= self.next_try.get_untracked()
    }

    fn start(self) {
        if self.progress.get_untracked().is_some() {
            return;
        }
        // What syncs is the open vault, under its own user's account only; a manager takes
        // no interviews and may not sync.
        let Some(owner) = self.vaults.open.get_untracked() else {
            return;
        };
        if self.session.is_manager_untracked() {
            return;
        }
        if !online() {
            self.problem.set(Some(Problem::Offline));
            return;
        }
        // Changes are pushed under the logged-in user's own device id: without knowing who
        // that is (the page opened offline), ask the server; a known user brings the sync
        // back at once (see the login effect below). Logged in as somebody else (another
        // interviewer used this tablet online), the vault's owner must log in again.
        let session_user = self
            .session
            .user
            .with_untracked(|u| u.as_ref().map(|u| u.id));
        if session_user.is_some_and(|u| u != owner) {
            self.problem.set(Some(Problem::NeedsLogin));
            return;
        }
        let Some(user) = session_user else {
            let failures = self.failures.get_untracked() + 1;
            self.failures.set(failures);
            self.next_try
                .set(next_after_attempt(clock::now(), failures));
            if self.pending.get_untracked() > 0 {
                self.ask_who();
            }
            return;
        };
        self.progress.set(Some((0, self.pending.get_untracked())));
        spawn_local(async move {
            let result = match store::browser() {
                Ok(store) => {
                    let progress = self.progress;
                    run(&store, &BrowserTransport { user }, user, |sent, total| {
                        progress.set(Some((sent, total)))
                    })
                    .await
                }
                Err(e) => Err(SyncFailure::Storage(e)),
            };
            self.progress.set(None);
            // The vault locked meanwhile (its writes were refused): nothing of this run
            // belongs on the screen of whoever opened a vault since.
            if self.vaults.open.get_untracked() != Some(owner) {
                self.refresh();
                return;
            }
            let failures = match &result {
                Ok(report) => {
                    self.problem.set(None);
                    if let Some(settings) = &report.settings {
                        crate::prefs::set_tablet_settings(settings);
                    }
                    self.load_catalogue();
                    if report.pulled + report.refused + report.removed + report.gone > 0 {
                        self.revision.update(|r| *r += 1);
                    }
                    0
                }
                Err(e) => {
                    self.problem.set(Some(problem_of(e)));
                    self.failures.get_untracked() + 1
                }
            };
            self.failures.set(failures);
            self.next_try
                .set(next_after_attempt(clock::now(), failures));
            self.refresh();
        });
    }
}

impl SyncAgent {
    /// Asks the server who is logged in, and says what stands in the way when nobody is.
    fn ask_who(self) {
        spawn_local(async move {
            let problem = match self.session.ask().await {
                Ok(Some(_)) => return,
                Ok(None) => Problem::NeedsLogin,
                Err(e) => problem_of(&SyncFailure::Api(e)),
            };
            self.problem.set(Some(problem));
        });
    }
}

fn problem_of(e: &SyncFailure) -> Problem {
    match e {
        e if e.needs_login() => Problem::NeedsLogin,
        SyncFailure::Api(ApiFailure::Refused { error, .. }) if error == "wrong_user" => {
            Problem::NeedsLogin
        }
        SyncFailure::Api(ApiFailure::Offline) => Problem::Offline,
        SyncFailure::Overreach { .. } => Problem::Overreach,
        SyncFailure::Api(other) => Problem::Failed(format!("{other:?}")),
        SyncFailure::Storage(e) => Problem::Failed(e.to_string()),
    }
}

impl Problem {
    pub fn text(&self, t: &Texts) -> String {
        match self {
            Problem::Offline => t.sync_offline.to_owned(),
            Problem::NeedsLogin => t.sync_needs_login.to_owned(),
            Problem::Overreach => t.sync_overreach.to_owned(),
            Problem::Failed(detail) => format!("{} ({detail})", t.sync_failed),
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

#[cfg(not(target_arch = "wasm32"))]
fn online() -> bool {
    false
}

/// Provides the [`SyncAgent`] and, in the browser, starts its triggers.
pub fn provide_sync() -> SyncAgent {
    let session = use_session();
    let vaults = use_vaults();
    let agent = SyncAgent {
        session,
        vaults,
        pending: RwSignal::new(0),
        refused: RwSignal::new(0),
        progress: RwSignal::new(None),
        last_synced: RwSignal::new(None),
        problem: RwSignal::new(None),
        revision: RwSignal::new(0),
        catalogue: RwSignal::new(Catalogue::default()),
        failures: RwSignal::new(0),
        next_try: RwSignal::new(0),
    };
    provide_context(agent);
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| {
        agent.refresh();
        agent.load_catalogue();
        agent.sync_now();
        let _ = window_event_listener(leptos::ev::online, move |_| agent.sync_now());
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                agent.sync_now();
            }
        });
        let _ = set_interval_with_handle(
            move || {
                if agent.pending.get_untracked() > 0 && agent.due() {
                    agent.start();
                }
            },
            std::time::Duration::from_secs(1),
        );
    });
    // A vault opened (or locked): show its counts, and sync what it holds.
    Effect::new(move |_| {
        if vaults.open.get().is_some() {
            agent.refresh();
            agent.load_catalogue();
            agent.sync_now();
        } else {
            agent.refresh();
            agent.problem.set(None);
        }
    });
    // A login after "log in again": try at once.
    Effect::new(move |was_logged_in: Option<bool>| {
        let logged_in = session.user.with(Option::is_some);
        if logged_in && was_logged_in == Some(false) {
            agent.sync_now();
        }
        logged_in
    });
    agent
}

pub fn use_sync() -> SyncAgent {
    expect_context::<SyncAgent>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_failures_and_reset_after_success() {
        let waits: Vec<_> = (0..12).map(backoff).collect();
        assert_eq!(
            waits,
            [
                0, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000,
                300_000
            ]
        );
        assert_eq!(backoff(u32::MAX), MAX_BACKOFF_MS);
        assert_eq!(
            next_after_attempt(1_000, 0),
            31_000,
            "success: the 30 s rhythm"
        );
        assert_eq!(next_after_attempt(1_000, 3), 9_000);
    }

    #[test]
    fn a_change_brings_the_next_try_closer_unless_failing() {
        assert_eq!(next_after_change(1_000, 31_000, 0), 3_000);
        assert_eq!(next_after_change(1_000, 1_500, 0), 1_500, "already sooner");
        assert_eq!(
            next_after_change(1_000, 60_000, 2),
            60_000,
            "back-off holds"
        );
    }
}
