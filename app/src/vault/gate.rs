//! What the interviewer sees of the vaults. The interviewer's pages show only through
//! [`VaultGate`]: while no vault is open, the lock screen stands in their place (the users who
//! have a vault here, by name, with their unsent count; nothing of any interview). The open
//! vault locks itself after a period without input (HR's setting, 10 minutes by default),
//! when the page was hidden longer than that, and on logout; unlocking brings back the same
//! screen, since the page is drawn again from the vault (drafts included).

use leptos::{either::Either, prelude::*, task::spawn_local};

use super::{VaultError, VaultMeta};
use crate::{
    domain::{Millis, User, UserId},
    i18n::use_texts,
};

/// The vaults' state, provided as context.
#[derive(Clone, Copy)]
pub struct Vaults {
    /// Whose vault is open.
    pub open: RwSignal<Option<UserId>>,
    /// The vaults on this device, for the lock screen.
    pub listed: RwSignal<Vec<VaultMeta>>,
    last_input: RwSignal<Moment>,
    hidden_since: RwSignal<Option<Moment>>,
    /// Where the page was scrolled when it locked, and whose it was.
    scrolled: StoredValue<Option<(UserId, f64)>>,
}

impl Vaults {
    /// Reads the list of vaults again.
    pub fn refresh(self) {
        self.listed.set(listed());
    }

    /// Opens `user`'s vault with `password` (offline too).
    pub async fn unlock(self, user: UserId, password: &str) -> Result<(), VaultError> {
        // Whatever was open is locked first, even when this one does not open.
        self.hide();
        imp::unlock(user, password).await?;
        self.opened(user);
        Ok(())
    }

    /// After the server accepted `password` for `user`: their vault opens, or is made when
    /// this device has none for them yet. When the password no longer opens the vault (it
    /// was changed or reset), the vault stays closed: [`Vaults::keep`] or
    /// [`Vaults::start_afresh`] decide.
    pub async fn open_for_login(self, user: &User, password: &str) -> Result<(), VaultError> {
        let known = listed().iter().any(|v| v.user == user.id);
        if known {
            return self.unlock(user.id, password).await;
        }
        self.start_afresh(user, password).await
    }

    /// Keeps the vault opened by `old` and opens it with `new` from now on.
    pub async fn keep(self, user: UserId, old: &str, new: &str) -> Result<(), VaultError> {
        imp::rewrap(user, old, new).await?;
        self.unlock(user, new).await
    }

    /// A new, empty vault for `user`; one they had here is given up.
    pub async fn start_afresh(self, user: &User, password: &str) -> Result<(), VaultError> {
        self.hide();
        imp::create(user.id, user.name.as_str(), password).await?;
        self.opened(user.id);
        Ok(())
    }

    /// Closes the open vault: out of sight at once, then sealed and forgotten.
    pub async fn lock(self) {
        self.hide();
        imp::lock().await;
        self.refresh();
    }

    /// Nothing of the open vault on screen from now on (a signal set to the same value
    /// would draw the lock screen afresh, losing what is typed there).
    fn hide(self) {
        if let Some(user) = self.open.get_untracked() {
            self.scrolled.set_value(Some((user, scroll::position())));
            self.open.set(None);
        }
    }

    fn opened(self, user: UserId) {
        self.last_input.set(Moment::now());
        self.open.set(Some(user));
        self.refresh();
        // The same screen, at the same place (once the page is drawn again).
        if let Some((owner, y)) = self.scrolled.get_value() {
            if owner == user {
                scroll::restore(y);
            }
        }
        self.scrolled.set_value(None);
    }

    /// The vault locks when the period without input, or hidden, has passed.
    fn check_idle(self, period: Millis) {
        let now = Moment::now();
        let hidden_too_long = self
            .hidden_since
            .get_untracked()
            .is_some_and(|h| now.since(h) > period);
        let idle = now.since(self.last_input.get_untracked()) > period;
        if self.open.get_untracked().is_some() && (idle || hidden_too_long) {
            spawn_local(self.lock());
        }
    }
}

/// A moment on two clocks. The page's own clock does not move while a tablet sleeps, the date
/// may be changed: time has passed when either says so.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Moment {
    page: Millis,
    date: Millis,
}

impl Moment {
    fn now() -> Self {
        Self {
            page: monotonic(),
            date: crate::clock::now(),
        }
    }

    fn since(self, earlier: Moment) -> Millis {
        (self.page - earlier.page).max(self.date - earlier.date)
    }
}

/// Milliseconds on a clock that only moves forward (not the date, which may be changed).
fn monotonic() -> Millis {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0, |p| p.now() as Millis)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

fn listed() -> Vec<VaultMeta> {
    super::list(&crate::store::BrowserStorage).unwrap_or_default()
}

/// HR's lock period (`TabletSettings::lock_after_minutes`), in milliseconds.
fn lock_period() -> Millis {
    let minutes = crate::prefs::tablet_settings().lock_after_minutes;
    Millis::from(minutes.clamp(1, crate::domain::TabletSettings::MAX_LOCK_MINUTES)) * 60_000
}

