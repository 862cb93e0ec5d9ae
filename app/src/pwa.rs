//! The installable, offline app in the browser: registers the service worker (`/sw.js`),
//! notices when a new version is waiting, and asks the browser to keep this site's storage.
//!
//! A waiting version is only activated by [`Pwa::activate_update`], the interviewer's own
//! click: the page never reloads by itself, so an open interview is never interrupted.

use leptos::prelude::*;

/// What the page knows about the service worker and storage; a context set up by [`App`].
///
/// [`App`]: crate::App
#[derive(Clone, Copy)]
pub struct Pwa {
    /// A new version is installed and waits for the interviewer's go.
    pub update_waiting: RwSignal<bool>,
    /// Whether the browser promised not to clear this site's storage; `None` until it answers.
    pub persisted: RwSignal<Option<bool>>,
}

impl Pwa {
    /// Activates the waiting version and reloads once it has taken over.
    pub fn activate_update(&self) {
        browser::activate_waiting();
    }
}

/// Provides [`Pwa`] and, after hydration, registers the worker and asks for persistence.
pub fn provide_pwa() {
    let pwa = Pwa {
        update_waiting: RwSignal::new(false),
        persisted: RwSignal::new(None),
    };
    provide_context(pwa);
    Effect::new(move |_| browser::start(pwa));
}

pub fn use_pwa() -> Pwa {
    expect_context::<Pwa>()
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{prelude::*, JsCast};
    use wasm_bindgen_futures::{spawn_local, JsFuture};
    use web_sys::{
        Navigator, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
    };

    use super::Pwa;

    pub fn start(pwa: Pwa) {
        let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
            return;
        };
        spawn_local(ask_persistence(navigator.clone(), pwa.persisted));
        let Some(container) = workers(&navigator) else {
            return;
        };
        spawn_local(async move {
            match JsFuture::from(container.register("/sw.js")).await {
                Ok(reg) => watch(container, reg.unchecked_into(), pwa.update_waiting),
                Err(e) => leptos::logging::warn!("service worker not registered: {e:?}"),
            }
        });
    }

    /// `navigator.serviceWorker`, missing outside a secure context (a LAN address over http).
    fn workers(navigator: &Navigator) -> Option<ServiceWorkerContainer> {
        js_sys::Reflect::has(navigator, &"serviceWorker".into())
            .unwrap_or(false)
            .then(|| navigator.service_worker())
    }

    /// Sets `waiting` when a new version has installed while an older one runs this page.
    fn watch(
        container: ServiceWorkerContainer,
        reg: ServiceWorkerRegistration,
        waiting: RwSignal<bool>,
    ) {
        let controlled = {
            let container = container.clone();
            move || container.controller().is_some()
        };
        if reg.waiting().is_some() && controlled() {
            waiting.set(true);
        }
        let on_update_found = {
            let reg = reg.clone();
            Closure::<dyn FnMut()>::new(move || {
                let Some(worker) = reg.installing() else {
                    return;
                };
                let installing = worker.clone();
                let controlled = controlled.clone();
                let on_state = Closure::<dyn FnMut()>::new(move || {
                    if installing.state() == ServiceWorkerState::Installed && controlled() {
                        waiting.set(true);
                    }
                });
                worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            })
        };
        reg.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();

        // A tablet keeps the app open for days: look for a new version whenever it is shown.
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let doc = document.clone();
        let on_visible = Closure::<dyn FnMut()>::new(move || {
            if doc.visibility_state() == web_sys::VisibilityState::Visible {
                let _ = reg.update();
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visible.as_ref().unchecked_ref(),
        );
        on_visible.forget();
    }

    pub fn activate_waiting() {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(container) = workers(&window.navigator()) else {
            return;
        };
        // Reload only now, after the interviewer asked for it.
        let on_change = Closure::<dyn FnMut()>::new(move || {
            let _ = window.location().reload();
        });
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        spawn_local(async move {
            let reg = JsFuture::from(container.get_registration()).await;
            let waiting = reg
                .ok()
                .and_then(|reg| reg.dyn_into::<ServiceWorkerRegistration>().ok())
                .and_then(|reg| reg.waiting());
            match waiting {
                Some(worker) => {
                    let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
                }
                // Another tab activated it already: this page still runs the old version.
                None => {
                    let _ = web_sys::window().map(|w| w.location().reload());
                }
            }
        });
    }

    async fn ask_persistence(navigator: Navigator, persisted: RwSignal<Option<bool>>) {
        let storage = navigator.storage();
        let ask = |promise: Result<js_sys::Promise, JsValue>| async move {
            JsFuture::from(promise.ok()?).await.ok()?.as_bool()
        };
        let granted = match ask(storage.persisted()).await {
            Some(true) => Some(true),
            _ => ask(storage.persist()).await,
        };
        persisted.set(granted);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    //! On the server there is no browser: nothing to register.

    pub fn start(_: super::Pwa) {}

    pub fn activate_waiting() {}
}