/// Provides [`Vaults`] and, in the browser, the idle lock.
pub fn provide_vaults() -> Vaults {
    let vaults = Vaults {
        open: RwSignal::new(None),
        listed: RwSignal::new(Vec::new()),
        last_input: RwSignal::new(Moment::default()),
        hidden_since: RwSignal::new(None),
        scrolled: StoredValue::new(None),
    };
    provide_context(vaults);
    Effect::new(move |_| {
        #[cfg(target_arch = "wasm32")]
        super::browser::expose_latencies();
        vaults.refresh();
        let touched = move || vaults.last_input.set(Moment::now());
        let _ = window_event_listener(leptos::ev::keydown, move |_| touched());
        let _ = window_event_listener(leptos::ev::pointerdown, move |_| touched());
        let _ = window_event_listener(leptos::ev::input, move |_| touched());
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
            let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
            if hidden {
                vaults.hidden_since.set(Some(Moment::now()));
            } else {
                // Judged on how long it was hidden, then forgotten.
                vaults.check_idle(lock_period());
                vaults.hidden_since.set(None);
            }
        });
        // Another page of this browser opened a vault: this one locks (one at a time).
        let _ = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(super::OPENED_KEY) {
                spawn_local(vaults.lock());
            }
        });
        let _ = set_interval_with_handle(
            move || vaults.check_idle(lock_period()),
            std::time::Duration::from_secs(5),
        );
    });
    vaults
}

pub fn use_vaults() -> Vaults {
    expect_context::<Vaults>()
}

/// The interviewer's page once their vault is open; the lock screen until then.
#[component]
pub fn VaultGate(children: ChildrenFn) -> impl IntoView {
    let vaults = use_vaults();
    move || {
        if vaults.open.get().is_some() {
            Either::Left(children())
        } else {
            Either::Right(view! { <LockScreen/> })
        }
    }
}

#[component]
fn LockScreen() -> impl IntoView {
    let t = use_texts();
    let vaults = use_vaults();
    let chosen = RwSignal::new(None::<UserId>);
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(user) = chosen.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match vaults.unlock(user, &password.get_untracked()).await {
                Ok(()) => {
                    password.set(String::new());
                    error.set(None);
                }
                Err(VaultError::WrongPassword) => {
                    error.set(Some(t.get_untracked().vault_wrong.into()))
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };
    let users = move || {
        vaults.listed.get().into_iter().map(|v| {
            let user = v.user;
            let unsent = (v.unsent > 0).then(|| format!("{} {}", v.unsent, t.get().vault_unsent));
            view! {
                <li>
                    <button type="button" class="vault-user" aria-pressed=move || (chosen.get() == Some(user)).to_string()
                        on:click=move |_| { chosen.set(Some(user)); error.set(None); }>
                        <strong>{v.name}</strong>
                        <span class="meta">{unsent}</span>
                    </button>
                </li>
            }
        }).collect_view()
    };
    view! {
        <section class="page narrow lock-screen">
            <h1>{move || t.get().vault_title}</h1>
            <p>{move || t.get().vault_intro}</p>
            <ul class="vault-users">{users}</ul>
            <Show when=move || chosen.get().is_some()>
                <form class="stack" on:submit=submit>
                    <crate::components::Field label=Signal::derive(move || t.get().password) value=password kind="password" autocomplete="current-password"/>
                    <p class="error" role="alert">{move || error.get()}</p>
                    <button type="submit" class="primary" disabled=move || busy.get()>{move || t.get().vault_unlock}</button>
                </form>
            </Show>
            <p><a href="/inloggen">{move || t.get().vault_login}</a></p>
        </section>
    }
}

#[cfg(target_arch = "wasm32")]
use super::browser as imp;

/// The page's scroll position (nothing off the browser).
mod scroll {
    #[cfg(target_arch = "wasm32")]
    pub fn position() -> f64 {
        leptos::prelude::window().scroll_y().unwrap_or(0.0)
    }

    #[cfg(target_arch = "wasm32")]
    pub fn restore(y: f64) {
        // The page reads the vault in effects: scrolled after the next frame is drawn.
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::request_animation_frame(move || {
                leptos::prelude::window().scroll_to_with_x_and_y(0.0, y)
            })
        });
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn position() -> f64 {
        0.0
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn restore(_: f64) {}
}

/// Off the browser (server rendering) no vault ever opens.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use crate::{domain::UserId, store::StoreError, vault::VaultError};

    const NONE: VaultError = VaultError::Storage(StoreError::Unavailable);

    pub async fn unlock(_: UserId, _: &str) -> Result<(), VaultError> {
        Err(NONE)
    }
    pub async fn create(_: UserId, _: &str, _: &str) -> Result<(), VaultError> {
        Err(NONE)
    }
    pub async fn rewrap(_: UserId, _: &str, _: &str) -> Result<(), VaultError> {
        Err(NONE)
    }
    pub async fn lock() {}
}
